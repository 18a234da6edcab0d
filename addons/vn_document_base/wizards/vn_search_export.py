# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast
import datetime
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import query_text, register_xlsx, result_export
from ..tools.legal import VN_TZ, legal, vn_now

FORMATS = [("xlsx", "Excel (.xlsx)"), ("docx", "Word (.docx)"), ("pdf", "PDF")]


class VnSearchExport(models.TransientModel):
    """Export the current result of a document list (ND 30 Phụ lục VI III.6.h), in
    Vietnamese, with the query in words and the export time in the header.

    The list hands over the ids it shows (or, with "select all", the ids of its whole
    domain) and its domain: both are client input. The rows are searched again as the
    user, so a document he may not read is never exported, and every exported document
    is written to the access log.
    """

    _name = "vn.search.export"
    _description = "Export a search result"

    # Above this many rows, the user narrows the search first.
    _vn_row_limit = 5000

    res_model = fields.Char(string="Document model", required=True, readonly=True)
    res_ids = fields.Text(string="Selected documents", readonly=True, default="[]")
    domain = fields.Text(string="Query", readonly=True, default="[]")
    export_format = fields.Selection(
        FORMATS, string="Format", required=True, default="docx"
    )
    row_count = fields.Integer(string="Documents", compute="_compute_row_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        model = context.get("active_model")
        if model:
            values["res_model"] = model
            values["res_ids"] = json.dumps(list(context.get("active_ids") or []))
            values["domain"] = json.dumps(context.get("active_domain") or [])
        return values

    @api.depends("res_model", "res_ids")
    def _compute_row_count(self):
        for wizard in self:
            wizard.row_count = len(wizard._vn_ids())

    def _vn_model(self):
        """The documents' model, in the user's rights; only the suite's document
        lists can be exported."""
        model = self.env.get(self.res_model)
        if model is None or not getattr(model, "_vn_export_fields", None):
            raise UserError(self.env._("This list cannot be exported."))
        return model

    def _vn_ids(self):
        try:
            ids = json.loads(self.res_ids or "[]")
        except ValueError:
            ids = []
        return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]

    def _vn_domain(self):
        try:
            domain = ast.literal_eval(self.domain or "[]")
        except (ValueError, SyntaxError):
            domain = []
        return domain if isinstance(domain, list) else []

    def _vn_records(self):
        """The documents to export, searched as the user (never as superuser)."""
        ids = self._vn_ids()
        if len(ids) > self._vn_row_limit:
            raise UserError(
                legal(self).env._(
                    "The result has %(count)s documents; at most %(limit)s can be "
                    "exported at once. Narrow the search (dates, register book, unit) "
                    "and export again.",
                    count=len(ids),
                    limit=self._vn_row_limit,
                )
            )
        records = self._vn_model().search([("id", "in", ids)])
        if not records:
            raise UserError(self.env._("There is no document to export."))
        # keep the list's order
        order = {record_id: index for index, record_id in enumerate(ids)}
        return records.sorted(lambda r: order.get(r.id, 0))

    def _vn_columns(self, model):
        """(field name, Vietnamese label) of the exported columns."""
        names = [n for n in model._vn_export_fields if n in model._fields]
        labels = legal(model).fields_get(names, ["string"])
        return [(name, labels[name]["string"]) for name in names]

    def _vn_cell(self, record, name):
        field = record._fields[name]
        value = record[name]
        if not value and field.type != "boolean":
            return ""
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(legal(record).env)).get(value, "")
        if field.type == "boolean":
            return "x" if value else ""
        if field.type == "datetime":
            local = value.replace(tzinfo=datetime.UTC).astimezone(VN_TZ)
            return local.strftime("%d/%m/%Y %H:%M")
        if field.type == "date":
            return value.strftime("%d/%m/%Y")
        return str(value)

    def _vn_export_values(self):
        """Title, header lines, columns and rows of the export; the exported documents
        are logged (III.6.l) now, whatever format is made from these values."""
        self.ensure_one()
        records = self._vn_records()
        model = self._vn_model()
        vi = legal(self).env
        columns = [("index", vi._("No."))] + self._vn_columns(model)
        rows = []
        for index, record in enumerate(records, start=1):
            row = {name: self._vn_cell(record, name) for name, _l in columns[1:]}
            row["index"] = str(index)
            rows.append(row)
        self.env["vn.document.access.log"]._log_many("export", records)
        query = query_text.describe_domain(legal(model), self._vn_domain())
        kind = legal(self.env["ir.model"]).sudo()._get(model._name).name
        title = vi._("Search result: %s", kind)
        header = [
            self.env.company.name,
            vi._("Query: %s", query),
            vi._("Exported on %(time)s by %(user)s (%(count)s documents)")
            % {
                "time": vn_now().strftime("%d/%m/%Y %H:%M"),
                "user": self.env.user.name,
                "count": len(records),
            },
        ]
        return {"title": title, "header": header, "columns": columns, "rows": rows}

    def action_export(self):
        """Make the file in the chosen format and download it."""
        self.ensure_one()
        if self.export_format == "pdf":
            self._vn_records()  # a clear message now rather than an empty report
            report = self.env.ref("vn_document_base.action_report_vn_search_export")
            return report.report_action(self)
        values = self._vn_export_values()
        stamp = vn_now().strftime("%Y%m%d-%H%M")
        args = (values["title"], values["header"], values["columns"], values["rows"])
        if self.export_format == "xlsx":
            data = result_export.xlsx_bytes(*args, sheet_name="Ket qua")
            mimetype = register_xlsx.XLSX_MIMETYPE
        else:
            data = result_export.docx_bytes(*args)
            mimetype = result_export.DOCX_MIMETYPE
        return self._vn_download(
            f"ket-qua-{stamp}.{self.export_format}", data, mimetype
        )

    def _vn_download(self, filename, data, mimetype):
        """Keep the file on the wizard (only its user reads it) and download it."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": data,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": mimetype,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            # a new tab that downloads the file; the dialog closes
            "target": "new",
            "close": True,
        }
