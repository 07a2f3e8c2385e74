"""makemessages that also extracts the clause variables' meanings (contracts/terms/model.py).

terms/ is pure Python: its meanings are plain strings in answer()/derived()/item() calls, and its
messages are marked with its own gettext_noop; xgettext is told to read those as translatable too.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=answer:2",
        "--keyword=derived:2",
        "--keyword=item:2",
        "--keyword=gettext_noop",
    ]
