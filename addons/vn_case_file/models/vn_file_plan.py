# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.vn_document_base.tools.legal import vn_local_date
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted for approval"),
    ("approved", "Approved"),
]
SERVICE_FIELDS = {"state", "approved_by_id", "approved_on", "submitted_by_id"}
CLERK = "vn_document_base.group_vn_document_clerk"
AGENCY_HEAD = "vn_document_base.group_vn_document_agency_head"


class VnFilePlan(models.Model):
    """The agency's yearly file plan (Danh mục hồ sơ, ND 30 Điều 28, Phụ lục V).

    Drafted by the records clerk, approved by the head of agency, in force from 1
    January of its year; the files of the year are opened from it. Once approved its
    headings and planned files no longer change, except that a file opened outside
    the plan is added to it (``ad_hoc``)."""

    _name = "vn.file.plan"
    _description = "File plan"
    _inherit = "mail.thread"
    _order = "year desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    year = fields.Integer(
        required=True,
        default=lambda self: vn_local_date(fields.Datetime.now()).year + 1,
        tracking=True,
    )
    state = fields.Selection(
        STATES, string="Status", default="draft", readonly=True, tracking=True
    )
    numbering = fields.Selection(
        [
            ("continuous", "Continuous through the plan"),
            ("per_heading", "From 01 within each major heading"),
        ],
        string="Numbering of files",
        default="continuous",
        required=True,
        help="ND 30 Phụ lục V: the files are numbered either from 01 through the whole "
        "plan, or from 01 within each major heading.",
    )
    decision_ref = fields.Char(
        string="Approving decision",
        help="Number and date of the decision that issues the plan.",
    )
    heading_ids = fields.One2many(
        "vn.file.plan.heading", "plan_id", string="Headings", copy=False
    )
    item_ids = fields.One2many(
        "vn.file.plan.item", "plan_id", string="Planned files", copy=False
    )
    item_count = fields.Integer(compute="_compute_counts", string="Files planned")
    permanent_count = fields.Integer(compute="_compute_counts", string="Permanent")
    fixed_term_count = fields.Integer(compute="_compute_counts", string="Fixed term")
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", string="Approved by", readonly=True, copy=False
    )
    approved_on = fields.Datetime(readonly=True, copy=False)
    in_force = fields.Boolean(compute="_compute_in_force")

    _year_unique = models.Constraint(
        "UNIQUE(company_id, year)", "The agency already has a file plan for this year."
    )

    @api.depends("year")
    def _compute_name(self):
        for plan in self:
            plan.name = legal_title(plan)

    @api.depends("item_ids.retention_id")
    def _compute_counts(self):
        for plan in self:
            permanent = plan.item_ids.filtered("retention_id.permanent")
            plan.item_count = len(plan.item_ids)
            plan.permanent_count = len(permanent)
            plan.fixed_term_count = plan.item_count - len(permanent)

    def _compute_in_force(self):
        today = vn_local_date(fields.Datetime.now())
        for plan in self:
            plan.in_force = plan.state == "approved" and plan.year <= today.year

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2999:
                raise ValidationError(_("The year of the plan is four digits."))

    # ------------------------------------------------------------------
    # Doors
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_service_fields(self, vals, SERVICE_FIELDS, {"state": "draft"})
        return super().create(vals_list)

    def write(self, vals):
        refuse_service_fields(self, vals, SERVICE_FIELDS)
        if not self.env.su and set(vals) - {"message_follower_ids"}:
            self._check_draft()
        return super().write(vals)

    def _check_draft(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(
                _(
                    "The file plan is submitted or approved: it no longer changes. "
                    "A file opened outside the plan is added to it from the file."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(plan.state == "approved" for plan in self):
            raise UserError(_("An approved file plan is never deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit(self):
        """The clerk submits the draft to the head of agency."""
        if not self.env.user.has_group(CLERK):
            raise AccessError(_("Only a records clerk submits the file plan."))
        for plan in self:
            plan.check_access("write")
            if plan.state != "draft":
                raise UserError(_("Only a draft plan is submitted."))
            if not plan.item_ids:
                raise UserError(_("The plan has no planned file."))
            missing = plan.item_ids.filtered(
                lambda i: not (i.retention_id and i.responsible_id)
            )
            if missing:
                raise UserError(
                    _(
                        "Give every planned file its retention period and the person "
                        "responsible: %(files)s",
                        files=", ".join(missing.mapped("title")[:5]),
                    )
                )
            plan.sudo().write({"state": "submitted", "submitted_by_id": self.env.uid})
            plan.message_post(body=_("Submitted for approval."))
        return True

    def action_approve(self):
        """The head of agency approves the plan; it is in force from 1 January of its
        year."""
        if not self.env.user.has_group(AGENCY_HEAD):
            raise AccessError(_("Only a head of agency approves the file plan."))
        for plan in self:
            plan.check_access("read")
            if plan.state != "submitted":
                raise UserError(_("Only a submitted plan is approved."))
            plan.sudo().write(
                {
                    "state": "approved",
                    "approved_by_id": self.env.uid,
                    "approved_on": fields.Datetime.now(),
                }
            )
            # The head of agency reads the plan only: the note is posted as the
            # service, in his name.
            plan.sudo().message_post(body=_("Approved."))
        return True

    def action_return_to_draft(self):
        """The head of agency (or the clerk who submitted it) sends it back to draft;
        an approved plan is never reopened."""
        user = self.env.user
        for plan in self:
            plan.check_access("read")
            if plan.state != "submitted":
                raise UserError(_("Only a submitted plan goes back to draft."))
            if not (user.has_group(AGENCY_HEAD) or user.has_group(CLERK)):
                raise AccessError(_("Only the head of agency or a clerk does this."))
            plan.sudo().write({"state": "draft"})
            plan.sudo().message_post(body=_("Returned to draft."))
        return True

    def action_copy_next_year(self):
        """Next year's plan starts as a copy of this one (headings and planned files),
        as a draft."""
        self.ensure_one()
        if not self.env.user.has_group(CLERK):
            raise AccessError(_("Only a records clerk drafts the file plan."))
        self.check_access("read")
        year = self.year + 1
        if self.search_count(
            [("company_id", "=", self.company_id.id), ("year", "=", year)]
        ):
            raise UserError(_("The plan of %(year)s exists already.", year=year))
        new = self.create(
            {
                "company_id": self.company_id.id,
                "year": year,
                "numbering": self.numbering,
            }
        )
        mapping = {}
        for heading in self.heading_ids.sorted(lambda h: (bool(h.parent_id), h.id)):
            mapping[heading] = heading.copy(
                {
                    "plan_id": new.id,
                    "parent_id": mapping[heading.parent_id].id
                    if heading.parent_id
                    else False,
                }
            )
        for item in self.item_ids.filtered(lambda i: not i.ad_hoc):
            item.copy(
                {
                    "plan_id": new.id,
                    "heading_id": mapping[item.heading_id].id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    @api.model
    def _vn_plan_of(self, company, year):
        return self.search(
            [("company_id", "=", company.id), ("year", "=", year)], limit=1
        )


def legal_title(plan):
    """The plan's title, in Vietnamese whatever the user's language (it is printed
    and signed)."""
    return f"Danh mục hồ sơ năm {plan.year}" if plan.year else ""
