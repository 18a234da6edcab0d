# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pytest for the pure-Python libraries of the addons (see pyproject.toml).

An addon folder is a Python package whose ``__init__.py`` imports Odoo: pytest must
walk through it as a plain folder, never import it, and leave the Odoo tests
(``addons/*/tests``, run by Odoo itself) alone.
"""

import pytest


def pytest_ignore_collect(collection_path, config):
    path = collection_path
    if path.name == "tests" and path.parent.parent.name == "addons":
        return True  # an addon's Odoo tests
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path, parent):
    if (path / "__init__.py").is_file():
        return pytest.Dir.from_parent(parent, path=path)
    return None
