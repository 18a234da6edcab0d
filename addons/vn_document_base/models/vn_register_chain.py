# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import register_chain as chain_tool

# pg_advisory_xact_lock(LOCK_CLASS, company id): one chain per agency, one writer at a
# time.
LOCK_CLASS = 3017
LOCK_TIMEOUT_MS = 5000
BATCH = 5000
KINDS = [
    ("incoming", "Incoming registration"),
    ("outgoing", "Outgoing registration"),
    ("copy", "Copy"),
    ("correction", "Correction"),
]


def utc_text(value):
    """A UTC datetime as the canonical text ``YYYY-MM-DDTHH:MM:SSZ``."""
    return value.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_value(value):
    """A field value as it goes into an entry: records by id, dates in ISO form."""
    if isinstance(value, models.BaseModel):
        return value.id or None
    if isinstance(value, datetime.datetime):
        return utc_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is False:
        return None
    return value


class VnRegisterChain(models.Model):
    """The agency's hash-chained register: one entry per registration (số đến, số đi,
    copy) and per register correction, each holding the hash of the one before.

    Append-only: entries are made by ``_vn_append`` in the registering transaction; the
    ORM refuses changes and a PostgreSQL trigger refuses UPDATE, DELETE and TRUNCATE
    whoever sends them. The canonical serialisation and the hashing are those of
    ``tools/register_chain.py``, which also verifies an export offline.
    """

    _name = "vn.register.chain"
    _description = "Register chain entry"
    _order = "company_id, sequence"
    _rec_name = "sequence"
    _log_access = False

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(required=True, readonly=True, aggregator=None)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    res_model = fields.Char(string="Document model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, readonly=True
    )
    corrected_entry_id = fields.Many2one(
        "vn.register.chain",
        string="Corrects entry",
        readonly=True,
        ondelete="restrict",
    )
    original_sha256 = fields.Char(string="SHA-256 of the original", readonly=True)
    entry_time = fields.Datetime(string="Time (UTC)", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, readonly=True, ondelete="restrict"
    )
    prev_hash = fields.Char(string="Previous hash", required=True, readonly=True)
    entry_hash = fields.Char(string="Hash", required=True, readonly=True, index=True)
    payload = fields.Text(string="Canonical payload", required=True, readonly=True)
    backfilled = fields.Boolean(
        readonly=True,
        help="Chained when the register chain was introduced, after the registration.",
    )

    _sequence_unique = models.Constraint(
        "UNIQUE(company_id, sequence)",
        "A sequence number appears once in an agency's register chain.",
    )

    @api.private
    def init(self):
        """The table refuses every change but INSERT, whoever asks (idempotent)."""
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION vn_register_chain_refuse() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the register chain is append-only (% refused)', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            DROP TRIGGER IF EXISTS vn_register_chain_no_change ON vn_register_chain;
            CREATE TRIGGER vn_register_chain_no_change
                BEFORE UPDATE OR DELETE ON vn_register_chain
                FOR EACH ROW EXECUTE FUNCTION vn_register_chain_refuse();
            DROP TRIGGER IF EXISTS vn_register_chain_no_truncate ON vn_register_chain;
            CREATE TRIGGER vn_register_chain_no_truncate
                BEFORE TRUNCATE ON vn_register_chain
                FOR EACH STATEMENT EXECUTE FUNCTION vn_register_chain_refuse();
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(_("Register chain entries are made by the registration."))
        return super().create(vals_list)

    def write(self, vals):
        if self:
            raise AccessError(_("A register chain entry never changes."))
        return super().write(vals)

    def unlink(self):
        if self:
            raise AccessError(_("A register chain entry is never deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Appending
    # ------------------------------------------------------------------
    @api.model
    def _vn_append(self, document, kind, corrected=None, backfilled=False):
        """Append the entry of ``document``'s registration (or correction) to its
        agency's chain. Called as the last step of the registration, in its
        transaction: the agency's lock is held until the transaction ends."""
        company = document.sudo().company_id
        last_seq, last_hash = self._vn_lock_and_read_head(company)
        now = fields.Datetime.now()
        payload = self._vn_payload(
            document, kind, last_seq + 1, last_hash, now, corrected, backfilled
        )
        text = chain_tool.canonical(payload)
        return self.sudo().create(
            {
                "company_id": company.id,
                "sequence": payload["seq"],
                "kind": kind,
                "res_model": document._name,
                "res_id": document.id,
                "corrected_entry_id": corrected.id if corrected else False,
                "original_sha256": payload["original_sha256"],
                "entry_time": now,
                "user_id": self.env.uid,
                "prev_hash": last_hash,
                "entry_hash": chain_tool.digest(text),
                "payload": text,
                "backfilled": backfilled,
            }
        )

    @api.model
    def _vn_payload(
        self, document, kind, seq, prev, now, corrected=None, backfilled=False
    ):
        """The entry of ``document`` as it is hashed (see tools/register_chain.py)."""
        company = document.sudo().company_id
        return {
            "v": 1,
            "seq": seq,
            "prev": prev,
            "agency": company.vn_organ_code or str(company.id),
            "kind": kind,
            "model": document._name,
            "res_id": document.id,
            "fields": document._vn_chain_fields(),
            "labels": document._vn_chain_labels(),
            "original_sha256": document._vn_chain_original(),
            "time": utc_text(now),
            "user": self.env.user.login,
            "corrects": corrected.sequence if corrected else None,
            "backfilled": backfilled,
        }

    @api.model
    def _vn_lock_and_read_head(self, company):
        """Take the agency's chain lock, then read its head ``(sequence, hash)``.

        Like ``vn.register.book._take_number``: once the lock is held every earlier
        writer has ended, and a fresh snapshot sees them; this transaction's own
        entries are seen only by its own cursor."""
        cr = self.env.cr
        cr.execute(SQL("SET LOCAL lock_timeout = %s", f"{LOCK_TIMEOUT_MS}ms"))
        cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_CLASS, company.id),
            log_exceptions=False,
        )
        cr.execute(SQL("SET LOCAL lock_timeout TO DEFAULT"))
        with self.env.registry.cursor() as fresh:
            head = max(
                self._vn_head_row(company, fresh), self._vn_head_row(company, cr)
            )
        return head

    @api.model
    def _vn_head_row(self, company, cr):
        cr.execute(
            SQL(
                """SELECT sequence, entry_hash FROM vn_register_chain
                    WHERE company_id = %s ORDER BY sequence DESC LIMIT 1""",
                company.id,
            )
        )
        return cr.fetchone() or (0, chain_tool.GENESIS)

    @api.model
    def _vn_head(self, company):
        """The last entry of the agency's chain (empty recordset when none)."""
        return self.sudo().search(
            [("company_id", "=", company.id)], order="sequence desc", limit=1
        )

    @api.model
    def _vn_last_entry_of(self, document):
        """The registration entry of ``document`` (not a correction), if chained."""
        return self.sudo().search(
            [
                ("res_model", "=", document._name),
                ("res_id", "=", document.id),
                ("kind", "!=", "correction"),
            ],
            order="sequence desc",
            limit=1,
        )

    # ------------------------------------------------------------------
    # Existing registrations (genesis when the chain is introduced)
    # ------------------------------------------------------------------
    @api.model
    def _vn_backfill(self):
        """Chain, once, every registration made before the chain existed, in the order
        of registration, marked ``backfilled``. Idempotent: a chained document is
        skipped."""
        pending = []
        for model_name in self._vn_chained_models():
            Model = self.env[model_name].sudo().with_context(active_test=False)
            chained = set(
                self.sudo()
                .search([("res_model", "=", model_name)])
                .mapped(lambda e: (e.res_id, e.kind))
            )
            for record in Model.search(Model._vn_chain_registered_domain()):
                if (record.id, record._vn_chain_kind()) not in chained:
                    pending.append((record._vn_chain_registered_at(), record))
        pending.sort(key=lambda item: (item[0], item[1]._name, item[1].id))
        for _when, record in pending:
            corrected = None
            if record._name == "vn.register.correction":
                corrected = record._vn_chain_corrected_entry()
            self._vn_append(record, record._vn_chain_kind(), corrected, True)
        return len(pending)

    @api.model
    def _vn_chained_models(self):
        return sorted(self.env.registry["vn.register.chain.mixin"]._inherit_children)

    @api.model
    def _vn_export_lines(self, company):
        """The agency's chain as JSON lines (tools/register_chain.py reads them)."""
        after = 0
        while True:
            rows = self._vn_rows(company, after, BATCH)
            if not rows:
                return
            for row in rows:
                line = {
                    "seq": row["sequence"],
                    "hash": row["entry_hash"],
                    "prev": row["prev_hash"],
                    "payload": row["payload"],
                }
                yield chain_tool.canonical(line) + "\n"
            after = rows[-1]["sequence"]

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------
    @api.model
    def _vn_verify(self, company, after=0, prev_hash=None, limit=None):
        """Check the agency's chain from the entry after sequence ``after``: every
        hash, every link, the sequence, and each entry's register fields against the
        current row of its document. Returns ``{"checked", "last_sequence",
        "last_hash", "broken"}``; ``broken`` describes the first broken link (None
        when sound)."""
        state = {
            "checked": 0,
            "last_sequence": after,
            "last_hash": prev_hash or chain_tool.GENESIS,
            "broken": None,
        }
        while limit is None or state["checked"] < limit:
            size = BATCH if limit is None else min(BATCH, limit - state["checked"])
            rows = self._vn_rows(company, state["last_sequence"], size)
            if not rows:
                break
            broken = self._vn_check_rows(rows, state)
            if broken:
                state["broken"] = broken
                break
        return state

    @api.model
    def _vn_rows(self, company, after, size):
        self.env.cr.execute(
            SQL(
                """SELECT id, sequence, kind, res_model, res_id, original_sha256,
                          prev_hash, entry_hash, payload
                     FROM vn_register_chain
                    WHERE company_id = %s AND sequence > %s
                    ORDER BY sequence LIMIT %s""",
                company.id,
                after,
                size,
            )
        )
        return self.env.cr.dictfetchall()

    @api.model
    def _vn_check_rows(self, rows, state):
        current = self._vn_current_rows(rows)
        for row in rows:
            check = self._vn_check_row(row, state) or self._vn_check_document(
                row, current
            )
            if check:
                return {
                    "entry_id": row["id"],
                    "sequence": row["sequence"],
                    "res_model": row["res_model"],
                    "res_id": row["res_id"],
                    "check": check,
                }
            state.update(
                checked=state["checked"] + 1,
                last_sequence=row["sequence"],
                last_hash=row["entry_hash"],
            )
        return None

    @api.model
    def _vn_check_row(self, row, state):
        """The chain's own checks of one entry: the broken check's name, or None."""
        if row["sequence"] != state["last_sequence"] + 1:
            return "sequence"
        if row["prev_hash"] != state["last_hash"]:
            return "link"
        try:
            payload = chain_tool.check_entry(
                {
                    "seq": row["sequence"],
                    "hash": row["entry_hash"],
                    "prev": row["prev_hash"],
                    "payload": row["payload"],
                },
                {"seq": state["last_sequence"], "hash": state["last_hash"]}
                if state["last_sequence"]
                else None,
            )
        except ValueError:
            return "hash"
        columns = (
            payload.get("kind") == row["kind"]
            and payload.get("model") == row["res_model"]
            and payload.get("res_id") == row["res_id"]
            and payload.get("original_sha256") == row["original_sha256"]
        )
        row["payload_data"] = payload
        return None if columns else "columns"

    @api.model
    def _vn_current_rows(self, rows):
        """{(model, id): (fields, original sha)} of the documents of ``rows`` now."""
        by_model = {}
        for row in rows:
            by_model.setdefault(row["res_model"], set()).add(row["res_id"])
        current = {}
        for model_name, ids in by_model.items():
            if model_name not in self.env:
                continue
            Model = self.env[model_name].sudo().with_context(active_test=False)
            for record in Model.browse(sorted(ids)).exists():
                current[model_name, record.id] = (
                    record._vn_chain_fields(),
                    record._vn_chain_original(),
                )
        return current

    @api.model
    def _vn_check_document(self, row, current):
        """The entry's register fields against the document's current row."""
        now = current.get((row["res_model"], row["res_id"]))
        if now is None:
            return "document missing"
        payload = row["payload_data"]
        if chain_tool.normalise(now[0]) != payload["fields"]:
            return "register fields"
        if now[1] != payload["original_sha256"]:
            return "original"
        return None


class VnRegisterChainMixin(models.AbstractModel):
    """A record whose registration is an entry of the agency's register chain."""

    _name = "vn.register.chain.mixin"
    _description = "Registration chained in the register chain"

    # The register fields of the entry, as the register row shows them.
    _vn_chain_field_names = ()

    def _vn_chain_kind(self):
        raise NotImplementedError

    def _vn_chain_fields(self):
        """The entry's register fields now ({name: JSON value}; records by id)."""
        self.ensure_one()
        return {name: json_value(self[name]) for name in self._vn_chain_field_names}

    def _vn_chain_labels(self):
        """Names of the linked records at registration (informative, not compared)."""
        self.ensure_one()
        return {
            name: self[name].display_name
            for name in self._vn_chain_field_names
            if self._fields[name].type == "many2one" and self[name]
        }

    def _vn_chain_original(self):
        """SHA-256 of the final original at registration (None: no file)."""
        return None

    def _vn_chain_registered_domain(self):
        """Domain of the registered records (for the genesis of existing ones)."""
        raise NotImplementedError

    def _vn_chain_registered_at(self):
        raise NotImplementedError

    def _vn_chain_append(self):
        """Append this registration to the agency's chain (last step of it)."""
        for record in self:
            self.env["vn.register.chain"]._vn_append(record, record._vn_chain_kind())
