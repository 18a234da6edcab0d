#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helper of test_lgsp_parallel_intake.py, one Odoo process per call (test databases
only):

    lgsp_intake_worker.py [odoo options] setup DB URL TOKEN COUNT
        agency A (DB) and B on the simulator at URL, COUNT packages from B listed in A
    lgsp_intake_worker.py [odoo options] work DB [stall-in-package|stall-before-ack]
        an intake lane run until nothing is left; with a stall, the worker stops for
        good in the middle of its first package (before its commit) or between its
        commit and its acknowledgement, after writing its pid to $VN_STALL_MARKER
    lgsp_intake_worker.py [odoo options] finish DB URL AFTER
        a last lane run, then what was received in lines after id AFTER, as JSON
"""

import datetime
import json
import os
import sys
import time

CODE_A, CODE_B = "000.01.41.H29", "000.02.41.H29"


def environment(db):
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    cr = Registry(db).cursor()
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})


def setup(env, url, token, count):
    import requests

    from odoo.addons.vn_document_base.tests import pdf_fixtures
    from odoo.addons.vn_lgsp_connector.tests.common import sample_package
    from odoo.addons.vn_lgsp_connector.tools import edxml
    from odoo.addons.vn_lgsp_connector.tools.lgsp_client import LgspClient

    for system, code in (("sys-a", CODE_A), ("sys-b", CODE_B)):
        requests.post(
            f"{url}/_sim/system",
            json={
                "system_id": system,
                "secret": f"secret-{system}",
                "organ_code": code,
                "name": code,
            },
            headers={"X-Sim-Admin": token},
            timeout=10,
        ).raise_for_status()
    env.company.vn_organ_code = CODE_A
    env["vn.lgsp.profile"].search([]).active = False
    env.flush_all()
    profile = env["vn.lgsp.profile"].create(
        {
            "name": "kill test",
            "endpoint": url,
            "system_id": "sys-a",
            "secret": "secret-sys-a",
        }
    )
    peer = LgspClient(url, "sys-b", "secret-sys-b")
    pdf = pdf_fixtures.make_pdf(1)
    after = env["vn.lgsp.message"].search([], order="id desc", limit=1).id or 0
    for index in range(count):
        package = sample_package(
            CODE_B,
            CODE_A,
            index + 1,
            datetime.date(2026, 12, 2),
            f"Kill test {index}",
            pdf,
            "KILL",
        )
        peer.send_edoc(
            edxml.build_document(package), from_code=CODE_B, to_codes=[CODE_A]
        )
    listed = env["vn.lgsp.exchange"]._vn_list_inbox(
        profile, "edoc", profile._client().received_list("edoc")
    )
    env.cr.commit()
    return {"listed": listed, "after": after}


def stall(where):
    """Patch this process so that it stops for good at ``where`` in its first
    package, after telling the test its pid."""
    from odoo.addons.vn_lgsp_connector.models import (
        vn_lgsp_exchange,
        vn_lgsp_message_processing,
    )

    def stop_here():
        with open(os.environ["VN_STALL_MARKER"], "w") as marker:
            marker.write(str(os.getpid()))
        time.sleep(600)  # the test kills this process

    if where == "stall-in-package":
        cls, name = vn_lgsp_message_processing.VnLgspMessage, "_vn_create_incoming"
    else:
        cls, name = vn_lgsp_exchange.VnLgspExchange, "_vn_acknowledge"
    original = getattr(cls, name)

    def stalled(self, *args, **kwargs):
        result = original(self, *args, **kwargs) if name != "_vn_acknowledge" else None
        stop_here()
        return result

    setattr(cls, name, stalled)


def work(env):
    received = 0
    while True:
        done = env["vn.lgsp.exchange"]._cron_intake_lane()
        env.cr.commit()
        received += done
        if not done:
            return {"received": received}


def finish(env, url, after):
    from odoo.addons.vn_lgsp_connector.tools.lgsp_client import LgspClient

    received = work(env)["received"]
    lines = env["vn.lgsp.message"].search(
        [("direction", "=", "in"), ("id", ">", after)]
    )
    docs = env["vn.document.incoming"].search([("vn_lgsp_message_id", "in", lines.ids)])
    rows = LgspClient(url, "sys-b", "secret-sys-b").sent_list(message_type="edoc")
    return {
        "received": received,
        "lines": len(lines),
        "platform_ids": len(set(lines.mapped("platform_doc_id"))),
        "states": sorted(set(lines.mapped("state"))),
        "unacknowledged": len(lines.filtered(lambda m: not m.acknowledged)),
        "documents": len(docs),
        "identifiers": len(set(docs.mapped("document_identifier"))),
        "platform_acks": sorted({row["ackStatus"] for row in rows}),
        "platform_rows": len(rows),
    }


def main(argv):
    from odoo.tools import config

    split = next(i for i, a in enumerate(argv) if a in ("setup", "work", "finish"))
    config.parse_config(argv[:split])
    command, db, args = argv[split], argv[split + 1], argv[split + 2 :]
    if command == "work" and args:
        stall(args[0])
    env = environment(db)
    try:
        if command == "setup":
            result = setup(env, args[0], args[1], int(args[2]))
        elif command == "work":
            result = work(env)
        else:
            result = finish(env, args[0], int(args[1]))
    finally:
        env.cr.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
