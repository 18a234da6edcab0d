# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standalone simulator of the document-exchange platform (see simulator.py).

Kept empty on purpose so that ``python -m tools.lgsp_simulator.simulator``
does not import the module twice.
"""
