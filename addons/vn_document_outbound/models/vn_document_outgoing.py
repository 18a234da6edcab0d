# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import frozendict

from odoo.addons.vn_document_base.tools.activities import sync_activities
from odoo.addons.vn_document_base.tools.legal import legal
from odoo.addons.vn_document_base.tools.selection import selection_label
from odoo.addons.vn_document_base.tools.workflow import refuse_service_fields

STATES = [
    ("draft", "Drafting"),
    ("review", "Under review"),
    ("head_review", "Content approval"),
    ("format_check", "Format check"),
    ("to_sign", "To sign"),
    ("signed", "Signed, to issue"),
    ("issued", "Issued"),
    ("recalled", "Recalled"),
    ("cancelled", "Cancelled"),
]
FINAL_STATES = ("issued", "recalled")
# The activity type of whose turn it is, by state (ND 30 Điều 10–19).
STATE_ACTIVITY_TYPES = {
    "draft": "vn_document_outbound.mail_act_vn_outgoing_draft",
    "review": "vn_document_outbound.mail_act_vn_outgoing_review",
    "head_review": "vn_document_outbound.mail_act_vn_outgoing_approve",
    "format_check": "vn_document_outbound.mail_act_vn_outgoing_format_check",
    "to_sign": "vn_document_outbound.mail_act_vn_outgoing_sign",
    "signed": "vn_document_outbound.mail_act_vn_outgoing_issue",
}
# Fields only the workflow methods change (they write as superuser after checking whose
# turn it is). Refused from any client in create as in write (SECURITY.md: create is as
# wide a door as write).
WORKFLOW_FIELDS = {
    "state",
    "register_book_id",
    "code_number",
    "number_symbol",
    "issued_date",
    "issued_at",
    "issued_by_id",
    "signing_file_id",
    "issued_file_id",
    "signed_at",
    "signed_by_id",
    "signature_block",
    "recall_reason",
    "recalled_on",
    "recalled_by_id",
    "replaced_by_ids",
    "correction_ids",
    "version_ids",
    "trail_ids",
    "paper_copy_count",
    "paper_copy_date",
    "paper_copy_user_id",
    "drafting_assigned_by_id",
    "incoming_id",
    "incoming_assignment_id",
    "copy_ids",
    "file_catalog",
    "register_correction_ids",
    "outage_id",
    "is_late_entry",
}
SIGNED_EDITABLE_FIELDS = {"delivery_ids", "archive_holder", "description"}
# What may still change on an issued original (R-OUT9): its later life, never its
# content.
AFTER_ISSUE_FIELDS = {
    "state",
    "recall_reason",
    "recalled_on",
    "recalled_by_id",
    "replaced_by_ids",
    "correction_ids",
    "paper_copy_count",
    "paper_copy_date",
    "paper_copy_user_id",
    "trail_ids",
    "delivery_ids",
    "copy_ids",
    "message_main_attachment_id",
    "activity_ids",
    "message_follower_ids",
    "message_ids",
}


class VnDocumentOutgoing(models.Model):
    """An outgoing document (văn bản đi), with the fields of ND 30 Phụ lục VI, Mục I.

    Life (ND 30 Điều 10–19): drafting → review → content approval by the head of
    the drafting unit → format check → signer's approval and signature → number,
    date and agency signature by the records clerk → issue and delivery. A
    return at any approval step sends the draft back to the drafter.
    """

    _name = "vn.document.outgoing"
    _description = "Outgoing document"
    _inherit = ("vn.document.mixin", "vn.document.print.mixin")
    _order = "is_urgent desc, issued_at desc, id desc"
    _vn_catalog_date_field = "issued_date"
    _vn_list_fields = frozenset(
        {
            "content_snippet",
            "document_type_id",
            "drafter_id",
            "drafting_department_id",
            "is_urgent",
            "issued_date",
            "number_symbol",
            "recipients_text",
            "signer_id",
            "state",
            "subject",
            "turn_text",
            "urgency_id",
            "file_catalog",
            "register_book_id",
            "code_number",
            "issued_at",
            "is_my_turn",
        }
    )
    # III.6.h: the columns of an exported result (list fields: no opening logged)
    _vn_export_fields = (
        "number_symbol",
        "issued_date",
        "document_type_id",
        "subject",
        "signer_id",
        "recipients_text",
        "drafting_department_id",
        "drafter_id",
        "urgency_id",
        "register_book_id",
        "state",
    )
    # III.6.d: the advanced search's criteria (vn.advanced.search)
    _vn_search_fields = frozendict(
        {
            "number": "code_number",
            "symbol": "number_symbol",
            "document_type": "document_type_id",
            "agency": ("recipients_text", "drafting_department_id"),
            "signer": "signer_id",
            "issued": "issued_date",
            "subject": "subject",
            "urgency": "urgency_id",
            "register_book": "register_book_id",
            "department": "drafting_department_id",
            "deadline": "due_date",
        }
    )

    state = fields.Selection(
        STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    document_type_id = fields.Many2one(required=True)
    urgency_id = fields.Many2one(
        help="Proposed by the drafting unit, decided by the signer."
    )
    due_date = fields.Date(string="Reply due by", tracking=True)

    # Drafting (R-OUT1)
    drafting_department_id = fields.Many2one(
        "hr.department", string="Drafting unit", tracking=True, check_company=True
    )
    drafter_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
    )
    drafting_assigned_by_id = fields.Many2one(
        "res.users", string="Drafting assigned by", readonly=True
    )
    drafting_deadline = fields.Date(string="Drafting deadline", tracking=True)
    drafting_instruction = fields.Text(string="Instruction for the drafting")
    incoming_id = fields.Many2one(
        "vn.document.incoming",
        string="In reply to",
        index=True,
        readonly=True,
        check_company=True,
    )
    incoming_assignment_id = fields.Many2one(
        "vn.document.assignment", string="Completes the assignment", readonly=True
    )

    # Review and approvals (R-OUT2, ND 30 Điều 11–12)
    reviewer_ids = fields.Many2many(
        "res.users",
        "vn_outgoing_reviewer_rel",
        "document_id",
        "user_id",
        string="Reviewers",
    )
    content_approver_id = fields.Many2one(
        "res.users",
        string="Head of the drafting unit",
        tracking=True,
        compute="_compute_content_approver_id",
        store=True,
        readonly=False,
        help="Answers for the content of the draft (ND 30 Điều 12).",
    )
    format_checker_id = fields.Many2one(
        "res.users",
        string="Format checker",
        tracking=True,
        default=lambda self: self._default_format_checker(),
        help="Answers for the format and presentation (ND 30 Điều 12).",
    )
    signer_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        help="The competent person who approves and signs.",
    )
    signature_block = fields.Text(
        string="Signature block",
        readonly=True,
        help="Authority mark and title, as printed above the signature.",
    )

    # Files (every upload is kept, R-OUT2)
    version_ids = fields.One2many(
        "vn.document.outgoing.version", "document_id", string="Versions", readonly=True
    )
    final_version_id = fields.Many2one(
        "vn.document.outgoing.version", string="Final text", compute="_compute_versions"
    )
    attachment_version_ids = fields.Many2many(
        "vn.document.outgoing.version",
        string="Attachments",
        compute="_compute_versions",
    )
    signing_file_id = fields.Many2one(
        "vn.document.file",
        string="File for signing",
        readonly=True,
        domain="[('res_model', '=', 'vn.document.outgoing'), ('res_id', '=', id)]",
    )
    # Computed as the user, from the document's own file only (never a related binary:
    # SECURITY.md).
    signing_file_preview = fields.Binary(
        string="Preview", compute="_compute_signing_file_preview"
    )
    issued_file_id = fields.Many2one(
        "vn.document.file",
        string="Issued original",
        readonly=True,
        domain="[('res_model', '=', 'vn.document.outgoing'), ('res_id', '=', id)]",
    )
    original_sha256 = fields.Char(
        related="issued_file_id.sha256", string="SHA-256 of the original"
    )
    signature_ids = fields.One2many(
        related="issued_file_id.signature_ids", string="Signatures"
    )
    legal_value = fields.Selection(
        related="issued_file_id.legal_value", string="Legal value"
    )
    page_count = fields.Integer(related="issued_file_id.page_count", string="Pages")
    trail_ids = fields.One2many(string="Steps")
    approval_ids = fields.One2many(
        "vn.document.trail",
        "res_id",
        string="Approvals",
        domain=[("res_model", "=", "vn.document.outgoing"), ("is_approval", "=", True)],
        readonly=True,
    )

    # Signature, number and issue (R-OUT3, R-OUT5)
    signed_at = fields.Datetime(string="Signed on", readonly=True, copy=False)
    signed_by_id = fields.Many2one(
        "res.users", string="Signed by", readonly=True, copy=False
    )
    register_book_id = fields.Many2one(
        "vn.register.book",
        string="Register book",
        readonly=True,
        copy=False,
        check_company=True,
    )
    code_number = fields.Char(
        string="Number", size=11, readonly=True, copy=False, index=True
    )
    number_symbol = fields.Char(
        string="Number and symbol",
        readonly=True,
        copy=False,
        index="trigram",
        tracking=True,
    )
    issued_date = fields.Date(
        string="Document date", readonly=True, copy=False, index=True
    )
    issued_at = fields.Datetime(string="Issued on", readonly=True, copy=False)
    issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False
    )
    archive_holder = fields.Char(
        string="File copy kept by",
        compute="_compute_archive_holder",
        store=True,
        readonly=False,
        help="Đơn vị, người nhận bản lưu.",
    )

    # Delivery (R-OUT5, R-OUT8)
    delivery_ids = fields.One2many(
        "vn.document.delivery", "document_id", string="Recipients"
    )
    issued_amount = fields.Integer(
        string="Copies issued", compute="_compute_issued_amount", store=True
    )
    recipients_text = fields.Char(
        string="Recipient list", compute="_compute_issued_amount", store=True
    )

    # After issue (R-OUT6, R-OUT7, R-OUT8)
    replaces_id = fields.Many2one(
        "vn.document.outgoing",
        index=True,
        copy=False,
        check_company=True,
        help="The issued document this one replaces (content error).",
    )
    replaced_by_ids = fields.One2many(
        "vn.document.outgoing", "replaces_id", string="Replaced by", readonly=True
    )
    corrects_id = fields.Many2one(
        "vn.document.outgoing",
        index=True,
        copy=False,
        check_company=True,
        help="The issued document whose format this letter corrects.",
    )
    correction_ids = fields.One2many(
        "vn.document.outgoing", "corrects_id", string="Corrected by", readonly=True
    )
    recall_reason = fields.Text(
        string="Reason for the recall", readonly=True, copy=False
    )
    recalled_on = fields.Datetime(string="Recalled on", readonly=True, copy=False)
    recalled_by_id = fields.Many2one(
        "res.users", string="Recalled by", readonly=True, copy=False
    )
    paper_copy_count = fields.Integer(
        string="Paper master copies", readonly=True, copy=False
    )
    paper_copy_date = fields.Datetime(
        string="Printed and stamped on", readonly=True, copy=False
    )
    paper_copy_user_id = fields.Many2one(
        "res.users", string="Printed and stamped by", readonly=True, copy=False
    )
    copy_ids = fields.One2many(
        "vn.document.copy",
        "outgoing_id",
        string="Copies",
        readonly=True,
        groups="vn_document_base.group_vn_document_clerk,vn_document_base.group_vn_document_agency_head,"
        "vn_document_base.group_vn_document_follow_up",
    )

    # Access and turn
    involved_user_ids = fields.Many2many(
        "res.users",
        "vn_outgoing_involved_rel",
        "document_id",
        "user_id",
        string="People involved",
        compute="_compute_involved_user_ids",
        store=True,
    )
    turn_user_ids = fields.Many2many(
        "res.users", string="Whose turn", compute="_compute_turn"
    )
    is_my_turn = fields.Boolean(
        string="My turn", compute="_compute_turn", search="_search_is_my_turn"
    )
    turn_text = fields.Char(string="Waiting for", compute="_compute_turn")

    _number_symbol_unique = models.UniqueIndex(
        "(company_id, file_catalog, number_symbol) WHERE number_symbol IS NOT NULL",
        "This number and symbol is already used this year.",
    )
    # As the ORM sorts the list: COALESCE(is_urgent, false) (see the incoming model).
    _list_order_index = models.Index(
        "(COALESCE(is_urgent, false) DESC, issued_at DESC, id DESC)"
    )
    # Content search (issue 17): these fields with the text of the stored files.
    _vn_content_fields = ("subject", "number_symbol")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("number_symbol", "subject", "document_type_id")
    def _compute_display_name(self):
        for doc in self:
            prefix = doc.number_symbol or _("Draft")
            doc.display_name = f"{prefix} - {(doc.subject or '')[:80]}"

    @api.depends("signing_file_id")
    def _compute_signing_file_preview(self):
        for doc in self:
            doc.signing_file_preview = (
                doc.signing_file_id._vn_preview_data(doc)
                if doc.signing_file_id
                else False
            )

    def _vn_print_file(self):
        """The issued original: what the Print button prints with the mark (III.6.k)."""
        return self.issued_file_id

    @api.constrains("signing_file_id", "issued_file_id")
    def _check_own_files(self):
        for doc in self:
            (doc.signing_file_id | doc.issued_file_id)._vn_check_owned_by(doc)

    @api.model
    def _default_format_checker(self):
        user_id = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_document_outbound.format_checker_id")
        )
        return self.env["res.users"].browse(int(user_id)).exists() if user_id else False

    @api.depends("drafting_department_id")
    def _compute_content_approver_id(self):
        for doc in self:
            doc.content_approver_id = (
                doc.drafting_department_id.manager_id.user_id or doc.content_approver_id
            )

    @api.depends("drafting_department_id")
    def _compute_archive_holder(self):
        for doc in self:
            doc.archive_holder = ", ".join(
                p for p in (_("Records office"), doc.drafting_department_id.name) if p
            )

    @api.depends("delivery_ids", "delivery_ids.recipient_name")
    def _compute_issued_amount(self):
        for doc in self:
            doc.issued_amount = len(doc.delivery_ids)
            doc.recipients_text = "; ".join(doc.delivery_ids.mapped("recipient_name"))[
                :1000
            ]

    @api.depends("version_ids.kind", "version_ids.superseded")
    def _compute_versions(self):
        for doc in self:
            current = doc.version_ids.filtered(lambda v: not v.superseded)
            doc.final_version_id = current.filtered(lambda v: v.kind == "final")[-1:]
            doc.attachment_version_ids = current.filtered(
                lambda v: v.kind == "attachment"
            )

    @api.depends(
        "drafter_id",
        "reviewer_ids",
        "content_approver_id",
        "format_checker_id",
        "signer_id",
        "drafting_assigned_by_id",
    )
    def _compute_involved_user_ids(self):
        for doc in self:
            doc.involved_user_ids = (
                doc.drafter_id
                | doc.reviewer_ids
                | doc.content_approver_id
                | doc.format_checker_id
                | doc.signer_id
                | doc.drafting_assigned_by_id
            )

    @api.depends(
        "state",
        "drafter_id",
        "reviewer_ids",
        "content_approver_id",
        "format_checker_id",
        "signer_id",
        "trail_ids",
    )
    def _compute_turn(self):
        for doc in self:
            users = doc._turn_users()
            doc.turn_user_ids = users
            doc.is_my_turn = self.env.user in users
            doc.turn_text = (
                ", ".join(users.mapped("name"))
                if doc.state not in FINAL_STATES
                else False
            )

    def _search_is_my_turn(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search."))
        uid = self.env.uid
        domain = Domain.OR(
            [
                [("state", "=", "draft"), ("drafter_id", "=", uid)],
                [("state", "=", "review"), ("reviewer_ids", "in", uid)],
                [("state", "=", "head_review"), ("content_approver_id", "=", uid)],
                [("state", "=", "format_check"), ("format_checker_id", "=", uid)],
                [("state", "=", "to_sign"), ("signer_id", "=", uid)],
            ]
        )
        if self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            domain |= Domain("state", "=", "signed")
        return domain if (operator == "=") == value else ~domain

    def _turn_users(self):
        self.ensure_one()
        if self.state == "draft":
            return self.drafter_id
        if self.state == "review":
            return self.reviewer_ids - self._reviewers_done()
        if self.state == "head_review":
            return self.content_approver_id
        if self.state == "format_check":
            return self.format_checker_id
        if self.state == "to_sign":
            return self.signer_id
        if self.state == "signed":
            return self.company_id._vn_users_of(
                "vn_document_base.group_vn_document_clerk"
            )
        return self.env["res.users"]

    def _reviewers_done(self):
        """Reviewers who commented since the draft was last sent for review."""
        self.ensure_one()
        sent = self.trail_ids.filtered(lambda s: s.kind == "send_review")[-1:]
        comments = self.trail_ids.filtered(
            lambda s: s.kind == "review" and (not sent or s.id > sent.id)
        )
        return comments.user_id

    # ------------------------------------------------------------------
    # Protection: the workflow changes the workflow fields; an issued original is frozen
    # ------------------------------------------------------------------
    def _vn_check_client_values(self, vals):
        refuse_service_fields(self, vals, WORKFLOW_FIELDS)

    def _vn_is_registered(self):
        return bool(self.number_symbol)

    @api.model
    def _vn_correctable_fields(self):
        return [
            "subject",
            "document_type_id",
            "recipients_text",
            "archive_holder",
            "signer_id",
        ]

    def _vn_after_correction(self, correction):
        self._step("register_correction", correction._vn_register_note())

    def _vn_takes_unchecked_files(self):
        """Once signed, files reach the document only through the signing and issue
        steps."""
        return self.state not in ("signed", "issued", "recalled")

    def write(self, vals):
        keys = set(vals)
        if not self.env.su and WORKFLOW_FIELDS & keys:
            raise AccessError(
                _("These fields change only through the document's workflow buttons.")
            )
        content_keys = keys - AFTER_ISSUE_FIELDS
        if content_keys:
            frozen = self.filtered(lambda d: d.state in FINAL_STATES)
            if frozen:
                raise UserError(
                    _(
                        "%(doc)s is issued: its content and metadata can no longer "
                        "change (R-OUT9).",
                        doc=frozen[0].display_name,
                    )
                )
            if not self.env.su:
                self._check_may_edit(content_keys)
        return super().write(vals)

    def _check_may_edit(self, keys):
        """Whoever holds the draft edits it; once signed, only the recipients and notes
        change."""
        for doc in self:
            if self.env.user not in doc.turn_user_ids:
                raise AccessError(
                    _(
                        "It is not your turn on %(doc)s: it waits for %(names)s.",
                        doc=doc.display_name,
                        names=doc.turn_text or _("nobody"),
                    )
                )
            if doc.state == "signed" and keys - SIGNED_EDITABLE_FIELDS:
                raise UserError(
                    _(
                        "%(doc)s is signed: only its recipients and notes can change.",
                        doc=doc.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(
            doc.state != "draft"
            or doc.code_number
            or doc.trail_ids.filtered(lambda s: s.kind not in ("assign", "version"))
            for doc in self
        ):
            raise UserError(
                _(
                    "Only a draft that was never sent on can be deleted; cancel the "
                    "others."
                )
            )
        if not self.env.su and any(
            self.env.user not in (doc.drafter_id | doc.drafting_assigned_by_id)
            for doc in self
        ):
            raise AccessError(
                _("Only the drafter, or who asked for the draft, deletes it.")
            )

    # ------------------------------------------------------------------
    # Separation of duties (ND 30 Điều 12; R-OUT2): who drafts does not approve
    # ------------------------------------------------------------------
    def _vn_check_separation(self, role_user, role_label, allow_setting=None):
        """``role_user`` (content approver, format checker, signer) is never the
        drafter; for the signer an agency setting may allow it (a head of agency who
        drafts and signs a letter)."""
        self.ensure_one()
        if role_user and role_user == self.drafter_id:
            if (
                allow_setting
                and self.env["ir.config_parameter"].sudo().get_param(allow_setting)
                == "True"
            ):
                return
            raise AccessError(
                _(
                    "%(name)s drafted %(doc)s and cannot also be its %(role)s.",
                    name=role_user.name,
                    doc=self.display_name,
                    role=role_label,
                )
            )

    # ------------------------------------------------------------------
    # Steps and turns
    # ------------------------------------------------------------------
    def _step(self, kind, note=False, version=False):
        return self._trail(
            note=note, kind=kind, version_id=version.id if version else False
        )

    def _check_turn(self, states, user_field=None, users=None):
        """Raise unless the document is in one of ``states`` and the current user may
        act now."""
        for doc in self:
            if doc.state not in states:
                raise UserError(
                    _(
                        '%(doc)s is at the step "%(state)s"; this action is not '
                        "possible now.",
                        doc=doc.display_name,
                        state=selection_label(doc, "state"),
                    )
                )
            allowed = users if users is not None else doc[user_field]
            if self.env.user not in allowed and not self.env.is_superuser():
                raise AccessError(
                    _(
                        "It is not your turn on %(doc)s: it waits for %(names)s.",
                        doc=doc.display_name,
                        names=doc.turn_text or _("nobody"),
                    )
                )

    def _move(self, state, kind, note=False):
        """Go to ``state``, record the step and give the next person an activity."""
        self.ensure_one()
        self.sudo().state = state
        self._step(kind, note, self.final_version_id)
        self._vn_activity_update(
            feedback=note
            or selection_label(self.env["vn.document.trail"], "kind", kind)
        )

    def _vn_activity_update(self, feedback=False):
        """Schedule, close or remove the activities so they match whose turn it is.

        Like hr_holidays' ``activity_update``: the state gives the activity type, the
        turn (``_turn_users``) who gets it; the drafter has one only when someone
        else asked for the draft or it came back. The others are marked done with
        ``feedback``, or removed when the document is cancelled or recalled. Every
        workflow step calls this after changing the document.
        """
        for doc in self:
            users = doc._turn_users()
            if doc.state == "draft" and not (
                doc.drafting_assigned_by_id
                or doc.trail_ids.filtered(lambda s: s.kind == "return")
            ):
                users = self.env["res.users"]
            elif doc.state == "signed":
                users = users[:1]  # one records clerk issues it
            xmlid = STATE_ACTIVITY_TYPES.get(doc.state)
            deadline = doc.drafting_deadline if doc.state == "draft" else False
            sync_activities(
                doc,
                {(xmlid, user): deadline for user in users} if xmlid else {},
                list(STATE_ACTIVITY_TYPES.values()),
                feedback=feedback,
                withdrawn=doc.state in ("recalled", "cancelled"),
            )

    # ------------------------------------------------------------------
    # Drafting and versions (R-OUT1, R-OUT2)
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._vn_check_client_values(vals)
            if vals.get("drafter_id", self.env.uid) != self.env.uid:
                vals["drafting_assigned_by_id"] = self.env.uid
        docs = super().create(vals_list)
        for doc in docs:
            if doc.drafting_assigned_by_id and doc.drafter_id != self.env.user:
                doc._step("assign", doc.drafting_instruction)
                doc._vn_activity_update()
        return docs

    def _vn_add_version(self, filename, data, kind, note=False):
        """Check and keep an uploaded file as a new version; DOCX/ODT final texts and
        attachments are converted to PDF, the text kept beside it (the signing version
        is a PDF)."""
        self.ensure_one()
        self._check_turn(("draft",), "drafter_id")
        store = self.env["vn.document.file"]
        checked = store._vn_store_checked(filename, data, self)
        values = {
            "document_id": self.id,
            "kind": kind,
            "file_id": checked.id,
            "note": note,
        }
        if kind in ("final", "attachment") and checked.mimetype != "application/pdf":
            pdf_name, pdf_data = self._vn_convert_to_pdf(filename, data)
            values.update(
                file_id=store._vn_store_checked(pdf_name, pdf_data, self).id,
                converted_from_id=checked.id,
            )
        if kind in ("final", "draft"):
            self.version_ids.filtered(
                lambda v: v.kind in ("final", "draft")
            ).sudo().superseded = True
        else:
            self.version_ids.filtered(
                lambda v: v.kind == kind and v.name == filename
            ).sudo().superseded = True
        return self._vn_new_version(values)

    def _vn_add_data_file(self, filename, data, note=False):
        """Check and keep a data file (a report's workbook) as an attachment as it is:
        not converted to PDF, it is sent unsigned beside the signed text."""
        self.ensure_one()
        self._check_turn(("draft",), "drafter_id")
        checked = self.env["vn.document.file"]._vn_store_checked(filename, data, self)
        return self._vn_new_version(
            {
                "document_id": self.id,
                "kind": "attachment",
                "file_id": checked.id,
                "note": note,
            }
        )

    def _vn_new_version(self, values):
        """Keep a version (numbered after the others) and its step in the trail."""
        values["number"] = len(self.version_ids) + 1
        version = self.env["vn.document.outgoing.version"].sudo().create(values)
        self._step(
            "version",
            legal(self).env._(
                "%(kind)s: %(name)s",
                kind=selection_label(version, "kind"),
                name=version.name,
            ),
            version,
        )
        return version

    def _vn_convert_to_pdf(self, filename, data):
        from ..tools import office_convert

        try:
            pdf = office_convert.convert_to_pdf(data, filename)
        except office_convert.ConversionError as error:
            messages = {
                "unsupported": _(
                    "%(name)s: only PDF, DOCX and ODT can become the signing version.",
                    name=filename,
                ),
                "timeout": _(
                    "%(name)s: the conversion to PDF took too long.", name=filename
                ),
                "not_installed": _(
                    "LibreOffice is not installed on the server: upload a PDF."
                ),
            }
            raise UserError(
                messages.get(error.code)
                or _("%(name)s could not be converted to PDF.", name=filename)
            ) from error
        return filename.rsplit(".", 1)[0] + ".pdf", pdf

    def action_send_for_review(self):
        self._check_turn(("draft",), "drafter_id")
        for doc in self:
            if not doc.reviewer_ids:
                raise UserError(
                    _(
                        "Choose the reviewers first, or send the draft to the head of "
                        "the unit."
                    )
                )
            doc._require_text()
            doc._move(
                "review",
                "send_review",
            )
        return True

    def _vn_review(self, comment):
        """A reviewer's comment; when every reviewer has commented the draft goes to the
        head of the unit."""
        self.ensure_one()
        self._check_turn(("review",), users=self.reviewer_ids - self._reviewers_done())
        self._step("review", comment, self.final_version_id or self._last_draft())
        self._vn_activity_update(feedback=comment)
        if not self.reviewer_ids - self._reviewers_done():
            self._move("head_review", "send_head")

    def action_send_to_head(self):
        """The drafter (or, during review, the head pulling it) sends the draft to the
        head of the unit."""
        for doc in self:
            users = doc.drafter_id | doc.content_approver_id
            doc._check_turn(("draft", "review"), users=users)
            doc._require_text()
            if not doc.content_approver_id:
                raise UserError(_("Set the head of the drafting unit."))
            doc._move(
                "head_review",
                "send_head",
            )
        return True

    def _vn_return_to_drafter(self, comment):
        """Back to the drafter with the comments: through the head of the drafting unit
        (R-OUT2)."""
        for doc in self:
            approver = {
                "head_review": doc.content_approver_id,
                "format_check": doc.format_checker_id,
                "to_sign": doc.signer_id,
            }.get(doc.state, self.env["res.users"])
            doc._check_turn(("head_review", "format_check", "to_sign"), users=approver)
            if not comment:
                raise UserError(_("Say what must change."))
            doc._move(
                "draft",
                "return",
                comment,
            )
        return True

    def action_approve_content(self):
        self._check_turn(("head_review",), "content_approver_id")
        for doc in self:
            doc._vn_check_separation(
                doc.content_approver_id, _("head of the drafting unit")
            )
            doc._require_final()
            if not doc.format_checker_id:
                raise UserError(
                    _("Set the format checker (Settings > Outgoing documents).")
                )
            doc._move(
                "format_check",
                "approve_content",
            )
        return True

    def action_approve_format(self):
        self._check_turn(("format_check",), "format_checker_id")
        for doc in self:
            doc._vn_check_separation(doc.format_checker_id, _("format checker"))
            doc._require_final()
            if not doc.signer_id:
                raise UserError(_("Choose the signer."))
            doc._vn_prepare_signing_file()
            doc._move(
                "to_sign",
                "approve_format",
            )
        return True

    def _require_text(self):
        self.ensure_one()
        if not self.final_version_id and not self._last_draft():
            raise UserError(_("Upload the draft first."))

    def _require_final(self):
        self.ensure_one()
        if not self.final_version_id:
            raise UserError(_("Upload the final text (PDF, DOCX or ODT) first."))

    def _last_draft(self):
        return self.version_ids.filtered(
            lambda v: v.kind == "draft" and not v.superseded
        )[-1:]

    # ------------------------------------------------------------------
    # Links after issue (R-OUT6)
    # ------------------------------------------------------------------
    def action_new_replacement(self):
        """A document of the same type that replaces this one (an error of content)."""
        return self._vn_new_linked(
            "replaces_id", self.document_type_id, _("Replaces %(doc)s: %(subject)s")
        )

    def action_new_correction(self):
        """A letter (công văn) that corrects an error of format or procedure (đính
        chính)."""
        letter = self.env["vn.document.type"].search(
            [("symbol_style", "=", "agency_unit")], limit=1
        )
        return self._vn_new_linked(
            "corrects_id", letter, _("Correcting %(doc)s: %(subject)s")
        )

    def _vn_new_linked(self, link_field, doc_type, subject):
        self.ensure_one()
        if self.state != "issued":
            raise UserError(_("Only an issued document can be replaced or corrected."))
        if (
            self.env.user not in (self.drafter_id | self.signer_id | self.signed_by_id)
            and not self.env.user.has_group("vn_document_base.group_vn_document_clerk")
            and not self.env.user.has_group(
                "vn_document_base.group_vn_document_department_head"
            )
        ):
            raise AccessError(
                _(
                    "The drafter, the signer, a head or a records clerk drafts the "
                    "replacement."
                )
            )
        new = self.create(
            {
                link_field: self.id,
                "document_type_id": doc_type.id,
                "subject": subject
                % {"doc": self.number_symbol, "subject": self.subject},
                "urgency_id": self.urgency_id.id,
                "drafting_department_id": self.drafting_department_id.id,
                "drafter_id": self.env.user.id,
                "signer_id": self.signer_id.id,
                "delivery_ids": [
                    fields.Command.create(line._vn_copy_values())
                    for line in self.delivery_ids
                ],
            }
        )
        self._step(
            "link",
            legal(self).env._(
                "%(kind)s drafted: %(doc)s",
                kind=new._fields[link_field].string,
                doc=new.display_name,
            ),
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Buttons opening the wizards
    # ------------------------------------------------------------------
    def action_open_upload(self):
        return self._open_wizard("vn.outgoing.upload.wizard", _("Upload a version"))

    def action_open_review(self):
        return self._open_wizard(
            "vn.outgoing.comment.wizard", _("Review comment"), mode="review"
        )

    def action_open_return(self):
        return self._open_wizard(
            "vn.outgoing.comment.wizard", _("Send back to the drafter"), mode="return"
        )

    def action_open_sign(self):
        return self._open_wizard(
            "vn.outgoing.sign.wizard", _("Approve and sign"), mode="sign"
        )

    def action_open_issue(self):
        return self._open_wizard(
            "vn.outgoing.sign.wizard",
            _("Number, sign for the agency and issue"),
            mode="issue",
        )

    def action_open_recall(self):
        return self._open_wizard("vn.outgoing.recall.wizard", _("Recall"))

    def action_open_paper_copy(self):
        return self._open_wizard(
            "vn.outgoing.paper.copy.wizard", _("Paper master copy")
        )

    def action_new_copy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "vn.document.copy",
            "view_mode": "form",
            "context": {
                "default_outgoing_id": self.id,
                "default_source_description": self.display_name,
            },
        }
