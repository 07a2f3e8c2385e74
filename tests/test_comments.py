"""Comments on a step or a clause of a draft: threads with who and when, resolved and reopened, shown on the
review page and on their step; escaped, limited in length, and nobody else's to read."""

import re

import pytest

from contracts.models import Comment
from tests.factories import DraftFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]


@pytest.fixture(autouse=True)
def no_prerender(settings):
    settings.RENDER_PRERENDER = "off"


@pytest.fixture
def draft(alice):
    return DraftFactory(owner=alice)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def comment(client, draft, body, **fields):
    return client.post(f"/drafts/{draft.pk}/comments/", {"body": body, **fields})


def test_a_thread_on_a_step_with_a_reply_then_resolved_and_reopened(alice_client, draft):
    response = comment(alice_client, draft, "服务等级<script>alert(1)</script>太低", target="step:sla")
    first = Comment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{first.pk}")
    reply = comment(alice_client, draft, "同意，改为99.9%。", parent=first.pk, next=f"/drafts/{draft.pk}/comments/")
    answer = Comment.objects.latest("pk")
    assert reply["Location"] == f"/drafts/{draft.pk}/comments/#comment-{answer.pk}"
    assert answer.parent == first and answer.step == "sla" and answer.author.username == "alice"

    step_page = alice_client.get(f"/drafts/{draft.pk}/step/sla/").content.decode()
    assert "1 open comment on this step" in step_page
    assert "服务等级&lt;script&gt;alert(1)&lt;/script&gt;太低" in step_page and "<script>alert(1)" not in step_page
    assert "同意，改为99.9%。" in step_page
    assert "No open comments on this step." in alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()

    review = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    counts = re.search(r'<table[^>]*id="comment-counts".*?</table>', review, re.S).group(0)
    assert f'href="/drafts/{draft.pk}/step/sla/#comments"' in counts and "<td>1</td>" in counts
    assert f'href="/drafts/{draft.pk}/comments/#comment-{first.pk}"' in review and "(1 reply)" in review

    alice_client.post(f"/drafts/{draft.pk}/comments/{answer.pk}/resolve/", {"resolved": "1"})
    first.refresh_from_db()
    assert first.resolved_at is not None and first.resolved_by.username == "alice"  # the thread, from a reply
    assert "No open comments." in alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    page = alice_client.get(f"/drafts/{draft.pk}/comments/?step=sla").content.decode()
    assert "Resolved by alice on" in page and "Reopen" in page

    alice_client.post(f"/drafts/{draft.pk}/comments/{first.pk}/resolve/", {"resolved": "0"})
    first.refresh_from_db()
    assert first.resolved_at is None


def test_a_comment_on_a_clause_shows_where_it_sits(alice_client, draft):
    comment(alice_client, draft, "优先顺序应以中文为准。", target="clause:definitions.precedence")
    saved = Comment.objects.get()
    assert saved.clause == "definitions.precedence" and saved.step == ""
    review = alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()
    assert "优先顺序应以中文为准。" in review and "Definitions" in review  # the article the clause sits in
    counts = re.search(r'<table[^>]*id="comment-counts".*?</table>', review, re.S).group(0)
    assert "Clauses</a></th><td>1</td>" in counts


def test_a_refused_comment_keeps_its_text_and_says_why_at_the_field(alice_client, draft):
    response = comment(alice_client, draft, "长" * 2001, target="step:pricing")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value has at most 2000 characters (it has 2001)." in page
    assert "长" * 2001 in page  # nothing lost
    response = comment(alice_client, draft, "没有对象")
    assert "Choose the step or the clause the comment is about." in response.content.decode()
    response = comment(alice_client, draft, "", target="step:pricing")
    assert "Write the comment." in response.content.decode()
    response = comment(alice_client, draft, "x" * 2001, parent=999999)
    assert response.status_code == 400 and "The comment you answer is no longer there." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_refused_reply_opens_its_form_with_the_error(alice_client, draft):
    comment(alice_client, draft, "问题", target="step:pricing")
    thread = Comment.objects.get()
    response = comment(alice_client, draft, "   ", parent=thread.pk)
    page = response.content.decode()
    assert response.status_code == 400
    assert f'id="reply-{thread.pk}-error"' in page and "Write the comment." in page


def test_another_buyer_gets_404(client, alice_client, bob, draft):
    comment(alice_client, draft, "内部意见", target="step:pricing")
    thread = Comment.objects.get()
    other = DraftFactory(owner=bob)
    client.force_login(bob)
    assert client.get(f"/drafts/{draft.pk}/comments/").status_code == 404
    assert comment(client, draft, "看看", target="step:pricing").status_code == 404
    assert client.post(f"/drafts/{draft.pk}/comments/{thread.pk}/resolve/").status_code == 404
    # a comment of another draft is not reached through one's own
    assert client.post(f"/drafts/{other.pk}/comments/{thread.pk}/resolve/").status_code == 404
    assert comment(client, other, "接话", parent=thread.pk).status_code == 400
    thread.refresh_from_db()
    assert thread.resolved_at is None and Comment.objects.count() == 1


def test_comments_need_the_csrf_token(alice, draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/drafts/{draft.pk}/comments/", {"body": "x", "target": "step:pricing"}).status_code == 403
    assert not Comment.objects.exists()
