"""The data: vendors, the clause library with immutable versions, drafts and generated contracts."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _person(verbose_name) -> models.ForeignKey:
    """A user an entry names (its author, who decided): the entry stays, without the name, if the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Vendor(models.Model):
    """A reusable vendor record that prefills the parties step."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, help_text=_("For the English column of bilingual contracts.")
    )
    is_foreign = models.BooleanField(_("foreign vendor"), default=False)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    country = models.CharField(_("country"), max_length=2, default="CN")
    address = models.CharField(_("address"), max_length=200, blank=True)
    address_en = models.CharField(
        _("address in English"),
        max_length=200,
        blank=True,
        help_text=_("For the English column of bilingual contracts."),
    )
    representative = models.CharField(_("legal representative"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=200, blank=True)
    years_in_business = models.PositiveSmallIntegerField(_("years in business"), null=True, blank=True)
    customer_count = models.PositiveIntegerField(_("customers"), null=True, blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    references = models.TextField(
        _("customer references"), blank=True, max_length=4000, help_text=_("One reference customer per line.")
    )
    financial_notes = models.TextField(_("financial notes"), blank=True, max_length=4000)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self) -> str:
        return self.name

    @property
    def reference_list(self) -> list[str]:
        return [line.strip() for line in self.references.splitlines() if line.strip()]


class Section(models.Model):
    """An article or annex of the contract; its clauses are numbered inside it."""

    class Kind(models.TextChoices):
        PREAMBLE = "preamble", _("preamble")
        ARTICLE = "article", _("article")
        ANNEX = "annex", _("annex")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    order = models.PositiveIntegerField(_("order"), default=0)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    condition = models.CharField(
        _("condition"),
        max_length=500,
        blank=True,
        help_text=_("Boolean expression; empty means always included."),
    )

    class Meta:
        ordering = ["kind", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.key} · {self.title_zh} / {self.title_en}"


class Clause(models.Model):
    """A clause slot: its key, its section and whether it is in use. Everything printed lives in versions."""

    key = models.CharField(_("key"), max_length=80, unique=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="clauses", verbose_name=_("section"))
    is_active = models.BooleanField(_("in use"), default=True)
    current_version = models.ForeignKey(
        "ClauseVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )

    class Meta:
        ordering = ["section__kind", "section__order", "key"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self) -> str:
        return self.key


class ClauseVersion(models.Model):
    """One immutable state of a clause: both texts and all that decides whether and how it prints."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="versions", verbose_name=_("clause"))
    number = models.PositiveIntegerField(_("version"))
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Position inside the section."))
    condition = models.CharField(
        _("condition"),
        max_length=500,
        blank=True,
        help_text=_("Boolean expression; empty means always included."),
    )
    highlight = models.BooleanField(
        _("highlight"),
        default=False,
        help_text=_("Limits the buyer's own liability: printed in bold (standard terms)."),
    )
    table = models.CharField(_("table"), max_length=40, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_zh = models.TextField(_("text (Chinese)"))
    body_en = models.TextField(_("text (English)"))
    positions = models.JSONField(
        _("positions"),
        default=dict,
        blank=True,
        help_text=_("Alternative texts: {balanced|vendor: {note_zh, note_en, body_zh, body_en}}."),
    )
    change_note = models.CharField(_("change note"), max_length=300, blank=True)
    author = _person(_("author"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["clause", "-number"]
        verbose_name = _("clause version")
        verbose_name_plural = _("clause versions")
        constraints = [models.UniqueConstraint(fields=["clause", "number"], name="unique_clause_version_number")]

    def __str__(self) -> str:
        return f"{self.clause.key} v{self.number}"

    def save(self, *args, **kwargs):
        # A generated contract pins versions by id: a version once written never changes.
        if self.pk is not None:
            raise ValueError("clause versions are immutable; record a new version instead")
        super().save(*args, **kwargs)


# No 0/O, 1/I/L: a number read out on the phone or typed from paper is not mistaken.
_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_contract_number() -> str:
    """A contract number that says nothing of how many drafts the site holds: the year and 8 random characters."""
    code = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
    return f"CRM-{timezone.now():%Y}-{code[:4]}-{code[4:]}"


class Organisation(models.Model):
    """The buyer company: its members share its drafts, contracts and offers (contracts/access.py decides who
    may do what)."""

    name = models.CharField(_("name"), max_length=200)
    approval_required = models.BooleanField(
        _("final contracts need an approval"),
        default=False,
        help_text=_("A contract is final only once an approver has approved the draft as it stands."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        DRAFTER = "drafter", _("drafter")
        REVIEWER = "reviewer", _("reviewer (legal)")
        APPROVER = "approver", _("approver")
        ADMIN = "admin", _("organisation admin")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DRAFTER)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "created_at", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.role})"


class Invitation(models.Model):
    """An invitation mailed to join an organisation: the link holds a random token, the table only its
    SHA-256, so a copy of the database opens no organisation. It works once, until it expires."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class Draft(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETE = "complete", _("complete")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("organisation")
    )
    # Who created the draft; the organisation's members share it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("created by")
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # What was typed on a step but not valid yet ("Save draft", "Back"): step → form data.
    pending_input = models.JSONField(_("unsaved input"), default=dict, blank=True)
    step_reached = models.PositiveSmallIntegerField(_("step reached"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    # Drafts from before random numbers keep the number their contracts print (CRM-<year>-<id>).
    contract_number = models.CharField(_("contract number"), max_length=40, unique=True, default=new_contract_number)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return self.title


class DraftRevision(models.Model):
    """A draft's answers as one saved change left them: who, when, what kind of change. Every change of the
    answers records one, so earlier answers can be compared and restored."""

    class Kind(models.TextChoices):
        EARLIER = "earlier", _("Answers before the history began")
        STEP = "step", _("Step saved")
        POSITIONS = "positions", _("Negotiation positions saved")
        OFFER = "offer", _("Offer taken in")
        RESTORE = "restore", _("Earlier answers restored")
        IMPORT = "import", _("Imported")
        COPY = "copy", _("Copied from another draft")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("draft"))
    number = models.PositiveIntegerField(_("revision"))
    answers = models.JSONField(_("answers"))
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    # What the change was about: the step saved, the offer's title, the revision restored.
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    author = _person(_("changed by"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["draft", "-number"]
        verbose_name = _("draft revision")
        verbose_name_plural = _("draft revisions")
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="unique_draft_revision_number")]

    def __str__(self) -> str:
        return f"{self.draft} r{self.number}"


COMMENT_MAX_LENGTH = 2000
DECISION_COMMENT_MAX_LENGTH = 2000


class Comment(models.Model):
    """A member's comment on one step or one clause of a draft; a reply belongs to the thread it answers."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments", verbose_name=_("draft"))
    author = _person(_("author"))
    # What it is about: a wizard step's key, or a clause's key (a reply repeats its thread's).
    step = models.CharField(_("step"), max_length=40, blank=True)
    clause = models.CharField(_("clause"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("reply to")
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = _person(_("resolved by"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(step="") & ~models.Q(clause="")) | (~models.Q(step="") & models.Q(clause="")),
                name="comment_on_a_step_or_a_clause",
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft} · {self.step or self.clause}"


class ApprovalRequest(models.Model):
    """A draft sent for review and approval, and the decision on it. An approval holds the content hash of
    what was approved: once the draft's answers, positions or clause versions change, it is void."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        SENT_BACK = "sent_back", _("sent back")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("draft"))
    requested_by = _person(_("sent by"))
    requested_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    note = models.TextField(_("note for the approver"), blank=True, max_length=DECISION_COMMENT_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # What the decision was about: the draft's content hash, answers and clause versions ({key: number}).
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    clause_versions = models.JSONField(_("clause versions"), default=dict, blank=True)
    decided_by = _person(_("decided by"))
    # The approver's name as the final contract prints it, kept should the account go.
    decided_by_name = models.CharField(_("decided by (name)"), max_length=300, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=DECISION_COMMENT_MAX_LENGTH)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        constraints = [
            models.UniqueConstraint(
                fields=["draft"], condition=models.Q(status="pending"), name="one_pending_approval_per_draft"
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft} ({self.status})"


def _approval_printed(related_name: str) -> models.ForeignKey:
    """The approval a final contract prints (none for a draft's, or a final one issued without approval)."""
    return models.ForeignKey(
        ApprovalRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("approval"),
    )


class GeneratedContractQuerySet(models.QuerySet):
    def requested(self):
        """The contracts a buyer has asked for: what "My contracts" lists (not pre-renders nobody downloaded)."""
        return self.filter(requested_at__isnull=False)


class GeneratedContract(models.Model):
    """A rendered contract; immutable once written."""

    draft = models.ForeignKey(
        Draft, on_delete=models.SET_NULL, null=True, blank=True, related_name="contracts", verbose_name=_("draft")
    )
    # The draft's organisation: its members keep the contract when the draft is deleted.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contracts", verbose_name=_("organisation")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="generated_contracts",
        verbose_name=_("owner"),
    )
    number = models.CharField(_("contract number"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    format = models.CharField(_("format"), max_length=10)
    file = models.FileField(_("file"), upload_to="contracts/%Y/%m/")
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    answers = models.JSONField(_("answers"))
    clause_versions = models.JSONField(_("clause versions"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When the buyer first asked for this file; None for a pre-render nobody has downloaded yet, which
    # "My contracts" does not list.
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    # A final contract prints no "DRAFT / 草案" marking; approved, it prints and keeps who approved it and when.
    final = models.BooleanField(_("final"), default=False)
    approval = _approval_printed("contracts")
    approved_by = models.CharField(_("approved by"), max_length=300, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = GeneratedContractQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("generated contract")
        verbose_name_plural = _("generated contracts")
        # One file per buyer and inputs: two tabs (or a pre-render and a download) rendering at once keep one.
        constraints = [models.UniqueConstraint(fields=["owner", "content_hash"], name="unique_contract_per_inputs")]

    def __str__(self) -> str:
        return f"{self.number} ({self.language}, {self.format})"


class RenderJob(models.Model):
    """One file being rendered by a task worker: what the download page polls. One per buyer and inputs, so a
    second request for the same file joins the render already under way."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the printer")
        RUNNING = "running", _("printing")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="render_jobs", verbose_name=_("owner")
    )
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="render_jobs", verbose_name=_("draft"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    # The answers as they were when asked: the render prints these, whatever is saved meanwhile.
    answers = models.JSONField(_("answers"))
    language = models.CharField(_("language"), max_length=10)
    format = models.CharField(_("format"), max_length=10)
    layout = models.CharField(_("layout"), max_length=20, default="columns")
    # False for a pre-render nobody has asked for yet: its contract joins "My contracts" only once asked.
    requested = models.BooleanField(_("asked for by the buyer"), default=False)
    final = models.BooleanField(_("final"), default=False)
    approval = _approval_printed("+")
    ui_language = models.CharField(_("page language"), max_length=10, blank=True)  # of the messages the buyer reads
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    message = models.TextField(_("message"), blank=True)  # why it failed, in words fit for the buyer
    contract = models.ForeignKey(
        GeneratedContract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contract"),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=120, blank=True)  # host:pid of the worker rendering it
    task_id = models.CharField(_("task"), max_length=64, blank=True)  # of the task queued last for it
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("render job")
        verbose_name_plural = _("render jobs")
        constraints = [models.UniqueConstraint(fields=["owner", "content_hash"], name="unique_render_job_per_inputs")]
        indexes = [models.Index(fields=["status", "created_at"], name="render_job_status_created")]

    def __str__(self) -> str:
        return f"{self.language} {self.format} ({self.status})"


class SignupAddress(models.Model):
    """How many accounts were created from one client address in the current hour (the sign-up throttle)."""

    address = models.CharField(_("client address"), max_length=64, unique=True)
    window_started_at = models.DateTimeField(_("counting since"))
    signups = models.PositiveIntegerField(_("accounts created"), default=0)

    class Meta:
        verbose_name = _("sign-up address")
        verbose_name_plural = _("sign-up addresses")

    def __str__(self) -> str:
        return self.address


class PasswordResetCount(models.Model):
    """How many password resets were asked for from one client address, or for one e-mail address, in the
    current hour (the reset throttle). The key is "address:<client address>" or "email:<SHA-256 of the
    lower-cased e-mail address>"."""

    key = models.CharField(_("client or e-mail address"), max_length=100, unique=True)
    window_started_at = models.DateTimeField(_("counting since"))
    requests = models.PositiveIntegerField(_("resets asked for"), default=0)

    class Meta:
        verbose_name = _("password reset count")
        verbose_name_plural = _("password reset counts")

    def __str__(self) -> str:
        return self.key
