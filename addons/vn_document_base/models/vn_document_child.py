# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.orm.domains import DomainBool, DomainCondition, DomainNary, DomainNot


class VnDocumentScopedMixin(models.AbstractModel):
    """Searches as a user see only the records ``_vn_visible_domain()`` allows.

    Record-rule domains are evaluated as superuser, so visibility that depends on
    another record's rules is added to the search itself, as the user."""

    _name = "vn.document.scoped.mixin"
    _description = "Visible through another record's access"

    @api.model
    def _vn_visible_domain(self):
        raise NotImplementedError

    @api.model
    def _search(
        self,
        domain,
        offset=0,
        limit=None,
        order=None,
        *,
        active_test=True,
        bypass_access=False,
    ):
        if not (self.env.su or bypass_access):
            domain = Domain(domain) & self._vn_visible_domain()
        return super()._search(
            domain,
            offset,
            limit,
            order,
            active_test=active_test,
            bypass_access=bypass_access,
        )


class VnDocumentChildMixin(models.AbstractModel):
    """A record that belongs to a document (trail line, step, version, recipient,
    signature) is visible exactly when its document is, and changed only by whoever may
    change it.

    Record-rule domains are evaluated as superuser, so a rule such as
    ``[('document_id', 'any', [])]`` filters nothing. Instead the search adds the
    parent's own search *as the user* (its rules apply), and access to given ids checks
    the parent.
    """

    _name = "vn.document.child.mixin"
    _inherit = "vn.document.scoped.mixin"
    _description = "Belongs to a document: same visibility"

    # The many2one to the parent; subclasses may change it.
    _vn_parent_field = "document_id"
    # Parent field -> child field that stores the same value (a stored related field,
    # kept by the ORM), e.g. {"company_id": "company_id"}. When the parent's record
    # rules for the user only read such fields, the child is filtered on its own
    # columns instead of a semi-join with every document the user may see.
    _vn_mirrored_fields = {}  # noqa: RUF012

    def _vn_parent_model(self):
        return self.env[self._fields[self._vn_parent_field].comodel_name]

    @api.model
    def _vn_visible_domain(self):
        parent = self._vn_parent_model()
        if not parent.browse().has_access("read"):
            return Domain.FALSE
        mirrored = self._vn_mirrored_visible_domain(parent)
        if mirrored is not None:
            return mirrored
        return Domain(self._vn_parent_field, "in", parent._search([]))

    @api.model
    def _vn_mirrored_visible_domain(self, parent):
        """The parent's visibility for the user said on the child's mirrored columns,
        or None when it reads anything else (then the semi-join is kept).

        Only for a parent searched by Odoo's own ``_search`` (no override that adds
        conditions) without ``active``: its visible set is then exactly its record
        rules' domain."""
        if (
            not self._vn_mirrored_fields
            or parent._active_name
            or type(parent)._search is not models.BaseModel._search
        ):
            return None
        parent_sudo = parent.sudo().with_context(active_test=False)
        rules = self.env["ir.rule"]._compute_domain(parent._name, "read")
        rules = rules.optimize_full(parent_sudo)
        mirrored = self._vn_mirror_domain(rules)
        if mirrored is None:
            return None
        return Domain(self._vn_parent_field, "!=", False) & mirrored

    @api.model
    def _vn_mirror_domain(self, domain):
        """``domain`` (on the parent) with each condition on a mirrored field put on
        the child's copy (same operator and value); None if any node is something
        else (another field, raw SQL)."""
        if isinstance(domain, DomainBool):
            return domain
        if isinstance(domain, DomainNot):
            child = self._vn_mirror_domain(domain.child)
            return None if child is None else ~child
        if isinstance(domain, DomainNary):
            children = [self._vn_mirror_domain(c) for c in domain.children]
            if any(c is None for c in children):
                return None
            return domain.apply(children)
        if (
            isinstance(domain, DomainCondition)
            and domain.field_expr in self._vn_mirrored_fields
        ):
            field = self._vn_mirrored_fields[domain.field_expr]
            return Domain(field, domain.operator, domain.value)
        return None


class VnDocumentAttachedMixin(models.AbstractModel):
    """A record kept about a document named by ``res_model``/``res_id`` (a checked file,
    a register correction) is visible exactly when that document is. Models that keep
    such records say so with ``_vn_owns_files = True``; any other target is visible to
    nobody but the superuser."""

    _name = "vn.document.attached.mixin"
    _inherit = "vn.document.scoped.mixin"
    _description = "Kept about a document: same visibility"

    res_model = fields.Char(
        string="Document model", required=True, readonly=True, index=True
    )
    res_id = fields.Many2oneReference(
        string="Document",
        model_field="res_model",
        required=True,
        readonly=True,
        index=True,
    )

    @api.model
    def _vn_owner_models(self):
        # Computed once per registry (a module install builds a new registry).
        registry = self.env.registry
        if getattr(registry, "_vn_owner_models_cache", None) is None:
            registry._vn_owner_models_cache = tuple(
                name
                for name, cls in registry.items()
                if getattr(cls, "_vn_owns_files", False) and not cls._abstract
            )
        return registry._vn_owner_models_cache

    @api.model
    def _vn_visible_domain(self):
        parts = []
        for model_name in self._vn_owner_models():
            owner = self.env[model_name]
            if owner.browse().has_access("read"):
                parts.append(
                    Domain(
                        [
                            ("res_model", "=", model_name),
                            ("res_id", "in", owner._search([])),
                        ]
                    )
                )
        return Domain.OR(parts) if parts else Domain.FALSE

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        owners = self._vn_owner_models()
        forbidden = self.browse()
        for record in self.sudo():
            owner = (
                self.env[record.res_model].browse(record.res_id)
                if record.res_model in owners
                else None
            )
            if owner is None or not owner.exists() or not owner.has_access("read"):
                forbidden |= record
        if forbidden:
            forbidden = forbidden.with_env(self.env)
            return forbidden, lambda: AccessError(
                _("This belongs to a document you may not open.")
            )
        return None
