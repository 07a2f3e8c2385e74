"""The command line: render_contract, show_terms and import_clauses, validated as the wizard validates."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from contracts.models import ClauseVersion
from tests.factories import answers_document
from tests.helpers import pdf_text, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers_file(tmp_path):
    def write(document) -> str:
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


def test_render_contract_writes_a_pdf(library, answers_file, tmp_path):
    out = tmp_path / "contract.pdf"
    call_command(
        "render_contract", answers_file(answers_document()), "--language", "zh", "--format", "pdf", "-o", str(out)
    )
    text = squash(pdf_text(out.read_bytes()))
    assert "CRM软件服务采购合同" in text
    assert "上海某某贸易有限公司" in text


def test_render_contract_html(library, answers_file, tmp_path):
    out = tmp_path / "contract.html"
    call_command(
        "render_contract", answers_file(answers_document()), "--language", "en", "--format", "html", "-o", str(out)
    )
    html = out.read_text(encoding="utf-8")
    assert "CRM Software Service Procurement Agreement" in html


def test_render_contract_prints_each_free_text_in_its_column_language(library, answers_file, tmp_path):
    document = answers_document(legal={"forum": "arbitration", "arbitration_commission": "CIETAC"})
    document["legal"] |= {"arbitration_seat": "香港", "arbitration_language": "en", "court_place": None}
    document["scope"]["requirements"][2] |= {"text_en": ""}  # R3 given in Chinese only
    out = tmp_path / "contract.html"
    call_command(
        "render_contract", answers_file(document), "--language", "bilingual", "--format", "html", "-o", str(out)
    )
    html = out.read_text(encoding="utf-8")
    assert "Sales staff can record customer visits on their phones." in html  # requirements[1].text_en
    assert "报价单按模板导出PDF。 (given in Chinese only)" in html
    assert "The seat of arbitration is Hong Kong." in html and "仲裁地为香港。" in html


def test_invalid_answers_exit_non_zero_listing_every_problem(library, answers_file, tmp_path):
    document = answers_document(scope={"seat_count": 0, "modules": []}, legal={"liability_cap_months": 40})
    del document["term"]
    with pytest.raises(CommandError) as exc:
        call_command("render_contract", answers_file(document), "-o", str(tmp_path / "x.pdf"))
    message = str(exc.value)
    assert "scope.seat_count:" in message
    assert "scope.modules:" in message
    assert "legal.liability_cap_months:" in message
    assert "term:" in message
    assert not (tmp_path / "x.pdf").exists()


def test_cli_exit_code_is_non_zero(library, answers_file, tmp_path):
    import subprocess
    import sys

    path = answers_file(answers_document(scope={"seat_count": 0}))
    result = subprocess.run(
        [sys.executable, "manage.py", "show_terms", path],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DATABASE_URL": "sqlite:///:memory:"},
    )
    assert result.returncode != 0
    assert "scope.seat_count:" in result.stderr


def test_not_json(answers_file, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="not a JSON document"):
        call_command("show_terms", str(path))


def test_show_terms_prints_the_derived_figures(answers_file, capsys):
    call_command("show_terms", answers_file(answers_document()))
    terms = json.loads(capsys.readouterr().out)
    assert terms["term"]["initial_term_end"] == "2027-12-31"
    assert terms["term"]["non_renewal_deadline"] == "2027-12-01"
    assert Decimal(terms["sla"]["allowed_downtime_minutes_30"]) == Decimal("43.2")
    assert Decimal(terms["pricing"]["annual_recurring_fee"]) == 60000
    assert Decimal(terms["pricing"]["monthly_fee"]) == 5000
    assert Decimal(terms["pricing"]["total_contract_value"]) == Decimal("62903.23")  # fees from acceptance
    # 60,000 + 63,000 + 66,150 recurring (5 % cap after the first year) + 20,000 one-time
    assert Decimal(terms["pricing"]["tco"]) == Decimal("209150")
    assert [Decimal(t["amount"]) for t in terms["sla"]["credit_tiers"]] == [1250, 2500, 5000]
    assert terms["data"]["pipl_route"] == "none"


def test_import_clauses_if_empty_loads_an_empty_database_only(db):
    call_command("import_clauses", "--if-empty", stdout=io.StringIO())
    assert ClauseVersion.objects.count() > 50


def test_import_clauses_is_idempotent(db):
    call_command("import_clauses")
    count = ClauseVersion.objects.count()
    assert count > 50
    call_command("import_clauses")
    assert ClauseVersion.objects.count() == count


@pytest.mark.parametrize(
    "locale, expected",
    [("en_US.UTF-8", "This field is required."), ("zh_CN.UTF-8", "此项为必填项。"), ("C", "This field is required.")],
)
def test_problems_are_told_in_the_language_of_the_terminal(
    library, answers_file, tmp_path, monkeypatch, locale, expected
):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    document = answers_document()
    document["parties"]["buyer_name"] = ""
    with pytest.raises(CommandError) as exc:
        call_command("render_contract", answers_file(document), "-o", str(tmp_path / "x.pdf"))
    assert "parties.buyer_name:" in str(exc.value) and expected in str(exc.value)
