# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from datetime import timedelta

from psycopg2.errors import LockNotAvailable, SerializationFailure, UniqueViolation

from odoo import _, api, fields, models
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from odoo.addons.vn_document_base.models.res_partner import ORGAN_CODE_RE
from odoo.addons.vn_document_base.tools.legal import legal

_logger = logging.getLogger(__name__)
RECEIVE_LOCK = 0x4C475352  # advisory lock class of packages being received
INTAKE_LANES = 4  # scheduled intake lanes (data/ir_cron_data.xml)
ERR_CONFLICT = "409"  # the simulator's and the platform's "already in a final status"


class VnLgspExchange(models.AbstractModel):
    """The scheduled exchange with the platform: send the outbox, poll documents and
    statuses, acknowledge only what is committed here (R-LG4).

    Every step is committed before the next one talks to the platform, through the
    scheduler's ``ir.cron._commit_progress`` (a plain commit outside a scheduled run):
    these commits are what makes the exchange exactly once, not only progress
    reports."""

    _name = "vn.lgsp.exchange"
    _description = "Exchange with the integration platform"

    @api.model
    def _vn_note_on_profile(self, profile, **values):
        """Record the last poll or error on the connection. It is information for the
        administrator, written in its own short transaction and skipped while another
        worker writes it: two workers must never fail each other on the connection's row
        (repeatable read refuses an update of a row another transaction changed)."""
        if odoo_module.current_test:  # the test's own transaction: no second connection
            profile.sudo().write(values)
            return
        try:
            with self.env.registry.cursor() as cr:
                cr.execute(
                    SQL(
                        "SELECT id FROM vn_lgsp_profile WHERE id = %s FOR UPDATE SKIP "
                        "LOCKED",
                        profile.id,
                    ),
                    log_exceptions=False,
                )
                if cr.fetchone():
                    assignments = SQL(", ").join(
                        SQL("%s = %s", SQL.identifier(name), value)
                        for name, value in values.items()
                    )
                    cr.execute(
                        SQL(
                            "UPDATE vn_lgsp_profile SET %s WHERE id = %s",
                            assignments,
                            profile.id,
                        ),
                        log_exceptions=False,
                    )
        except (SerializationFailure, LockNotAvailable):
            _logger.info(
                "LGSP connection %s: another worker is recording its state",
                profile.name,
            )
        profile.invalidate_recordset(list(values))

    @api.model
    def _profiles(self):
        return self.env["vn.lgsp.profile"].sudo().search([])

    @api.model
    def _clients(self):
        """(profile, client) of each active connection; a misconfigured one is reported
        and skipped."""
        from ..tools.lgsp_client import LgspError

        for profile in self._profiles():
            try:
                yield profile, profile._client()
            except LgspError as error:
                self._vn_note_on_profile(profile, last_error=str(error)[:500])
                _logger.warning(
                    "LGSP connection %s is misconfigured: %s", profile.name, error
                )

    # ------------------------------------------------------------------
    # Outbox
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_outbox(self, limit=200):
        sent = 0
        for profile, client in self._clients():
            Message = (
                self.env["vn.lgsp.message"].sudo().with_company(profile.company_id)
            )
            due = Message.search(
                [
                    ("company_id", "=", profile.company_id.id),
                    ("direction", "=", "out"),
                    ("state", "=", "queued"),
                    ("next_attempt_at", "<=", fields.Datetime.now()),
                ],
                order="id",
                limit=limit,
            )
            # A claimed send is not due for longer than its call can last, so no other
            # worker takes it.
            lease = timedelta(seconds=2 * (profile.timeout or 30) + 60)
            for message in due:
                if not message._vn_lock():
                    continue  # another worker has it, has claimed it or has sent it
                # The claim and the send in flight are committed before the call: after
                # a lost answer or a killed worker, the next attempt asks the platform
                # instead of sending.
                unclear = bool(message.send_started_at)
                message.write(
                    {
                        "send_started_at": message.send_started_at
                        or fields.Datetime.now(),
                        "next_attempt_at": fields.Datetime.now() + lease,
                    }
                )
                self.env["ir.cron"]._commit_progress()
                sent += message._vn_send(client, ask_first=unclear)
                self.env["ir.cron"]._commit_progress(1)
        return sent

    # ------------------------------------------------------------------
    # Inbox
    # ------------------------------------------------------------------
    @api.model
    def _cron_poll(self):
        """List what the platform holds for each connection, wake the intake lanes,
        then take packages like a lane until none is left (a database without lanes,
        or a test, receives everything here). Returns the packages received and
        acknowledged by this call."""
        from ..tools.lgsp_client import LgspError

        listed = 0
        for profile, client in self._clients():
            for message_type in ("edoc", "status"):
                try:
                    items = client.received_list(message_type)
                except LgspError as error:
                    self._vn_note_on_profile(profile, last_error=str(error)[:500])
                    _logger.warning("LGSP poll of %s failed: %s", profile.name, error)
                    continue
                listed += self._vn_list_inbox(profile, message_type, items)
            self.env["ir.cron"]._commit_progress()
        if listed:
            self._vn_wake_lanes()
        received = self._vn_intake_loop()
        for profile, client in self._clients():
            self._vn_acknowledge_pending(profile, client)
            self._vn_note_on_profile(profile, last_poll_at=fields.Datetime.now())
        return received

    @api.model
    def _cron_intake_lane(self):
        """One intake lane (scheduled job): take listed and fetched packages one by one
        until none is left or the job's time is up, then acknowledge what an earlier
        worker processed but could not acknowledge. Several lanes run at once, in
        several cron workers or on several nodes; each package is taken by one."""
        received = self._vn_intake_loop()
        for profile, client in self._clients():
            self._vn_acknowledge_pending(profile, client)
        return received

    @api.model
    def _vn_list_inbox(self, profile, message_type, items):
        """Record each package the platform lists and this agency does not hold yet
        (state ``listed``), in one transaction. Listing is serialised per agency by a
        transaction lock, so two pollers never record the same package twice; the
        unique index on the platform id is the backstop."""
        company = profile.company_id
        if not self._vn_try_lock(f"{company.id}/list/{message_type}"):
            return 0  # another poller is listing this agency
        wanted = {}
        for item in items:
            doc_id = str(item.get("docId") or "").strip()
            if not doc_id:
                _logger.warning(
                    "LGSP list of %s: an entry without docId was skipped", profile.name
                )
                continue
            wanted.setdefault(doc_id, item)  # a list may repeat an entry
        if not wanted:
            return 0
        Message = self.env["vn.lgsp.message"].sudo()
        known = set(
            Message.search(
                [
                    ("company_id", "=", company.id),
                    ("direction", "=", "in"),
                    ("message_type", "=", message_type),
                    ("platform_doc_id", "in", list(wanted)),
                ]
            ).mapped("platform_doc_id")
        )
        new = [
            self._vn_listed_values(company, message_type, doc_id, item)
            for doc_id, item in wanted.items()
            if doc_id not in known
        ]
        try:
            with self.env.cr.savepoint():
                Message.create(new)
        except UniqueViolation:
            # Another poller recorded them after this transaction's snapshot began.
            return 0
        return len(new)

    @api.model
    def _vn_listed_values(self, company, message_type, doc_id, item):
        # The platform's list says which agency's system sent the package: that, not
        # the package's own From, is the sender (R-SEC3).
        attested = str(item.get("from") or "").strip()[:64] or False
        return {
            "company_id": company.id,
            "direction": "in",
            "message_type": message_type,
            "state": "listed",
            "platform_doc_id": doc_id,
            "from_code": attested,
            "attested_from_code": attested,
            "to_codes": item.get("to"),
        }

    @api.model
    def _vn_wake_lanes(self):
        """Ask the scheduler to run every intake lane now."""
        for number in range(1, INTAKE_LANES + 1):
            lane = self.env.ref(
                f"vn_lgsp_connector.ir_cron_vn_lgsp_intake_{number}",
                raise_if_not_found=False,
            )
            if lane and lane.active:
                lane.sudo()._trigger()

    @api.model
    def _vn_intake_loop(self):
        """Take packages one at a time, each in its own transaction, until none is
        left or the scheduled job's time is up; returns how many were received and
        acknowledged."""
        clients, tried, received, busy = {}, set(), 0, 0
        while True:
            message = self._vn_take_next(tried)
            if message is None:  # another worker moved a row on: look again
                busy += 1
                self.env["ir.cron"]._commit_progress()
                if busy > 20:
                    break
                continue
            if not message:
                break
            busy = 0
            client = self._vn_client_for(clients, message.company_id)
            if client is None:
                break  # no connection: the line waits for one
            done = self._vn_intake_one(message, client)
            if done is None:  # another worker holds its document: again, soon
                time.sleep(0.05)
            else:
                tried.add(message.id)  # a package that fails waits for the next loop
                received += done
            if self.env["ir.cron"]._commit_progress(1) <= 0:
                break
        return received

    @api.model
    def _vn_client_for(self, clients, company):
        """The transport client of the agency's connection, made once per loop."""
        from ..tools.lgsp_client import LgspError

        if company.id not in clients:
            profile = (
                self.env["vn.lgsp.profile"]
                .sudo()
                .search([("company_id", "=", company.id)], limit=1)
            )
            try:
                clients[company.id] = profile._client() if profile else None
            except LgspError as error:
                _logger.warning("LGSP connection %s: %s", profile.name, error)
                clients[company.id] = None
        return clients[company.id]

    @api.model
    def _vn_take_next(self, tried=()):
        """The oldest received package that is due and that no other worker holds,
        locked for this transaction (``FOR UPDATE SKIP LOCKED``); an empty recordset
        when none is left, None when a row changed under this transaction's snapshot
        (repeatable read), to look again in a new one."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM vn_lgsp_message WHERE direction = 'in' AND "
                        "state IN ('listed', 'fetched') AND next_attempt_at <= %s "
                        "AND NOT id = ANY(%s) ORDER BY id LIMIT 1 "
                        "FOR UPDATE SKIP LOCKED",
                        fields.Datetime.now(),
                        list(tried),
                    ),
                    log_exceptions=False,
                )
                row = self.env.cr.fetchone()
        except SerializationFailure:
            return None
        message = self.env["vn.lgsp.message"].sudo().browse(row and row[0])
        message.invalidate_recordset()  # what another worker committed before
        return message

    @api.model
    def _vn_intake_one(self, message, client):
        """Fetch (when only listed), check, store and register one package, commit,
        then acknowledge it: the platform is told only what is committed here.
        Returns 1 when acknowledged, 0 when not (yet), None when another worker holds
        a package of the same document (its processing undone: to take again)."""
        from ..tools.lgsp_client import LgspError
        from .vn_lgsp_message_processing import IntakeBusy

        data = None
        try:
            if message.state == "listed":
                with self.env.cr.savepoint():
                    data = client.get_edoc(message.platform_doc_id)
                    message._vn_keep_payload(data)
            with self.env.cr.savepoint():
                # Refusals and statuses go to other agencies: processed in the legal
                # language.
                legal(message)._vn_process(data)
        except IntakeBusy:
            # A new transaction (snapshot) sees what the other worker commits.
            self.env["ir.cron"]._commit_progress()
            return None
        except LgspError as error:
            # The platform is asked again on the next loop, as often as needed.
            _logger.warning("LGSP package %s: %s", message.platform_doc_id, error)
            message.last_error = str(error)[:2000]
            return 0
        except Exception as error:  # a fault here must not stop the other packages
            _logger.exception("LGSP package %s failed", message.platform_doc_id)
            message._vn_intake_failed(error)
            return 0
        self.env["ir.cron"]._commit_progress()
        return int(self._vn_acknowledge(client, message))

    @api.model
    def _vn_try_lock(self, key):
        """A lock on ``key`` until this transaction ends, or False when another worker
        holds it."""
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))", RECEIVE_LOCK, key)
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _vn_acknowledge_pending(self, profile, client):
        """Acknowledge every processed package not yet acknowledged, listed by the
        platform or not: a package whose acknowledgement answer was lost is no longer
        listed once the platform has it done, and the platform accepts the same final
        status twice (R-LG4)."""
        pending = (
            self.env["vn.lgsp.message"]
            .sudo()
            .search(
                [
                    ("company_id", "=", profile.company_id.id),
                    ("direction", "=", "in"),
                    ("state", "in", ("done", "refused")),
                    ("acknowledged", "=", False),
                    ("platform_doc_id", "!=", False),
                ],
                order="id",
            )
        )
        return sum(self._vn_acknowledge(client, message) for message in pending)

    @api.model
    def _vn_acknowledge(self, client, message):
        """Tell the platform one processed package is stored here, then record that it
        was told."""
        from ..tools.lgsp_client import LgspError

        if message.state not in ("done", "refused") or message.acknowledged:
            return bool(message.acknowledged)
        if not message._vn_lock(message.state) or message.acknowledged:
            return bool(message.acknowledged)  # another worker is acknowledging it
        try:
            # A refused package is acknowledged "fail" with the reason: the platform
            # shows it to the sender, also when no status could be sent (a package that
            # cannot be read).
            if message.state == "refused":
                client.update_status(
                    message.platform_doc_id, "fail", (message.last_error or "")[:500]
                )
            else:
                client.update_status(message.platform_doc_id, "done")
        except LgspError as error:
            # A conflict: the platform already holds a final status for it, which no
            # call can change.
            if error.error_code != ERR_CONFLICT:
                _logger.warning(
                    "LGSP acknowledgement of %s: %s", message.platform_doc_id, error
                )
                return False
        message.acknowledged = True
        self.env["ir.cron"]._commit_progress()
        return True

    # ------------------------------------------------------------------
    # Agency directory (codes that change keep their history)
    # ------------------------------------------------------------------
    @api.model
    def _cron_sync_agencies(self):
        Partner = self.env["res.partner"].sudo()
        count = 0
        for _profile, client in self._clients():
            for agency in client.agencies():
                code = agency.get("code")
                if (
                    not code
                    or not ORGAN_CODE_RE.match(code)
                    or agency.get("deleted") in (True, "true", 1, "1")
                ):
                    continue
                partner = Partner.search([("vn_organ_code", "=", code)], limit=1)
                if not partner and agency.get("oldCode"):
                    partner = Partner.search(
                        [("vn_organ_code", "=", agency["oldCode"])], limit=1
                    )
                values = {
                    "name": agency.get("name") or code,
                    "vn_organ_code": code,
                    "is_company": True,
                }
                if agency.get("mail"):
                    values["email"] = agency["mail"]
                if partner:
                    partner.write({k: v for k, v in values.items() if partner[k] != v})
                else:
                    Partner.create(values)
                count += 1
        return count

    # ------------------------------------------------------------------
    # Monitoring (R-LG3): no "received" from a recipient after N working days
    # ------------------------------------------------------------------
    @api.model
    def _cron_monitor(self):
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("vn_lgsp_connector.monitor_days", 3)
        )
        Delivery = self.env["vn.document.delivery"].sudo()
        late = Delivery.search(
            [
                ("kind", "=", "external"),
                ("state", "in", ("queued", "sent")),
                ("vn_lgsp_alerted", "=", False),
                ("sent_on", "!=", False),
            ]
        )
        today = fields.Date.context_today(self)
        alerted = Delivery
        for line in late:
            company = line.document_id.company_id
            if company.vn_count_working_days(line.sent_on.date(), today) < days:
                continue
            for officer in company._vn_users_of(
                "vn_document_base.group_vn_document_follow_up"
            ):
                line.document_id.activity_schedule(
                    "mail.mail_activity_data_warning",
                    user_id=officer.id,
                    summary=_("No receipt from %(agency)s", agency=line.recipient_name),
                    note=_(
                        "%(doc)s was sent on %(date)s and %(agency)s has not confirmed "
                        "its arrival.",
                        doc=line.document_id.display_name,
                        date=line.sent_on.date(),
                        agency=line.recipient_name,
                    ),
                )
            alerted |= line
        alerted.write({"vn_lgsp_alerted": True})
        return len(alerted)
