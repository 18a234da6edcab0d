# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# How an outgoing document reached its recipients, for the dashboard: through the
# platform (some recipient is another agency), on paper only, or electronically.
DELIVERY_CHANNELS = [
    ("lgsp", "LGSP"),
    ("paper", "Paper"),
    ("electronic", "Electronic, other"),
]
# The same rule in SQL, filling the column when the addon is installed on a database
# that already holds documents (the ORM would compute them one batch at a time).
FILL_SQL = """
UPDATE vn_document_outgoing o
   SET vn_report_channel = CASE
           WHEN dl.external > 0 THEN 'lgsp'
           WHEN dl.total > 0 AND dl.paper = dl.total THEN 'paper'
           ELSE 'electronic' END
  FROM (SELECT document_id, count(*) AS total,
               count(*) FILTER (WHERE kind = 'external') AS external,
               count(*) FILTER (WHERE kind = 'paper') AS paper
          FROM vn_document_delivery GROUP BY document_id) dl
 WHERE dl.document_id = o.id"""


class VnDocumentOutgoing(models.Model):
    _inherit = "vn.document.outgoing"

    # A period's documents of the agency, or of one unit, without reading the whole
    # table (R-RP2), and the quarterly report's issue moments (R-RP1).
    _vn_report_company_index = models.Index("(company_id, create_date)")
    _vn_report_unit_index = models.Index("(drafting_department_id, create_date)")
    _vn_report_issue_index = models.Index(
        "(company_id, issued_at) WHERE issued_at IS NOT NULL"
    )

    vn_report_channel = fields.Selection(
        DELIVERY_CHANNELS,
        string="Sent through",
        compute="_compute_vn_report_channel",
        store=True,
    )

    def _vn_check_client_values(self, vals):
        res = super()._vn_check_client_values(vals)
        self._vn_refuse_report_fields(vals)
        return res

    def write(self, vals):
        self._vn_refuse_report_fields(vals)
        return super().write(vals)

    def _vn_refuse_report_fields(self, vals):
        """The channel the reports count follows the recipients; no client sets it
        (it would stay wrong once the document is issued)."""
        if "vn_report_channel" in vals and not self.env.su:
            raise AccessError(
                _("These fields change only through the document's workflow buttons.")
            )

    @api.depends("delivery_ids.kind")
    def _compute_vn_report_channel(self):
        for doc in self:
            kinds = doc.delivery_ids.mapped("kind")
            doc.vn_report_channel = (
                "lgsp"
                if "external" in kinds
                else "paper"
                if kinds and set(kinds) == {"paper"}
                else "electronic"
            )


def pre_init_hook(env):
    """Add and fill the column in SQL before the ORM sees it (a million documents)."""
    env.cr.execute(
        "ALTER TABLE vn_document_outgoing "
        "ADD COLUMN IF NOT EXISTS vn_report_channel varchar DEFAULT 'electronic'"
    )
    env.cr.execute(FILL_SQL)
