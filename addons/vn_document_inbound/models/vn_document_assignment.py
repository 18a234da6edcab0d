# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.vn_document_base.tools.selection import selection_label
from odoo.addons.vn_document_base.tools.workflow import wizard_action


class VnDocumentAssignment(models.Model):
    """Who handles an incoming document: the lead (chủ trì), co-operating parties
    (phối hợp) and people informed (để biết), each a unit or a person with a deadline
    (R-IN9)."""

    _name = "vn.document.assignment"
    _description = "Assignment of an incoming document"
    _inherit = "vn.document.child.mixin"
    _order = "document_id, role_sequence, id"
    # The document's rules of agency-wide roles only read its company: the lines are
    # then filtered on their own company instead of a semi-join with the documents.
    _vn_mirrored_fields = {"company_id": "company_id"}  # noqa: RUF012

    document_id = fields.Many2one(
        "vn.document.incoming",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )
    role = fields.Selection(
        [
            ("lead", "Lead"),
            ("cooperate", "Co-operating"),
            ("inform", "For information"),
        ],
        required=True,
        default="lead",
    )
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    department_id = fields.Many2one("hr.department", string="Unit", index=True)
    user_id = fields.Many2one("res.users", string="Person", index=True)
    parent_id = fields.Many2one(
        "vn.document.assignment",
        string="Passed on from",
        index=True,
        ondelete="cascade",
        help="The unit's assignment a head of department passed to this person.",
    )
    deadline = fields.Date()
    assigned_by_id = fields.Many2one(
        "res.users",
        string="Assigned by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    state = fields.Selection(
        [
            ("open", "In progress"),
            ("passed", "Passed on"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="open",
        required=True,
    )
    result = fields.Text()
    result_file_id = fields.Many2one(
        "vn.document.file", string="Result file", readonly=True
    )
    done_date = fields.Datetime(string="Completed on", readonly=True)
    reminded_on = fields.Date(string="Reminded on", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_due_soon = fields.Boolean(
        string="Due soon",
        compute="_compute_is_overdue",
        search="_search_is_due_soon",
        help="Open, due within the reminder period (working days).",
    )
    urgency_id = fields.Many2one(related="document_id.urgency_id")
    # Kept by the ORM with the document's status: the follow-up view filters the
    # lines on it (and its index) instead of joining every line to its document.
    document_state = fields.Selection(
        related="document_id.state", string="Document status", store=True
    )

    # The open lines the follow-up view and the reminders read (R-IN12), by
    # deadline; the rest of a million lines is never read for them.
    _follow_up_index = models.Index(
        "(deadline) INCLUDE (department_id, user_id, company_id, document_id)"
        " WHERE state = 'open' AND role <> 'inform'"
        " AND document_state = 'in_progress' AND deadline IS NOT NULL"
    )
    # The record rules of incoming documents read the documents of a user's or a
    # unit's assignments (vn_reader_key), and so does the follow-up view through the
    # child mixin: from these indexes alone, without the table.
    _user_document_index = models.Index("(user_id, document_id)")
    _department_document_index = models.Index("(department_id, document_id)")

    @api.depends("role")
    def _compute_role_sequence(self):
        order = {"lead": 1, "cooperate": 2, "inform": 3}
        for line in self:
            line.role_sequence = order.get(line.role, 9)

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today, horizon = fields.Date.context_today(self), self._due_soon_horizon()
        for line in self:
            is_open = line.state == "open" and line.deadline
            line.is_overdue = bool(is_open and line.deadline < today)
            line.is_due_soon = bool(is_open and today <= line.deadline <= horizon)

    @api.model
    def _due_soon_horizon(self):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_inbound.remind_days", 2)
        )
        return self.env.company.vn_add_working_days(
            fields.Date.context_today(self), days
        )

    def _search_is_overdue(self, operator, value):
        return self._search_open_before(
            operator, value, [("deadline", "<", fields.Date.context_today(self))]
        )

    def _search_is_due_soon(self, operator, value):
        return self._search_open_before(
            operator,
            value,
            [
                ("deadline", ">=", fields.Date.context_today(self)),
                ("deadline", "<=", self._due_soon_horizon()),
            ],
        )

    def _search_open_before(self, operator, value, deadline_domain):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search."))
        domain = Domain(
            [("state", "=", "open"), ("role", "!=", "inform")] + deadline_domain
        )
        return domain if (operator == "=") == value else ~domain

    @api.constrains("department_id", "user_id")
    def _check_assignee(self):
        for line in self:
            if bool(line.department_id) == bool(line.user_id):
                raise UserError(_("Each assignment goes to one unit or to one person."))

    def _role_label(self):
        return selection_label(self, "role")

    def _assignee_name(self):
        self.ensure_one()
        return self.user_id.name or self.department_id.display_name

    def _responsible_user(self):
        """The person who must act: the assignee, or the head of the assigned unit."""
        self.ensure_one()
        return self.user_id or self.department_id.manager_id.user_id

    def _vn_remind(self, today):
        """Post the reminder of the deadline for whoever must act, in their language."""
        self.ensure_one()
        user = self._responsible_user()
        if not user:
            return
        doc = self.document_id.with_context(lang=user.lang or None)
        date = tools.format_date(doc.env, self.deadline)
        body = (
            doc.env._(
                "Overdue since %(date)s: %(doc)s", date=date, doc=doc.display_name
            )
            if self.deadline < today
            else doc.env._("Due on %(date)s: %(doc)s", date=date, doc=doc.display_name)
        )
        doc.message_post(
            body=body,
            partner_ids=user.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )

    def _open_wizard(self, model, name):
        self.ensure_one()
        return wizard_action(
            name,
            model,
            {"default_assignment_id": self.id, "default_deadline": self.deadline},
        )

    def action_open_pass_wizard(self):
        return self._open_wizard("vn.assignment.pass.wizard", _("Pass on to a person"))

    def action_open_complete_wizard(self):
        return self._open_wizard("vn.assignment.complete.wizard", _("Complete"))
