# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

_logger = logging.getLogger(__name__)

VIETNAMESE = "vi_VN"


def post_init_hook(env):
    """Make Vietnamese the language of the database, whoever installs the suite.

    The project's scripts already pass ``--load-language vi_VN``; this covers an
    installation from the Apps menu or a container, where nobody does.
    """
    lang = (
        env["res.lang"]
        .with_context(active_test=False)
        .search([("code", "=", VIETNAMESE)])
    )
    if not lang.active:
        env["res.lang"]._activate_lang(VIETNAMESE)
        installed = env["ir.module.module"].search(
            [("state", "in", ("installed", "to install"))]
        )
        installed._update_translations([VIETNAMESE])
        _logger.info("Vietnamese activated and loaded for %d modules", len(installed))
    if env["ir.default"]._get("res.partner", "lang") in (None, "en_US"):
        env["ir.default"].set("res.partner", "lang", VIETNAMESE)
    for company in env["res.company"].search([]):
        if not company.partner_id.lang or company.partner_id.lang == "en_US":
            company.partner_id.lang = VIETNAMESE
