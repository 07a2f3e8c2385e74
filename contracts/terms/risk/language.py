"""Language (合同文本的语言): a bilingual contract whose columns do not both speak their own language, and
an English contract that prints Chinese the buyer typed."""

from __future__ import annotations

from ..bilingual import chinese_in_english, untranslated
from ..model import Terms
from ..text import Text
from .review import Issue, rule

SHOWN = 3  # texts quoted in the finding; the rest are counted


@rule(
    "consistency.bilingual_text_missing",
    clauses=("general.language",),
    group="consistency",
    step="scope",
    field="requirements",
)
def _bilingual_text_missing(t: Terms) -> Issue | None:
    missing = untranslated(t)
    if not missing:
        return None
    first = missing[0]
    shown = [m.text[:30].rstrip("。.；;，,") for m in missing[:SHOWN]]
    quoted = "、".join(f"“{text}”" for text in shown)
    quoted_en = ", ".join(f"\u201c{text}\u201d" for text in shown)
    more = len(missing) - SHOWN
    count_en = "1 free text" if len(missing) == 1 else f"{len(missing)} free texts"
    verb = "is" if len(missing) == 1 else "are"
    # the version that prevails is the one a tribunal reads: a text missing from it is the graver gap
    prevailing_gap = any(m.missing == t.contract.prevailing_language for m in missing)
    return Issue(
        "high" if prevailing_gap else "medium",
        Text(
            f"双语合同中有{len(missing)}处自由填写的文字只有一种语言：{quoted}"
            + (f"等（另有{more}处）" if more > 0 else "")
            + "。",
            f"{count_en} of the bilingual contract {verb} given in one language only: {quoted_en}"
            + (f" and {more} more" if more > 0 else "")
            + ".",
        ),
        Text(
            "另一语言的栏目只能照录原文并注明“仅以一种语言提供”：该栏的读者（往往是外方）看不懂，"
            + ("而这正是优先适用的文本，" if prevailing_gap else "")
            + "需求、费用项目或里程碑的含义就可能发生争议。",
            "The other language's column can only repeat the text as given, marked as given in one language: "
            "its reader (often the foreign party) cannot read it"
            + (", and it is the prevailing version," if prevailing_gap else ",")
            + " so what a requirement, fee item or milestone means can be disputed.",
        ),
        Text(
            "在向导中为每一处文字补充另一语言的表述（列表中在中文下方的英文栏填写）。",
            "Give each of these texts in the other language in the wizard (in a list, the English field under the "
            "Chinese).",
        ),
        step=first.step,
        field=first.field.split("[")[0],
        reason=Text(
            "双语文本不一致时，以优先语言的文本为准；缺失的文字无法对照。",
            "Where the versions differ, the prevailing one governs; a text missing from a column cannot be compared.",
        ),
    )


@rule(
    "consistency.chinese_in_english_contract",
    clauses=("preamble.recitals",),  # the head of the contract, where the parties print
    group="consistency",
    step="parties",
    field="contract_language",
)
def _chinese_in_english_contract(t: Terms) -> Issue | None:
    found = chinese_in_english(t)
    if not found:
        return None
    first = found[0]
    shown = [f"{m.step}.{m.field}" for m in found[:SHOWN]]
    more = len(found) - SHOWN
    count_en = "1 answer" if len(found) == 1 else f"{len(found)} answers"
    return Issue(
        "medium",
        Text(
            f"英文合同中有{len(found)}处填写的文字含有中文，将按原样印入合同：{'、'.join(shown)}"
            + (f"等（另有{more}处）" if more > 0 else "")
            + f"（如“{first.text[:30]}”）。",
            f"{count_en} printed in the English contract contain{'s' if len(found) == 1 else ''} Chinese and "
            f"print as typed: {', '.join(shown)}"
            + (f" and {more} more" if more > 0 else "")
            + f" (e.g. \u201c{first.text[:30]}\u201d).",
        ),
        Text(
            "合同只有英文文本：读者（往往是外方）看不懂中文部分，名称、地址、需求或费用项目的含义就可能发生争议。",
            "The contract has an English text only: its reader (often the foreign party) cannot read the Chinese, "
            "so what a name, address, requirement or fee item means can be disputed.",
        ),
        Text(
            "在向导中以英文填写这些文字；确需保留中文（如中文名称）的，可在其后附英文译名，或改为双语合同。",
            "Type these texts in English in the wizard; where the Chinese is meant (a Chinese name, say), add "
            "its English after it, or make the contract bilingual.",
        ),
        step=first.step,
        field=first.field.split("[")[0],
    )
