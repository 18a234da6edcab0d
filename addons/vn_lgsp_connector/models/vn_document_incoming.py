from odoo import _, fields, models

# Events of an incoming document that came through the platform -> status code sent back (QCVN 102 §2.2).
EVENT_STATUS = {"received": "01", "returned": "02", "registered": "03", "assigned": "04", "in_progress": "05",
                "done": "06"}


class VnDocumentIncoming(models.Model):
    _inherit = "vn.document.incoming"

    vn_lgsp_message_id = fields.Many2one("vn.lgsp.message", string="Received in package", readonly=True,
                                         index="btree_not_null")

    def _vn_notify_event(self, event):
        """Each step of a document received through the platform goes back to its sender as a status."""
        res = super()._vn_notify_event(event)
        code = EVENT_STATUS.get(event)
        if code and not self.env.context.get("vn_lgsp_silent"):
            for doc in self.filtered(lambda d: d.channel == "lgsp" and d.vn_lgsp_message_id and d.sender_id):
                doc._vn_send_status(code)
        return res

    def _vn_send_status(self, code):
        self.ensure_one()
        description = {
            "01": _("Arrived"), "02": self.return_reason or _("Refused"), "03": _("Registered as arrival number "
                                                                                  "%(number)s", number=self.arrival_number),
            "04": _("Assigned"), "05": _("In progress"), "06": _("Handling completed"),
        }[code]
        staff = {"department": "", "staff": self.env.user.name, "email": self.env.user.email or "", "mobile": ""}
        self.env["vn.lgsp.message"].sudo().with_company(self.company_id).browse()._vn_queue_status(
            self.sender_id.vn_organ_code,
            {"organ_id": self.sender_id.vn_organ_code,
             "code": "/".join(p for p in (self.code_number, self.code_notation) if p),
             "promulgation_date": self.issued_date, "document_id": self.document_identifier},
            code, description, staff)


class VnDocumentAssignment(models.Model):
    _inherit = "vn.document.assignment"

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "passed":
            self.document_id._vn_notify_event("in_progress")
        return res
