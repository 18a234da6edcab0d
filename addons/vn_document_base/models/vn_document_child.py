# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.orm.domains import (
    DomainBool,
    DomainCondition,
    DomainCustom,
    DomainNary,
    DomainNot,
    DomainOr,
)
from odoo.tools import SQL


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
        """The parent's visibility for the user said on the child's own columns, or
        None when it cannot be (then the semi-join with the parent is kept).

        Only for a parent searched by Odoo's own ``_search`` (no override that adds
        conditions) without ``active``: its visible set is then exactly its record
        rules' domain, evaluated as superuser like every rule domain."""
        if (
            not self._vn_mirrored_fields
            or parent._active_name
            or type(parent)._search is not models.BaseModel._search
        ):
            return None
        parent_sudo = parent.sudo().with_context(active_test=False)
        rules = self.env["ir.rule"]._compute_domain(parent._name, "read")
        # The parent may give some of its rule conditions as sets of its ids
        # (``_vn_rule_condition_ids``); they are taken out before the ORM turns them
        # into SQL the child cannot read.
        sets = {}
        rules = rules.map_conditions(
            lambda c: self._vn_take_parent_set(c, parent_sudo, sets)
        )
        rules = rules.optimize_full(parent_sudo)
        mirrored = self._vn_mirror_domain(rules, parent_sudo, sets)
        if mirrored is None:
            return None
        kind, value = mirrored
        domain = self._vn_parent_in(value) if kind == "set" else value
        return Domain(self._vn_parent_field, "!=", False) & domain

    @api.model
    def _vn_take_parent_set(self, condition, parent_sudo, sets):
        """``condition``, or a placeholder for the set of parent ids the parent gives
        for it (kept in ``sets``)."""
        method = getattr(parent_sudo, "_vn_rule_condition_ids", None)
        selects = method(condition) if method else None
        if not selects:
            return condition

        # An opaque placeholder the optimisation keeps as it is (never run: the
        # translation below replaces it, or the semi-join fallback does not use it).
        def to_sql(model, alias, query):
            raise NotImplementedError

        sets[to_sql] = selects
        return Domain.custom(to_sql=to_sql)

    @api.model
    def _vn_mirror_domain(self, domain, parent_sudo, sets=None):
        """``domain`` (the parent's rules) on the child: ``("plain", Domain)`` for
        conditions on the child's columns, ``("set", [SQL])`` for parent ids given by
        SELECTs (their union), ``("semi", Domain)`` for an AND holding semi-joins
        (kept out of OR and NOT, where PostgreSQL could not join them), None when
        neither applies.

        A condition on a mirrored field or on ``id`` is plain (the child's copy, or
        its parent field). A condition on the parent's lines of this very model
        (``assignment_ids any D``) is the set of parents of the lines matching D;
        another condition is the set of parents matching it. An OR of sets is one
        set (one semi-join on a UNION instead of OR-ed subqueries PostgreSQL cannot
        join); an AND keeps its sets apart (each a semi-join)."""
        if isinstance(domain, DomainBool):
            return ("plain", domain)
        if isinstance(domain, DomainCustom):
            selects = (sets or {}).get(domain._sql)
            return ("set", selects) if selects else None
        if isinstance(domain, DomainCondition):
            return self._vn_mirror_condition(domain, parent_sudo)
        if isinstance(domain, DomainNot):
            child = self._vn_mirror_domain(domain.child, parent_sudo, sets)
            if child is None or child[0] != "plain":
                return None
            return ("plain", ~child[1])
        if not isinstance(domain, DomainNary):
            return None
        children = [
            self._vn_mirror_domain(c, parent_sudo, sets) for c in domain.children
        ]
        if any(c is None for c in children):
            return None
        kinds = {kind for kind, _value in children}
        if kinds == {"plain"}:
            return ("plain", domain.apply(value for _kind, value in children))
        if isinstance(domain, DomainOr):
            if kinds != {"set"}:
                return None
            return ("set", [select for _kind, sel in children for select in sel])
        return (
            "semi",
            Domain.AND(
                self._vn_parent_in(value) if kind == "set" else value
                for kind, value in children
            ),
        )

    @api.model
    def _vn_mirror_condition(self, condition, parent_sudo):
        name, operator = condition.field_expr, condition.operator
        value = condition.value
        if name in self._vn_mirrored_fields:
            return ("plain", Domain(self._vn_mirrored_fields[name], operator, value))
        if name == "id":
            return ("plain", Domain(self._vn_parent_field, operator, value))
        field = parent_sudo._fields.get(name)
        parent_column = SQL.identifier(self._table, self._vn_parent_field)
        if (
            field is not None
            and field.type == "one2many"
            and field.comodel_name == self._name
            and field.inverse_name == self._vn_parent_field
            and operator in ("any", "any!")
            and isinstance(value, Domain)
        ):
            # One SELECT per branch of an OR: each reads its own index.
            lines = self.sudo().with_context(active_test=False)
            branches = value.children if isinstance(value, DomainOr) else [value]
            return (
                "set",
                [lines._search(b).select(parent_column) for b in branches],
            )
        parents = parent_sudo._search(condition)
        return ("set", [parents.select(SQL.identifier(parent_sudo._table, "id"))])

    @api.model
    def _vn_parent_in(self, selects):
        """The child's parent is one of the ids the SELECTs give (a semi-join)."""
        field = self._vn_parent_field

        def to_sql(model, alias, query):
            return SQL(
                "%s IN (%s)",
                SQL.identifier(alias, field),
                SQL(" UNION ").join(selects),
            )

        return Domain.custom(to_sql=to_sql)

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
