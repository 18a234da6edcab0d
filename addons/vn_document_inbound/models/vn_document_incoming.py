# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.modules.db import FunctionStatus
from odoo.tools import SQL, frozendict

from odoo.addons.vn_document_base.tools.activities import sync_activities
from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date
from odoo.addons.vn_document_base.tools.selection import selection_label
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

# How a document arrives, in neutral terms; an exchange platform's connector adds its
# own channel (selection_add).
CHANNELS = [
    ("email", "E-mail"),
    ("internal", "Internal unit"),
    ("paper", "Paper"),
]
# Fields only the suite's services set (as superuser, after their own checks): never a
# client, in create as in write (SECURITY.md: create is a door as wide as write).
WORKFLOW_FIELDS = {
    "state",
    "arrival_number",
    "registered_by_id",
    "registered_on",
    "received_by_id",
    "main_file_id",
    "file_ids",
    "trail_ids",
    "assignment_ids",
    "directive",
    "submitted_to_id",
    "return_reason",
    "recall_reason",
    "recalled_on",
    "recalled_by_id",
    "document_identifier",
    "file_catalog",
    "register_correction_ids",
    "done_on",
    "done_deadline",
    "is_late_entry",
    "handling_department_id",
    "handling_user_id",
}
# The register entry (ND 30 Phụ lục IV): once the arrival number is taken, none of it
# changes, not even for the superuser; a mistake is fixed by a correction record
# (vn.register.correction).
REGISTER_FIELDS = {
    "register_book_id",
    "outage_id",
    "arrival_number",
    "arrival_date",
    "file_catalog",
    "registered_by_id",
    "registered_on",
    "sender_id",
    "organ_name",
    "code_number",
    "code_notation",
    "issued_date",
    "subject",
    "document_type_id",
    "main_file_id",
    "company_id",
    "channel",
}
# Activity type of each role of an assignment (R-IN9); "inform" has none.
ROLE_ACTIVITY_TYPES = {
    "lead": "vn_document_inbound.mail_act_vn_incoming_lead",
    "cooperate": "vn_document_inbound.mail_act_vn_incoming_cooperate",
}
DIRECTIVE_ACTIVITY_TYPE = "vn_document_inbound.mail_act_vn_incoming_directive"
STATES = [
    ("received", "Received"),
    ("registered", "Registered"),
    ("submitted", "Submitted"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("returned", "Returned"),
    ("recalled", "Recalled"),
]


# The record rules' sources of readers (issue 15): a key "<kind>:<id>" names the
# documents of one user or unit through one indexed column.
READER_KINDS = {
    # an assignment (any role or state) to the user
    "assigned": ("vn.document.assignment", "user_id"),
    # an assignment (any role or state) to the unit
    "unit": ("vn.document.assignment", "department_id"),
    # received by the user
    "received": ("vn.document.incoming", "received_by_id"),
}


class ReaderKeys(fields.Char):
    """A search-only field for record rules (``vn_reader_key``): it has no value.

    Odoo checks the access to given records (``has_access``, ``check_access``) with
    ``filtered_domain``, which evaluates a condition in Python from the field's value;
    here the condition asks the field's search, in SQL, about the records at hand."""

    def filter_function(self, records, field_expr, operator, value):
        domain = self.determine_domain(records, operator, value)
        return Domain(domain)._as_predicate(records)


# Above this many documents, the rules' readers are a filter rather than a semi-join
# (see _search_vn_reader_key).
READERS_SEMI_JOIN_MAX = 20000


def trigram_index(column):
    """The definition of a GIN trigram index on ``column`` as Odoo builds it for
    ``index="trigram"`` (on unaccent when it is indexable), for a field whose own
    index is another one."""

    def definition(registry):
        if not registry.has_trigram:
            return ""
        expression = f'"{column}"'
        if registry.has_unaccent == FunctionStatus.INDEXABLE:
            expression = registry.unaccent(expression)
        return f"USING gin ({expression} gin_trgm_ops)"

    return definition


class VnDocumentIncoming(models.Model):
    """An incoming document (văn bản đến), with the fields of ND 30 Phụ lục VI, Mục II.

    Life: received (files checked) → registered (số đến) → submitted to the head
    → in progress (assigned) → done; or returned to the sender.
    """

    _name = "vn.document.incoming"
    _description = "Incoming document"
    _inherit = ("vn.document.mixin", "vn.document.print.mixin")
    _order = "is_urgent desc, arrival_date desc, id desc"
    _vn_catalog_date_field = "arrival_date"
    _vn_list_fields = frozenset(
        {
            "content_snippet",
            "arrival_date",
            "arrival_number",
            "channel",
            "code_notation",
            "code_number",
            "deadline",
            "document_type_id",
            "is_overdue",
            "is_urgent",
            "issued_date",
            "legal_value",
            "organ_name",
            "sender_id",
            "state",
            "subject",
            "to_places",
            "urgency_id",
            "file_catalog",
            "register_book_id",
        }
    )
    # III.6.h: the columns of an exported result (list fields: no opening logged)
    _vn_export_fields = (
        "arrival_number",
        "arrival_date",
        "sender_id",
        "organ_name",
        "code_number",
        "code_notation",
        "issued_date",
        "document_type_id",
        "subject",
        "urgency_id",
        "deadline",
        "register_book_id",
        "state",
    )
    # III.6.d: the advanced search's criteria (vn.advanced.search)
    _vn_search_fields = frozendict(
        {
            "number": "code_number",
            "symbol": "code_notation",
            "document_type": "document_type_id",
            "agency": ("sender_id", "organ_name"),
            "signer": ("signer_name", "signer_position"),
            "issued": "issued_date",
            "arrival": "arrival_date",
            "arrival_number": "arrival_number",
            "subject": "subject",
            "urgency": "urgency_id",
            "register_book": "register_book_id",
            "department": "handling_department_id",
            "deadline": "deadline",
            "overdue": "is_overdue",
        }
    )

    # Receipt
    state = fields.Selection(
        STATES,
        string="Status",
        default="received",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    channel = fields.Selection(
        CHANNELS,
        string="Received through",
        required=True,
        default="paper",
        tracking=True,
    )
    organ_code = fields.Char(
        related="company_id.vn_organ_code", string="Agency code (OrganId)"
    )
    received_by_id = fields.Many2one(
        "res.users",
        string="Received by",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    upload_ids = fields.Many2many(
        "ir.attachment",
        string="Files to check",
        help="Upload the signed PDF, the scan and the attachments; they are checked, "
        "then kept as originals.",
    )
    file_ids = fields.One2many(
        "vn.document.file",
        "res_id",
        string="Files",
        domain=[("res_model", "=", "vn.document.incoming")],
        readonly=True,
    )
    main_file_id = fields.Many2one(
        "vn.document.file",
        string="Main file",
        readonly=True,
        domain="[('res_model', '=', 'vn.document.incoming'), ('res_id', '=', id)]",
    )
    signature_ids = fields.One2many(
        related="main_file_id.signature_ids", string="Signatures"
    )
    # Computed as the user, from the document's own file only (never a related binary:
    # SECURITY.md).
    main_file_preview = fields.Binary(
        string="Preview", compute="_compute_main_file_preview"
    )
    main_file_mimetype = fields.Char(related="main_file_id.mimetype")
    legal_value = fields.Selection(
        related="main_file_id.legal_value", string="Legal value", store=True
    )

    # Metadata of the document (Phụ lục VI)
    document_identifier = fields.Char(
        string="Document identifier",
        index=True,
        tracking=True,
        help="mã định danh văn bản (edXML DocumentId).",
    )
    code_number = fields.Char(string="Number", size=11, tracking=True, index=True)
    code_notation = fields.Char(
        string="Symbol", size=30, tracking=True, index="trigram"
    )
    issued_date = fields.Date(string="Document date", tracking=True)
    sender_id = fields.Many2one(
        "res.partner", string="Issuing agency", tracking=True, index=True
    )
    organ_name = fields.Char(string="Issuing agency name", size=200)
    sender_email = fields.Char(
        string="Sender's e-mail",
        help="Address the document came from (e-mail channel).",
    )
    page_count = fields.Integer(string="Pages")
    signer_position = fields.Char(string="Signer's position", size=100)
    signer_name = fields.Char(string="Signer", size=50)

    # Registration
    register_book_id = fields.Many2one(
        "vn.register.book",
        string="Register book",
        check_company=True,
        domain="[('kind', '=', 'incoming')]",
        tracking=True,
    )
    arrival_number = fields.Integer(
        string="Arrival number", readonly=True, copy=False, index=True, aggregator=None
    )
    arrival_date = fields.Datetime(
        string="Arrival date", default=fields.Datetime.now, required=True, tracking=True
    )
    registered_by_id = fields.Many2one(
        "res.users", string="Registered by", readonly=True, copy=False
    )
    registered_on = fields.Datetime(string="Registered on", readonly=True, copy=False)
    # R-OP1: received on paper during an outage and entered afterwards. The clerk
    # chooses the outage and gives the real arrival date within it; registration checks
    # them and marks the document (the register number is still taken at entry).
    outage_id = fields.Many2one(
        "vn.system.outage",
        string="Received during the outage",
        check_company=True,
        index="btree_not_null",
        tracking=True,
        help="The document arrived on paper while the system was down: choose the "
        "outage and give the real arrival date within it.",
    )
    is_late_entry = fields.Boolean(
        string="Entered late",
        readonly=True,
        copy=False,
        help="Received during an outage and entered afterwards (R-OP1); set when the "
        "document is registered.",
    )
    late_reason = fields.Char(string="Note on the late entry")
    paper_holder_id = fields.Many2one(
        "res.users", string="Paper copy held by", tracking=True
    )
    # R-IN7: what the clerk digitised is checked against ND 30 Phụ lục I
    upload_is_scan = fields.Boolean(
        string="The uploads are scans",
        help="Check the uploaded files against the digitisation rules of Decree 30 "
        "(PDF 1.4 or later, colour, at least 200 dpi, 100 % scale). Always done for a "
        "document received on paper.",
    )
    scan_warning = fields.Text(
        string="Digitisation warnings", compute="_compute_scan_warning"
    )
    duplicate_ids = fields.Many2many(
        "vn.document.incoming",
        string="Possible duplicates",
        compute="_compute_duplicate_ids",
    )

    # Handling
    submitted_to_id = fields.Many2one(
        "res.users", string="Submitted to", readonly=True, copy=False, tracking=True
    )
    directive = fields.Text(tracking=True)
    assignment_ids = fields.One2many(
        "vn.document.assignment", "document_id", string="Assignments"
    )
    deadline = fields.Date(
        compute="_compute_deadline",
        store=True,
        index=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    to_places = fields.Char(
        string="Units or people receiving", compute="_compute_to_places"
    )
    # For the record rules of staff and heads of unit (issue 15), see
    # _search_vn_reader_key. Never read: its value is always empty.
    vn_reader_key = ReaderKeys(
        string="Readers (record rules)",
        compute="_compute_vn_reader_key",
        search="_search_vn_reader_key",
    )
    return_reason = fields.Text(
        string="Reason for the return", readonly=True, copy=False
    )
    recall_reason = fields.Text(
        string="Reason for the recall", readonly=True, copy=False
    )
    recalled_on = fields.Datetime(string="Recalled on", readonly=True, copy=False)
    recalled_by_id = fields.Many2one(
        "res.users", string="Recall handled by", readonly=True, copy=False
    )

    # Facts the reports count (R-RP1, R-RP2): written once, when the handling ends, so
    # a past period's figures never move with later changes.
    done_on = fields.Datetime(
        string="Completed on", readonly=True, copy=False, index="btree_not_null"
    )
    done_deadline = fields.Date(
        string="Deadline in force when completed", readonly=True, copy=False
    )
    handling_department_id = fields.Many2one(
        "hr.department",
        string="Handling unit",
        compute="_compute_handling",
        store=True,
        index="btree_not_null",
        help="The unit of the lead assignment (chủ trì) the reports count it for.",
    )
    handling_user_id = fields.Many2one(
        "res.users",
        string="Handling person",
        compute="_compute_handling",
        store=True,
        index="btree_not_null",
        help="The person who handles the lead assignment, once there is one.",
    )

    # The order of every list: urgent first, then the newest arrivals. The ORM sorts a
    # boolean as COALESCE(field, false): the index says the same, or no list uses it.
    _list_order_index = models.Index(
        "(COALESCE(is_urgent, false) DESC, arrival_date DESC, id DESC)"
    )
    # The search view looks for a phrase in the number too: without a trigram index
    # there, the OR of the three ilike cannot use the other two and reads the table.
    # (The btree of the field stays for the duplicate check's equality.)
    _code_number_trigram_index = models.Index(trigram_index("code_number"))
    # Content search (issue 17): these fields with the text of the stored files.
    _vn_content_fields = ("subject", "code_notation", "organ_name", "signer_name")
    _arrival_number_unique = models.UniqueIndex(
        "(register_book_id, file_catalog, arrival_number) WHERE arrival_number IS NOT "
        "NULL",
        "This arrival number is already used in this register book and year.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("arrival_number", "code_number", "code_notation", "subject")
    def _compute_display_name(self):
        for doc in self:
            symbol = "/".join(p for p in (doc.code_number, doc.code_notation) if p)
            prefix = (
                _("No. %(number)s", number=doc.arrival_number)
                if doc.arrival_number
                else _("Unregistered")
            )
            doc.display_name = " - ".join(
                p for p in (prefix, symbol, (doc.subject or "")[:60]) if p
            )

    @api.depends("main_file_id")
    def _compute_main_file_preview(self):
        for doc in self:
            doc.main_file_preview = (
                doc.main_file_id._vn_preview_data(doc) if doc.main_file_id else False
            )

    def _vn_print_file(self):
        """The main file: what the Print button prints with the mark (III.6.k)."""
        return self.main_file_id

    @api.constrains("main_file_id")
    def _check_main_file_own(self):
        for doc in self.filtered("main_file_id"):
            doc.main_file_id._vn_check_owned_by(doc)

    @api.depends(
        "assignment_ids.deadline", "assignment_ids.role", "assignment_ids.state"
    )
    def _compute_deadline(self):
        for doc in self:
            deadlines = doc.assignment_ids.filtered(
                lambda a: a.role == "lead" and a.deadline
            ).mapped("deadline")
            doc.deadline = min(deadlines) if deadlines else False

    @api.depends(
        "assignment_ids.role",
        "assignment_ids.state",
        "assignment_ids.department_id",
        "assignment_ids.user_id",
        "assignment_ids.parent_id",
    )
    def _compute_handling(self):
        for doc in self:
            leads = doc.assignment_ids.filtered(
                lambda a: a.role == "lead" and a.state != "cancelled"
            )
            root = leads.filtered(lambda a: not a.parent_id)[:1]
            person = leads.filtered("user_id")
            person = person.filtered("parent_id")[:1] or person[:1]
            doc.handling_department_id = (
                root.department_id
                or root.user_id.employee_id.department_id
                or person.user_id.employee_id.department_id
            )
            doc.handling_user_id = person.user_id

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for doc in self:
            doc.is_overdue = bool(
                doc.state == "in_progress" and doc.deadline and doc.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue documents."))
        overdue = Domain(
            [
                ("state", "=", "in_progress"),
                ("deadline", "<", fields.Date.context_today(self)),
            ]
        )
        return overdue if (operator == "=") == value else ~overdue

    def _compute_vn_reader_key(self):
        self.vn_reader_key = False

    def _search_vn_reader_key(self, operator, value):
        """The documents of the readers named by keys "assigned:<user id>",
        "received:<user id>" and "unit:<department id>" (READER_KINDS).

        The rules of several groups (staff, heads of unit) each give an 'in' list: the
        ORM merges them into one condition, so one call here. The result depends on the
        keys only (rules are evaluated as superuser); a user's own search on it is
        ANDed with his rules, so it can only narrow what he sees.

        Two SQL forms of the same set, because PostgreSQL plans neither well for every
        user (its planner cannot choose between them):
        - a few thousand documents (staff): ``id IN (SELECT … UNION …)``, a semi-join
          on the readers' indexes; the count reads only these documents;
        - more (a unit's): the former rules' ``EXISTS (…) OR received_by_id IN …``,
          which a list walks along its order index until the page is full, and which
          checks given documents one index probe each."""
        if operator != "in":
            raise UserError(_("Unsupported search."))
        keys = self._vn_reader_keys(value)
        if not keys:
            return Domain.FALSE
        if not self._vn_readers_many(keys):
            return Domain("id", "in", self._vn_readers_set(keys, "UNION"))
        return Domain.custom(
            to_sql=lambda model, alias, query: self._vn_readers_filter(keys, alias)
        )

    @api.model
    def _vn_reader_keys(self, value):
        """The keys of a ``vn_reader_key`` search: ((kind, (ids…)), …), sorted."""
        ids_by_kind = {}
        for key in value:
            kind, _sep, ident = str(key).partition(":")
            if kind not in READER_KINDS or not ident.isdecimal():
                raise UserError(_("Unsupported search."))
            ids_by_kind.setdefault(kind, set()).add(int(ident))
        return tuple(
            sorted((kind, tuple(sorted(ids))) for kind, ids in ids_by_kind.items())
        )

    @api.model
    def _vn_rule_condition_ids(self, condition):
        """For vn.document.child.mixin: a rule condition on the reader keys as the
        SELECTs of the documents' ids (their union), whatever their number, so that
        the lines of a unit's documents are a semi-join on the readers' indexes."""
        if condition.field_expr != "vn_reader_key" or condition.operator != "in":
            return None
        keys = self._vn_reader_keys(condition.value)
        return [self._vn_readers_set(keys, "UNION")] if keys else None

    @api.model
    def _vn_readers_set(self, keys, union):
        """The ids of the keys' documents, as one subquery."""
        selects = []
        for kind, ids in keys:
            model_name, column = READER_KINDS[kind]
            model = self.env[model_name]
            document = "id" if model_name == self._name else "document_id"
            selects.append(
                SQL(
                    "SELECT %s FROM %s WHERE %s IN %s",
                    SQL.identifier(document),
                    SQL.identifier(model._table),
                    SQL.identifier(column),
                    ids,
                    to_flush=(model._fields[document], model._fields[column]),
                )
            )
        return SQL("(%s)", SQL(" %s ", SQL(union)).join(selects))

    @api.model
    def _vn_readers_filter(self, keys, alias):
        """The keys as a condition on the document ``alias``: an EXISTS on its
        assignments per kind (each answered from its own index) OR its columns."""
        Assignment = self.env["vn.document.assignment"]
        conditions = []
        for kind, ids in keys:
            model_name, column = READER_KINDS[kind]
            if model_name == self._name:
                condition = SQL("%s IN %s", self._field_to_sql(alias, column), ids)
            else:
                condition = SQL(
                    "EXISTS (SELECT FROM %s a WHERE a.document_id = %s AND a.%s IN %s)",
                    SQL.identifier(Assignment._table),
                    SQL.identifier(alias, "id"),
                    SQL.identifier(column),
                    ids,
                    to_flush=(
                        Assignment._fields["document_id"],
                        Assignment._fields[column],
                    ),
                )
            conditions.append(condition)
        return SQL("(%s)", SQL(" OR ").join(conditions))

    @api.model
    @tools.ormcache("keys")
    def _vn_readers_many(self, keys):
        """Whether the keys name more than READERS_SEMI_JOIN_MAX documents (counted
        with duplicates, from the readers' indexes). Only the query's form depends
        on it, never its rows: a cached answer may grow old."""
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM (%s LIMIT %s) AS readers",
                self._vn_readers_set(keys, "UNION ALL"),
                READERS_SEMI_JOIN_MAX + 1,
            )
        )
        return self.env.cr.fetchone()[0] > READERS_SEMI_JOIN_MAX

    @api.depends("assignment_ids.user_id", "assignment_ids.department_id")
    def _compute_to_places(self):
        for doc in self:
            doc.to_places = ", ".join(
                line._assignee_name()
                for line in doc.assignment_ids
                if not line.parent_id
            )

    @api.depends("document_identifier", "code_number", "code_notation", "sender_id")
    def _compute_duplicate_ids(self):
        for doc in self:
            domain = Domain.FALSE
            if doc.document_identifier:
                domain |= Domain("document_identifier", "=", doc.document_identifier)
            if doc.code_number and doc.code_notation and doc.sender_id:
                domain |= Domain(
                    [
                        ("code_number", "=", doc.code_number),
                        ("code_notation", "=", doc.code_notation),
                        ("sender_id", "=", doc.sender_id.id),
                    ]
                )
            if domain.is_false():
                doc.duplicate_ids = False
                continue
            if doc.id:
                domain &= Domain("id", "!=", doc.id)
            doc.duplicate_ids = self.search(
                domain & Domain("company_id", "=", doc.company_id.id), limit=10
            )

    # ------------------------------------------------------------------
    # Receiving and checking files (R-IN1, R-IN2, R-SEC2)
    # ------------------------------------------------------------------
    # ------------------------------------------------------------------
    # Protection: the workflow sets the workflow fields; a register entry never changes
    # ------------------------------------------------------------------
    def _vn_workflow_field_names(self):
        """Fields only the services set; addons that add such fields extend this."""
        return set(WORKFLOW_FIELDS)

    def _vn_check_client_values(self, vals, creating=False):
        # A new document starts "received"; the rest of the workflow is the services'.
        refuse_service_fields(
            self,
            vals,
            self._vn_workflow_field_names(),
            allowed={"state": "received"} if creating else None,
        )

    def _vn_is_registered(self):
        return bool(self.arrival_number)

    @api.model
    def _vn_correctable_fields(self):
        return [
            "subject",
            "organ_name",
            "sender_id",
            "code_number",
            "code_notation",
            "issued_date",
            "document_type_id",
            "arrival_date",
        ]

    def _vn_after_correction(self, correction):
        self._trail(
            legal(self).env._("Register entry corrected"),
            correction._vn_register_note(),
        )

    def _vn_takes_unchecked_files(self):
        """Chatter attachments are fine until the content is destroyed by a recall."""
        return self.state != "recalled"

    @api.model_create_multi
    def create(self, vals_list):
        upload_ids_list = []
        for vals in vals_list:
            self._vn_check_client_values(vals, creating=True)
            upload_ids_list.append(_pop_upload_ids(vals))
        docs = super().create(vals_list)
        for doc, upload_ids in zip(docs, upload_ids_list, strict=True):
            doc._trail(
                legal(doc).env._(
                    "Received through %(channel)s",
                    channel=selection_label(legal(doc), "channel"),
                )
            )
            if upload_ids is None:  # commands other than links: through the field
                if doc.upload_ids:
                    doc.action_check_files()
            elif upload_ids:
                doc.check_access("write")
                doc._vn_take_in_uploads(doc._vn_readable_uploads(upload_ids))
            doc._vn_notify_event("received")
        return docs

    def write(self, vals):
        self.check_access("write")  # who may not write at all hears that first
        self._vn_check_client_values(vals)
        changed = REGISTER_FIELDS & set(vals)
        if changed:
            for doc in self.filtered("arrival_number"):
                for name in changed:
                    new = doc._fields[name].convert_to_record(
                        doc._fields[name].convert_to_cache(vals[name], doc), doc
                    )
                    if new != doc[name]:
                        raise UserError(
                            _(
                                "%(doc)s is registered: its register entry (%(field)s) "
                                "no longer changes. Record a correction instead.",
                                doc=doc.display_name,
                                field=doc._fields[name].string,
                            )
                        )
        res = super().write(vals)
        if vals.get("upload_ids"):  # clearing them afterwards leaves nothing to check
            self.filtered("upload_ids").action_check_files()
        return res

    def action_check_files(self):
        """Check every uploaded file and keep it as an original; when any is refused,
        none is kept and every reason is given."""
        self.check_access("write")
        for doc in self:
            uploads = doc.upload_ids
            doc._vn_take_in_uploads(uploads)
            doc.upload_ids = [fields.Command.clear()]

    def _vn_readable_uploads(self, upload_ids):
        """The attachments ``upload_ids`` as reading the field ``upload_ids`` gives
        them: those the user may read, in the attachments' order."""
        # ir.attachment leaves out the files of binary fields unless the domain names
        # an id: the field's read does not, so that condition is stated here
        return self.env["ir.attachment"].search(
            [("id", "in", upload_ids), ("res_field", "=", False)]
        )

    def _vn_take_in_uploads(self, uploads):
        """Check the ``uploads`` (read as the user) and keep each as an original of
        this document; when any is refused, none is kept and every reason is given."""
        doc = self
        doc.ensure_one()
        if doc.state not in ("received", "registered"):
            raise UserError(
                _("Files can only be added before the document is submitted.")
            )
        # Only fresh uploads for incoming documents: never another record's file,
        # which the step below would delete after copying it.
        foreign = uploads.sudo().filtered(
            lambda a: (
                a.res_model != doc._name or a.res_id not in (0, doc.id) or a.res_field
            )
        )
        if foreign:
            raise AccessError(
                _(
                    "%(name)s is not an upload for this document.",
                    name=foreign[0].name,
                )
            )
        # each upload becomes its checked original (moved to the document)
        stored = self.env["vn.file.intake"].take_in_uploads(
            uploads, doc, scan=doc._vn_uploads_are_scans()
        )
        doc._adopt_main_file(stored)
        for record in stored.sudo():  # just checked and stored by this step
            doc._trail(
                legal(doc).env._(
                    "File checked: %(name)s (%(value)s)",
                    name=record.name,
                    value=selection_label(legal(record), "legal_value"),
                )
            )
            if record.scan_result == "failed":  # the policy accepts it with a warning
                doc._trail(
                    legal(doc).env._(
                        "Scan %(name)s does not meet the digitisation rules of Decree "
                        "30 (Appendix I), accepted with a warning: %(reasons)s",
                        name=record.name,
                        reasons="; ".join(record.scan_reasons.splitlines()),
                    )
                )

    def _vn_uploads_are_scans(self):
        """Paper received is digitised (Điều 22.3.b); any other upload is a scan when
        the clerk says so."""
        self.ensure_one()
        return self.channel == "paper" or self.upload_is_scan

    @api.depends("file_ids.scan_result", "file_ids.scan_reasons")
    def _compute_scan_warning(self):
        for doc in self:
            doc.scan_warning = (
                "\n".join(
                    f"{file.name}: {'; '.join(file.scan_reasons.splitlines())}"
                    for file in doc.file_ids
                    if file.scan_result == "failed" and file.scan_reasons
                )
                or False
            )

    # ------------------------------------------------------------------
    # Receiving by e-mail (R-IN1): the agency's alias creates a received document
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A document from an e-mail to the agency's alias.

        The attachments go through the file checks instead of the chatter. If one
        fails, none is kept: the document cannot be registered (it has no checked
        file) and the reasons are posted for the clerk, who returns it (R-IN3).
        """
        attachments = msg_dict.pop("attachments", None) or []
        msg_dict["attachments"] = []  # nothing unchecked reaches the chatter
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        sender = (
            self.env["res.partner"].search([("email_normalized", "=", email)], limit=1)
            if email
            else False
        )
        no_subject = legal(self).env._("(no subject)")
        values = dict(
            custom_values or {},
            channel="email",
            subject=(msg_dict.get("subject") or no_subject)[:500],
            sender_id=sender.id if sender else False,
            sender_email=email or False,
            organ_name=(sender.name if sender else msg_dict.get("email_from") or "")[
                :200
            ],
        )
        doc = super().message_new(msg_dict, values)
        files = [
            (a.fname, a.content.encode() if isinstance(a.content, str) else a.content)
            for a in attachments
        ]
        intake = self.env["vn.file.intake"]
        checked, refused = intake.check_batch(files)
        if refused:
            # The e-mail gateway acts in its own language; the clerks read Vietnamese.
            doc._vn_notify_anomaly(
                legal(doc).env._(
                    "Files refused on arrival; return the document to its sender: "
                    "%(reasons)s",
                    reasons="; ".join(refused),
                )
            )
            doc._trail(legal(doc).env._("Files refused on arrival"), "; ".join(refused))
        else:
            doc._adopt_main_file(intake.store_batch(checked, doc))
        return doc

    def _adopt_main_file(self, stored):
        """The first PDF becomes the main file; its page count fills the metadata."""
        self.ensure_one()
        if self.main_file_id:
            return
        stored = stored.sudo()  # files this document's own step just stored
        pdf = (
            stored.filtered(lambda f: f.mimetype == "application/pdf")[:1] or stored[:1]
        )
        if pdf:
            values = {"main_file_id": pdf.id}
            if pdf.page_count:
                values["page_count"] = pdf.page_count
            signer = pdf.signature_ids.filtered(
                lambda s: s.signer_kind == "individual" and s.is_valid
            )[:1]
            if signer and not self.signer_name:
                values.update(
                    signer_name=signer.signer_name,
                    signer_position=signer.title or self.signer_position,
                )
            self.sudo().write(values)

    # ------------------------------------------------------------------
    # Registration (R-IN6, R-OP1)
    # ------------------------------------------------------------------
    def action_register(self):
        if not self.env.su and not self.env.user.has_group(
            "vn_document_base.group_vn_document_clerk"
        ):
            raise AccessError(_("The records clerk registers incoming documents."))
        for doc in self:
            if doc.state != "received":
                raise UserError(_("Only a received document can be registered."))
            # whether checked files exist, not who may read them: as superuser, without
            # the files' record rules (a subquery per owner model, planned per call)
            if not doc.sudo().file_ids and doc.channel != "paper":
                raise UserError(
                    _(
                        "An electronic document is registered only after its files "
                        "passed the checks."
                    )
                )
            if doc.outage_id:
                doc.outage_id._vn_check_real_date(doc.arrival_date)
            book = doc.register_book_id or doc._default_register_book()
            # The number is taken last: the lock on the register book is held for a
            # moment only. Its year is the Vietnam date of arrival, the same date that
            # files it (file_catalog).
            number, _formatted = book._take_number(doc._local_arrival_date())
            doc.sudo().write(
                {
                    "register_book_id": book.id,
                    "arrival_number": number,
                    "state": "registered",
                    "registered_by_id": self.env.uid,
                    "registered_on": fields.Datetime.now(),
                    "is_late_entry": bool(doc.outage_id),
                }
            )
            doc._vn_chain_append()  # the register chain: last, in this transaction
            doc._trail(
                legal(doc).env._(
                    "Registered as arrival number %(number)s in %(book)s",
                    number=number,
                    book=book.name,
                ),
                doc._vn_late_entry_note() or False,
            )
            doc._vn_notify_event("registered")
        return True

    def _default_register_book(self):
        self.ensure_one()
        book = self.env["vn.register.book"].search(
            [("kind", "=", "incoming"), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        if not book:
            raise UserError(
                _(
                    "Open an incoming register book first (Configuration > Register "
                    "books)."
                )
            )
        return book

    # ------------------------------------------------------------------
    # Submission, direction and assignment (R-IN9, R-IN11)
    # ------------------------------------------------------------------
    def action_submit(self, head):
        """The clerk submits the document to the head of the agency, who gets an
        activity."""
        if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            raise AccessError(
                _("The records clerk submits documents to the head of the agency.")
            )
        head = (
            head.exists()
            if isinstance(head, models.BaseModel)
            else self.env["res.users"].browse(head).exists()
        )
        if not head or not head.has_group(
            "vn_document_base.group_vn_document_agency_head"
        ):
            raise UserError(_("Submit the document to a head of the agency."))
        for doc in self:
            if doc.state != "registered":
                raise UserError(_("Register the document before submitting it."))
            doc.sudo().write({"state": "submitted", "submitted_to_id": head.id})
            doc._vn_activity_update()
            doc._trail(legal(doc).env._("Submitted to %(name)s", name=head.name))
        return True

    def _vn_assign(self, lines, directive=False):
        """Create the assignments (list of value dicts) and put the document in
        progress."""
        self.ensure_one()
        if self.state not in ("registered", "submitted", "in_progress"):
            raise UserError(
                _("This document cannot be assigned in its current status.")
            )
        is_head = self.env.user.has_group(
            "vn_document_base.group_vn_document_agency_head"
        )
        is_clerk = self.env.user.has_group("vn_document_base.group_vn_document_clerk")
        if (
            not self.env.su
            and not is_head
            and not (is_clerk and self._direct_routing())
        ):
            raise UserError(
                _(
                    "The agency's rules do not let the records clerk route documents "
                    "directly: submit it to the head of the agency."
                )
            )
        if not any(
            v.get("role") == "lead" for v in lines
        ) and not self.assignment_ids.filtered(lambda a: a.role == "lead"):
            raise UserError(_("Choose the lead unit or person (chủ trì)."))
        # Nobody creates assignments directly: this step, after the checks above, does
        # (as superuser).
        created = (
            self.env["vn.document.assignment"]
            .sudo()
            .create(
                [
                    dict(v, document_id=self.id, assigned_by_id=self.env.uid)
                    for v in lines
                ]
            )
            .with_env(self.env)
        )
        self.sudo().write(
            {"state": "in_progress", "directive": directive or self.directive}
        )
        self._vn_activity_update(feedback=directive or _("Assigned"))
        vi = legal(self)
        deadline_label = vi.env._("deadline")
        summary = "; ".join(
            f"{legal(line)._role_label()}: {line._assignee_name()}"
            + (
                f" ({deadline_label} {line.deadline.strftime('%d/%m/%Y')})"
                if line.deadline
                else ""
            )
            for line in created
        )
        self._trail(vi.env._("Assigned: %(lines)s", lines=summary), directive)
        self._vn_notify_event("assigned")
        return created

    def _direct_routing(self):
        """Whether the records clerk may assign without the head (Decree 30 Điều 23,
        agency's rules)."""
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_inbound.clerk_direct_routing")
            == "True"
        )

    def _vn_activity_update(self, feedback=False):
        """Schedule, close or remove the activities so they match who must act now.

        Like hr_holidays' ``activity_update``: the head the document was submitted to
        directs it; the person responsible for each open lead or co-operating
        assignment handles it. The rest are marked done with ``feedback``, or removed
        when the document is returned or recalled. Every workflow step calls this
        after changing the document.
        """
        for doc in self:
            wanted = {}
            if doc.state == "submitted" and doc.submitted_to_id:
                wanted[(DIRECTIVE_ACTIVITY_TYPE, doc.submitted_to_id)] = False
            if doc.state in ("in_progress", "done"):
                for line in doc.assignment_ids.filtered(
                    lambda a: a.state == "open" and a.role in ROLE_ACTIVITY_TYPES
                ):
                    user = line._responsible_user()
                    if not user:
                        continue
                    key = (ROLE_ACTIVITY_TYPES[line.role], user)
                    deadlines = [d for d in (wanted.get(key), line.deadline) if d]
                    wanted[key] = min(deadlines) if deadlines else False
            sync_activities(
                doc,
                wanted,
                [DIRECTIVE_ACTIVITY_TYPE, *ROLE_ACTIVITY_TYPES.values()],
                feedback=feedback,
                withdrawn=doc.state in ("returned", "recalled"),
            )

    def _vn_check_completion(self, feedback=False):
        """After an assignment is completed: its activity is closed with ``feedback``;
        the document is done when every lead assignment is done."""
        self._vn_activity_update(feedback=feedback)
        for doc in self:
            leads = doc.assignment_ids.filtered(
                lambda a: a.role == "lead" and a.state != "passed"
            )
            if (
                leads
                and all(line.state == "done" for line in leads)
                and doc.state == "in_progress"
            ):
                doc.sudo().write(
                    {
                        "state": "done",
                        "done_on": fields.Datetime.now(),
                        "done_deadline": doc.deadline,
                    }
                )
                doc._trail(legal(doc).env._("Handling completed"))
                doc._vn_notify_event("done")

    # ------------------------------------------------------------------
    # Return to the sender (R-IN3)
    # ------------------------------------------------------------------
    def _vn_return(self, reason):
        if not self.env.su and not self.env.user.has_group(
            "vn_document_base.group_vn_document_clerk"
        ):
            raise AccessError(_("The records clerk returns documents to their sender."))
        for doc in self:
            if doc.state not in ("received", "registered", "submitted"):
                raise UserError(_("Only a document not yet assigned can be returned."))
            doc.sudo().write({"state": "returned", "return_reason": reason})
            doc._vn_activity_update()
            vi = legal(doc)
            doc._trail(vi.env._("Returned to the sender"), reason)
            doc._vn_tell_sender(
                vi.env._("The document was returned to you: %(reason)s", reason=reason)
            )
            doc._vn_notify_event("returned")

    def _vn_tell_sender(self, body):
        """Tell the sender through the channel the document came by. LGSP senders are
        told by the connector (event "returned"); e-mail and known agencies get an
        e-mail."""
        self.ensure_one()
        if self.sender_id:
            self.message_post(
                body=body,
                partner_ids=self.sender_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        elif self.sender_email:
            self.env["mail.mail"].sudo().create(
                {
                    "subject": legal(self).env._(
                        "Returned: %(subject)s", subject=self.subject
                    ),
                    "body_html": body,
                    "email_to": self.sender_email,
                    "model": self._name,
                    "res_id": self.id,
                }
            )

    def _vn_notify_anomaly(self, body):
        """An anomaly on arrival goes to the agency's records clerks, who are
        responsible for it (R-IN3)."""
        self.ensure_one()
        clerks = self.company_id._vn_users_of(
            "vn_document_base.group_vn_document_clerk"
        )
        self.message_post(
            body=body,
            partner_ids=clerks.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------
    # Recall by the sender (R-IN5, ND 30 Phụ lục VI III.8)
    # ------------------------------------------------------------------
    def _vn_recall(self, reason):
        """The sender recalled the document: destroy the received files, take it out of
        every work list, keep the record of the recall. Called by the connector or by
        the clerk."""
        if not self.env.su and not self.env.user.has_group(
            "vn_document_base.group_vn_document_clerk"
        ):
            raise AccessError(_("The records clerk records the recall of a document."))
        for doc in self:
            if doc.state == "recalled":
                continue
            doc.file_ids._vn_destroy_content(reason)
            doc.activity_ids.sudo().unlink()
            doc.assignment_ids.filtered(lambda a: a.state == "open").sudo().write(
                {"state": "cancelled"}
            )
            doc.sudo().write(
                {
                    "state": "recalled",
                    "recall_reason": reason,
                    "recalled_on": fields.Datetime.now(),
                    "recalled_by_id": self.env.uid,
                }
            )
            doc._trail(
                legal(doc).env._("Recalled by the sender; files destroyed"), reason
            )
            doc._vn_notify_event("recalled")

    # ------------------------------------------------------------------
    # Events
    # ------------------------------------------------------------------
    def _vn_notify_event(self, event):
        """Extension point: the LGSP connector turns these events into status messages.

        ``event`` is one of received, registered, assigned, in_progress (a unit passed
        its part to a person), done, returned, recalled. Every event of a document's
        life is raised here by this module itself; listeners only react.
        """
        return True

    # ------------------------------------------------------------------
    # Deadlines (R-IN12)
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind_deadlines(self, batch_size=200):
        """Remind assignees of work due within the warning period and of work overdue.

        Each assignment is reminded once a day. The job commits by batch through
        ``ir.cron._commit_progress``; cut short by its time limit, the next run
        reminds the rest.
        """
        today = fields.Date.context_today(self)
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_inbound.remind_days", 2)
        )
        horizon = self.env.company.vn_add_working_days(today, days)
        lines = self.env["vn.document.assignment"].search(
            [
                ("state", "=", "open"),
                ("deadline", "!=", False),
                ("deadline", "<=", horizon),
                ("role", "!=", "inform"),
                ("document_state", "=", "in_progress"),
                "|",
                ("reminded_on", "=", False),
                ("reminded_on", "<", today),
            ]
        )
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(lines))
        for batch in tools.split_every(batch_size, lines.ids, lines.browse):
            for line in batch:
                line._vn_remind(today)
            batch.sudo().reminded_on = today
            if not cron._commit_progress(len(batch)):
                break
        return len(lines)

    # ------------------------------------------------------------------
    # Buttons opening the wizards
    # ------------------------------------------------------------------
    def action_open_submit_wizard(self):
        return self._open_wizard(
            "vn.incoming.submit.wizard", _("Submit to the head of the agency")
        )

    def action_open_assign_wizard(self):
        return self._open_wizard("vn.incoming.assign.wizard", _("Direct and assign"))

    def action_open_return_wizard(self):
        return self._open_wizard("vn.incoming.return.wizard", _("Return to the sender"))

    def action_open_recall_wizard(self):
        return self._open_wizard(
            "vn.incoming.recall.wizard", _("Recalled by the sender")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        if any(doc.arrival_number for doc in self):
            raise UserError(
                _(
                    "A registered document is kept in the register and cannot be "
                    "deleted."
                )
            )

    def _vn_late_entry_note(self):
        """The register's mark of a late entry (R-OP1), in Vietnamese: it is legal
        text."""
        self.ensure_one()
        if not self.is_late_entry:
            return ""
        mark = self.outage_id._vn_register_mark() if self.outage_id else ""
        return "; ".join(p for p in (mark, self.late_reason) if p)

    def _vn_paper_holder_note(self):
        """The register's mark of who holds the paper copy (R-IN10), in Vietnamese:
        it is legal text."""
        self.ensure_one()
        holder = self.sudo().paper_holder_id
        if not holder:
            return ""
        return legal(self).env._("Paper copy held by %(name)s", name=holder.name)

    def _local_arrival_date(self):
        """The arrival date in Vietnam (registers are kept by the Vietnam date, whoever
        prints them)."""
        self.ensure_one()
        return vn_local_date(self.arrival_date)


def _pop_upload_ids(vals):
    """Take ``upload_ids`` out of the values of a new document when its commands only
    link attachments (as the form sends them) and return their ids: they are checked
    and kept at once, so no link is written to be deleted in the same transaction.
    None, and the values left as they are, for any other command."""
    commands = vals.get("upload_ids")
    ids = []
    for command in commands or []:
        if not isinstance(command, (list, tuple)) or not command:
            return None
        if command[0] == fields.Command.SET:
            ids = list(command[2])
        elif command[0] == fields.Command.LINK:
            ids.append(command[1])
        elif command[0] == fields.Command.CLEAR:
            ids = []
        else:
            return None
    if not all(isinstance(upload_id, int) for upload_id in ids):
        return None
    vals.pop("upload_ids", None)
    return list(dict.fromkeys(ids))
