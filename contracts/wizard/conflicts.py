"""What another tab saved on a step since this tab loaded it: the fields whose saved value differs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from contracts.questions.display import display_value
from contracts.wizard.steps import Step, answers_to_data


def step_conflicts(spec: Step, saved: dict, posted) -> list[tuple[str, str]]:
    """Fields whose saved value (from another tab) differs from what this tab posts: (label, saved value
    as the buyer would write it). Values are compared as the form reads them, so a ticked box posted as
    "on" equals a saved true."""
    saved_data = answers_to_data(spec, saved)
    form = spec.form_class()
    changed = []
    for name, field in form.fields.items():
        then, now = (field.widget.value_from_datadict(data, {}, name) for data in (saved_data, posted))
        try:
            saved_value = field.clean(then)
            differs = saved_value != field.clean(now)
            shown = display_value(saved_value, getattr(field, "choices", ()))
        except forms.ValidationError:  # one side is not valid: compare what was typed
            differs = saved_data.getlist(name) != [v for v in posted.getlist(name) if v != ""] and (
                bool(saved_data.getlist(name)) or any(posted.getlist(name))
            )
            shown = ", ".join(saved_data.getlist(name))
        if differs:
            changed.append((str(field.label), shown or "—"))
    for ls in spec.lists:
        prefix = f"{ls.name}-"
        if sorted(
            (k, saved_data.getlist(k)) for k in saved_data if k.startswith(prefix) and "FORMS" not in k
        ) != sorted(
            (k, posted.getlist(k))
            for k in posted
            if k.startswith(prefix) and "FORMS" not in k and any(posted.getlist(k))
        ):
            changed.append((str(ls.label), _("changed")))
    return changed
