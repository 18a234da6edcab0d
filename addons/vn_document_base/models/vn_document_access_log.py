from psycopg2.errors import ReadOnlySqlTransaction

from odoo import api, fields, models


class VnDocumentAccessLog(models.Model):
    """Every opening of a document and every download of its files (R-SEC3, Phụ lục VI III.6.l)."""

    _name = "vn.document.access.log"
    _description = "Document access log"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(string="Date", required=True, default=fields.Datetime.now, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="User", required=True, readonly=True, index=True,
                              default=lambda self: self.env.user)
    action = fields.Selection([("open", "Opened"), ("download", "Downloaded")], string="Action",
                              required=True, readonly=True)
    res_model = fields.Char(string="Document model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", required=True, readonly=True,
                                      index=True)
    file_id = fields.Many2one("vn.document.file", string="File", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", readonly=True, default=lambda self: self.env.company)

    @api.model
    def _log(self, action, res_model, res_id, file=None):
        values = {
            "action": action, "res_model": res_model, "res_id": res_id,
            "file_id": file.id if file else False, "user_id": self.env.uid,
            "company_id": self.env.company.id,
        }
        if self.env.cr.readonly:
            # A read-only route (/web/content): Odoo runs the request again with a
            # read/write cursor, and the log is written then. The suite's own
            # download route (/vn_document/file/<id>) is read/write from the start.
            raise ReadOnlySqlTransaction("the access log needs a read/write transaction")
        self.sudo().create(values)


class VnDocumentAccessMixin(models.AbstractModel):
    """Documents that log each opening of their form."""

    _name = "vn.document.access.mixin"
    _description = "Logs the opening of a document"

    def web_read(self, specification):
        result = super().web_read(specification)
        # The form reads one record; lists read through web_search_read (below), which is not an opening.
        if len(self) == 1 and not self.env.context.get("vn_list_read"):
            self.env["vn.document.access.log"]._log("open", self._name, self.id)
        return result

    # Unlike the method it overrides, this one writes (the log): the web client's
    # call must run in a read/write transaction from the start (see call_kw's readonly rule).
    web_read._readonly = False

    @api.model
    @api.readonly
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        return super(VnDocumentAccessMixin, self.with_context(vn_list_read=True)).web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit)
