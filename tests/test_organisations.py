"""Organisations: an admin invites by e-mail link (once, until it expires), the invited person joins with an
account they have or a new one and sees the organisation's drafts; admins change roles and remove members but
never the last admin; several organisations are switched between; every account has its own."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from contracts.models import Draft, GeneratedContract, Invitation, Membership, Organisation
from tests.factories import PASSWORD, DraftFactory, UserFactory, member_of, organisation_of

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Tz4!wq9#Rb2v"


@pytest.fixture
def acme(alice):
    """Alice's organisation, renamed Acme, with her draft."""
    organisation = organisation_of(alice)
    organisation.name = "Acme Trading"
    organisation.save()
    DraftFactory(owner=alice, title="Acme CRM purchase")
    return organisation


def invite(client, organisation, email: str, role: str) -> str:
    """Alice (signed in on `client`) invites; the link from the mail."""
    response = client.post(f"/organisations/{organisation.pk}/invite/", {"email": email, "role": role}, follow=True)
    assert f"An invitation was sent to {email}." in response.content.decode()
    message = mail.outbox[-1]
    assert message.to == [email] and "Acme Trading" in message.subject
    return re.search(r"http://testserver(/invitations/\S+/)", message.body).group(1)


def test_a_new_account_accepts_the_invitation_and_sees_the_drafts(alice_client, acme):
    link = invite(alice_client, acme, "carol@example.com", "reviewer")
    assert "works once, for 7 days" in mail.outbox[-1].body
    assert Invitation.objects.get().token_hash not in link  # the table keeps only the token's hash

    carol = Client()
    page = carol.get(link).content.decode()
    assert "alice invites you to Acme Trading as reviewer (legal)" in page
    assert f"/accounts/signup/?next={link}" in page.replace("%2F", "/")
    response = carol.post(
        "/accounts/signup/",
        {"username": "carol", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "next": link},
    )
    assert response["Location"] == link  # back to the invitation, signed in
    response = carol.post(link, follow=True)
    page = response.content.decode()
    assert "You are a member of Acme Trading (reviewer (legal))" in page
    assert "Acme CRM purchase" in page  # the organisation's drafts are listed
    assert "created by alice" in page

    draft = Draft.objects.get(title="Acme CRM purchase")
    assert carol.get(f"/drafts/{draft.pk}/review/").status_code == 200
    refused = carol.post(f"/drafts/{draft.pk}/rename/", {"title": "mine"})
    assert refused.status_code == 403
    assert "Only drafters and organisation admins can change drafts." in refused.content.decode()
    # she has her own organisation too, as every new account
    assert Membership.objects.filter(user__username="carol").count() == 2

    again = Client().get(link)
    assert again.status_code == 410 and "This invitation has been used already." in again.content.decode()


def test_an_existing_account_accepts_after_logging_in(alice_client, acme, bob):
    link = invite(alice_client, acme, "bob@example.com", "drafter")
    client = Client()
    assert client.post(link)["Location"] == f"/accounts/login/?next={link}"
    client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    client.post(link)
    draft = Draft.objects.get(title="Acme CRM purchase")
    assert client.post(f"/drafts/{draft.pk}/rename/", {"title": "Acme CRM 2027"}).status_code == 302
    assert Draft.objects.get(pk=draft.pk).title == "Acme CRM 2027"


def test_an_expired_or_unknown_link_joins_nobody(alice_client, acme, bob):
    link = invite(alice_client, acme, "bob@example.com", "admin")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client = Client()
    client.force_login(bob)
    response = client.post(link)
    assert response.status_code == 410 and "This invitation has expired." in response.content.decode()
    assert client.get("/invitations/not-a-token/").status_code == 404
    assert not Membership.objects.filter(organisation=acme, user=bob).exists()


def test_a_failed_mail_keeps_no_invitation_and_says_so(alice_client, acme, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: the connection is refused
    response = alice_client.post(f"/organisations/{acme.pk}/invite/", {"email": "x@example.com", "role": "drafter"})
    assert response.status_code == 400
    assert "The invitation could not be sent" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_invitation_reads_in_both_languages_the_inviters_first(alice_client, acme):
    """The person invited has no account yet, so no language of their own: the mail speaks both."""
    invite(alice_client, acme, "wei@example.com", "reviewer")
    message = mail.outbox[-1]
    assert message.subject == "Invitation to join Acme Trading / 邀请您加入“Acme Trading”"
    english, chinese = message.body.split("----------")
    assert "alice invites you to join Acme Trading in the contract drafter, as reviewer (legal)." in english
    assert "/invitations/" in english and "/invitations/" in chinese
    assert "alice 邀请您以审核人（法务）身份加入合同起草工具中的“Acme Trading”。" in chinese


def test_an_invalid_address_is_refused_at_its_field(alice_client, acme):
    response = alice_client.post(f"/organisations/{acme.pk}/invite/", {"email": "not an address", "role": "drafter"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_the_admin_changes_roles_and_removes_members_but_never_the_last_admin(alice_client, alice, acme):
    dora = member_of(acme, "drafter", username="dora")
    membership = Membership.objects.get(organisation=acme, user=dora)
    alice_client.post(f"/organisations/{acme.pk}/members/{membership.pk}/role/", {"role": "approver"})
    assert Membership.objects.get(pk=membership.pk).role == "approver"

    own = Membership.objects.get(organisation=acme, user=alice)
    page = alice_client.post(f"/organisations/{acme.pk}/members/{own.pk}/role/", {"role": "drafter"}, follow=True)
    assert "An organisation needs at least one admin" in page.content.decode()
    alice_client.post(f"/organisations/{acme.pk}/members/{own.pk}/remove/")
    assert Membership.objects.get(pk=own.pk).role == "admin"

    draft = Draft.objects.get(title="Acme CRM purchase")
    dora_client = Client()
    dora_client.force_login(dora)
    assert dora_client.get(f"/drafts/{draft.pk}/review/").status_code == 200
    alice_client.post(f"/organisations/{acme.pk}/members/{membership.pk}/remove/")
    assert dora_client.get(f"/drafts/{draft.pk}/review/").status_code == 404  # gone with her membership
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_a_member_leaves_by_themselves_the_drafts_stay_and_the_last_admin_cannot(alice_client, alice, acme):
    rita = member_of(acme, "reviewer", username="rita")
    draft = Draft.objects.get(title="Acme CRM purchase")
    rita_client = Client()
    rita_client.force_login(rita)
    page = rita_client.get(f"/organisations/{acme.pk}/").content.decode()
    assert f'action="/organisations/{acme.pk}/leave/"' in page and "Leave the organisation" in page
    left = rita_client.post(f"/organisations/{acme.pk}/leave/", follow=True)
    assert "You have left Acme Trading" in left.content.decode()
    assert not Membership.objects.filter(organisation=acme, user=rita).exists()
    assert rita_client.get(f"/drafts/{draft.pk}/review/").status_code == 404
    assert rita_client.get("/drafts/").status_code == 200  # her own organisation, made for her
    assert Draft.objects.filter(pk=draft.pk, organisation=acme).exists()

    refused = alice_client.post(f"/organisations/{acme.pk}/leave/", follow=True).content.decode()
    assert "An organisation needs at least one admin" in refused
    assert Membership.objects.filter(organisation=acme, user=alice, role="admin").exists()


def test_approval_is_an_organisation_setting_only_its_admin_changes(alice_client, acme):
    reviewer = member_of(acme, "reviewer", username="rita")
    client = Client()
    client.force_login(reviewer)
    page = client.get(f"/organisations/{acme.pk}/").content.decode()
    assert "Final contracts of this organisation need no approval." in page
    assert (
        client.post(f"/organisations/{acme.pk}/settings/", {"name": "X", "approval_required": "on"}).status_code == 403
    )
    alice_client.post(f"/organisations/{acme.pk}/settings/", {"name": "Acme Trading", "approval_required": "on"})
    assert Organisation.objects.get(pk=acme.pk).approval_required
    response = alice_client.post(f"/organisations/{acme.pk}/settings/", {"name": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


def test_a_member_of_two_organisations_switches_between_them(client, alice, acme, bob):
    bobs = organisation_of(bob)
    DraftFactory(owner=bob, title="Bob own CRM")
    Membership.objects.create(organisation=acme, user=bob, role="drafter")
    client.force_login(bob)
    page = client.get("/drafts/").content.decode()
    assert "Bob own CRM" in page and "Acme CRM purchase" not in page  # his oldest organisation first
    assert 'id="organisation-switch"' in page

    client.post("/organisations/switch/", {"organisation": acme.pk, "next": "/drafts/"})
    page = client.get("/drafts/").content.decode()
    assert "Acme CRM purchase" in page and "Bob own CRM" not in page
    client.post("/drafts/new/", {"title": "Bob draft for Acme"})
    assert Draft.objects.get(title="Bob draft for Acme").organisation == acme
    assert client.post("/organisations/switch/", {"organisation": organisation_of(UserFactory()).pk}).status_code == 404
    account = client.get("/accounts/").content.decode()
    assert "Acme Trading</a> · drafter" in account and "bob</a> · organisation admin" in account
    assert bobs != acme


def test_a_new_account_has_its_own_organisation():
    client = Client()
    client.post("/accounts/signup/", {"username": "erin", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    membership = Membership.objects.get(user__username="erin")
    assert membership.role == "admin" and membership.organisation.name == "erin"
    client.post("/drafts/new/", {"title": "Erin's CRM"})
    assert Draft.objects.get(title="Erin's CRM").organisation == membership.organisation


def test_deleting_an_account_leaves_the_shared_organisation_its_drafts(client, alice, acme, library):
    from contracts.services import contract_generate

    dora = member_of(acme, "drafter", username="dora", password=PASSWORD)
    draft = DraftFactory(owner=dora, organisation=acme, title="Dora's draft for Acme")
    contract = contract_generate(draft=draft, language="zh", fmt="html")
    client.force_login(dora)
    page = client.get("/accounts/delete/").content.decode()
    assert "These organisations keep the drafts and contracts you made in them" in page and "Acme Trading" in page
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert not Membership.objects.filter(user__username="dora").exists()
    kept = Draft.objects.get(pk=draft.pk)
    assert kept.organisation == acme and kept.owner == alice  # the organisation's admin stands as creator
    assert GeneratedContract.objects.filter(pk=contract.pk, organisation=acme).exists()


def test_the_last_admin_of_a_shared_organisation_cannot_delete_the_account(alice_client, alice, acme):
    member_of(acme, "drafter", username="dora")
    page = alice_client.get("/accounts/delete/").content.decode()
    assert "You are the only admin of an organisation that has other members." in page
    alice_client.post("/accounts/delete/", {"password": PASSWORD})
    assert Draft.objects.filter(title="Acme CRM purchase").exists() and alice.__class__.objects.filter(pk=alice.pk)


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_account_its_own_organisation_with_its_drafts():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("contracts", "0011_vendor_english")], [("contracts", "0012_organisations")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        User, Draft = apps.get_model("auth", "User"), apps.get_model("contracts", "Draft")
        Contract = apps.get_model("contracts", "GeneratedContract")
        kim, lee, new = (User.objects.create(username=name) for name in ("kim", "lee", "nobody-yet"))
        kims = Draft.objects.create(owner=kim, title="Kim's CRM", contract_number="CRM-2026-0001")
        Draft.objects.create(owner=lee, title="Lee's CRM", contract_number="CRM-2026-0002")
        row = {"number": "CRM-2026-0001", "language": "zh", "format": "pdf", "answers": {}, "file": "c.pdf"}
        Contract.objects.create(owner=kim, draft=None, content_hash="a" * 64, **row)  # its draft deleted

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        apps = executor.loader.project_state(after).apps
        Membership = apps.get_model("contracts", "Membership")
        for user in (kim, lee, new):
            membership = Membership.objects.get(user_id=user.pk)
            assert membership.role == "admin" and membership.organisation.name == user.username
        kims_organisation = Membership.objects.get(user_id=kim.pk).organisation_id
        Draft = apps.get_model("contracts", "Draft")
        assert Draft.objects.get(pk=kims.pk).organisation_id == kims_organisation
        assert Draft.objects.filter(organisation_id=kims_organisation).count() == 1  # Lee's is not Kim's
        contract = apps.get_model("contracts", "GeneratedContract").objects.get()
        assert contract.organisation_id == kims_organisation
    finally:
        MigrationExecutor(connection).loader.build_graph()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_reader_sees_the_draft_without_the_means_to_change_it(alice_client, acme):
    draft = Draft.objects.get(title="Acme CRM purchase")
    reader = Client()
    reader.force_login(member_of(acme, "approver", username="anna"))
    session = reader.session
    session["organisation"] = acme.pk
    session.save()
    step = reader.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    assert '<fieldset class="read-only-step" disabled>' in step and 'value="save"' not in step
    assert "only drafters and organisation admins can change it" in step
    review = reader.get(f"/drafts/{draft.pk}/review/").content.decode()
    assert 'id="stance-form"' not in review and "Show the step" in review
    listing = reader.get("/drafts/").content.decode()
    assert "Acme CRM purchase" in listing and "New draft" not in listing and "Duplicate" not in listing
    # the drafter's pages keep every control
    step = alice_client.get(f"/drafts/{draft.pk}/step/parties/").content.decode()
    assert "read-only-step" not in step and 'value="save"' in step
    assert 'id="stance-form"' in alice_client.get(f"/drafts/{draft.pk}/review/").content.decode()


def test_the_organisation_pages_and_the_refusal_speak_chinese(alice_client, acme, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    page = alice_client.get(f"/organisations/{acme.pk}/").content.decode()
    assert "成员" in page and "邀请成员" in page and "组织管理员" in page
    reader = Client()
    reader.force_login(member_of(acme, "reviewer", username="rita"))
    draft = Draft.objects.get(title="Acme CRM purchase")
    refused = reader.post(f"/drafts/{draft.pk}/delete/")
    assert refused.status_code == 403 and "只有起草人和组织管理员可以修改草稿。" in refused.content.decode()
    alice_client.post(f"/organisations/{acme.pk}/invite/", {"email": "li@example.com", "role": "approver"})
    assert "邀请您以审批人身份加入合同起草工具中的“Acme Trading”" in mail.outbox[-1].body


def test_the_admin_lists_organisations_with_their_members(client, acme):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert "Acme Trading" in client.get("/admin/contracts/organisation/").content.decode()
    page = client.get(f"/admin/contracts/organisation/{acme.pk}/change/").content.decode()
    assert "alice" in page or str(acme.memberships.get().user_id) in page
    assert client.get("/admin/contracts/draft/").status_code == 200


def test_who_may_approve_is_told_by_the_role(alice, acme):
    from contracts.access import Action, approval_required, can, members_with

    approver = member_of(acme, "approver", username="anna")
    reviewer = member_of(acme, "reviewer", username="rita")
    draft = Draft.objects.get(title="Acme CRM purchase")
    assert set(members_with(draft, Action.APPROVE)) == {alice, approver}
    assert set(members_with(draft, Action.REVIEW)) == {alice, reviewer}
    assert can(reviewer, draft, Action.COMMENT) and not can(reviewer, draft, Action.APPROVE)
    assert not can(UserFactory(username="stranger"), draft, Action.VIEW)
    assert not approval_required(draft)
