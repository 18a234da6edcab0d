# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _
from odoo.exceptions import AccessError


def refuse_service_fields(records, vals, service_fields, allowed=None):
    """Refuse, from any client, a non-empty value for a field only the suite's services
    set (SECURITY.md: ``create`` is as wide a door as ``write``). ``allowed``: {field:
    value} a client may still give (a new document's initial state). The superuser is
    the services themselves."""
    if records.env.su:
        return
    allowed = allowed or {}
    forbidden = sorted(
        key
        for key in set(service_fields) & set(vals)
        if vals[key] and not (key in allowed and vals[key] == allowed[key])
    )
    if forbidden:
        raise AccessError(
            _(
                "These fields change only through the document's workflow: %(fields)s",
                fields=", ".join(forbidden),
            )
        )


def wizard_action(name, res_model, context):
    """The action opening a wizard in a dialog."""
    return {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": res_model,
        "view_mode": "form",
        "target": "new",
        "context": context,
    }
