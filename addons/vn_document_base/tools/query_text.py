# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A search domain in words, for the header of an exported result (ND 30 Phụ lục VI
III.6.h): "Trích yếu có chứa «đất đai»; Ngày đến từ 01/01/2026".

Call it with a model in the legal language (``legal(model)``): the field labels and the
words come out in Vietnamese. Values naming records are shown by their names when the
user may read them, by their ids otherwise.
"""

import datetime

from odoo.fields import Datetime

from .legal import VN_TZ

LOGICAL = ("&", "|", "!")


def _operator_words(env):
    _ = env._
    return {
        "=": _("is"),
        "!=": _("is not"),
        "ilike": _("contains"),
        "not ilike": _("does not contain"),
        "like": _("contains"),
        "=like": _("matches"),
        "=ilike": _("matches"),
        "in": _("is one of"),
        "not in": _("is none of"),
        ">": _("after"),
        ">=": _("from"),
        "<": _("before"),
        "<=": _("up to"),
        "child_of": _("is within"),
        "parent_of": _("contains"),
        "any": _("has"),
        "not any": _("has no"),
    }


def describe_domain(model, domain):
    """``domain`` (a list in Odoo's prefix notation) in words; empty: "all"."""
    terms = [t for t in (domain or []) if not _is_true_leaf(t)]
    if not terms:
        return model.env._("all records")
    parts = []
    index = 0
    try:
        while index < len(terms):
            text, index = _expression(model, terms, index)
            parts.append(text)
    except IndexError:  # an operator without its operands: show the domain as given
        return str(domain)
    return "; ".join(parts)


def _is_true_leaf(term):
    return isinstance(term, (list, tuple)) and tuple(term) in ((1, "=", 1), (0, "=", 1))


def _expression(model, terms, index):
    term = terms[index]
    if term == "!":
        text, index = _expression(model, terms, index + 1)
        return model.env._("not (%s)", text), index
    if term in ("&", "|"):
        left, index = _expression(model, terms, index + 1)
        right, index = _expression(model, terms, index)
        if term == "&":
            return f"{left}; {right}", index
        return "({} {} {})".format(left, model.env._("or"), right), index
    if not isinstance(term, (list, tuple)) or len(term) != 3:
        return str(term), index + 1  # not a condition Odoo would accept anyway
    return _leaf(model, term), index + 1


def _leaf(model, leaf):
    path, operator, value = leaf
    label, field, comodel = _path_label(model, path)
    words = _operator_words(model.env)
    if operator in ("any", "not any") and comodel is not None:
        inner = describe_domain(comodel, value if isinstance(value, list) else [])
        return f"{label} {words[operator]} ({inner})"
    if value is False and operator in ("=", "!="):
        empty = model.env._("is empty") if operator == "=" else model.env._("is set")
        return f"{label} {empty}"
    return f"{label} {words.get(operator, operator)} {_value(model, field, value)}"


def _path_label(model, path):
    """The labels along ``path`` ("Phân công › Đơn vị"), the last field, and the
    model the last field points to (or None)."""
    labels, field, current = [], None, model
    for name in str(path).split("."):
        field = current._fields.get(name) if current is not None else None
        if field is None:
            labels.append(name)
            return " › ".join(labels), None, None
        description = current.fields_get([name], ["string"])
        labels.append(description.get(name, {}).get("string") or name)
        current = current.env[field.comodel_name] if field.relational else None
    return " › ".join(labels), field, current


def _value(model, field, value):
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(model, field, v) for v in value)
    if field is None:
        return f"«{value}»"
    if field.relational and isinstance(value, int) and not isinstance(value, bool):
        record = model.env[field.comodel_name].browse(value)
        readable = record.exists()._filtered_access("read")
        return f"«{readable.display_name}»" if readable else f"#{value}"
    if field.type == "selection":
        labels = dict(field._description_selection(model.env))
        return f"«{labels.get(value, value)}»"
    if field.type == "boolean" or isinstance(value, bool):
        return model.env._("yes") if value else model.env._("no")
    if field.type in ("date", "datetime") and value:
        return _date_text(field, value)
    return f"«{value}»"


def _date_text(field, value):
    try:
        if field.type == "datetime":
            moment = Datetime.to_datetime(value)
            local = moment.replace(tzinfo=datetime.UTC).astimezone(VN_TZ)
            return local.strftime("%d/%m/%Y %H:%M")
        return datetime.date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)
