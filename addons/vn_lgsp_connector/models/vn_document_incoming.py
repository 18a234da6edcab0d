# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from odoo import _, fields, models

from odoo.addons.vn_document_base.tools.legal import legal

# Events of an incoming document that came through the platform -> status code sent back
# (QCVN 102 §2.2).
EVENT_STATUS = {
    "received": "01",
    "returned": "02",
    "registered": "03",
    "assigned": "04",
    "in_progress": "05",
    "done": "06",
    "recalled": "15",
}


class VnDocumentIncoming(models.Model):
    _inherit = "vn.document.incoming"

    channel = fields.Selection(
        selection_add=[("lgsp", "LGSP"), ("email",)],
        ondelete={"lgsp": "set default"},
    )
    vn_lgsp_message_id = fields.Many2one(
        "vn.lgsp.message",
        string="Received in package",
        readonly=True,
        index="btree_not_null",
    )

    def _vn_workflow_field_names(self):
        # The package link is what makes a document "from the platform" (statuses,
        # recalls).
        return super()._vn_workflow_field_names() | {"vn_lgsp_message_id"}

    def _vn_notify_event(self, event):
        """Each step of a document received through the platform goes back to its sender
        as a status.

        A recall the clerk records by hand (the sender asked by phone or letter) is
        answered 15, as the platform's recall would be; a recall that came through the
        platform is answered by the connector itself (``vn_lgsp_silent``), so the sender
        is never told twice."""
        res = super()._vn_notify_event(event)
        code = EVENT_STATUS.get(event)
        if code and not self.env.context.get("vn_lgsp_silent"):
            for doc in self.filtered(
                lambda d: (
                    d.channel == "lgsp"
                    and d.vn_lgsp_message_id
                    and d.sender_id
                    and d.sender_id.vn_organ_code
                    and (d.document_identifier or "").strip()
                )
            ):
                doc._vn_send_status(code)
        return res

    def _vn_recall(self, reason):
        """A recall also destroys the received packages: the raw package kept with the
        document and the stored payload of every package that brought it (metadata
        kept), whoever records the recall."""
        todo = self.filtered(lambda d: d.state != "recalled")
        res = super()._vn_recall(reason)
        todo.filtered(lambda d: d.state == "recalled")._vn_destroy_packages(reason)
        return res

    def _vn_destroy_packages(self, reason):
        Attachment = self.env["ir.attachment"].sudo()
        now = fields.Datetime.now()
        for doc in self:
            messages = (
                self.env["vn.lgsp.message"]
                .sudo()
                .search(
                    [
                        ("incoming_id", "=", doc.id),
                        ("direction", "=", "in"),
                        ("message_type", "=", "edoc"),
                    ]
                )
            )
            messages |= doc.sudo().vn_lgsp_message_id
            messages._vn_destroy_content(reason)
            raws = Attachment.search(
                [
                    ("res_model", "=", doc._name),
                    ("res_id", "=", doc.id),
                    ("res_field", "=", False),
                    ("mimetype", "=", "application/xml"),
                    ("name", "=like", "%.edxml"),
                ]
            )
            for raw in raws.filtered(lambda a: a.file_size):
                data = raw.raw or b""
                raw.write(
                    {
                        "raw": b"",
                        "description": _(
                            "Content destroyed on %(date)s (recall: %(reason)s). It "
                            "was %(size)s bytes, SHA-256 %(sha)s.",
                            date=now,
                            reason=reason,
                            size=len(data),
                            sha=hashlib.sha256(data).hexdigest(),
                        ),
                    }
                )

    def _vn_send_status(self, code):
        self.ensure_one()
        vi = legal(self)  # a status goes to another agency: Vietnamese, whoever acts
        description = {
            "01": vi.env._("Arrived"),
            "02": self.return_reason or vi.env._("Refused"),
            "03": vi.env._(
                "Registered as arrival number %(number)s", number=self.arrival_number
            ),
            "04": vi.env._("Assigned"),
            "05": vi.env._("In progress"),
            "06": vi.env._("Handling completed"),
            "15": self.recall_reason or vi.env._("Recalled by the sender"),
        }[code]
        staff = {
            "department": "",
            "staff": self.env.user.name,
            "email": self.env.user.email or "",
            "mobile": "",
        }
        self.env["vn.lgsp.message"].sudo().with_company(
            self.company_id
        ).browse()._vn_queue_status(
            self.sender_id.vn_organ_code,
            {
                "organ_id": self.sender_id.vn_organ_code,
                "code": "/".join(
                    p for p in (self.code_number, self.code_notation) if p
                ),
                "promulgation_date": self.issued_date,
                "document_id": self.document_identifier,
            },
            code,
            description,
            staff,
        )
