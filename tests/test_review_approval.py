"""Review and approval: a draft is sent, approved or sent back with a comment; the approval holds only for
what it approved, and the final contract (no "DRAFT / 草案" marking, who approved it and when) needs it."""

import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from contracts import services
from contracts.models import ApprovalRequest, GeneratedContract
from tests.factories import DraftFactory, answers_document, member_of
from tests.helpers import pdf_text, post_data, squash

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]


@pytest.fixture(autouse=True)
def no_prerender(settings):
    settings.RENDER_PRERENDER = "off"  # each review visit would print a draft PDF nobody here reads


@pytest.fixture
def draft(alice):
    return DraftFactory(owner=alice, title="CRM 采购 审批")


@pytest.fixture
def approval_required(draft):
    """The draft's organisation requires an approval before a final contract (its admin's choice)."""
    draft.organisation.approval_required = True
    draft.organisation.save(update_fields=["approval_required"])


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def review(client, draft) -> str:
    response = client.get(f"/drafts/{draft.pk}/review/")
    assert response.status_code == 200
    return response.content.decode()


def send(client, draft, note="请法务审核第十条。"):
    return client.post(f"/drafts/{draft.pk}/approval/send/", {"note": note})


def decide(client, draft, decision, comment=""):
    """As the approver does: from the review page, whose form carries the content hash of what it shows."""
    loaded = re.search(r'name="loaded" value="([0-9a-f]*)"', review(client, draft)).group(1)
    return client.post(
        f"/drafts/{draft.pk}/approval/decide/", {"decision": decision, "comment": comment, "loaded": loaded}
    )


def final_download(client, draft, fmt="pdf", language="zh"):
    return client.post(f"/drafts/{draft.pk}/generate/", {"language": language, "format": fmt, "final": "1"})


def file_bytes(client, response) -> bytes:
    download = client.get(response["Location"])
    assert download.status_code == 200, response["Location"]
    return b"".join(download.streaming_content)


def change_buyer_name(client, draft, name="上海某某实业有限公司"):
    parties = answers_document(parties={"buyer_name": name})["parties"]
    response = client.post(f"/drafts/{draft.pk}/step/parties/", post_data("parties", parties))
    assert response.status_code == 302


@pytest.mark.usefixtures("approval_required")
def test_send_approve_and_download_the_final_contract(alice_client, alice, draft):
    alice.first_name, alice.last_name = "Li", "Wang"
    alice.save()
    assert send(alice_client, draft).status_code == 302
    page = review(alice_client, draft)
    assert "Waiting for approval: sent by alice" in page and "请法务审核第十条。" in page

    # not approved yet: the final contract is refused, with why
    refused = final_download(alice_client, draft)
    assert refused["Location"] == f"/drafts/{draft.pk}/review/#approval"
    page = alice_client.get(refused["Location"]).content.decode()
    assert "The final contract needs an approval" in page

    assert decide(alice_client, draft, "approve", "可以签署。").status_code == 302
    approval = ApprovalRequest.objects.get(draft=draft)
    assert approval.status == "approved" and approval.decided_by == alice and approval.decided_by_name == "Li Wang"
    page = review(alice_client, draft)
    assert "Approved by Li Wang on" in page and "可以签署。" in page

    text = squash(pdf_text(file_bytes(alice_client, final_download(alice_client, draft))))
    assert "草案" not in text
    approved_on = timezone.localtime(approval.decided_at)  # the buyer's date
    assert (
        "审批人：LiWang" in text and f"审批日期：{approved_on.year}年{approved_on.month}月{approved_on.day}日" in text
    )
    contract = GeneratedContract.objects.get(final=True)
    assert contract.approval == approval and contract.approved_by == "Li Wang"
    assert contract.approved_at == approval.decided_at and contract.requested_at is not None
    issued = timezone.localtime(contract.created_at)  # dated where the buyer is, as the approval is
    assert f"出具日期：{issued.year}年{issued.month}月{issued.day}日" in text

    # the draft's own download still carries the marking: a file of its own
    draft_pdf = alice_client.post(f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf"})
    assert "草案" in squash(pdf_text(file_bytes(alice_client, draft_pdf)))
    assert GeneratedContract.objects.filter(final=False).count() == 1


@pytest.mark.usefixtures("approval_required", "layout_stand_in")  # the Word file's text, not its pages
def test_the_final_word_file_has_no_draft_mark_and_names_the_approver_in_both_languages(alice_client, draft):
    send(alice_client, draft)
    decide(alice_client, draft, "approve")
    content = file_bytes(alice_client, final_download(alice_client, draft, fmt="docx", language="bilingual"))
    with zipfile.ZipFile(io.BytesIO(content)) as docx:
        xml = "".join(docx.read(name).decode() for name in docx.namelist() if name.startswith("word/"))
    assert "草案" not in xml and "DRAFT" not in xml
    assert "审批人 / Approved by：alice" in xml
    assert "审批日期 / Date of approval" in xml


@pytest.mark.usefixtures("approval_required")
def test_a_changed_answer_voids_the_approval_and_the_final_download_refuses(alice_client, draft):
    send(alice_client, draft)
    decide(alice_client, draft, "approve")
    change_buyer_name(alice_client, draft)

    page = review(alice_client, draft)
    assert "Approval void: changed since" in page
    assert "What changed since the last approval" in page
    assert "上海某某贸易有限公司" in page and "上海某某实业有限公司" in page  # before and after
    refused = final_download(alice_client, draft)
    page = alice_client.get(refused["Location"]).content.decode()
    assert "is void: the draft has changed since. Send it for approval again." in page
    assert not GeneratedContract.objects.filter(final=True).exists()

    # sent and approved again: the final contract is the new answers'
    send(alice_client, draft)
    decide(alice_client, draft, "approve")
    text = squash(pdf_text(file_bytes(alice_client, final_download(alice_client, draft))))
    assert "上海某某实业有限公司" in text and "草案" not in text


@pytest.mark.usefixtures("approval_required")
def test_a_new_clause_version_voids_the_approval(alice_client, draft, alice):
    from contracts.clauses.versions import clause_version_create, version_content
    from contracts.models import Clause

    send(alice_client, draft)
    decide(alice_client, draft, "approve")
    clause = Clause.objects.get(key="definitions.precedence")
    current = clause.current_version
    content = version_content(current) | {"body_zh": current.body_zh + "（修订）"}
    clause_version_create(clause=clause, content=content, author=alice, change_note="修订")
    page = review(alice_client, draft)
    assert "Approval void: changed since" in page
    assert f"v{current.number}</td><td>v{current.number + 1}" in page
    assert "is void" in alice_client.get(final_download(alice_client, draft)["Location"]).content.decode()


@pytest.mark.usefixtures("approval_required")
def test_an_approver_cannot_approve_what_changed_after_the_page_was_opened(alice_client, draft):
    send(alice_client, draft)
    loaded = re.search(r'name="loaded" value="([0-9a-f]*)"', review(alice_client, draft)).group(1)
    change_buyer_name(alice_client, draft)
    response = alice_client.post(
        f"/drafts/{draft.pk}/approval/decide/", {"decision": "approve", "loaded": loaded}, follow=True
    )
    assert "The draft changed after this page was opened: nothing was approved." in response.content.decode()
    assert ApprovalRequest.objects.get(draft=draft).status == "pending"


def test_sent_back_needs_a_comment_and_shows_it(alice_client, draft):
    send(alice_client, draft)
    response = decide(alice_client, draft, "send_back", "   ")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="decision-comment-error"' in page and "a draft is sent back with a comment" in page
    assert ApprovalRequest.objects.get(draft=draft).status == "pending"

    decide(alice_client, draft, "send_back", "第十条责任上限过低，<b>请修改</b>。")
    assert ApprovalRequest.objects.get(draft=draft).status == "sent_back"
    page = review(alice_client, draft)
    assert "Sent back by alice on" in page
    assert "第十条责任上限过低，&lt;b&gt;请修改&lt;/b&gt;。" in page  # escaped
    assert "Send for review and approval" in page  # it can be sent again


def test_a_comment_too_long_is_refused_at_its_field(alice_client, draft):
    response = alice_client.post(f"/drafts/{draft.pk}/approval/send/", {"note": "注" * 2001})
    assert response.status_code == 400
    assert 'id="approval-note-error"' in response.content.decode()
    assert not ApprovalRequest.objects.exists()


def test_one_request_waits_at_a_time(alice_client, draft):
    send(alice_client, draft)
    response = alice_client.post(f"/drafts/{draft.pk}/approval/send/", {"note": ""}, follow=True)
    assert "This draft is already waiting for approval." in response.content.decode()
    assert ApprovalRequest.objects.count() == 1


def test_without_required_approval_the_drafter_may_issue_the_final_contract(alice_client, draft):
    page = review(alice_client, draft)
    assert "Your organisation does not require an approval" in page
    text = squash(pdf_text(file_bytes(alice_client, final_download(alice_client, draft))))
    assert "草案" not in text and "审批人" not in text
    contract = GeneratedContract.objects.get()
    assert contract.final and contract.approval is None and contract.approved_by == ""


def test_another_buyer_gets_404(client, bob, draft):
    client.force_login(bob)
    for url, data in [
        (f"/drafts/{draft.pk}/approval/send/", {"note": "x"}),
        (f"/drafts/{draft.pk}/approval/decide/", {"decision": "approve"}),
        (f"/drafts/{draft.pk}/generate/", {"language": "zh", "format": "pdf", "final": "1"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert not ApprovalRequest.objects.exists()


def test_anonymous_is_sent_to_log_in(client, draft):
    for url in [f"/drafts/{draft.pk}/approval/send/", f"/drafts/{draft.pk}/approval/decide/"]:
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


@pytest.mark.usefixtures("approval_required")
def test_the_approval_speaks_chinese(alice_client, draft):
    alice_client.cookies["django_language"] = "zh-hans"
    send(alice_client, draft)
    assert "等待审批：由alice于" in review(alice_client, draft)
    decide(alice_client, draft, "approve")
    change_buyer_name(alice_client, draft)
    page = review(alice_client, draft)
    assert "批准已失效：" in page and "自上次批准以来的更改" in page
    refused = alice_client.get(final_download(alice_client, draft)["Location"]).content.decode()
    assert "作出的批准已失效：草稿此后已被更改。请重新提交审批。" in refused


def test_a_chinese_approver_is_named_family_name_first_without_a_space():
    User = get_user_model()
    assert services.person_name(User(username="wjg", first_name="建国", last_name="王")) == "王建国"
    assert services.person_name(User(username="lw", first_name="Li", last_name="Wang")) == "Li Wang"
    assert services.person_name(User(username="alice")) == "alice"
    assert services.person_name(None) == ""


@pytest.mark.usefixtures("approval_required")
def test_the_approvers_are_mailed_the_request_and_the_sender_the_decision(client, alice, draft, mailoutbox):
    """Nobody has to watch the review page: who may approve is told a draft waits, the sender how it ended."""
    alice.email = "alice@example.com"
    alice.save()
    organisation = draft.organisation
    amy = member_of(organisation, "approver", username="amy", email="amy@example.com")
    member_of(organisation, "admin", username="adam", email="adam@example.com")
    member_of(organisation, "reviewer", username="rita", email="rita@example.com")  # reviews; is not asked to approve
    member_of(organisation, "approver", username="nomail", email="")
    client.force_login(alice)
    assert send(client, draft, note="请法务审核第十条。").status_code == 302
    assert sorted(message.to[0] for message in mailoutbox) == ["adam@example.com", "amy@example.com"]
    assert all(len(message.to) == 1 for message in mailoutbox)  # nobody sees the others' addresses
    request = mailoutbox[0]
    assert request.subject == "For approval: CRM 采购 审批 / 待审批：CRM 采购 审批"  # the sender's language first
    assert "alice 已将" in request.body and "alice sent the draft “CRM 采购 审批”" in request.body
    assert "请法务审核第十条。" in request.body
    assert f"http://testserver/drafts/{draft.pk}/review/#approval" in request.body

    mailoutbox.clear()
    client.force_login(amy)
    assert decide(client, draft, "send_back", "第十条的责任上限过低。").status_code == 302
    (decision,) = mailoutbox
    assert decision.to == ["alice@example.com"] and decision.subject.startswith("Sent back: CRM 采购 审批 / 已退回")
    assert "amy sent the draft “CRM 采购 审批” back for changes." in decision.body
    assert "第十条的责任上限过低。" in decision.body
