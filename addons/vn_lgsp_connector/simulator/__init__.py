# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Standalone simulator of the document-exchange platform (see simulator.py).

Shipped with the connector for its tests; the addon never imports it. Kept empty on
purpose so that running ``simulator.py`` as a script does not import the module twice.
"""
