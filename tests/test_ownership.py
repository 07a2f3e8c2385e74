"""Who sees what: an organisation's members see its drafts and contracts, their roles decide what else they
may do (403 with the reason), a member of another organisation gets 404, anonymous visitors log in first."""

import hashlib
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import get_resolver
from django.utils import timezone
from django.utils.html import escape

from contracts.access import Action, refusal, role_allows
from contracts.models import (
    Comment,
    Draft,
    DraftRevision,
    GeneratedContract,
    Invitation,
    Membership,
    Organisation,
    RenderJob,
)
from tests.factories import DraftFactory, UserFactory, member_of, organisation_of

pytestmark = pytest.mark.django_db


# The access matrix -------------------------------------------------------------------------------
#
# Every URL of the site, with what it acts on and the action it needs. Anonymous visitors are sent to log in
# (PUBLIC pages excepted); a member of another organisation gets 404 for anything of this organisation (the
# draft's existence is not revealed); each role gets the page, or 403 when its role does not allow the action
# (contracts/access.py). A URL added to the URL conf without an entry here fails test_every_url_has_an_entry.

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # any account: its own things (account pages, its lists, an invitation's link)
ORGANISATION = "organisation"  # something of the organisation (a draft, contract, render, member, invitation)
CURRENT = "current organisation"  # acts in the organisation the user works in (new and imported drafts)

POST = {"language": "xx", "format": "pdf", "_step": "sla", "title": "renamed", "stance": "balanced"}
ACCESS: dict[str, list[tuple[str, str, str, Action | None, dict | None]]] = {
    "set_language": [("post", "/i18n/setlang/", PUBLIC, None, {"language": "en"})],
    "home": [("get", "/", PUBLIC, None, None)],
    "login": [("get", "/accounts/login/", PUBLIC, None, None)],
    "logout": [("post", "/accounts/logout/", PUBLIC, None, None)],
    "signup": [("get", "/accounts/signup/", PUBLIC, None, None)],
    "password_reset": [("get", "/accounts/password/reset/", PUBLIC, None, None)],
    "password_reset_done": [("get", "/accounts/password/reset/sent/", PUBLIC, None, None)],
    "password_reset_confirm": [("get", "/accounts/password/reset/MQ/set-password/", PUBLIC, None, None)],
    "password_reset_complete": [("get", "/accounts/password/reset/done/", PUBLIC, None, None)],
    "invitation": [
        ("get", "/invitations/{token}/", PUBLIC, None, None),
        ("post", "/invitations/{token}/", SIGNED_IN, None, {}),  # the link is the invitation: whoever has it joins
    ],
    "account": [("get", "/accounts/", SIGNED_IN, None, None)],
    "account_email": [
        ("get", "/accounts/email/", SIGNED_IN, None, None),
        ("post", "/accounts/email/", SIGNED_IN, None, {}),
    ],
    "account_delete": [
        ("get", "/accounts/delete/", SIGNED_IN, None, None),
        ("post", "/accounts/delete/", SIGNED_IN, None, {}),
    ],
    "password_change": [
        ("get", "/accounts/password/", SIGNED_IN, None, None),
        ("post", "/accounts/password/", SIGNED_IN, None, {}),
    ],
    "draft_list": [("get", "/drafts/", SIGNED_IN, None, None)],
    "contract_list": [("get", "/contracts/", SIGNED_IN, None, None)],
    "vendor_list": [("get", "/vendors/", SIGNED_IN, None, None)],
    "offer_compare": [("get", "/compare/?d={draft}&d={other}", SIGNED_IN, None, None)],
    "organisation_mine": [("get", "/organisation/", SIGNED_IN, None, None)],
    "organisation_switch": [
        ("post", "/organisations/switch/", ORGANISATION, Action.VIEW, {"organisation": "{organisation}"})
    ],
    "organisation": [("get", "/organisations/{organisation}/", ORGANISATION, Action.VIEW, None)],
    "organisation_settings": [
        ("post", "/organisations/{organisation}/settings/", ORGANISATION, Action.MANAGE, {"name": "Acme"})
    ],
    "organisation_invite": [
        (
            "post",
            "/organisations/{organisation}/invite/",
            ORGANISATION,
            Action.MANAGE,
            {"email": "new@example.com", "role": "reviewer"},
        )
    ],
    "invitation_revoke": [
        ("post", "/organisations/{organisation}/invitations/{invitation}/withdraw/", ORGANISATION, Action.MANAGE, {})
    ],
    "membership_role": [
        (
            "post",
            "/organisations/{organisation}/members/{membership}/role/",
            ORGANISATION,
            Action.MANAGE,
            {"role": "reviewer"},
        )
    ],
    "membership_remove": [
        ("post", "/organisations/{organisation}/members/{membership}/remove/", ORGANISATION, Action.MANAGE, {})
    ],
    "organisation_leave": [("post", "/organisations/{organisation}/leave/", ORGANISATION, Action.VIEW, {})],
    "draft_new": [("post", "/drafts/new/", CURRENT, Action.EDIT, {"title": "New CRM"})],
    "draft_import": [
        ("get", "/drafts/import/", CURRENT, Action.EDIT, None),
        ("post", "/drafts/import/", CURRENT, Action.EDIT, {}),
    ],
    "draft_step": [
        ("get", "/drafts/{draft}/step/parties/", ORGANISATION, Action.VIEW, None),
        ("get", "/drafts/{draft}/step/legal/", ORGANISATION, Action.VIEW, None),
        ("post", "/drafts/{draft}/step/parties/", ORGANISATION, Action.EDIT, {"_action": "save"}),
    ],
    "draft_review": [("get", "/drafts/{draft}/review/", ORGANISATION, Action.VIEW, None)],
    "draft_comments": [
        ("get", "/drafts/{draft}/comments/", ORGANISATION, Action.VIEW, None),
        ("post", "/drafts/{draft}/comments/", ORGANISATION, Action.COMMENT, {"step": "sla", "body": "Why 99.9?"}),
    ],
    "comment_resolve": [("post", "/drafts/{draft}/comments/{comment}/resolve/", ORGANISATION, Action.COMMENT, {})],
    "approval_send": [("post", "/drafts/{draft}/approval/send/", ORGANISATION, Action.EDIT, {})],
    # sending back (reviewers and approvers alike): test_reviewers_and_approvers_send_back_drafters_cannot
    "approval_decide": [
        ("post", "/drafts/{draft}/approval/decide/", ORGANISATION, Action.APPROVE, {"decision": "approve"}),
    ],
    "draft_delete": [
        ("get", "/drafts/{draft}/delete/", ORGANISATION, Action.EDIT, None),
        ("post", "/drafts/{draft}/delete/", ORGANISATION, Action.EDIT, {}),
    ],
    "draft_rename": [("post", "/drafts/{draft}/rename/", ORGANISATION, Action.EDIT, POST)],
    "draft_duplicate": [("post", "/drafts/{draft}/duplicate/", ORGANISATION, Action.EDIT, {})],
    "draft_export": [("get", "/drafts/{draft}/export/", ORGANISATION, Action.VIEW, None)],
    "draft_discard_pending": [("post", "/drafts/{draft}/discard-pending/", ORGANISATION, Action.EDIT, {})],
    "draft_history": [("get", "/drafts/{draft}/history/", ORGANISATION, Action.VIEW, None)],
    "draft_restore": [("post", "/drafts/{draft}/history/1/restore/", ORGANISATION, Action.EDIT, {})],
    "draft_preview": [
        ("get", "/drafts/{draft}/preview/", ORGANISATION, Action.VIEW, None),
        ("post", "/drafts/{draft}/preview/", ORGANISATION, Action.VIEW, POST),  # previews, saves nothing
    ],
    "draft_key_dates": [("get", "/drafts/{draft}/key-dates.ics", ORGANISATION, Action.VIEW, None)],
    "draft_risk_pdf": [("get", "/drafts/{draft}/risk-review.pdf", ORGANISATION, Action.VIEW, None)],
    "draft_hints": [("post", "/drafts/{draft}/hints/", ORGANISATION, Action.VIEW, POST)],  # saves nothing
    "draft_positions": [
        ("get", "/drafts/{draft}/positions/", ORGANISATION, Action.VIEW, None),
        ("post", "/drafts/{draft}/positions/", ORGANISATION, Action.EDIT, {}),
    ],
    "draft_stance": [("post", "/drafts/{draft}/stance/", ORGANISATION, Action.EDIT, POST)],
    # every member may download the contract (an unknown language here: refused after the access check)
    "draft_generate": [("post", "/drafts/{draft}/generate/", ORGANISATION, Action.VIEW, POST)],
    "render_status": [("get", "/renders/{render}/", ORGANISATION, Action.VIEW, None)],
    "offer_choose": [("post", "/compare/choose/{draft}/", ORGANISATION, Action.EDIT, {})],
    "contract_download": [("get", "/contracts/{contract}/download/", ORGANISATION, Action.VIEW, None)],
    "contract_changes": [("get", "/contracts/{contract}/changes/", ORGANISATION, Action.VIEW, None)],
}
PERSONAS = ["anonymous", "outsider", *Membership.Role.values]


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _url_names(pattern.url_patterns, f"{pattern.namespace}:" if pattern.namespace else namespace)
        else:
            yield namespace + (pattern.name or str(pattern.pattern))


def test_every_url_has_an_entry():
    # The admin has its own gate (staff, then Django's permissions): test_admin_needs_staff_… below.
    names = {name for name in _url_names(get_resolver().url_patterns) if not name.startswith("admin:")}
    assert names == set(ACCESS), "give each new URL its entry in ACCESS"


@pytest.fixture
def acme(library, tmp_path):
    """An organisation with one member of each role, a draft with a contract, a render, a revision, a pending
    invitation and one more drafter (to change and remove); and an outsider, admin of their own organisation."""
    organisation = Organisation.objects.create(name="Acme")
    people = {role: member_of(organisation, role, username=role, password=None) for role in Membership.Role.values}
    dora = member_of(organisation, Membership.Role.DRAFTER, username="dora", password=None)
    people["outsider"] = UserFactory(username="outsider", password=None)
    organisation_of(people["outsider"])
    draft = DraftFactory(owner=people["drafter"], organisation=organisation, title="Acme CRM")
    DraftRevision.objects.create(draft=draft, number=1, answers=draft.answers, kind=DraftRevision.Kind.STEP)
    other = DraftFactory(owner=people["drafter"], organisation=organisation, title="Acme offer B")
    contract = GeneratedContract.objects.create(
        draft=draft,
        organisation=organisation,
        owner=draft.owner,
        number=draft.contract_number,
        language="zh",
        format="html",
        file=ContentFile(b"<p>Acme</p>", name="acme.html"),
        content_hash="a" * 64,
        answers=draft.answers,
        requested_at=timezone.now(),
    )
    render = RenderJob.objects.create(
        owner=draft.owner, draft=draft, content_hash="b" * 64, answers=draft.answers, language="zh", format="pdf"
    )
    comment = Comment.objects.create(draft=draft, author=people["reviewer"], step="sla", body="Why 99.9?")
    token = "invitation-token"
    invitation = Invitation.objects.create(
        organisation=organisation,
        email="someone@example.com",
        role="drafter",
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=timezone.now() + timedelta(days=1),
    )
    ids = {
        "organisation": organisation.pk,
        "draft": draft.pk,
        "other": other.pk,
        "contract": contract.pk,
        "render": render.pk,
        "comment": comment.pk,
        "invitation": invitation.pk,
        "token": token,
        "membership": Membership.objects.get(user=dora, organisation=organisation).pk,
    }
    return organisation, people, ids


def _request(persona, people, organisation, method, url, data):
    client = Client()
    if persona != "anonymous":
        client.force_login(people[persona])
        session = client.session
        session["organisation"] = organisation.pk  # the members work in Acme; the outsider cannot choose it
        session.save()
    return getattr(client, method)(url, data) if method == "post" else client.get(url)


def _expected(scope: str, action: Action | None, persona: str) -> str:
    if scope == PUBLIC:
        return "page"
    if persona == "anonymous":
        return "log in"
    if scope == SIGNED_IN:
        return "page"
    if persona == "outsider":
        return "page" if scope == CURRENT else "404"  # in their own organisation; nothing of Acme exists for them
    return "page" if role_allows(persona, action) else "403"


def _outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="):
        return "log in"
    if response.status_code in (403, 404):
        return str(response.status_code)
    assert response.status_code < 500 and response.status_code != 405, response.status_code
    return "page"


@pytest.mark.parametrize(
    ("name", "index"), [(name, index) for name, entries in ACCESS.items() for index in range(len(entries))]
)
def test_access_matrix(name, index, acme, monkeypatch):
    monkeypatch.setattr("contracts.views.render_risk_pdf", lambda *args, **kwargs: b"%PDF-1.7")  # its access only
    organisation, people, ids = acme
    method, template, scope, action, data = ACCESS[name][index]
    url = template.format(**ids)
    data = {key: str(value).format(**ids) for key, value in (data or {}).items()}
    for persona in PERSONAS:
        with transaction.atomic():  # each persona meets the same data: what one deletes the next still finds
            response = _request(persona, people, organisation, method, url, data)
            transaction.set_rollback(True)
        assert _outcome(response) == _expected(scope, action, persona), f"{persona} {method.upper()} {url}"
        if response.status_code == 403:
            assert escape(refusal(action)) in response.content.decode(), "the page says why"


def test_a_refused_member_changes_nothing(client, acme):
    organisation, people, ids = acme
    client.force_login(people["reviewer"])
    for url in [f"/drafts/{ids['draft']}/delete/", f"/drafts/{ids['draft']}/rename/"]:
        assert client.post(url, {"title": "mine now"}).status_code == 403
    client.force_login(people["outsider"])
    assert client.post(f"/organisations/{ids['organisation']}/members/{ids['membership']}/remove/").status_code == 404
    draft = Draft.objects.get(pk=ids["draft"])
    assert draft.title == "Acme CRM"
    assert Membership.objects.filter(pk=ids["membership"]).exists()


def test_every_member_sees_the_organisations_drafts_and_contracts_and_no_one_else(client, acme):
    organisation, people, ids = acme
    for persona in PERSONAS[1:]:
        pages = "".join(
            _request(persona, people, organisation, "get", url, None).content.decode()
            for url in ["/drafts/", "/contracts/", f"/compare/?d={ids['draft']}&d={ids['other']}"]
        )
        if persona == "outsider":
            assert "Acme CRM" not in pages and "Acme offer B" not in pages, persona
        else:
            assert pages.count("Acme CRM") >= 3 and "Acme offer B" in pages, persona


def test_account_changes_without_a_csrf_token_are_refused(alice):
    from django.contrib.auth.models import User
    from django.test import Client

    from tests.factories import PASSWORD

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    new = "Tz4!wq9#Rb2v"
    for url, data in [
        ("/accounts/email/", {"email": "mallory@example.com", "password": PASSWORD}),
        ("/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}),
        ("/accounts/delete/", {"password": PASSWORD}),
    ]:
        assert client.post(url, data).status_code == 403, url
    alice.refresh_from_db()
    assert alice.email == "alice@example.com" and alice.check_password(PASSWORD)
    assert User.objects.filter(pk=alice.pk).exists()
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/accounts/password/reset/", {"email": "alice@example.com"}).status_code == 403


@pytest.fixture
def contract(alice, library):
    draft = DraftFactory(owner=alice)
    from contracts.services import contract_generate

    return contract_generate(draft=draft, language="zh", fmt="html")


def test_owner_downloads_own_contract(client, alice, contract):
    client.force_login(alice)
    response = client.get(f"/contracts/{contract.pk}/download/")
    assert response.status_code == 200
    assert "上海某某贸易有限公司" in b"".join(response.streaming_content).decode()


def test_comparing_another_buyers_draft_shows_nothing_of_it(client, bob, contract):
    client.force_login(bob)
    mine = DraftFactory(owner=bob)
    response = client.get(f"/compare/?d={mine.pk}&d={contract.draft.pk}")
    assert "Choose between 2 and 4 of your drafts to compare." in response.content.decode()  # one of hers
    assert contract.draft.title not in response.content.decode()


def test_admin_needs_staff_and_clause_editing_needs_the_permission(client, alice, library):
    from django.contrib.auth.models import Permission

    from contracts.models import Clause
    from tests.factories import UserFactory

    clause = Clause.objects.first()
    client.force_login(alice)  # a buyer
    assert client.get("/admin/").status_code == 302  # sent to the admin login
    staff = UserFactory(username="clerk", is_staff=True)
    client.force_login(staff)
    assert client.get(f"/admin/contracts/clause/{clause.pk}/change/").status_code == 403
    staff.user_permissions.add(
        Permission.objects.get(codename="view_clause"), Permission.objects.get(codename="change_clause")
    )
    assert client.get(f"/admin/contracts/clause/{clause.pk}/change/").status_code == 200


def test_reviewers_and_approvers_send_back_drafters_cannot(acme):
    organisation, people, ids = acme
    url, data = f"/drafts/{ids['draft']}/approval/decide/", {"decision": "send_back", "comment": "Raise the cap."}
    for persona, expected in [
        ("reviewer", "page"),
        ("approver", "page"),
        ("admin", "page"),
        ("drafter", "403"),
        ("outsider", "404"),
        ("anonymous", "log in"),
    ]:
        with transaction.atomic():
            response = _request(persona, people, organisation, "post", url, data)
            transaction.set_rollback(True)
        assert _outcome(response) == expected, persona
