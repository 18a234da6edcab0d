#!/bin/sh
# Run Odoo from the unpacked package with the project's virtual environment.
set -e
cd /opt/vn-edoc
export PYTHONPATH=/opt/vn-edoc/.run/odoo19/usr/lib/python3/dist-packages
# scripts/odoo_bin.py rather than "python -m odoo": with workers, Odoo starts its gevent
# process (websocket) by running sys.argv[0] again, which odoo/__main__.py cannot be.
exec /opt/vn-edoc/.run/venv/bin/python /opt/vn-edoc/scripts/odoo_bin.py -c "${ODOO_RC:-/opt/vn-edoc/odoo.conf}" "$@"
