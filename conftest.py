# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest set-up shared by the pure-Python test folders (addons/<addon>/tools/tests).

An addon's ``__init__.py`` imports Odoo, which these tests run without, and pytest
would import it twice over: as the set-up of the folder's package, and as a parent
of each test file (--import-mode=importlib names a file after its path,
``addons.<addon>.tools.tests.test_x``).  So the folders under addons/ are plain
folders to pytest, and ``addons`` (empty) and each tests folder are registered as
packages of their own.  The tests import the tools directly (``import signing``,
see pythonpath in pyproject.toml).
"""

import pathlib
import sys
import types

import pytest

ROOT = pathlib.Path(__file__).parent
ADDONS = ROOT / "addons"


def _package(name, path):
    module = types.ModuleType(name)
    module.__path__ = [str(path)] if path else []
    sys.modules.setdefault(name, module)


_package("addons", None)
for _tests in ADDONS.glob("*/tools/tests"):
    _package(".".join(_tests.relative_to(ROOT).parts), _tests)


def pytest_collect_directory(path, parent):
    if ADDONS in path.parents:
        return pytest.Dir.from_parent(parent, path=path)
    return None
