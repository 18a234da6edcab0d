#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's command line as a script file, like Odoo's own odoo-bin.

In multi-process mode (workers > 0) Odoo starts its gevent process (websocket) as
``python <sys.argv[0]> gevent <arguments>``. Started with ``python -m odoo``,
sys.argv[0] is odoo/__main__.py, which cannot run as a script: the gevent process
fails and is started again in a loop. scripts/ops/topology.sh and the Docker image
start Odoo through this file instead (PYTHONPATH must name Odoo's package).
"""

from odoo.cli.command import main

if __name__ == "__main__":
    main()
