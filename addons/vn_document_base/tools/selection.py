# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
def selection_label(record, field_name, value=None):
    """The label of a selection value (``record``'s own by default), in the user's
    language ('' when empty)."""
    if value is None:
        record.ensure_one()
        value = record[field_name]
    return record._fields[field_name].convert_to_export(value, record) if value else ""
