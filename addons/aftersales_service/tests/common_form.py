# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Steps called the way Odoo 11's web client calls them (issue 11).

``form_create``: ``default_get`` of the form view's fields, the ``onchange``
of the defaults and of each value the user types, then ``create`` with every
field the form sends (``False`` for the empty ones, readonly ones left out, as
the web client does). ``click``: a ``type="object"`` button, called with no
argument (the web client passes only the context).
"""


def _plain(model, values):
    """Onchange results -> create values (many2one pairs -> ids)."""
    result = {}
    for name, value in values.items():
        field = model._fields.get(name)
        if field is None:
            continue
        if field.type == "many2one" and isinstance(value, (list, tuple)):
            value = value[0] if value else False
        result[name] = value
    return result


def _form_fields(model, view):
    """The fields of the form view a new record sends: not readonly in the
    first state (the web client leaves readonly fields out)."""
    names = []
    for name, desc in view["fields"].items():
        field = model._fields.get(name)
        if field is None or (field.compute and not field.inverse and not field.related):
            continue
        readonly = desc.get("readonly")
        states = desc.get("states") or {}
        first_state = dict(states).get("draft")
        if first_state is not None:
            readonly = dict(first_state).get("readonly", readonly)
        if readonly or (field.related and field.readonly):
            continue
        names.append(name)
    return names


def form_create(model, values=None, lines_field=None, lines=()):
    """Create a record of ``model`` (an environment's model, already as the
    acting user) as the form does; ``lines``: values of one2many lines typed
    into ``lines_field``, each through the lines' own form the same way."""
    view = model.fields_view_get(view_type="form")
    names = _form_fields(model, view)
    spec = model._onchange_spec(view_info=view)
    record = dict.fromkeys(names, False)
    for name in names:
        if model._fields[name].type in ("one2many", "many2many"):
            record[name] = []
    record.update(_plain(model, model.default_get(names)))
    result = model.onchange(record, [], spec)
    record.update({k: v for k, v in _plain(model, result.get("value", {})).items() if k in names})
    for name, value in (values or {}).items():
        record[name] = value
        result = model.onchange(record, name, spec)
        record.update({k: v for k, v in _plain(model, result.get("value", {})).items()
                       if k in names and k not in (values or {})})
    if lines_field:
        comodel = model.env[model._fields[lines_field].comodel_name]
        subview = view["fields"][lines_field]["views"].get("tree") or view["fields"][lines_field]["views"]["form"]
        inverse = model._fields[lines_field].inverse_name
        sub_names = []
        for name in subview["fields"]:
            field = comodel._fields.get(name)
            if field is None or name == inverse or field.readonly or (field.compute and not field.inverse):
                continue
            sub_names.append(name)
        commands = []
        for line in lines:
            line_values = dict.fromkeys(sub_names, False)
            line_values.update({k: v for k, v in _plain(comodel, comodel.default_get(sub_names)).items()
                                if k in sub_names})
            for name, value in line.items():
                line_values[name] = value
                sub_spec = comodel._onchange_spec(view_info=subview)
                result = comodel.onchange(line_values, name, sub_spec)
                line_values.update({k: v for k, v in _plain(comodel, result.get("value", {})).items()
                                    if k in sub_names and k not in line})
            commands.append((0, 0, line_values))
        record[lines_field] = commands
    return model.create(record)


def click(record, button):
    """A button of the form: the method, no argument."""
    return getattr(record, button)()
