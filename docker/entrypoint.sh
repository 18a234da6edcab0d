#!/bin/sh
# Run Odoo from the unpacked package with the project's virtual environment.
set -e
cd /opt/vn-edoc
export PYTHONPATH=/opt/vn-edoc/.run/odoo19/usr/lib/python3/dist-packages
exec /opt/vn-edoc/.run/venv/bin/python -m odoo server -c "${ODOO_RC:-/opt/vn-edoc/odoo.conf}" "$@"
