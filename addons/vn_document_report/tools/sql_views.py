# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The statistics models are SQL views (``_auto = False``), made the same way."""

from odoo import tools
from odoo.tools import SQL


def replace_view(model, query):
    """(Re)create the view of ``model`` as ``query`` (an ``SQL``)."""
    tools.drop_view_if_exists(model.env.cr, model._table)
    model.env.cr.execute(
        SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(model._table), query)
    )
