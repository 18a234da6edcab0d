"""Standalone simulator of the document-exchange platform (see simulator.py).

Kept empty on purpose so that ``python -m tools.lgsp_simulator.simulator``
does not import the module twice.
"""
