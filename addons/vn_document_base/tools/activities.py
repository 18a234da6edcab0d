# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's activities follow the document, as hr_holidays' ``activity_update``.

A document model says, from its state, who must act now and with which activity type
(``wanted``); :func:`sync_activities` schedules what is missing and closes the rest:
marked done (with the step's feedback) while the document goes on, removed when the
document is withdrawn (returned, recalled, cancelled).
"""


def activity_types(env, xmlids):
    """{xmlid: mail.activity.type} for ``xmlids``, as ``env.ref`` gives them (a
    ``ValueError`` for an unknown or deleted one), with one query for all: ``env.ref``
    checks that each record exists with a query of its own, and every workflow step
    asks for every type the model manages."""
    data = env["ir.model.data"]
    found = {
        xmlid: data._xmlid_to_res_model_res_id(xmlid, raise_if_not_found=True)
        for xmlid in xmlids
    }
    ids = {xmlid: res_id for xmlid, (_model, res_id) in found.items()}
    types = env["mail.activity.type"].browse(set(ids.values()))
    existing = set(types.exists().ids)
    for xmlid, (model, res_id) in found.items():
        if model != "mail.activity.type" or res_id not in existing:
            raise ValueError(
                f"No record found for unique ID {xmlid}. It may have been deleted."
            )
    return {xmlid: types.browse(res_id) for xmlid, res_id in ids.items()}


def sync_activities(doc, wanted, type_xmlids, feedback=False, withdrawn=False):
    """Make ``doc``'s activities of the suite's types match ``wanted``.

    :param wanted: {(activity type xmlid, res.users): deadline or False}
    :param type_xmlids: every activity type xmlid the model manages
    :param feedback: text of the step that closes the activities no longer wanted
    :param withdrawn: the document left the workflow: remove them instead
    """
    doc.ensure_one()
    # The workflow method calling this checked whose turn it is; the activities are the
    # workflow's, whatever the acting user may write (sudo keeps the acting user as
    # the author of the feedback).
    doc = doc.sudo()
    types = activity_types(doc.env, type_xmlids)
    wanted_keys = {(types[xmlid], user) for (xmlid, user) in wanted}
    type_ids = {activity_type.id for activity_type in types.values()}
    managed = doc.activity_ids.filtered(lambda a: a.activity_type_id.id in type_ids)
    stale = managed.filtered(
        lambda a: (a.activity_type_id, a.user_id) not in wanted_keys
    )
    if withdrawn:
        stale.unlink()
    elif stale:
        stale.action_feedback(feedback=feedback or False)
    kept = {(a.activity_type_id, a.user_id) for a in managed - stale}
    for (xmlid, user), deadline in wanted.items():
        activity_type = types[xmlid]
        if (activity_type, user) in kept:
            continue
        # Stored in the language of who must act, not of who acted.
        translated = activity_type.with_context(lang=user.lang or None)
        doc.activity_schedule(
            xmlid,
            date_deadline=deadline or activity_type._get_date_deadline(),
            summary=translated.summary or translated.name,
            user_id=user.id,
        )
