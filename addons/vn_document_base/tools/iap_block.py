# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No call to Odoo's IAP services (partner autocomplete, SMS, snail mail, enrichment):
a government agency sends no data to Odoo S.A. The auto-installed modules that use
them all go through ``iap_tools.iap_jsonrpc``; it is replaced, for the whole server,
by a function that refuses before any network request."""

from odoo.exceptions import UserError


def refuse_iap_jsonrpc(url, method="call", params=None, timeout=15):
    # No environment here, hence no translation: the message names the service.
    raise UserError(  # pylint: disable=translation-required
        f"Odoo's online services (IAP) are disabled in this system: {url}"
    )


def block_iap():
    try:
        from odoo.addons import iap
        from odoo.addons.iap.tools import iap_tools
    except ImportError:  # iap is not on the path at all
        return
    iap_tools.iap_jsonrpc = refuse_iap_jsonrpc
    iap.jsonrpc = refuse_iap_jsonrpc


def strip_autocomplete_widgets(arch):
    """Odoo's partner autocomplete widgets ask the IAP service (refused): plain
    fields instead."""
    for node in arch.xpath("//field[@widget='field_partner_autocomplete']"):
        del node.attrib["widget"]
    return arch
