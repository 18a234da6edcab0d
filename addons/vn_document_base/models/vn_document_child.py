# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


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

    def _vn_parent_model(self):
        return self.env[self._fields[self._vn_parent_field].comodel_name]

    @api.model
    def _vn_visible_domain(self):
        parent = self._vn_parent_model()
        if not parent.browse().has_access("read"):
            return Domain.FALSE
        return Domain(self._vn_parent_field, "in", parent._search([]))

    def _vn_parents(self):
        return self.sudo().mapped(self._vn_parent_field).with_env(self.env)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        # Reading a child needs reading its document; changing it needs changing the
        # document.
        parent_operation = "read" if operation == "read" else "write"
        parents = self._vn_parents()
        allowed = parents._filtered_access(parent_operation)
        forbidden = self.filtered(
            lambda rec: rec.sudo()[self._vn_parent_field] not in allowed
        )
        if forbidden:
            return forbidden, lambda: AccessError(
                _("This record belongs to a document you may not open or change.")
            )
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
