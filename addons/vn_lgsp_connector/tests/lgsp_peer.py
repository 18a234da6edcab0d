# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agency B of the two-agency test (test_two_agencies.py): one step in B's database,
in a process of its own, as one run of a scheduled job would be.

    python lgsp_peer.py [ODOO OPTIONS] -- DB [--crash-at POINT] ACTION [ARGS]

    setup CODE ENDPOINT SYSTEM_ID SECRET  agency, users, books, trusted root, connection
    exchange                              send the outbox, poll, send again (commits)
    due                                   make the queued packages due now (the lease
                                          of a killed worker's claim has run out)
    handle DOCUMENT_ID                    clerk registers, head assigns the unit, head
                                          of unit passes on, staff completes
    show DOCUMENT_ID                      JSON: incoming documents with that id

``--crash-at`` kills the process (exit status 137, as ``kill -9`` or a power cut would)
at one point of the exchange: the fault is patched in here, never in the addon. The
result is printed as one JSON line.
"""

import base64
import json
import os
import secrets
import sys

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.tools import config

# point -> (model, step method, killed before or after the step)
CRASH_POINTS = {
    # the platform accepted a package, this side has not recorded it as sent
    "after_send_before_commit": ("vn.lgsp.message", "_vn_send", "after"),
    # a fetched package is committed, not yet processed
    "after_fetch_commit": ("vn.lgsp.message", "_vn_process", "before"),
    # its processing is committed, the platform not yet told
    "after_process_commit": ("vn.lgsp.exchange", "_vn_acknowledge", "before"),
}
USERS = {
    "clerk": ("peer_clerk", "Văn thư B", "vn_document_base.group_vn_document_clerk"),
    "head": (
        "peer_head",
        "Lãnh đạo B",
        "vn_document_base.group_vn_document_agency_head",
    ),
    "unit_head": (
        "peer_unit_head",
        "Trưởng phòng B",
        "vn_document_base.group_vn_document_department_head",
    ),
    "staff": (
        "peer_staff",
        "Chuyên viên B",
        "vn_document_base.group_vn_document_staff",
    ),
}


def setup(env, code, endpoint, system_id, secret):
    company = env.company
    company.write(
        {
            "name": "Ủy ban nhân dân phường B",
            "vn_organ_code": code,
            "vn_short_name": "UBNDB",
        }
    )
    if not company.resource_calendar_id:
        company.resource_calendar_id = env["resource.calendar"].create(
            {"name": "Giờ hành chính"}
        )
    users = {}
    for role, (login, name, group) in USERS.items():
        user = env["res.users"].search([("login", "=", login)])
        users[role] = user or env["res.users"].create(
            {
                # A random password that passes the suite's password policy: these users
                # never log in.
                "login": login,
                "name": name,
                "password": secrets.token_urlsafe(18) + "aA1!",
                "lang": "vi_VN",
                "tz": "Asia/Ho_Chi_Minh",
                "group_ids": [(6, 0, env.ref(group).ids)],
            }
        )
    department = env["hr.department"].search(
        [("vn_short_name", "=", "VPB")], limit=1
    ) or env["hr.department"].create({"name": "Văn phòng B", "vn_short_name": "VPB"})
    if not department.manager_id:
        department.manager_id = env["hr.employee"].create(
            {
                "name": users["unit_head"].name,
                "user_id": users["unit_head"].id,
                "department_id": department.id,
            }
        )
    if not env["vn.register.book"].search([("kind", "=", "incoming")]):
        env["vn.register.book"].create({"name": "Sổ văn bản đến B", "kind": "incoming"})
    pki = os.environ["VN_PKI_DIR"]
    roots = env["vn.trusted.root"].with_context(active_test=False)
    roots.search([]).active = False
    with (
        open(os.path.join(pki, "root.pem"), "rb") as root,
        open(os.path.join(pki, "crl.pem"), "rb") as crl,
    ):
        values = {
            "name": "Test root",
            "certificate": base64.b64encode(root.read()),
            "crl": base64.b64encode(crl.read()),
            "active": True,
        }
    # A second setup of the same database takes the root back (a root is recorded once).
    existing = roots.search([("name", "=", "Test root")], limit=1)
    if existing:
        existing.write(values)
    else:
        roots.create(values)
    env["vn.lgsp.profile"].search([]).active = False
    env.flush_all()
    env["vn.lgsp.profile"].create(
        {
            "name": "Simulator",
            "endpoint": endpoint,
            "system_id": system_id,
            "secret": secret,
            "backoff_seconds": 1,
        }
    )
    return {"company": company.name, "code": code}


def exchange(env):
    exchange = env["vn.lgsp.exchange"]
    sent = exchange._cron_send_outbox()
    received = exchange._cron_poll()
    sent += exchange._cron_send_outbox()
    return {"sent": sent, "received": received}


def due(env):
    queued = env["vn.lgsp.message"].search(
        [("direction", "=", "out"), ("state", "=", "queued")]
    )
    queued.next_attempt_at = fields.Datetime.now()
    return {"due": len(queued)}


def handle(env, document_id):
    users = {
        role: env["res.users"].search([("login", "=", login)])
        for role, (login, _n, _g) in USERS.items()
    }
    doc = env["vn.document.incoming"].search(
        [("document_identifier", "=", document_id), ("state", "!=", "recalled")],
        limit=1,
    )
    doc.with_user(users["clerk"]).action_register()
    doc.with_user(users["clerk"]).action_submit(users["head"])
    department = env["hr.department"].search([("vn_short_name", "=", "VPB")], limit=1)
    line = doc.with_user(users["head"])._vn_assign(
        [{"role": "lead", "department_id": department.id}], "Văn phòng xử lý"
    )
    passed = (
        env["vn.assignment.pass.wizard"]
        .with_user(users["unit_head"])
        .create({"assignment_id": line.id, "user_id": users["staff"].id})
    )
    passed.action_confirm()
    person = doc.assignment_ids.filtered(lambda a: a.user_id == users["staff"])
    env["vn.assignment.complete.wizard"].with_user(users["staff"]).create(
        {"assignment_id": person.id, "result": "Đã xử lý xong."}
    ).action_confirm()
    env.flush_all()
    return exchange(env) | {"state": doc.state}


def show(env, document_id):
    docs = env["vn.document.incoming"].search(
        [("document_identifier", "=", document_id)]
    )
    return {
        "count": len(docs),
        "documents": [
            {
                "state": doc.state,
                "legal_value": doc.legal_value,
                "subject": doc.subject,
                "signatures_valid": doc.signature_ids.mapped("is_valid"),
                "files": len(doc.file_ids),
                "raw_package": bool(
                    doc.env["ir.attachment"].search_count(
                        [
                            ("res_model", "=", doc._name),
                            ("res_id", "=", doc.id),
                            ("mimetype", "=", "application/xml"),
                        ]
                    )
                ),
            }
            for doc in docs
        ],
        "inbox": len(env["vn.lgsp.message"].search([("direction", "=", "in")])),
    }


def crash_at(registry, point):
    """Replace one step of the exchange by one that kills the process."""
    model, method, when = CRASH_POINTS[point]
    cls = registry[model]
    step = getattr(cls, method)

    def killed(self, *args, **kwargs):
        if when == "after":
            step(self, *args, **kwargs)
        os._exit(137)

    setattr(cls, method, killed)


def main(argv):
    split = argv.index("--")
    config.parse_config(argv[:split])
    db, *rest = argv[split + 1 :]
    point = None
    if rest[0] == "--crash-at":
        point, rest = rest[1], rest[2:]
    action, *args = rest
    registry = Registry(db)
    if point:
        crash_at(registry, point)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
        )
        result = {
            "setup": setup,
            "exchange": exchange,
            "due": due,
            "handle": handle,
            "show": show,
        }[action](env, *args)
        # A separate process: agency B's step ends here, and the test reads its result.
        cr.commit()  # pylint: disable=invalid-commit
    line = "RESULT " + json.dumps(result, default=str, ensure_ascii=False)
    print(line)  # pylint: disable=print-used


if __name__ == "__main__":
    main(sys.argv[1:])
