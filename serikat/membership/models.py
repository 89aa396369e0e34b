"""The member registry: one person per NIK across the confederation, their memberships of unions
over time, transfers between units, membership cards and dual-membership conflicts.

Docs for officers and developers: docs/models/membership/*.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from serikat.core.scoping import ScopedQuerySet
from serikat.membership.querysets import ConflictQuerySet, MemberQuerySet, MembershipQuerySet, TransferQuerySet
from serikat.organisation.models import Gender

CURRENT_STATUSES = ("applicant", "active", "suspended")


class Member(models.Model):
    """A person, identified by NIK across every affiliate. Memberships tie them to unions."""

    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_place = models.CharField(_("birth place"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Stored as +62…"))
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    region = models.ForeignKey(  # indexed by member_region below, where set
        "organisation.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    review_flags = models.JSONField(
        _("to review"), default=list, blank=True, help_text=_("Disagreements between the NIK and what was declared.")
    )
    photo = models.FileField(_("photo"), upload_to="members/photos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        # Each index is kept by every row an import writes (ADR 0027): no index of names (the name
        # search reads the words of names, ADR 0019/0026; lists sort a union's members, not the
        # registry's), and the region's only where one is recorded (imports leave it empty).
        indexes = [
            models.Index(fields=["phone"], name="member_phone"),
            models.Index(fields=["region"], condition=Q(region__isnull=False), name="member_region"),
        ]

    def __str__(self) -> str:
        return self.full_name


class Membership(models.Model):
    """A person's membership of one union (normally a PUK) for a period, with the job it rests on."""

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    class EndReason(models.TextChoices):
        DEATH = "death", _("Death")
        RESIGNATION = "resignation", _("Resignation")
        DISMISSAL = "dismissal", _("Dismissed by the union")
        OTHER_UNION = "other_union", _("Joined another union")
        LEFT_EMPLOYER = "left_employer", _("Left the employer")
        TRANSFERRED = "transferred", _("Transferred to another unit")

    class Employment(models.TextChoices):
        PERMANENT = "permanent", _("Permanent (PKWTT)")
        FIXED_TERM = "fixed_term", _("Fixed-term contract (PKWT)")
        OUTSOURCED = "outsourced", _("Outsourced")
        DAILY = "daily", _("Daily worker")
        INFORMAL = "informal", _("Informal worker")
        MIGRANT = "migrant", _("Migrant worker")

    # No index of its own: membership_member_scope below leads with member_id.
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="memberships", db_index=False
    )
    # No index of its own either: membership_unit_status below leads with unit_id (one index less
    # for an import to maintain per row).
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="memberships",
        db_index=False,
    )
    # The federation, employer and workplace are copied from the union (its federation, its current
    # workplace) by the services that write memberships: no database foreign key of their own (the
    # member's and the union's are kept), and no index but those below (ADR 0027). Deleting one
    # of them through Django is still refused while memberships point at it (PROTECT).
    federation = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("federation"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_constraint=False,
        db_index=False,
    )
    employer = models.ForeignKey(  # indexed by membership_employer (employer, status) below
        "organisation.Employer",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    workplace = models.ForeignKey(  # found through its employer: membership_employer
        "organisation.Workplace",
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    employee_number = models.CharField(_("employee number"), max_length=40, blank=True)
    employment_status = models.CharField(_("employment status"), max_length=12, choices=Employment.choices, blank=True)
    job_title = models.CharField(_("job"), max_length=100, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    monthly_wage_amount = models.DecimalField(
        _("monthly wage (Rp)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    joined_on = models.DateField(_("joined on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLICANT)
    activated_on = models.DateField(_("activated on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=16, choices=EndReason.choices, blank=True)
    kta_number = models.CharField(_("KTA number"), max_length=40, blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_method = models.CharField(_("consent given how"), max_length=40, blank=True)
    consent_purposes = models.JSONField(_("consent given for"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # A KTA number belongs to one current membership in a federation; ended ones keep theirs
            # as history (a transfer within the federation carries the number on).
            models.UniqueConstraint(
                fields=["federation", "kta_number"],
                condition=~Q(kta_number="") & ~Q(status="ended"),
                name="kta_unique_in_federation",
            ),
            models.UniqueConstraint(
                fields=["member", "federation"],
                condition=Q(status__in=CURRENT_STATUSES),
                name="one_current_membership_per_federation",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("joined_on")), name="ends_after_joining"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="ended_has_date_and_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "-id"], name="membership_unit_status"),
            # A person's memberships by status; and, with unit and id in the index, the name search's
            # "which of these people's memberships are in scope" as an index-only scan (ADR 0019).
            models.Index(fields=["member", "status", "unit", "id"], name="membership_member_scope"),
            # No plain index of KTA numbers: a federation's are found through kta_unique_in_federation
            # (federation, kta_number), and the search's through the one below.
            # The search box matches KTA numbers ignoring case (kta_number__iexact, UPPER(...) = UPPER(...)),
            # which a plain index cannot serve: without this one, a KTA search scans every membership.
            models.Index(Upper("kta_number"), name="membership_kta_upper"),
            models.Index(fields=["employer", "status"], name="membership_employer"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.unit}"


class NameWord(models.Model):
    """One word of members' names (lower case, without accents) and how many members' names hold it.

    The vocabulary of the name search (ADR 0019): a word typed that is not here is a typo, corrected
    to the nearest words that are. Kept right by every write of a name (register_member,
    update_member, imports, the demo seed) through serikat.membership.names (count_name_words,
    add_word_counts).
    """

    word = models.CharField(_("word"), max_length=150, unique=True)
    members = models.PositiveIntegerField(_("members"), default=0)

    class Meta:
        verbose_name = _("word of names")
        verbose_name_plural = _("words of names")

    def __str__(self) -> str:
        return self.word


class MembershipNameWord(models.Model):
    """One word of a member's name on one of their memberships, with that membership's union.

    The name search's index of one-word searches (ADR 0026): ordered by word and union, so that
    "the memberships in the actor's scope whose name holds this word" is read from this index and the
    unit table alone, the scope filtered inside the scan. PostgreSQL only (SQLite searches in Python
    and leaves the table empty). No database foreign keys: an import writes millions of these rows,
    and a row that points at nothing (a deleted membership) is never found, since the search joins
    the membership. Kept by every write of a name or a membership, through
    serikat.membership.names.index_name_words; rebuilt with the vocabulary.
    """

    pk = models.CompositePrimaryKey("word", "unit", "membership")
    word = models.CharField(_("word"), max_length=150)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="name_words"
    )
    # Two bits per word of the whole name (membership_name_signature, migration 0010; ADR 0029), kept
    # in the primary key's index: a search of several words drops, inside the index scan, nearly
    # every membership whose name cannot hold the other words, before it looks them up.
    signature = models.BigIntegerField(_("signature of the name's words"), default=0)

    class Meta:
        verbose_name = _("word of a member's name in a union")
        verbose_name_plural = _("words of members' names in unions")

    def __str__(self) -> str:
        return self.word


class FederationRegistry(models.Model):
    """Per-federation settings of the registry: the KTA number format and its counter."""

    federation = models.OneToOneField(
        "organisation.Unit", verbose_name=_("federation"), on_delete=models.CASCADE, related_name="registry"
    )
    kta_format = models.CharField(
        _("KTA number format"),
        max_length=80,
        default="{federation}-{year}-{seq:07d}",
        help_text=_("Fields: {federation} code, {unit} code, {year}, {seq} running number."),
    )
    next_kta_seq = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("federation registry settings")

    def __str__(self) -> str:
        return str(self.federation)


class Transfer(models.Model):
    """Mutasi: a member moves from one unit to another; requested by one side, accepted by the receiver."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="transfers_out")
    from_unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    new_membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="transfer_in"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    effective_on = models.DateField(_("effective on"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["membership"], condition=Q(status="requested"), name="one_open_transfer_per_membership"
            )
        ]


class MembershipConflict(models.Model):
    """Dual membership: one NIK current in two federations, or in two unions at one employer."""

    class Kind(models.TextChoices):
        TWO_FEDERATIONS = "two_federations", _("Member of two federations")
        TWO_UNIONS_ONE_EMPLOYER = "two_unions_one_employer", _("Member of two unions at one employer")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="conflicts")
    first = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    detected_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=200, blank=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership conflict")
        verbose_name_plural = _("membership conflicts")
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"], condition=Q(resolved_at__isnull=True), name="one_open_conflict_per_pair"
            )
        ]


class MemberCardQuerySet(ScopedQuerySet):
    unit_lookup = "membership__unit"


class MemberCard(models.Model):
    """A printed or digital KTA. Its QR code carries `token`, which opens the public verification page."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="cards")
    token = models.CharField(max_length=43, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    objects = MemberCardQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership card")
        verbose_name_plural = _("membership cards")


class ColumnMapping(models.Model):
    """How one unit's spreadsheets name their columns, remembered for the next import."""

    unit = models.ForeignKey("organisation.Unit", on_delete=models.CASCADE, related_name="+")
    headers_key = models.CharField(max_length=64, help_text=_("Fingerprint of the header row."))
    mapping = models.JSONField(default=dict, help_text=_("Column header -> field name."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "headers_key"], name="one_mapping_per_header_row")]


class ImportBatch(models.Model):
    """One uploaded member list: previewed (dry run), then committed, with its problems per row."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        COMMITTING = "committing", _("Saving")
        COMMITTED = "committed", _("Saved")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64, db_index=True)
    file_format = models.CharField(max_length=8)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADED)
    mapping = models.JSONField(default=dict, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0, help_text=_("Progress, and the resume point of a commit."))
    counts = models.JSONField(default=dict, blank=True, help_text=_("created / updated / unchanged / errors"))
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        indexes = [models.Index(fields=["unit", "-id"], name="import_unit_recent")]


class ImportProblem(models.Model):
    """A problem found in one cell or row of an import: row and column as the user sees them."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=40)
    message = models.TextField()
    is_error = models.BooleanField(default=True, help_text=_("Errors skip the row; warnings keep it."))

    class Meta:
        indexes = [models.Index(fields=["batch", "row"], name="problem_batch_row")]
