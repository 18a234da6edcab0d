# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDatabaseExtensions(TransactionCase):
    """The database has the extension Odoo cannot create itself (docker/db-init,
    scripts/setup/create_db.sh); the deployment files are checked by
    scripts/tests/test_deployment.py."""

    def test_database_gets_the_extensions_odoo_cannot_create(self):
        self.env.cr.execute("SELECT unaccent('Quyết định Đà Nẵng')")
        self.assertEqual(self.env.cr.fetchone()[0], "Quyet dinh Da Nang")
