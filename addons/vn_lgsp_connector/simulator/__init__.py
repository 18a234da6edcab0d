"""Standalone simulator of the document-exchange platform (see simulator.py).

Shipped with the connector for its tests; the addon never imports it. Kept empty on
purpose so that running ``simulator.py`` as a script does not import the module twice.
"""
