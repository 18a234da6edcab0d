# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2.errors import ReadOnlySqlTransaction

from odoo import api, fields, models


class VnDocumentAccessLog(models.Model):
    """Every opening of a document and every download of its files (R-SEC3, Phụ lục VI
    III.6.l)."""

    _name = "vn.document.access.log"
    _description = "Document access log"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        readonly=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    action = fields.Selection(
        [
            ("open", "Opened"),
            ("download", "Downloaded"),
            ("export", "Exported"),
            ("print", "Printed"),
        ],
        required=True,
        readonly=True,
    )
    res_model = fields.Char(
        string="Document model", required=True, readonly=True, index=True
    )
    res_id = fields.Many2oneReference(
        string="Document",
        model_field="res_model",
        required=True,
        readonly=True,
        index=True,
    )
    file_id = fields.Many2one("vn.document.file", readonly=True, ondelete="set null")
    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company
    )

    @api.model
    def _log(self, action, res_model, res_id, file=None):
        self._log_values(
            [
                {
                    "action": action,
                    "res_model": res_model,
                    "res_id": res_id,
                    "file_id": file.id if file else False,
                }
            ]
        )

    @api.model
    def _log_many(self, action, records):
        self._log_values(
            [
                {"action": action, "res_model": records._name, "res_id": record_id}
                for record_id in records.ids
            ]
        )

    @api.model
    def _log_values(self, vals_list):
        for values in vals_list:
            values.setdefault("file_id", False)
            values.update(user_id=self.env.uid, company_id=self.env.company.id)
        if self.env.cr.readonly:
            # A read-only route (/web/content): Odoo runs the request again with a
            # read/write cursor, and the log is written then. The suite's own
            # download route (/vn_document/file/<id>) is read/write from the start.
            raise ReadOnlySqlTransaction(
                "the access log needs a read/write transaction"
            )
        self.sudo().create(vals_list)


class VnDocumentAccessMixin(models.AbstractModel):
    """Documents that log every read of their form or content, through every door.

    JSON-RPC ``read``, ``search_read``, the form's ``web_read``, ``/json/2``,
    ``onchange``, exports and ``/web/content/<model>/<id>/<field>`` all end in
    ``_read_format``,
    ``onchange``, ``export_data`` or ``ir.binary``. Reading only the columns a list
    shows is browsing the register, not opening a document; anything more is logged once
    per record, whatever the context says (a context key is client input, SECURITY.md).
    """

    _name = "vn.document.access.mixin"
    _description = "Logs every reading of a document"

    # What the lists of the model show; reading only these is not an opening.
    _vn_list_fields = frozenset()
    _vn_always_unlogged = frozenset(
        {
            "id",
            "display_name",
            "write_date",
            "create_date",
            "activity_ids",
            "activity_state",
            "activity_exception_decoration",
            "activity_exception_icon",
            "activity_summary",
            "activity_type_id",
            "activity_type_icon",
            "activity_user_id",
            "activity_date_deadline",
            "message_needaction",
            "message_needaction_counter",
            "message_has_error",
            "company_id",
        }
    )

    def _vn_opens(self, field_names):
        """Whether reading ``field_names`` (None: all) is an opening of the document."""
        if field_names is None:
            return True
        return bool(set(field_names) - self._vn_list_fields - self._vn_always_unlogged)

    def _vn_log_opening(self, field_names, action="open"):
        if self.env.su or not self._ids:
            return
        records = self._origin.filtered("id") if hasattr(self, "_origin") else self
        if records and records._vn_opens(field_names):
            self.env["vn.document.access.log"]._log_many(action, records)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        self._vn_log_opening(fnames)
        return result

    def web_read(self, specification):
        return super().web_read(specification)

    # The form's read is an opening, which writes the access log: Odoo 19 sends it to
    # the primary database at once rather than to the read-only replica
    # (db_replica_host), where it would fail at the log and run a second time.
    # Lists (web_search_read) stay read-only.
    web_read._readonly = False

    def onchange(self, values, field_names, fields_spec):
        result = super().onchange(values, field_names, fields_spec)
        self._vn_log_opening(list(fields_spec))
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self._vn_log_opening(
            [path.split("/")[0].split(".")[0] for path in fields_to_export], "export"
        )
        return result
