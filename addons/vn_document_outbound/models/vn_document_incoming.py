# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.vn_document_base.tools.legal import legal

from .vn_document_delivery import INTERNAL_EVENTS


class VnDocumentIncoming(models.Model):
    """Replies drafted from an incoming document, and internal deliveries whose status
    follows the incoming document's life."""

    _inherit = "vn.document.incoming"

    def _vn_workflow_field_names(self):
        return super()._vn_workflow_field_names() | {
            "vn_source_delivery_id",
            "reply_ids",
        }

    reply_ids = fields.One2many("vn.document.outgoing", "incoming_id", string="Replies")
    vn_source_delivery_id = fields.Many2one(
        "vn.document.delivery",
        string="Sent by our outgoing document",
        readonly=True,
        index="btree_not_null",
    )

    def _vn_notify_event(self, event):
        res = super()._vn_notify_event(event)
        for doc in self.filtered("vn_source_delivery_id"):
            state = INTERNAL_EVENTS.get(event)
            if state and doc.vn_source_delivery_id.state != "recalled":
                doc.vn_source_delivery_id._vn_set_status(state)
        return res

    def action_draft_reply(self):
        """A staff member starts a reply; it completes their assignment when issued
        (R-OUT1)."""
        self.ensure_one()
        assignment = self.assignment_ids.filtered(
            lambda a: (
                a.state == "open"
                and a.role == "lead"
                and a._responsible_user() == self.env.user
            )
        )[:1]
        letter = self.env["vn.document.type"].search(
            [("symbol_style", "=", "agency_unit")], limit=1
        )
        self.check_access("read")
        reply = self.env["vn.document.outgoing"].create(
            {
                "document_type_id": letter.id,
                "subject": self.env._("Reply to %(doc)s", doc=self.display_name)[:500],
                "drafter_id": self.env.user.id,
                "drafting_department_id": self.env.user.employee_ids[
                    :1
                ].department_id.id,
                "delivery_ids": [fields.Command.create(self._vn_reply_recipient())]
                if self.sender_id
                else [],
            }
        )
        # The links are workflow fields: set here, after the checks, never by a client.
        reply.sudo().write(
            {"incoming_id": self.id, "incoming_assignment_id": assignment.id}
        )
        self._trail(legal(self).env._("Reply drafted: %(doc)s", doc=reply.display_name))
        return {
            "type": "ir.actions.act_window",
            "res_model": reply._name,
            "res_id": reply.id,
            "view_mode": "form",
        }

    def _vn_reply_recipient(self):
        if self.channel == "internal" or self.sender_id == self.company_id.partner_id:
            return {"kind": "paper", "partner_id": self.sender_id.id}
        if self.sender_id.vn_organ_code:
            return {"kind": "external", "partner_id": self.sender_id.id}
        if self.sender_email:
            return {"kind": "email", "email": self.sender_email}
        return {"kind": "paper", "partner_id": self.sender_id.id}
