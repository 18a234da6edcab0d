# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import frozendict

from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

STATES = [
    ("open", "Open"),
    ("closed", "Closed"),
    ("handed_over", "Handed over to the archive"),
]
# TT 05/2025 code list "mode" (chế độ sử dụng).
RIGHTS = [
    ("01", "Public"),
    ("02", "Conditional use"),
    ("03", "Confidential"),
]
# Set by the services only (SECURITY.md: create is as wide a door as write).
SERVICE_FIELDS = {
    "state",
    "line_ids",
    "closed_on",
    "closed_by_id",
    "handover_id",
    "plan_item_id",
    "file_catalog",
    "trail_ids",
}
# What a client may still change on a closed or handed-over file: nothing of the file.
FROZEN_EXCEPT = {
    "message_follower_ids",
    "activity_ids",
    "message_ids",
    "message_main_attachment_id",
}
DOC_ADMIN = "vn_document_base.group_vn_document_admin"
DEPARTMENT_HEAD = "vn_document_base.group_vn_document_department_head"


class VnCaseFile(models.Model):
    """A case file (hồ sơ) with the metadata of ND 30 Phụ lục VI Mục III.

    Opened from the approved file plan (or ad hoc, then added to the plan), built by
    its creator from documents that stay where they are (III.4.e), closed when the
    work ends, handed over to the agency archive. Start and end dates and the totals
    are computed from its documents (III.1.g)."""

    _name = "vn.case.file"
    _description = "Case file"
    _inherit = "vn.document.mixin"
    _order = "file_catalog desc, file_notation, id desc"
    _vn_list_fields = frozenset(
        {
            "content_snippet",
            "file_code",
            "file_notation",
            "file_catalog",
            "subject",
            "retention_id",
            "creator_id",
            "department_id",
            "start_date",
            "end_date",
            "doc_total",
            "page_total",
            "state",
            "rights",
        }
    )
    # III.6.h: the columns of an exported result (list fields: no opening logged)
    _vn_export_fields = (
        "file_catalog",
        "file_notation",
        "file_code",
        "subject",
        "retention_id",
        "creator_id",
        "department_id",
        "start_date",
        "end_date",
        "doc_total",
        "page_total",
        "state",
    )
    # III.6.d: the advanced search's criteria (vn.advanced.search)
    _vn_search_fields = frozendict(
        {
            "number": "file_code",
            "symbol": "file_notation",
            "subject": "subject",
            "issued": "opened_on",
            "department": "department_id",
        }
    )

    subject = fields.Char(string="Title")
    # Content search (issue 17): these fields, the file's own stored files and the
    # documents it holds that the user may open.
    _vn_content_fields = ("subject", "file_notation")
    _vn_held_models = ("vn.document.incoming", "vn.document.outgoing")
    state = fields.Selection(
        STATES,
        string="Status",
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    organ_code = fields.Char(
        related="company_id.vn_organ_code", string="Agency code (OrganId)"
    )
    file_notation = fields.Char(
        string="Symbol",
        size=20,
        required=True,
        tracking=True,
        help="Số và ký hiệu hồ sơ (FileNotation), e.g. 01.TCCB.",
    )
    file_code = fields.Char(
        string="File code",
        compute="_compute_file_code",
        store=True,
        index=True,
        help="FileCode = OrganId.FileCatalog.FileNotation (TT 05/2025 fileCode).",
    )
    retention_id = fields.Many2one(
        "vn.retention.period",
        string="Retention period",
        required=True,
        tracking=True,
    )
    rights = fields.Selection(
        RIGHTS, string="Access mode", default="01", required=True, tracking=True
    )
    creator_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        default=lambda self: self.env.user.employee_ids[:1].department_id,
        index=True,
        tracking=True,
    )
    language = fields.Char(size=50)
    opened_on = fields.Date(
        string="Opened on",
        default=lambda self: vn_local_date(fields.Datetime.now()),
        required=True,
    )
    start_date = fields.Date(compute="_compute_from_documents", store=True)
    end_date = fields.Date(compute="_compute_from_documents", store=True)
    doc_total = fields.Integer(
        string="Number of documents", compute="_compute_from_documents", store=True
    )
    page_total = fields.Integer(
        string="Number of pages", compute="_compute_from_documents", store=True
    )
    confidence_level = fields.Selection(
        [("01", "Electronic originals"), ("02", "Digitised"), ("03", "Mixed")],
        string="Origin of the documents",
        compute="_compute_from_documents",
        store=True,
    )
    paper_file_code = fields.Char(
        string="Paper file code",
        size=100,
        help="Mã hồ sơ giấy: the code of the paper file the scans come from; needed "
        "to hand over a file of digitised documents (TT 05/2025 paperFileCode).",
    )
    line_ids = fields.One2many(
        "vn.case.file.line", "case_file_id", string="Documents", readonly=True
    )
    plan_item_id = fields.Many2one(
        "vn.file.plan.item",
        string="Planned file",
        readonly=True,
        index=True,
        check_company=True,
    )
    plan_id = fields.Many2one(related="plan_item_id.plan_id", string="File plan")
    plan_heading_id = fields.Many2one(
        "vn.file.plan.heading",
        string="Heading of the plan",
        help="For a file opened outside the plan: the heading it joins.",
        check_company=True,
    )
    closed_on = fields.Datetime(readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    handover_id = fields.Many2one("vn.case.file.handover", readonly=True, copy=False)
    handover_due_date = fields.Date(
        string="To hand over by", compute="_compute_handover_due_date"
    )
    disposal_year = fields.Integer(
        string="Disposal review from",
        compute="_compute_disposal_year",
        store=True,
        help="End year + the retention period's years (0: permanent).",
    )

    _notation_unique = models.Constraint(
        "UNIQUE(company_id, file_catalog, file_notation)",
        "The agency has another file with this symbol this year.",
    )

    # ------------------------------------------------------------------
    # Computed metadata
    # ------------------------------------------------------------------
    @api.depends("plan_item_id.year", "opened_on")
    def _compute_file_catalog(self):
        for case in self:
            case.file_catalog = case.plan_item_id.year or (
                case.opened_on.year if case.opened_on else 0
            )

    @api.depends("company_id.vn_organ_code", "file_catalog", "file_notation")
    def _compute_file_code(self):
        for case in self:
            parts = [
                case.company_id.vn_organ_code,
                case.file_catalog,
                case.file_notation,
            ]
            case.file_code = ".".join(str(p) for p in parts if p)

    @api.depends(
        "line_ids.doc_date", "line_ids.page_count", "line_ids.digitised", "opened_on"
    )
    def _compute_from_documents(self):
        for case in self:
            dates = [d for d in case.line_ids.mapped("doc_date") if d]
            case.start_date = min(dates) if dates else False
            case.end_date = max(dates) if dates else False
            case.doc_total = len(case.line_ids)
            case.page_total = sum(case.line_ids.mapped("page_count"))
            digitised = set(case.line_ids.mapped("digitised"))
            case.confidence_level = (
                False
                if not digitised
                else "03"
                if len(digitised) > 1
                else "02"
                if True in digitised
                else "01"
            )

    @api.depends("end_date", "retention_id.years", "retention_id.permanent")
    def _compute_disposal_year(self):
        for case in self:
            case.disposal_year = (
                case.retention_id._vn_disposal_year(case.end_date.year)
                if case.retention_id and case.end_date
                else 0
            )

    def _compute_handover_due_date(self):
        months = self._vn_setting("vn_case_file.handover_months", 12)
        for case in self:
            case.handover_due_date = (
                vn_local_date(case.closed_on) + relativedelta(months=months)
                if case.closed_on and case.retention_id.handed_over
                else False
            )

    @api.model
    def _vn_setting(self, key, default):
        """The whole number of the setting ``key`` (``default`` when unset or not a
        number)."""
        value = self.env["ir.config_parameter"].sudo().get_param(key, "")
        return int(value) if str(value).isdigit() else default

    @api.constrains("description")
    def _check_description(self):
        for case in self:
            if case.description and len(case.description) > 500:
                raise ValidationError(
                    _("The notes of a file are 500 characters at most.")
                )

    # ------------------------------------------------------------------
    # Doors
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_service_fields(self, vals, SERVICE_FIELDS, {"state": "open"})
            if not self.env.su and vals.get("creator_id", self.env.uid) != self.env.uid:
                raise AccessError(_("A file is opened by its own creator."))
        cases = super().create(vals_list)
        for case in cases:
            case._trail(legal(case).env._("File opened"))
        return cases

    def write(self, vals):
        refuse_service_fields(self, vals, SERVICE_FIELDS)
        if not self.env.su:
            if "creator_id" in vals and not self.env.user.has_group(DOC_ADMIN):
                raise AccessError(
                    _("Only the document administrator gives a file to someone else.")
                )
            keys = set(vals) - FROZEN_EXCEPT
            if keys == {"paper_file_code"}:
                # The paper file's code may be given until the file is handed over.
                if any(
                    case.handover_id or case.state == "handed_over" for case in self
                ):
                    self._check_open()
            elif keys:
                self._check_open()
            if "file_notation" in vals and self.filtered("plan_item_id"):
                raise UserError(
                    _(
                        "A file opened from the file plan keeps the plan's symbol "
                        "(Danh mục hồ sơ)."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_built(self):
        for case in self:
            if case.state != "open" or case.sudo().line_ids:
                raise UserError(
                    _(
                        "A file that holds documents or is closed is never deleted: "
                        "%(file)s",
                        file=case.display_name,
                    )
                )

    def _check_open(self):
        for case in self:
            if case.state != "open":
                raise UserError(
                    _(
                        "The file %(file)s is closed: it and its documents no longer "
                        "change.",
                        file=case.display_name,
                    )
                )

    def _check_builder(self):
        """The file is built by its creator (or the document administrator)."""
        user = self.env.user
        for case in self:
            case.check_access("write")
            if case.creator_id != user and not user.has_group(DOC_ADMIN):
                raise AccessError(
                    _(
                        "Only the creator of the file %(file)s builds it.",
                        file=case.display_name,
                    )
                )

    def _vn_is_registered(self):
        return False

    @api.model
    def _vn_correctable_fields(self):
        return set()

    @api.depends("file_notation", "subject")
    def _compute_display_name(self):
        for case in self:
            case.display_name = f"{case.file_notation or ''} - {case.subject or ''}"

    # ------------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------------
    @api.model
    def _vn_open_from_plan(self, item):
        """The file of a planned file, opened by the person responsible (or a head),
        with the plan's title, symbol and retention (ND 30 Điều 29.1)."""
        user = self.env.user
        existing = item.sudo().case_file_ids[:1]
        if existing:
            return existing.with_env(self.env)
        unit_head = user.has_group(DEPARTMENT_HEAD) and (
            item.department_id in user.employee_ids.department_id
        )
        if item.responsible_id and item.responsible_id != user and not unit_head:
            raise AccessError(
                _(
                    "The planned file %(file)s is built by %(user)s.",
                    file=item.title,
                    user=item.responsible_id.name,
                )
            )
        today = vn_local_date(fields.Datetime.now())
        if item.year > today.year:
            raise UserError(
                _(
                    "The file plan of %(year)s is in force from 1 January %(year)s.",
                    year=item.year,
                )
            )
        values = {
            "subject": item.title,
            "file_notation": item.notation,
            "retention_id": item.retention_id.id,
            "company_id": item.company_id.id,
            "department_id": item.department_id.id or False,
            "opened_on": today,
        }
        case = self.create(values)
        case.sudo().plan_item_id = item
        return case

    def action_add_to_plan(self):
        """A file opened outside the plan joins the approved plan of its year, under
        the heading chosen, with the next free symbol of the heading's series."""
        self.ensure_one()
        self._check_builder()
        self._check_open()
        if self.plan_item_id:
            raise UserError(_("The file is in the plan already."))
        plan = (
            self.env["vn.file.plan"]
            .sudo()
            ._vn_plan_of(self.company_id, self.file_catalog)
        )
        if not plan or plan.state != "approved":
            raise UserError(
                _(
                    "The file plan of %(year)s is not approved yet.",
                    year=self.file_catalog,
                )
            )
        heading = self.plan_heading_id.sudo()
        if heading.plan_id != plan:
            raise UserError(
                _("Choose a heading of the file plan of %(year)s.", year=plan.year)
            )
        Item = self.env["vn.file.plan.item"].sudo()
        notation = Item._vn_next_notation(heading)
        item = Item.create(
            {
                "plan_id": plan.id,
                "heading_id": heading.id,
                "title": self.subject,
                "retention_id": self.retention_id.id,
                "responsible_id": self.creator_id.id,
                "department_id": self.department_id.id or False,
                "ad_hoc": True,
                "notation": notation,
                "sequence": 10000,
            }
        )
        self.sudo().write({"plan_item_id": item.id, "file_notation": notation})
        self._trail(
            legal(self).env._("Added to the file plan as %(symbol)s", symbol=notation)
        )
        return True

    # ------------------------------------------------------------------
    # Documents in the file (III.4.b, c, e)
    # ------------------------------------------------------------------
    @api.private
    def vn_attach(self, documents, note=False):
        """Put ``documents`` (incoming, outgoing or working papers) in this file: the
        user must build the file and be allowed to read each document; the document
        is referenced, never copied. Returns the new lines."""
        self.ensure_one()
        self._check_builder()
        self._check_open()
        # Checked as this user, whatever environment the records come in.
        documents = [doc.with_env(self.env) for doc in documents]
        for doc in documents:
            doc.check_access("read")
            doc._vn_check_fileable()
        return self._vn_add_lines(documents, note).with_env(self.env)

    def _vn_add_lines(self, documents, note=False, by_rule=False):
        """The service behind attaching: one line per document, renumbered."""
        self.ensure_one()
        Line = self.env["vn.case.file.line"].sudo()
        new = Line
        for doc in documents:
            if Line.search_count(
                [
                    ("case_file_id", "=", self.id),
                    ("res_model", "=", doc._name),
                    ("res_id", "=", doc.id),
                ],
                limit=1,
            ):
                if by_rule:
                    continue
                raise UserError(
                    _(
                        "%(doc)s is in the file %(file)s already.",
                        doc=doc.display_name,
                        file=self.display_name,
                    )
                )
            new |= Line.create(
                {
                    "case_file_id": self.id,
                    "res_model": doc._name,
                    "res_id": doc.id,
                    "note": note or False,
                    "added_by_id": self.env.uid,
                    **doc.sudo()._vn_case_file_entry(),
                }
            )
            self._trail(
                legal(self).env._(
                    "Document added: %(doc)s", doc=doc.sudo().display_name
                )
            )
            doc.sudo()._trail(
                legal(self).env._(
                    "Filed in the case file %(file)s", file=self.sudo().file_code
                )
            )
        self._vn_renumber()
        return new

    @api.private
    def vn_detach(self, lines):
        """Take documents out of this open file (duplicates, drafts: ND 30 Điều 29)."""
        self.ensure_one()
        self._check_builder()
        self._check_open()
        lines = lines.sudo().filtered(lambda line: line.case_file_id == self)
        for line in lines:
            self._trail(
                legal(self).env._("Document removed: %(doc)s", doc=line.display_name)
            )
        lines.unlink()
        self._vn_renumber()
        return True

    def _vn_renumber(self):
        """Number the documents by date (DocOrdinal, III.4.b), in one statement: a
        document dated earlier than the others moves every number after it."""
        Line = self.env["vn.case.file.line"]
        Line.flush_model(["case_file_id", "doc_date", "ordinal"])
        self.env.cr.execute(
            """
            UPDATE vn_case_file_line line SET ordinal = numbered.n
              FROM (SELECT id, row_number() OVER (
                           PARTITION BY case_file_id
                           ORDER BY doc_date NULLS LAST, id) AS n
                      FROM vn_case_file_line
                     WHERE case_file_id = ANY(%s)) numbered
             WHERE line.id = numbered.id
               AND line.ordinal IS DISTINCT FROM numbered.n
            """,
            [list(self.ids)],
        )
        Line.invalidate_model(["ordinal"])

    def _vn_refresh_entries(self):
        """Re-read the catalogue entry of every document (a register correction may
        have changed it since it was filed)."""
        for line in self.sudo().line_ids:
            document = line._vn_document()
            if document.exists():
                values = document._vn_case_file_entry()
                changed = {
                    k: v
                    for k, v in values.items()
                    if (line[k].id if line._fields[k].type == "many2one" else line[k])
                    != v
                }
                if changed:
                    line.write(changed)
        self._vn_renumber()

    # ------------------------------------------------------------------
    # Closing and reopening (ND 30 Điều 29.2)
    # ------------------------------------------------------------------
    def action_close(self):
        """Close the file once the work is finished: every document finished and the
        totals filled; then the file and what it holds are frozen."""
        for case in self:
            case._check_builder()
            case._check_open()
            case._vn_refresh_entries()
            problems = case._vn_closing_problems()
            if problems:
                raise UserError(
                    _("The file %(file)s cannot be closed yet:", file=case.display_name)
                    + "\n- "
                    + "\n- ".join(problems)
                )
            case.sudo().write(
                {
                    "state": "closed",
                    "closed_on": fields.Datetime.now(),
                    "closed_by_id": self.env.uid,
                }
            )
            case._trail(
                legal(case).env._(
                    "File closed: %(docs)s documents, %(pages)s pages",
                    docs=case.doc_total,
                    pages=case.page_total,
                )
            )
        return True

    def _vn_closing_problems(self):
        self.ensure_one()
        problems = []
        lines = self.sudo().line_ids
        if not lines:
            problems.append(_("the file holds no document"))
        for line in lines:
            reason = line._vn_document()._vn_unfinished_reason()
            if reason:
                problems.append(f"{line.display_name}: {reason}")
            if line.page_count <= 0:
                problems.append(
                    _("%(doc)s: its number of pages is unknown", doc=line.display_name)
                )
            if not line.doc_date:
                problems.append(
                    _("%(doc)s: its date is unknown", doc=line.display_name)
                )
        if not (self.subject or "").strip():
            problems.append(_("the title is empty"))
        if not self.language:
            problems.append(_("the language is empty"))
        return problems

    @api.private
    def vn_reopen(self, reason):
        """The document administrator reopens a closed file, with a reason (logged)."""
        self.ensure_one()
        if not self.env.user.has_group(DOC_ADMIN):
            raise AccessError(_("Only the document administrator reopens a file."))
        self.check_access("read")
        if not (reason or "").strip():
            raise UserError(_("Give the reason for reopening the file."))
        if self.state != "closed" or self.handover_id:
            raise UserError(
                _("Only a closed file that is not being handed over is reopened.")
            )
        self.sudo().write({"state": "open", "closed_on": False, "closed_by_id": False})
        self._trail(legal(self).env._("File reopened"), reason.strip())
        return True

    def action_open_reopen(self):
        self.ensure_one()
        return self._open_wizard(
            "vn.case.file.reopen.wizard", _("Reopen the file"), case_file_id=self.id
        )

    def action_open_attach(self):
        self.ensure_one()
        return self._open_wizard(
            "vn.case.file.attach.wizard", _("Add documents"), case_file_id=self.id
        )

    def action_open_paper_upload(self):
        self.ensure_one()
        return self._open_wizard(
            "vn.working.paper.upload.wizard",
            _("Upload a working paper"),
            case_file_id=self.id,
        )

    # ------------------------------------------------------------------
    # Handover reminders (Phụ lục VI III.5.b)
    # ------------------------------------------------------------------
    @api.model
    def _vn_cron_handover_reminders(self):
        """Give the creator of every closed file due for handover within the lead
        time (30 days by default) an activity, once."""
        lead = self._vn_setting("vn_case_file.handover_lead_days", 30)
        today = vn_local_date(fields.Datetime.now())
        activity_type = self.env.ref("vn_case_file.mail_act_vn_case_file_handover")
        cases = self.sudo().search(
            [
                ("state", "=", "closed"),
                ("handover_id", "=", False),
                ("retention_id.handed_over", "=", True),
            ]
        )
        for case in cases:
            due = case.handover_due_date
            if not due or (due - today).days > lead:
                continue
            if case.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            case.activity_schedule(
                act_type_xmlid="vn_case_file.mail_act_vn_case_file_handover",
                date_deadline=due,
                user_id=case.creator_id.id,
                summary=_("Hand the file over to the agency archive"),
            )
            self.env["ir.cron"]._commit_progress(1)

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _vn_demo_load(self):
        """Demo data only: the staff member's planned file opened from this year's
        plan, holding the incoming decision and the issued notice of the demo."""
        ref = self.env.ref
        staff = ref("vn_document_base.user_staff_demo")
        item = ref("vn_case_file.vn_file_plan_item_3_demo")
        case = self.with_user(staff)._vn_open_from_plan(item)
        case.with_user(staff).language = "Tiếng Việt"
        documents = [
            self.env["vn.document.incoming"].search(
                [("state", "=", "done")], order="id", limit=1
            ),
            self.env["vn.document.outgoing"].search(
                [("state", "=", "issued")], order="id", limit=1
            ),
        ]
        # Put in by the service: the demo's staff member is not assigned these.
        case.sudo()._vn_add_lines([doc for doc in documents if doc])

    # ------------------------------------------------------------------
    # Content search (issue 17)
    # ------------------------------------------------------------------
    @api.model
    def _search_content_search(self, operator, value):
        """Also the files holding a document whose content matches, among the
        documents the user may open (their own search, with his rules)."""
        domain = super()._search_content_search(operator, value)
        if domain.is_true():
            return domain
        held = [
            Domain(
                "line_ids",
                "any",
                [
                    ("res_model", "=", model),
                    (
                        "res_id",
                        "in",
                        self.env[model]._search([("content_search", operator, value)]),
                    ),
                ],
            )
            for model in self._vn_held_models
        ]
        return Domain.OR([domain, *held])

    def _vn_readable_snippet_texts(self, terms):
        """The file's own texts first, else those of the documents it holds (read
        as the user: a document he may not open gives nothing)."""
        found = {
            key: value
            for key, value in super()._vn_readable_snippet_texts(terms).items()
            if value
        }
        for model in self._vn_held_models:
            lines = self.line_ids.filtered(
                lambda line, model=model: (
                    line.res_model == model and line.case_file_id.id not in found
                )
            )
            if not lines:
                continue
            texts = (
                self.env[model]
                .browse(set(lines.mapped("res_id")))
                ._vn_snippet_texts(terms)
            )
            for line in lines:
                if texts.get(line.res_id) and line.case_file_id.id not in found:
                    found[line.case_file_id.id] = texts[line.res_id]
        return found
