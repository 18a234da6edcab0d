# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No public sign-up page (R-SEC3).

auth_signup answers /web/signup with 404 when sign-up is by invitation only
(``auth_signup.invitation_scope`` = b2b, set by the suite), but OCA's
password_security wraps that route in a catch-all that turns the 404 into the
sign-up form with an error message. Nobody can sign up either way; this puts
the plain 404 back. (A controller: kept here with the other account files.)
"""

from werkzeug.exceptions import NotFound

from odoo import http

from odoo.addons.password_security.controllers.main import PasswordSecurityHome


class VnSignupClosed(PasswordSecurityHome):
    @http.route()
    def web_auth_signup(self, *args, **kw):
        qcontext = self.get_auth_signup_qcontext()
        if not qcontext.get("token") and not qcontext.get("signup_enabled"):
            raise NotFound()
        return super().web_auth_signup(*args, **kw)
