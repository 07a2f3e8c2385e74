"""Every change to a clause is a new immutable version; a contract keeps the versions it used."""

import difflib
import io
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from contracts.clauses.assemble import assemble
from contracts.clauses.diff import text_diff, version_diff
from contracts.clauses.files import LIBRARY_DIR, read_library_files
from contracts.clauses.samples import sample_context
from contracts.clauses.snapshot import library_snapshot
from contracts.clauses.versions import clause_version_create, clause_version_restore, library_import, version_content
from contracts.models import Clause, ClauseVersion, GeneratedContract
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def edit(key: str, **changes) -> ClauseVersion:
    clause = Clause.objects.get(key=key)
    content = version_content(clause.current_version) | changes
    return clause_version_create(clause=clause, content=content, author=None, change_note="test edit")


def text_of(document, key: str, lang: str) -> str:
    return "".join(p for s in document.sections for c in s.clauses if c.key == key for p in c.text.get(lang))


def test_a_version_cannot_be_changed_once_written(library):
    version = Clause.objects.get(key="general.publicity").current_version
    version.body_en = "rewritten"
    with pytest.raises(ValueError, match="immutable"):
        version.save()


def test_a_version_captures_condition_order_highlight_and_positions(library):
    clause = Clause.objects.get(key="liability.cap")
    version = clause.current_version
    assert version.highlight is True
    assert set(version.positions) == {"buyer", "balanced", "vendor"}  # the buyer entry: its note only
    assert set(version.positions["buyer"]) == {"note_zh", "note_en"}
    changed = edit("liability.cap", highlight=False)
    assert changed.number == version.number + 1
    assert edit("liability.cap", highlight=False) is None  # nothing changed: no new version


def test_a_pinned_snapshot_renders_the_contract_as_it_was(library):
    context = sample_context("standard")
    before = assemble(context, library_snapshot())
    edit("sla.credits", body_en="Credits are owed. REVISED.", body_zh="应提供服务补偿。已修订。")
    edit("general.publicity", condition="data.gdpr_applies")  # now left out of this contract
    edit("sla.availability", order=999)  # moves down: numbering would change
    after = assemble(context, library_snapshot())
    assert "REVISED" in text_of(after, "sla.credits", "en")
    assert "general.publicity" not in after.clause_keys()

    again = assemble(context, library_snapshot(version_ids=before.clause_versions))
    assert again.articles == before.articles and again.annexes == before.annexes
    assert again.clause_versions == before.clause_versions


def test_restoring_an_old_version_makes_a_new_version_with_the_old_text(library):
    clause = Clause.objects.get(key="general.publicity")
    original = clause.current_version
    edit("general.publicity", body_en="No publicity at all.")
    restored = clause_version_restore(version=original, author=UserFactory(username="editor"))
    clause.refresh_from_db()
    assert clause.current_version == restored
    assert restored.number == original.number + 2
    assert restored.body_en == original.body_en
    assert restored.change_note == f"Restored version {original.number}"
    assert clause.versions.count() == original.number + 2


def test_the_diff_marks_inserted_and_deleted_words_and_characters(library):
    old = Clause.objects.get(key="general.publicity").current_version
    new = edit(
        "general.publicity",
        body_zh=old.body_zh.replace("书面同意", "同意"),
        body_en=old.body_en.replace("prior written consent", "consent"),
    )
    fields = {d.name: d for d in version_diff(old, new)}
    assert set(fields) == {"body_zh", "body_en"}
    assert [s.text for s in fields["body_zh"].segments if s.op == "delete"] == ["书面"]
    assert " prior written" in [s.text for s in fields["body_en"].segments if s.op == "delete"]
    assert text_diff("a b", "a c") == text_diff("a b", "a c")
    assert [s.op for s in text_diff("The Vendor shall", "The Vendor may")] == ["equal", "delete", "insert"]


def test_importing_twice_creates_no_versions_and_export_import_round_trips(library, tmp_path):
    count = ClauseVersion.objects.count()
    assert library_import().versions_created == 0
    call_command("export_clauses", str(tmp_path))
    assert len(list(tmp_path.glob("*.yaml"))) == 21
    assert "positions:" in next(tmp_path.glob("*-liability.yaml")).read_text(encoding="utf-8")
    call_command("import_clauses", str(tmp_path))
    assert ClauseVersion.objects.count() == count

    edited = next(tmp_path.glob("*-general.yaml"))
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "disclose the existence of the parties' relationship", "disclose the parties' relationship"
        ),
        encoding="utf-8",
    )
    result = library_import(directory=tmp_path)
    assert result.versions_created == 1
    assert "disclose the parties' relationship" in Clause.objects.get(key="general.publicity").current_version.body_en


def test_a_generated_contract_re_renders_identically_after_the_library_changes(library, alice):
    from contracts.services import contract_generate
    from tests.factories import DraftFactory

    contract = contract_generate(draft=DraftFactory(owner=alice), language="en", fmt="html")
    assert contract.clause_versions
    edit("general.publicity", body_en="Publicity is allowed. CHANGED.")
    pinned = library_snapshot(version_ids=contract.clause_versions)
    texts = [p for s in pinned for c in s.clauses if c.key == "general.publicity" for p in (c.body_en,)]
    assert texts and "CHANGED" not in texts[0]
    assert GeneratedContract.objects.get(pk=contract.pk).clause_versions == contract.clause_versions


def without_clause(path, key: str) -> None:
    """Remove one clause from an exported section file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["clauses"] = [c for c in data["clauses"] if c["key"] != key]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_clauses_missing_from_the_files_are_reported_and_switched_off_only_when_asked(library, tmp_path):
    call_command("export_clauses", str(tmp_path))
    without_clause(next(tmp_path.glob("*-general.yaml")), "general.publicity")

    out = io.StringIO()
    call_command("import_clauses", str(tmp_path), stdout=out)
    assert "1 active clauses are not in these files and stay in contracts: general.publicity" in out.getvalue()
    assert Clause.objects.get(key="general.publicity").is_active

    out = io.StringIO()
    call_command("import_clauses", str(tmp_path), "--deactivate-missing", stdout=out)
    assert "switched off 1 clauses the files do not have: general.publicity" in out.getvalue()
    publicity = Clause.objects.get(key="general.publicity")
    assert not publicity.is_active and publicity.versions.exists()  # pinned contracts still re-render
    assert "general.publicity" not in {c.key for s in library_snapshot() for c in s.clauses}


def test_a_clause_still_referred_to_is_not_switched_off(library, tmp_path):
    call_command("export_clauses", str(tmp_path))
    without_clause(next(tmp_path.glob("*-general.yaml")), "general.amendments")  # the definitions cite it
    with pytest.raises(CommandError, match="general.amendments"):
        call_command("import_clauses", str(tmp_path), "--deactivate-missing")
    assert Clause.objects.get(key="general.amendments").is_active  # nothing half-done


@pytest.mark.django_db(transaction=True)
def test_a_version_can_be_made_outside_a_transaction():
    """Its row lock opens its own transaction: PostgreSQL refuses SELECT … FOR UPDATE in autocommit."""
    library_import()
    version = edit("general.publicity", highlight=True)
    assert version is not None and Clause.objects.get(key="general.publicity").current_version == version


def test_exporting_an_unchanged_library_reproduces_the_shipped_files_byte_for_byte(library, tmp_path):
    call_command("export_clauses", str(tmp_path))
    shipped = sorted(LIBRARY_DIR.glob("*.yaml"))
    assert [p.name for p in sorted(tmp_path.glob("*.yaml"))] == [p.name for p in shipped]
    for path in shipped:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_changed_clause_changes_only_its_own_lines_of_one_file(library, tmp_path):
    edit("general.publicity", body_en="No publicity.\n\nNot even a press release.\n", title_en='The "Publicity" clause')
    call_command("export_clauses", str(tmp_path))
    changed = [p.name for p in sorted(LIBRARY_DIR.glob("*.yaml")) if (tmp_path / p.name).read_bytes() != p.read_bytes()]
    assert changed == ["13-general.yaml"]
    before = (LIBRARY_DIR / "13-general.yaml").read_text(encoding="utf-8").splitlines()
    after = (tmp_path / "13-general.yaml").read_text(encoding="utf-8").splitlines()
    diff = [line for line in difflib.unified_diff(before, after, lineterm="", n=0) if line[:1] in "+-"][2:]
    assert diff == [
        '-    title: {zh: "宣传", en: "Publicity"}',
        '+    title: {zh: "宣传", en: "The \\"Publicity\\" clause"}',
        next(line for line in diff if line.startswith("-      Without the Customer")),
        "+      No publicity.",
        "+",
        "+      Not even a press release.",
    ]
    library_import(directory=tmp_path)  # and it reads back as it was written
    current = Clause.objects.get(key="general.publicity").current_version
    assert (current.title_en, current.body_en) == (
        'The "Publicity" clause',
        "No publicity.\n\nNot even a press release.\n",
    )


def test_a_library_file_is_plain_data_a_python_tag_is_refused(tmp_path):
    """The files are read with a safe loader (libyaml's, where PyYAML has it): a tag that would build a Python
    object stops the read instead of running anything."""
    (tmp_path / "01-x.yaml").write_text(
        'section: x\ntitle: !!python/object/apply:os.system ["touch pwned"]\nclauses: []\n', encoding="utf-8"
    )
    with pytest.raises(yaml.constructor.ConstructorError):
        read_library_files(tmp_path)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
