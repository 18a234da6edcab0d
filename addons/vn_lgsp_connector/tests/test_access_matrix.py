# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The access matrix of the suite against the table of the base addon's readme (R-SEC3,
SECURITY.md).

For each role x each model of the suite x read/create/write/unlink x a record of the
user's own unit, of another unit and of another agency, the access Odoo grants (model
access, record rules and the suite's own ``_check_access``) must be the cell of
``vn_document_base/readme/SECURITY.md``. The public methods of every suite model must be
the reviewed list of the same file.
"""

import base64
import os
import re

from cryptography.hazmat.primitives import serialization

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.vn_document_base.tests import pdf_fixtures, pki
from odoo.addons.vn_document_base.tests.common import ROLES, VnRolesSetup

README = os.path.join(
    os.path.dirname(__file__), "..", "..", "vn_document_base", "readme", "SECURITY.md"
)
SCOPES = ("own", "other unit", "other agency")
OPERATIONS = (("read", "r"), ("create", "c"), ("write", "w"), ("unlink", "d"))
SUITE_PREFIXES = ("odoo.addons.vn_",)


def _defines(klass, name):
    """Whether ``klass`` is the original definition of model ``name`` (not an
    extension)."""
    if vars(klass).get("_name") != name:
        return False
    inherit = vars(klass).get("_inherit") or []
    return name not in ([inherit] if isinstance(inherit, str) else inherit)


def suite_models(env):
    """The concrete, persistent models the suite defines (not only extends)."""
    names = []
    for name in env.registry:
        cls = type(env[name])
        if cls._abstract or cls._transient:
            continue
        if any(
            _defines(k, name) and k.__module__.startswith(SUITE_PREFIXES)
            for k in cls.__mro__
        ):
            names.append(name)
    return sorted(names)


def suite_public_methods(env):
    """{model: {method}} of every public method written in the suite's code."""
    found = {}
    for name in env.registry:
        for klass in type(env[name]).__mro__:
            if not (getattr(klass, "__module__", "") or "").startswith(SUITE_PREFIXES):
                continue
            for attr, value in vars(klass).items():
                if (
                    attr.startswith("_")
                    or not callable(value)
                    or isinstance(value, type)
                ):
                    continue
                if getattr(value, "_api_private", False):
                    continue
                found.setdefault(name, set()).add(attr)
    return found


def read_readme():
    with open(README, encoding="utf-8") as f:
        text = f.read()
    matrix, methods = {}, {}
    section = None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
            continue
        if not line.startswith("| `"):
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if section and section.startswith("access matrix"):
            model, role, *scopes = cells
            matrix[(model, role)] = tuple(scopes)
        elif section and section.startswith("public methods"):
            model, method = cells[0], cells[1]
            methods.setdefault(model, set()).add(method)
    return matrix, methods


@tagged("post_install", "-at_install")
class TestAccessMatrix(VnRolesSetup, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        env = cls.env
        cls.other_company = (
            env["res.company"]
            .sudo()
            .create({"name": "Cơ quan khác", "vn_organ_code": "000.00.99.H29"})
        )
        cls.outsider = new_test_user(
            env,
            login="vn_matrix_outsider",
            groups="vn_document_base.group_vn_document_staff",
        )
        cls.foreigner = new_test_user(
            env,
            login="vn_matrix_foreigner",
            groups="vn_document_base.group_vn_document_staff",
            company_id=cls.other_company.id,
            company_ids=[cls.other_company.id],
        )
        cls.unit = env["hr.department"].create({"name": "Phòng Kinh tế"})
        cls.other_unit = env["hr.department"].create({"name": "Phòng Văn hóa"})
        for role, user in cls.users.items():
            env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": (
                        cls.other_unit if role == "follow_up" else cls.unit
                    ).id,
                }
            )
        head = env["hr.employee"].search(
            [("user_id", "=", cls.users["department_head"].id)]
        )
        cls.unit.manager_id = head
        env["hr.employee"].create(
            {
                "name": "Outsider",
                "user_id": cls.outsider.id,
                "department_id": cls.other_unit.id,
            }
        )
        env["ir.config_parameter"].sudo().set_param(
            "vn_document_outbound.format_checker_id", cls.users["clerk"].id
        )
        cls.records = cls._build_records()
        cls.records.update(cls._build_more())

    # ------------------------------------------------------------------
    @classmethod
    def _incoming(cls, company, unit, subject):
        env = cls.env
        Book = env["vn.register.book"].sudo()
        book = Book.search(
            [("kind", "=", "incoming"), ("company_id", "=", company.id)], limit=1
        ) or Book.create(
            {"name": "Sổ đến", "kind": "incoming", "company_id": company.id}
        )
        doc = (
            env["vn.document.incoming"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "subject": subject,
                    "company_id": company.id,
                    "register_book_id": book.id,
                    "channel": "paper",
                }
            )
        )
        env["vn.document.file"].sudo()._vn_store_checked(
            "van-ban.pdf", pdf_fixtures.make_two_signature_pdf(), doc
        )
        doc._adopt_main_file(doc.file_ids)
        doc.action_register()
        if company == cls.company:
            doc._vn_assign([{"role": "lead", "department_id": unit.id}])
            if unit == cls.unit:
                doc._vn_assign(
                    [{"role": "cooperate", "user_id": cls.users["staff"].id}]
                )
        else:
            doc._vn_assign([{"role": "lead", "user_id": cls.foreigner.id}])
        env["vn.register.correction"].sudo().create(
            {
                "res_model": doc._name,
                "res_id": doc.id,
                "company_id": company.id,
                "field_name": "subject",
                "field_label": "Trích yếu",
                "old_value": subject,
                "new_value": subject + ".",
                "reason": "test",
            }
        )
        env["vn.document.access.log"].sudo().create(
            {
                "action": "open",
                "res_model": doc._name,
                "res_id": doc.id,
                "company_id": company.id,
                "user_id": cls.env.uid,
            }
        )
        return doc

    @classmethod
    def _outgoing(cls, company, drafter, unit, subject):
        env = cls.env
        values = {
            "subject": subject,
            "company_id": company.id,
            "drafter_id": drafter.id,
            "document_type_id": env.ref(
                "vn_document_base.vn_document_type_cong_van"
            ).id,
            "delivery_ids": [
                Command.create({"kind": "email", "email": "x@example.com"})
            ],
        }
        if company == cls.company:
            values.update(
                drafting_department_id=unit.id, signer_id=cls.users["agency_head"].id
            )
        doc = env["vn.document.outgoing"].sudo().with_company(company).create(values)
        doc.with_user(drafter)._vn_add_version(
            "du-thao.pdf", pdf_fixtures.make_pdf(pages=1, text=subject), "draft"
        )
        return doc

    @classmethod
    def _build_records(cls):
        env = cls.env
        company, other = cls.company, cls.other_company
        incoming = {
            "own": cls._incoming(company, cls.unit, "Đến - đơn vị mình"),
            "other unit": cls._incoming(company, cls.other_unit, "Đến - đơn vị khác"),
            "other agency": cls._incoming(other, cls.unit, "Đến - cơ quan khác"),
        }
        outgoing = {
            "own": cls._outgoing(
                company, cls.users["staff"], cls.unit, "Đi - đơn vị mình"
            ),
            "other unit": cls._outgoing(
                company, cls.outsider, cls.other_unit, "Đi - đơn vị khác"
            ),
            "other agency": cls._outgoing(
                other, cls.foreigner, cls.unit, "Đi - cơ quan khác"
            ),
        }
        records = {
            "vn.document.incoming": incoming,
            "vn.document.assignment": {
                k: v.assignment_ids[:1] for k, v in incoming.items()
            },
            # One trail for every kind of document: a line of each.
            "vn.document.trail": {
                k: v.trail_ids[:1] | outgoing[k].trail_ids[:1]
                for k, v in incoming.items()
            },
            "vn.document.file": {k: v.main_file_id for k, v in incoming.items()},
            "vn.document.signature": {
                k: v.main_file_id.signature_ids[:1] for k, v in incoming.items()
            },
            "vn.file.text": {
                k: v.main_file_id.text_ids[:1] for k, v in incoming.items()
            },
            "vn.register.correction": {
                k: v.register_correction_ids[:1] for k, v in incoming.items()
            },
            "vn.document.access.log": {
                k: env["vn.document.access.log"]
                .sudo()
                .search([("res_model", "=", v._name), ("res_id", "=", v.id)], limit=1)
                for k, v in incoming.items()
            },
            "vn.document.outgoing": outgoing,
            "vn.document.outgoing.version": {
                k: v.version_ids[:1] for k, v in outgoing.items()
            },
            "vn.document.delivery": {
                k: v.delivery_ids[:1] for k, v in outgoing.items()
            },
        }
        for model, by_scope in list(records.items()):
            records[model] = {
                scope: record.sudo() for scope, record in by_scope.items()
            }
        return records

    @classmethod
    def _per_company(cls, model, make):
        """A record made by ``make(company)`` for this agency (own and other unit) and
        another."""
        own, other = make(cls.company), make(cls.other_company)
        return {
            "own": own.sudo(),
            "other unit": own.sudo(),
            "other agency": other.sudo(),
        }

    @classmethod
    def _build_more(cls):
        env = cls.env(su=True)
        more = {}
        more["vn.document.copy"] = cls._per_company(
            "vn.document.copy",
            lambda c: env["vn.document.copy"].create(
                {
                    "company_id": c.id,
                    "form": "SY",
                    "medium": "paper",
                    "source_description": "Bản sao thử",
                }
            ),
        )
        more["vn.user.handover"] = cls._per_company(
            "vn.user.handover",
            lambda c: env["vn.user.handover"].create(
                {"company_id": c.id, "user_id": cls.outsider.id, "reason": "Nghỉ hưu"}
            ),
        )
        more["vn.access.change"] = cls._per_company(
            "vn.access.change",
            lambda c: env["vn.access.change"].create(
                {
                    "company_id": c.id,
                    "user_id": cls.outsider.id,
                    "author_id": cls.users["admin"].id,
                    "description": "Vai trò Văn thư",
                }
            ),
        )
        more["vn.system.outage"] = cls._per_company(
            "vn.system.outage",
            lambda c: env["vn.system.outage"].create(
                {
                    "company_id": c.id,
                    "start": "2026-08-01 01:00:00",
                    "description": "Mất điện",
                }
            ),
        )
        more["vn.user.login.day"] = {
            "own": env["vn.user.login.day"].create(
                {
                    "user_id": cls.users["staff"].id,
                    "company_id": cls.company.id,
                    "day": "2026-08-01",
                }
            ),
            "other unit": env["vn.user.login.day"].create(
                {
                    "user_id": cls.outsider.id,
                    "company_id": cls.company.id,
                    "day": "2026-08-01",
                }
            ),
            "other agency": env["vn.user.login.day"].create(
                {
                    "user_id": cls.foreigner.id,
                    "company_id": cls.other_company.id,
                    "day": "2026-08-01",
                }
            ),
        }
        # the backup log and the integrity audits are the database's, not an agency's
        if "vn.backup.log" in env:
            log = env["vn.backup.log"].create(
                {"operation": "backup", "result": "success"}
            )
            run = env["vn.integrity.run"].create({})
            more["vn.backup.log"] = dict.fromkeys(SCOPES, log)
            more["vn.integrity.run"] = dict.fromkeys(SCOPES, run)
        # the register chain's verifications are each agency's (issue 17)
        if "vn.register.chain.run" in env:
            Run = env["vn.register.chain.run"]
            own_run = Run.create({"company_id": cls.company.id})
            more["vn.register.chain.run"] = {
                "own": own_run,
                "other unit": own_run,
                "other agency": Run.create({"company_id": cls.other_company.id}),
            }
        partner = env["res.partner"].create(
            {"name": "Sở Tư pháp", "is_company": True, "vn_organ_code": "000.00.11.H29"}
        )
        history = env["vn.agency.code.history"].create(
            {"partner_id": partner.id, "code": "000.00.12.H29"}
        )
        more["vn.agency.code.history"] = {
            "own": history,
            "other unit": history,
            "other agency": history,
        }
        root_pem = pki.build_pki()["root"]["cert"].public_bytes(
            serialization.Encoding.PEM
        )
        root = env["vn.trusted.root"].create(
            {"name": "Gốc thử", "certificate": base64.b64encode(root_pem)}
        )
        more["vn.trusted.root"] = {
            "own": root,
            "other unit": root,
            "other agency": root,
        }
        if "vn.case.file" in env:
            more.update(cls._build_case_files(env))
        if "vn.lgsp.profile" in env:
            profiles = cls._per_company(
                "vn.lgsp.profile",
                lambda c: env["vn.lgsp.profile"].create(
                    {
                        "name": "LGSP",
                        "company_id": c.id,
                        "endpoint": "http://127.0.0.1:9/",
                    }
                ),
            )
            more["vn.lgsp.profile"] = profiles
            more["vn.lgsp.message"] = cls._per_company(
                "vn.lgsp.message",
                lambda c: env["vn.lgsp.message"].create(
                    {
                        "company_id": c.id,
                        "direction": "in",
                        "message_type": "edoc",
                        "state": "done",
                    }
                ),
            )
            if "vn.lgsp.credential" in env:
                more["vn.lgsp.credential"] = {
                    scope: env["vn.lgsp.credential"].search(
                        [("profile_id", "=", profile.id)], limit=1
                    )
                    or env["vn.lgsp.credential"].create({"profile_id": profile.id})
                    for scope, profile in profiles.items()
                }
        if "vn.report.document.stat" in env:
            more.update(cls._build_report_stats(env))
        return more

    @classmethod
    def _build_report_stats(cls, env):
        """The rows of vn_document_report's statistics views (SQL views: the rows of
        the documents built above): the registered incoming document of each scope, an
        LGSP copy sent of each scope's outgoing document, and an opening of each
        scope's incoming document by a person of that scope (own: the unit's staff
        member; other unit: a person of the other unit; other agency: a person of the
        other agency)."""
        incoming = cls.records["vn.document.incoming"]
        outgoing = cls.records["vn.document.outgoing"]
        partner = env["res.partner"].create(
            {"name": "Sở Nội vụ", "is_company": True, "vn_organ_code": "000.00.13.H29"}
        )
        readers = {
            "own": cls.users["staff"],
            "other unit": cls.outsider,
            "other agency": cls.foreigner,
        }
        copies, logs = {}, {}
        for scope, doc in outgoing.items():
            copies[scope] = env["vn.document.delivery"].create(
                {"document_id": doc.id, "kind": "external", "partner_id": partner.id}
            )
            copies[scope].sent_on = "2026-01-05 03:00:00"
            logs[scope] = env["vn.document.access.log"].create(
                {
                    "action": "open",
                    "res_model": incoming[scope]._name,
                    "res_id": incoming[scope].id,
                    "company_id": incoming[scope].company_id.id,
                    "user_id": readers[scope].id,
                }
            )
        env.flush_all()
        Documents = env["vn.report.document.stat"]
        return {
            "vn.report.document.stat": {
                scope: Documents.search(
                    [("direction", "=", "incoming"), ("res_id", "=", doc.id)]
                )
                for scope, doc in incoming.items()
            },
            "vn.report.delivery.stat": {
                scope: env["vn.report.delivery.stat"].browse(copy.id)
                for scope, copy in copies.items()
            },
            "vn.report.access.stat": {
                scope: env["vn.report.access.stat"].browse(log.id)
                for scope, log in logs.items()
            },
        }

    @classmethod
    def _build_case_files(cls, env):
        """The records of vn_case_file: a draft file plan of each agency with a heading
        and a planned file; a case file, a document in it, a working paper and a
        handover with a package made by the staff member of the unit (own), a person
        of another unit (other unit) and a person of another agency."""
        more = {}
        plans = cls._per_company(
            "vn.file.plan",
            lambda c: env["vn.file.plan"].create({"company_id": c.id, "year": 2090}),
        )
        more["vn.file.plan"] = plans
        more["vn.file.plan.heading"] = {
            scope: plan.heading_ids[:1]
            or env["vn.file.plan.heading"].create(
                {"plan_id": plan.id, "name": "Tổ chức cán bộ", "code": "TCCB"}
            )
            for scope, plan in plans.items()
        }
        more["vn.file.plan.item"] = {
            scope: plan.item_ids[:1]
            or env["vn.file.plan.item"].create(
                {
                    "plan_id": plan.id,
                    "heading_id": more["vn.file.plan.heading"][scope].id,
                    "title": "Hồ sơ tổ chức bộ máy",
                }
            )
            for scope, plan in plans.items()
        }
        people = {
            "own": (cls.users["staff"], cls.company, cls.unit),
            "other unit": (cls.outsider, cls.company, cls.other_unit),
            "other agency": (cls.foreigner, cls.other_company, env["hr.department"]),
        }
        retention = env.ref("vn_case_file.vn_retention_period_01")
        cases, lines, papers, batches, packages = {}, {}, {}, {}, {}
        for index, (scope, (user, company, unit)) in enumerate(people.items()):
            case = env["vn.case.file"].create(
                {
                    "subject": "Hồ sơ thử",
                    "file_notation": f"THU.{index}",
                    "retention_id": retention.id,
                    "company_id": company.id,
                    "creator_id": user.id,
                    "department_id": unit.id or False,
                }
            )
            cases[scope] = case
            lines[scope] = env["vn.case.file.line"].create(
                {
                    "case_file_id": case.id,
                    "res_model": "vn.document.incoming",
                    "res_id": cls.records["vn.document.incoming"][scope].id,
                    "ordinal": 1,
                }
            )
            papers[scope] = env["vn.working.paper"].create(
                {
                    "subject": "Tài liệu thử",
                    "company_id": company.id,
                    "creator_id": user.id,
                    "department_id": unit.id or False,
                }
            )
            batch = (
                env["vn.case.file.handover"]
                .with_user(user)
                .with_company(company)
                .create({"name": "Lô thử", "company_id": company.id})
                .sudo()
            )
            batches[scope] = batch
            packages[scope] = env["vn.case.file.package"].create(
                {
                    "handover_id": batch.id,
                    "case_file_id": case.id,
                    "name": "goi.zip",
                    "sha256": "0" * 64,
                }
            )
        more["vn.case.file"] = cases
        more["vn.case.file.line"] = lines
        more["vn.working.paper"] = papers
        more["vn.case.file.handover"] = batches
        more["vn.case.file.package"] = packages
        return more

    def _records_for(self, model, role):
        """The records of each scope; a signing key is the role's own, another unit's
        person's, and another agency's person's. Models without a builder: one of this
        agency (own and other unit alike) and one of the other agency when the model has
        a company."""
        if model in self.records:
            return self.records[model]
        if model == "vn.edoc.report":
            # A report is its author's (a head of unit sees the ones he made).
            Report = self.env["vn.edoc.report"].sudo()

            def report(user, company):
                return Report.create(
                    {
                        "name": f"Báo cáo {user.login}",
                        "company_id": company.id,
                        "period_kind": "quarter",
                        "date_from": "2026-07-01",
                        "date_to": "2026-09-30",
                        "generated_by_id": user.id,
                    }
                )

            return {
                "own": report(self.users[role], self.company),
                "other unit": report(self.outsider, self.company),
                "other agency": report(self.foreigner, self.other_company),
            }
        if model == "vn.signing.key":
            Key = self.env["vn.signing.key"].sudo()

            def key(user, company):
                return Key.create(
                    {
                        "name": f"Khóa {user.login}",
                        "user_id": user.id,
                        "company_id": company.id,
                        "usage": "personal",
                        "kind": "pkcs12",
                    }
                )

            return {
                "own": key(self.users[role], self.company),
                "other unit": key(self.outsider, self.company),
                "other agency": key(self.foreigner, self.other_company),
            }
        Model = self.env[model].sudo().with_context(active_test=False)
        own = Model.search(
            [("company_id", "in", [self.company.id, False])]
            if "company_id" in Model._fields
            else [],
            limit=1,
        )
        other = (
            Model.search([("company_id", "=", self.other_company.id)], limit=1)
            if "company_id" in Model._fields
            else own
        )
        return {"own": own, "other unit": own, "other agency": other}

    def _cell(self, user, record):
        if not record:
            return "n/a"
        record = record.with_env(self.env(user=user.id, context={}, su=False))
        return "".join(
            letter if record.has_access(operation) else "-"
            for operation, letter in OPERATIONS
        )

    def _actual_matrix(self):
        matrix = {}
        for model in suite_models(self.env):
            for role, _group in ROLES:
                scoped = self._records_for(model, role)
                user = self.users[role]
                matrix[(model, role)] = tuple(
                    self._cell(user, scoped[scope]) for scope in SCOPES
                )
        return matrix

    @staticmethod
    def _as_markdown(matrix):
        lines = [
            "| model | role | own | other unit | other agency |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| `{model}` | `{role}` | " + " | ".join(f"`{c}`" for c in cells) + " |"
            for (model, role), cells in sorted(matrix.items())
        ]
        return "\n".join(lines)

    def test_access_matrix_matches_the_readme(self):
        """R-SEC3: every cell of the access matrix is the readme's; 0 cells differ."""
        expected, _methods = read_readme()
        actual = self._actual_matrix()
        if os.environ.get("VN_ACCESS_MATRIX_OUT"):
            with open(os.environ["VN_ACCESS_MATRIX_OUT"], "w", encoding="utf-8") as f:
                f.write(self._as_markdown(actual) + "\n")
        differing = {
            key: (expected.get(key), cells)
            for key, cells in actual.items()
            if expected.get(key) != cells
        }
        missing = set(expected) - set(actual)
        cells = sum(len(SCOPES) * len(OPERATIONS) for _key in actual)
        self.assertFalse(
            differing,
            f"{len(differing)} rows of {len(actual)} ({cells} cells) differ from the "
            f"readme (expected, actual): {sorted(differing.items())[:20]}",
        )
        self.assertFalse(
            missing,
            f"rows of the readme for models that do not exist: {sorted(missing)}",
        )
        self.assertGreater(len(actual), 100)

    def test_public_methods_are_reviewed(self):
        """R-SEC3: every public method of every suite model is on the reviewed list of
        the readme."""
        _matrix, reviewed = read_readme()
        found = suite_public_methods(self.env)
        new = {
            model: sorted(methods - reviewed.get(model, set()))
            for model, methods in found.items()
            if methods - reviewed.get(model, set())
        }
        gone = {
            model: sorted(methods - found.get(model, set()))
            for model, methods in reviewed.items()
            if methods - found.get(model, set())
        }
        self.assertFalse(new, f"public methods not reviewed: {new}")
        self.assertFalse(gone, f"reviewed methods that no longer exist: {gone}")

    def test_readme_fields_match_the_code(self):
        """R-SEC3, R-IN6, R-OUT9: the field lists of the readme are the ones the code
        enforces."""
        with open(README, encoding="utf-8") as f:
            text = f.read()
        from odoo.addons.vn_document_inbound.models import vn_document_incoming
        from odoo.addons.vn_document_outbound.models import vn_document_outgoing

        def listed(label):
            match = re.search(rf"^- {re.escape(label)}: (.*)$", text, re.MULTILINE)
            self.assertTrue(match, f"the readme lists no {label!r}")
            return set(re.findall(r"`([a-z_0-9]+)`", match.group(1)))

        incoming = self.env["vn.document.incoming"]
        self.assertEqual(
            listed("Incoming, set by the workflow only"),
            incoming._vn_workflow_field_names(),
        )
        self.assertEqual(
            listed("Incoming, frozen once registered"),
            vn_document_incoming.REGISTER_FIELDS,
        )
        self.assertEqual(
            listed("Outgoing, set by the workflow only"),
            vn_document_outgoing.WORKFLOW_FIELDS,
        )
        self.assertEqual(
            listed("Outgoing, still changing after issue"),
            vn_document_outgoing.AFTER_ISSUE_FIELDS,
        )
        self.assertEqual(
            listed("Outgoing, changing once signed"),
            vn_document_outgoing.SIGNED_EDITABLE_FIELDS,
        )
