# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import query_text
from ..tools.legal import VN_TZ, legal

# Criteria matched with "contains" (accent-insensitive where the field is).
TEXT_KEYS = ("number", "symbol", "agency", "signer")
# Criteria matched with "is".
RECORD_KEYS = ("document_type", "urgency", "register_book")


class VnAdvancedSearch(models.TransientModel):
    """The "advanced search" panel (ND 30 Phụ lục VI III.6.d): the ND 30 fields of a
    kind of document in one form, which opens the document list with the matching
    domain. Each document model maps the criteria to its own fields in
    ``_vn_search_fields`` ({criterion: field name or tuple of names}); a criterion the
    model does not map is hidden. The list is searched as the user, as any list is."""

    _name = "vn.advanced.search"
    _description = "Advanced search"

    res_model = fields.Char(string="Document model", required=True)
    available_keys = fields.Char(compute="_compute_available_keys")
    number = fields.Char()
    symbol = fields.Char()
    document_type_id = fields.Many2one("vn.document.type", string="Document type")
    agency = fields.Char(string="Issuing agency, sender or recipients")
    issued_from = fields.Date(string="Document date from")
    issued_to = fields.Date(string="Document date to")
    arrival_from = fields.Date(string="Arrival date from")
    arrival_to = fields.Date(string="Arrival date to")
    arrival_number_from = fields.Integer(string="Arrival number from")
    arrival_number_to = fields.Integer(string="Arrival number to")
    subject = fields.Char(
        string="Words of the subject",
        help="Every word must appear in the subject, in any order.",
    )
    signer = fields.Char()
    urgency_id = fields.Many2one("vn.document.urgency")
    register_book_id = fields.Many2one("vn.register.book", string="Register book")
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        help="The handling, drafting or keeping unit, with its sub-units.",
    )
    state = fields.Selection(selection="_selection_state", string="Status")
    deadline_to = fields.Date(string="Deadline up to")
    overdue = fields.Boolean(string="Overdue only")
    content = fields.Char(
        string="Phrase in the content",
        help="Searched in the text of the stored files (text layer or OCR).",
    )

    @api.model
    def _vn_target(self, name=None):
        name = name or self.env.context.get("default_res_model")
        model = self.env.get(name) if name else None
        if model is None or not getattr(model, "_vn_search_fields", None):
            return None
        return model

    @api.model
    def _selection_state(self):
        model = self._vn_target()
        if model is None or "state" not in model._fields:
            return []
        return model._fields["state"]._description_selection(self.env)

    @api.depends("res_model")
    def _compute_available_keys(self):
        for wizard in self:
            model = self._vn_target(wizard.res_model)
            keys = set(model._vn_search_fields) if model is not None else set()
            if model is not None and "content_search" in model._fields:
                keys.add("content")
            if model is not None and "state" in model._fields:
                keys.add("state")
            # ",key," so that a view tests one key: "',number,' in available_keys"
            wizard.available_keys = ",{},".format(",".join(sorted(keys)))

    def _vn_fields_of(self, model, key):
        names = model._vn_search_fields.get(key) or ()
        return (names,) if isinstance(names, str) else tuple(names)

    def _vn_any_of(self, model, key, operator, value):
        """``value`` matched on any of the fields of ``key``."""
        leaves = [(name, operator, value) for name in self._vn_fields_of(model, key)]
        if not leaves:
            return []
        return ["|"] * (len(leaves) - 1) + leaves

    def _vn_range(self, model, key, low, high, moment=False):
        """From–to on the field of ``key``; dates of a datetime field are Vietnam
        days."""
        domain = []
        for name in self._vn_fields_of(model, key)[:1]:
            if low:
                domain.append((name, ">=", self._vn_bound(low, moment, 0)))
            if high:
                domain.append((name, "<=", self._vn_bound(high, moment, 1)))
        return domain

    def _vn_bound(self, value, moment, end):
        if not isinstance(value, datetime.date):
            return value
        if not moment:
            # the action's domain goes to the client as JSON
            return fields.Date.to_string(value)
        day = value + datetime.timedelta(days=end)
        local = VN_TZ.localize(datetime.datetime.combine(day, datetime.time()))
        utc = local.astimezone(datetime.UTC).replace(tzinfo=None)
        return fields.Datetime.to_string(utc - datetime.timedelta(seconds=end))

    def _vn_domain(self):
        """The domain of the criteria filled in."""
        self.ensure_one()
        model = self._vn_target(self.res_model)
        domain = []
        for key in TEXT_KEYS:
            if self[key]:
                domain += self._vn_any_of(model, key, "ilike", self[key].strip())
        for key in RECORD_KEYS:
            if self[f"{key}_id"]:
                domain += self._vn_any_of(model, key, "=", self[f"{key}_id"].id)
        for word in (self.subject or "").split():
            domain += self._vn_any_of(model, "subject", "ilike", word)
        if self.department_id:
            domain += self._vn_any_of(
                model, "department", "child_of", self.department_id.id
            )
        domain += self._vn_range(model, "issued", self.issued_from, self.issued_to)
        domain += self._vn_range(
            model, "arrival", self.arrival_from, self.arrival_to, moment=True
        )
        domain += self._vn_range(
            model, "arrival_number", self.arrival_number_from, self.arrival_number_to
        )
        domain += self._vn_range(model, "deadline", False, self.deadline_to)
        if self.overdue:
            domain += self._vn_any_of(model, "overdue", "=", True)
        if self.state:
            domain.append(("state", "=", self.state))
        if self.content and "content_search" in model._fields:
            domain.append(("content_search", "ilike", self.content.strip()))
        return domain

    def action_search(self):
        """Open the document list with the criteria filled in."""
        self.ensure_one()
        model = self._vn_target(self.res_model)
        if model is None:
            raise UserError(self.env._("This list cannot be searched here."))
        domain = self._vn_domain()
        if not domain:
            raise UserError(self.env._("Fill in at least one criterion."))
        words = query_text.describe_domain(legal(model), domain)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Search: %s", words),
            "res_model": model._name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "target": "current",
        }
