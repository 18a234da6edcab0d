def wizard_action(name, res_model, context):
    """The action opening a wizard in a dialog."""
    return {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": res_model,
        "view_mode": "form",
        "target": "new",
        "context": context,
    }
