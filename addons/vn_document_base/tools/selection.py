def selection_label(record, field_name):
    """The label of ``record``'s selection value, in the user's language ('' when empty)."""
    record.ensure_one()
    value = record[field_name]
    return record._fields[field_name].convert_to_export(value, record) if value else ""
