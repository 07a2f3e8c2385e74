"""Fill the wizard as a person does: type into fields, pick options, tick boxes, add list rows."""

from __future__ import annotations

from contracts.wizard.steps import BY_KEY

FORM = "#step-form"


def field(page, name: str):
    return page.locator(f'{FORM} [name="{name}"]')


def wrapper(page, name: str):
    """The block a conditional field shows or hides: its label, input and hint."""
    return page.locator(f"{FORM} .field-wrap").filter(has=page.locator(f'[name="{name}"]'))


def fill_step(page, step_key: str, fragment: dict):
    """Answer a step from an answers-document fragment; fields the page hides are left alone."""
    lists = {spec.name for spec in BY_KEY[step_key].lists}
    for _settle in range(2):  # a controller answered in the first pass may reveal fields for the second
        for name, value in fragment.items():
            if name not in lists:
                set_value(page, name, value)
    for name in lists:
        if (
            field(page, f"{name}-TOTAL_FORMS").count()
            and page.locator(f'{FORM} fieldset[data-list="{name}"]').is_visible()
        ):
            fill_rows(page, name, fragment.get(name) or [])


def set_value(page, name: str, value, *, typed: bool = True):
    inputs = field(page, name)
    if not inputs.count() or not inputs.first.is_visible():
        return
    kind = inputs.first.evaluate("el => el.tagName === 'SELECT' ? 'select' : el.type")
    if kind == "checkbox" and inputs.count() == 1:
        inputs.set_checked(bool(value))
    elif kind == "checkbox":
        wanted = {str(v) for v in value or []}
        for box in inputs.all():
            box.set_checked(box.get_attribute("value") in wanted)
    elif kind == "select":
        inputs.select_option("" if value is None else str(value))
    else:
        type_into(inputs, "" if value is None else str(value), typed=typed and kind != "date")


TYPED_UP_TO = 12  # characters typed key by key; a longer text is put in at once, as if pasted


def type_into(locator, text: str, *, typed: bool = True):
    """Replace a field's text: typed key by key (with input events) if short, else pasted."""
    if not typed or not text or len(text) > TYPED_UP_TO:
        locator.fill(text)
        return
    if locator.input_value() == text:
        return
    locator.fill("")
    locator.press_sequentially(text)


def fill_rows(page, list_name: str, rows: list[dict]):
    """Fill the rows of a list answer, adding rows with "Add a row"; rows left over are emptied."""
    fieldset = page.locator(f'{FORM} fieldset[data-list="{list_name}"]')
    for index, row in enumerate(rows):
        while fieldset.locator("tbody tr").count() <= index:
            fieldset.get_by_role("button", name="Add a row").click()
        for key, value in row.items():
            set_value(page, f"{list_name}-{index}-{key}", value)
    for index in range(len(rows), fieldset.locator("tbody tr").count()):
        for cell in fieldset.locator("tbody tr").nth(index).locator("input, textarea").all():
            if cell.get_attribute("type") == "checkbox":
                cell.set_checked(False)
            else:
                cell.fill("")


def next_step(page):
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state()


def errors(page) -> list[str]:
    return page.locator(f"{FORM} .invalid-feedback").all_inner_texts()
