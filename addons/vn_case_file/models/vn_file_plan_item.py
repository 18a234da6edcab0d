# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number):
    out = []
    for value, letters in ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


class VnFilePlanPart(models.AbstractModel):
    """A heading or a planned file: part of a plan, changed only while it is a
    draft (the plan's own check)."""

    _name = "vn.file.plan.part"
    _description = "Part of a file plan"

    @api.model_create_multi
    def create(self, vals_list):
        plans = self.env["vn.file.plan"].browse(
            {vals.get("plan_id") for vals in vals_list if vals.get("plan_id")}
        )
        if not self.env.su:
            plans._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.plan_id._check_draft()
            if "plan_id" in vals:
                self.env["vn.file.plan"].browse(vals["plan_id"])._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if not self.env.su:
            self.plan_id._check_draft()


class VnFilePlanHeading(models.Model):
    """A heading of the plan (đề mục): major headings take Roman numerals and an
    abbreviation (the suffix of the files' symbols), minor headings Arabic numerals
    within their major heading (ND 30 Phụ lục V)."""

    _name = "vn.file.plan.heading"
    _description = "File plan heading"
    _inherit = "vn.file.plan.part"
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "vn.file.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    parent_id = fields.Many2one(
        "vn.file.plan.heading",
        string="Major heading",
        domain="[('plan_id', '=', plan_id), ('parent_id', '=', False)]",
        ondelete="cascade",
        check_company=True,
    )
    child_ids = fields.One2many("vn.file.plan.heading", "parent_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    code = fields.Char(
        string="Abbreviation",
        size=10,
        help="Abbreviation of a major heading, e.g. TCCB: the files' symbols end "
        "with it (01.TCCB).",
    )
    department_id = fields.Many2one("hr.department", string="Unit")
    number_label = fields.Char(string="No.", compute="_compute_number_label")

    @api.constrains("parent_id", "code")
    def _check_level(self):
        for heading in self:
            if heading.parent_id.parent_id:
                raise ValidationError(_("Headings have two levels only."))
            if not heading.parent_id and not heading.code:
                raise ValidationError(
                    _(
                        "A major heading needs its abbreviation (e.g. TCCB): the "
                        "symbols of its files end with it."
                    )
                )

    def _major(self):
        self.ensure_one()
        return self.parent_id or self

    def _siblings(self):
        self.ensure_one()
        return self.plan_id.heading_ids.filtered(
            lambda h: h.parent_id == self.parent_id
        ).sorted(lambda h: (h.sequence, h.id))

    @api.depends("sequence", "parent_id", "plan_id.heading_ids")
    def _compute_number_label(self):
        for heading in self:
            if not heading.id or not heading.plan_id:
                heading.number_label = ""
                continue
            index = list(heading._siblings()).index(heading) + 1
            heading.number_label = str(index) if heading.parent_id else roman(index)


class VnFilePlanItem(models.Model):
    """A planned file of the plan: its symbol (Arabic number + "." + the major
    heading's abbreviation, ND 30 Phụ lục V), title, retention period and the person
    who builds it."""

    _name = "vn.file.plan.item"
    _description = "Planned file"
    _inherit = "vn.file.plan.part"
    _order = "plan_id, sequence, id"
    _rec_name = "title"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "vn.file.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    year = fields.Integer(related="plan_id.year", store=True)
    heading_id = fields.Many2one(
        "vn.file.plan.heading",
        required=True,
        ondelete="restrict",
        domain="[('plan_id', '=', plan_id)]",
        check_company=True,
    )
    sequence = fields.Integer(default=10)
    notation = fields.Char(
        string="Symbol",
        size=20,
        compute="_compute_notation",
        store=True,
        help="Số và ký hiệu hồ sơ (FileNotation), e.g. 01.TCCB.",
    )
    title = fields.Char(required=True, size=500)
    retention_id = fields.Many2one("vn.retention.period", string="Retention period")
    responsible_id = fields.Many2one(
        "res.users",
        string="Person responsible",
        help="Người lập hồ sơ: the official who opens and builds the file.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        compute="_compute_department_id",
        store=True,
        readonly=False,
    )
    note = fields.Char(string="Notes")
    ad_hoc = fields.Boolean(
        string="Added during the year",
        readonly=True,
        help="A file opened outside the approved plan and then added to it.",
    )
    case_file_ids = fields.One2many("vn.case.file", "plan_item_id", string="Files")

    @api.depends("heading_id.department_id", "heading_id.parent_id.department_id")
    def _compute_department_id(self):
        for item in self:
            heading = item.heading_id
            item.department_id = (
                heading.department_id or heading.parent_id.department_id
            )

    def _numbered_together(self):
        """The items numbered in one series with this one."""
        self.ensure_one()
        items = self.plan_id.item_ids.filtered(lambda i: not i.ad_hoc)
        if self.plan_id.numbering == "per_heading":
            major = self.heading_id._major()
            items = items.filtered(lambda i: i.heading_id._major() == major)

        def key(item):
            major = item.heading_id._major()
            minor = item.heading_id if item.heading_id.parent_id else None
            return (
                major.sequence,
                major.id,
                minor.sequence if minor else -1,
                minor.id if minor else 0,
                item.sequence,
                item.id,
            )

        return items.sorted(key)

    def _vn_next_notation(self, heading):
        """The symbol of a file added to the approved plan under ``heading``: the next
        number of its series."""
        plan = heading.plan_id
        major = heading._major()
        items = plan.item_ids
        if plan.numbering == "per_heading":
            items = items.filtered(lambda i: i.heading_id._major() == major)
        numbers = [
            int(i.notation.split(".")[0])
            for i in items
            if i.notation and i.notation.split(".")[0].isdigit()
        ]
        return f"{max(numbers, default=0) + 1:02d}.{major.code or ''}"

    @api.depends(
        "sequence",
        "heading_id",
        "heading_id.code",
        "heading_id.parent_id.code",
        "heading_id.sequence",
        "plan_id.numbering",
        "plan_id.item_ids",
    )
    def _compute_notation(self):
        for item in self:
            # A file added during the year keeps the next free number it was given:
            # the approved plan's symbols never move.
            if item.ad_hoc or not (item.id and item.plan_id and item.heading_id):
                item.notation = item.notation or ""
                continue
            index = list(item._numbered_together()).index(item) + 1
            code = item.heading_id._major().code or ""
            item.notation = f"{index:02d}.{code}"

    @api.constrains("notation", "plan_id")
    def _check_unique_notation(self):
        for item in self:
            if item.notation and self.search_count(
                [
                    ("plan_id", "=", item.plan_id.id),
                    ("notation", "=", item.notation),
                    ("id", "!=", item.id),
                ]
            ):
                raise ValidationError(
                    _(
                        "Two planned files have the symbol %(notation)s.",
                        notation=item.notation,
                    )
                )

    def action_open_file(self):
        """The person responsible opens the file of this planned file (ND 30 Điều
        29.1): its title, symbol and retention are copied from the plan."""
        self.ensure_one()
        self.check_access("read")
        if self.plan_id.state != "approved":
            raise UserError(
                _("A file is opened from an approved plan only (Danh mục hồ sơ).")
            )
        case = self.env["vn.case.file"]._vn_open_from_plan(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "vn.case.file",
            "res_id": case.id,
            "view_mode": "form",
        }
