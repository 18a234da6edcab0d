# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Full-text search in a document's metadata and in the text of its stored files
(issue 17, ND 30 Phụ lục VI III.6).

Where the vectors live: PostgreSQL keeps them current itself.
- The text of a stored file (``vn.file.text``, from its layer or OCR): a generated
  column ``content_vector`` with a GIN index. OCR writing the text later, a recall
  emptying it: the column follows in the same statement.
- A document's metadata: a generated column ``content_vector`` on the document's
  table over the fields of ``_vn_content_fields``, with a GIN index (the mixin's
  ``init``). Stored, so checking a document along the list's order is one ``@@``
  rather than a vector computed from its fields (a common phrase checks thousands).
  The ORM does not know the column (no field): it never writes it.
Both are ``to_tsvector('simple', unaccent(...))``: lower case, no accents, no
stemming (Vietnamese words are syllables).

A search is a phrase: the words typed, in this order, next to each other
(``phraseto_tsquery``), with or without quotes, accents or capitals. It is a domain
on ``id`` that the ORM ANDs with the record rules (never sudo); the snippet is read
as the user, from files he may read, for the records on screen only.
"""

import json

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.modules.db import FunctionStatus
from odoo.tools import SQL
from odoo.tools.sql import make_identifier

from ..tools import content_search

CONFIG = "simple"
# The first this many characters of a text are searchable (a tsvector holds 1 MB).
TEXT_MAX = 500000
POSITIVE = ("ilike", "like", "=", "=ilike", "=like")
# Above this many matching texts, a list walks its order index and checks each
# document (it stops at its page and the pager's count) rather than collecting every
# match first (see _search_content_search).
SEMI_JOIN_MAX = 20000
CONTEXT_KEY = "vn_content_search_terms"


def _unaccent(registry, expression):
    if registry.has_unaccent == FunctionStatus.INDEXABLE:
        return registry.unaccent(expression)
    return expression


def metadata_vector(registry, columns, alias=None):
    """The SQL text of a document's metadata vector (the same in the index and in
    the search, or PostgreSQL would not use the index)."""
    prefix = f'"{alias}".' if alias else ""
    text = " || ' ' || ".join(f"coalesce({prefix}\"{c}\", '')" for c in columns)
    return f"to_tsvector('{CONFIG}'::regconfig, {_unaccent(registry, f'({text})')})"


class VnContentSearchMixin(models.AbstractModel):
    """``content_search``: the search bar's "Content" (metadata and files' text);
    ``content_snippet``: where it was found, words marked, for the list."""

    _name = "vn.content.search.mixin"
    _description = "Content search in metadata and the text of stored files"

    # The metadata searched with the files' text (the generated column's source:
    # changing it needs the column dropped in a migration, then rebuilt by init).
    _vn_content_fields = ("subject",)

    content_search = fields.Char(
        string="Content",
        compute="_compute_content_search",
        search="_search_content_search",
        help="Words in the subject or in the text of the stored files, in this "
        "order, without regard to accents.",
    )
    content_snippet = fields.Html(
        string="Found in",
        compute="_compute_content_snippet",
        sanitize=False,  # built escaped: see tools/content_search.py
    )

    @api.private
    def init(self):
        result = super().init()
        if not self._abstract:
            vector_column(
                self.env,
                self._table,
                metadata_vector(self.env.registry, self._vn_content_fields),
            )
        return result

    def _compute_content_search(self):
        self.content_search = False

    @api.model
    def _search_content_search(self, operator, value):
        if operator in Domain.NEGATIVE_OPERATORS:
            return NotImplemented  # the ORM negates the positive search
        if operator not in POSITIVE or not isinstance(value, str):
            raise UserError(self.env._("Unsupported search."))
        if not content_search.words(value):
            return Domain.TRUE
        if self._vn_content_many(value):
            return Domain.custom(
                to_sql=lambda model, alias, query: self._vn_content_filter(value, alias)
            )
        return Domain("id", "in", self._vn_content_ids(value))

    @api.model
    def _vn_content_many(self, value):
        """Whether PostgreSQL expects more than SEMI_JOIN_MAX file texts to hold
        the phrase (its planner's estimate from the vectors' statistics: counting
        them would read every match of a common phrase). Only the query's form
        depends on it, never its rows. Two forms of the same set, as for the reader
        keys (vn_document_incoming): a rare phrase is a semi-join on the GIN
        indexes; a common one a condition checked document by document along the
        list's order, which stops when the page and the count are full."""
        self.env["vn.file.text"].flush_model(["text"])
        self.env.cr.execute(
            SQL(
                "EXPLAIN (FORMAT JSON) SELECT 1 FROM vn_file_text t "
                "WHERE t.content_vector @@ %s",
                self._vn_content_query(value),
            )
        )
        plan = self.env.cr.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return plan[0]["Plan"]["Plan Rows"] > SEMI_JOIN_MAX

    @api.model
    def _vn_content_filter(self, value, alias):
        """The phrase as a condition on the document ``alias``: its metadata vector,
        or one of its files' text (an index probe on the file's owner)."""
        query = self._vn_content_query(value)
        Text = self.env["vn.file.text"]
        File = self.env["vn.document.file"]
        return SQL(
            "(%s @@ %s OR EXISTS (SELECT FROM %s f JOIN %s t ON t.file_id = f.id "
            "WHERE f.res_model = %s AND f.res_id = %s AND t.content_vector @@ %s "
            # OFFSET 0: PostgreSQL may not turn the EXISTS into a hash of every
            # match (7.9 s for a phrase in 30 % of a million texts, 1.5 s without).
            # Not overriding _search to drop it for the exact count (6.2 s instead
            # of 15.3 s): that would change every many2one search on documents.
            "OFFSET 0))",
            SQL.identifier(alias, "content_vector"),
            query,
            SQL.identifier(File._table),
            SQL.identifier(Text._table),
            self._name,
            SQL.identifier(alias, "id"),
            query,
            to_flush=[
                Text._fields["text"],
                File._fields["res_id"],
                *(self._fields[name] for name in self._vn_content_fields),
            ],
        )

    @api.model
    def _vn_content_query(self, value):
        return SQL(
            "phraseto_tsquery(%s::regconfig, %s)",
            CONFIG,
            SQL(_unaccent(self.env.registry, "%s"), value),
        )

    @api.model
    def _vn_content_ids(self, value):
        """The ids whose metadata or files' text holds the phrase, as one subquery
        (the ORM adds the rules around it)."""
        query = self._vn_content_query(value)
        return SQL(
            "(%s UNION ALL %s)",
            self._vn_metadata_ids(query),
            self._vn_text_ids(query),
        )

    @api.model
    def _vn_metadata_ids(self, query):
        return SQL(
            "SELECT d.id FROM %s d WHERE d.content_vector @@ %s",
            SQL.identifier(self._table),
            query,
            to_flush=[self._fields[name] for name in self._vn_content_fields],
        )

    @api.model
    def _vn_text_ids(self, query):
        """The documents of this model with a stored file whose text matches."""
        Text = self.env["vn.file.text"]
        File = self.env["vn.document.file"]
        return SQL(
            "SELECT f.res_id FROM %s f JOIN %s t ON t.file_id = f.id "
            "WHERE f.res_model = %s AND t.content_vector @@ %s",
            SQL.identifier(File._table),
            SQL.identifier(Text._table),
            self._name,
            query,
            to_flush=[Text._fields["text"], File._fields["res_id"]],
        )

    # ------------------------------------------------------------------
    # The snippet
    # ------------------------------------------------------------------
    @api.depends_context(CONTEXT_KEY)
    def _compute_content_snippet(self):
        """Only for records the user may read (his access on these ids), whatever
        the ORM cache holds."""
        terms = self.env.context.get(CONTEXT_KEY) or []
        if not isinstance(terms, (list, tuple)):
            terms = [terms]
        terms = [term for term in terms if isinstance(term, str)]
        readable = self.browse()
        if terms:
            readable = self.filtered("id")._filtered_access("read")
        texts = readable._vn_readable_snippet_texts(terms) if readable else {}
        for record in self:
            found = ""
            if record.id in readable.ids:
                found = texts.get(record.id) or content_search.snippet(
                    " ".join(record[name] or "" for name in self._vn_content_fields),
                    terms,
                )
            record.content_snippet = found

    def _vn_snippet_texts(self, terms):
        """{id: snippet} from the text of the files of these records that the user
        may read. A file's text is visible exactly when its document is
        (``vn.document.attached.mixin``): the records are first filtered by the
        user's own access (his rules, on these ids only); their texts are then read
        without a second semi-join with every document he may see (which took
        seconds at a million documents)."""
        readable = self.filtered("id")._filtered_access("read")
        return readable._vn_readable_snippet_texts(terms) if readable else {}

    def _vn_readable_snippet_texts(self, terms):
        """``_vn_snippet_texts`` of records already filtered by the user's access
        (the snippet's compute filters them once for both the texts and the
        metadata)."""
        query = Domain.OR(
            Domain.custom(
                to_sql=lambda model, alias, _query, term=term: SQL(
                    "%s @@ %s",
                    SQL.identifier(alias, "content_vector"),
                    self._vn_content_query(term),
                )
            )
            for term in terms
        )
        files = (
            self.env["vn.document.file"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        texts = (
            self.env["vn.file.text"]
            .sudo()
            .search_fetch(
                Domain([("file_id", "in", files.ids), ("state", "=", "done")]) & query,
                ["text", "file_id"],
            )
        )
        found = {}
        for text in texts:
            res_id = text.file_id.res_id
            if not found.get(res_id):
                found[res_id] = content_search.snippet(text.text, terms)
        return found

    @api.model
    def _vn_content_terms(self, domain):
        """The values of the positive ``content_search`` conditions of ``domain``."""
        terms = []

        def visit(node):
            if getattr(node, "field_expr", None) == "content_search":
                if node.operator in POSITIVE and isinstance(node.value, str):
                    terms.append(node.value)
            for child in getattr(node, "children", ()) or ():
                visit(child)

        visit(Domain(domain or []))
        return terms

    @api.model
    @api.readonly
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        """The list's search: the content terms go to the snippet's compute."""
        terms = (
            self._vn_content_terms(domain) if "content_snippet" in specification else []
        )
        model = self.with_context(**{CONTEXT_KEY: terms}) if terms else self
        return super(VnContentSearchMixin, model).web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )


def content_vector_column(env):
    """The generated column and GIN index of the files' text (``vn.file.text``'s
    ``init``): created once, then kept by PostgreSQL."""
    text = _unaccent(env.registry, f"left(coalesce(text, ''), {TEXT_MAX})")
    vector_column(env, "vn_file_text", f"to_tsvector('{CONFIG}'::regconfig, {text})")


def vector_column(env, table, vector):
    """A generated column ``content_vector`` = ``vector`` on ``table``, with its GIN
    index: created once (adding it rewrites the table: minutes at a million rows),
    then kept current by PostgreSQL on every write of its source columns."""
    cr = env.cr
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = 'content_vector'",
        [table],
    )
    if not cr.fetchone():
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN content_vector tsvector "
                "GENERATED ALWAYS AS (%s) STORED",
                SQL.identifier(table),
                SQL(vector),
            )
        )
    cr.execute(
        SQL(
            "CREATE INDEX IF NOT EXISTS %s ON %s USING gin (content_vector)",
            SQL.identifier(make_identifier(f"{table}_content_vector_index")),
            SQL.identifier(table),
        )
    )
