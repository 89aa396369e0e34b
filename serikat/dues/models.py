"""Dues and check-off: the rules (what a member owes, how it is shared between levels), the legal
basis for payroll deduction (surat kuasa), what employers deduct and transfer each month, and what
each level is due and has received.

Money is whole Rupiah in DecimalField(decimal_places=0) columns named `*_amount`; arithmetic on it is
integer arithmetic in serikat.dues.money. A month is stored as the date of its first day.
See docs/dues.md for the rules in words and docs/adr/0017-dues-money-and-months.md for why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serikat.core.scoping import ScopedQuerySet
from serikat.dues.querysets import AllocationEntryQuerySet, FederationQuerySet, RemittancePartQuerySet, RuleQuerySet


def money(verbose_name: str, **kwargs):
    """A whole-Rupiah amount (up to 10^14 - 1, enough for a confederation's year)."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=0, **kwargs)


class Rounding(models.TextChoices):
    DOWN = "down", _("Down")
    HALF_UP = "half_up", _("To the nearest (half up)")
    UP = "up", _("Up")


class DuesPolicy(models.Model):
    """What a member owes each month, from `valid_from` until the next policy of the same unit.

    Set at a federation, or at a sector union (SPA) where its dues differ: a member's policy is the
    one of the deepest unit above their union that has a policy in force.
    """

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage of wage")
        FLAT = "flat", _("Flat monthly amount")

    unit = models.ForeignKey("organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"), help_text=_("The first day of a month."))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    rate_basis_points = models.PositiveIntegerField(
        _("rate (basis points)"), null=True, blank=True, help_text=_("100 basis points are one percent of the wage.")
    )
    flat_amount = money(_("flat amount"), null=True, blank=True)
    floor_amount = money(_("minimum"), null=True, blank=True)
    cap_amount = money(_("maximum"), null=True, blank=True)
    entry_fee_amount = money(_("entry fee"), default=0)
    rounding = models.CharField(_("rounding"), max_length=8, choices=Rounding.choices, default=Rounding.HALF_UP)
    rounding_step = models.PositiveIntegerField(
        _("round to a multiple of (Rupiah)"), default=1, help_text=_("1 for whole Rupiah, 100 or 1,000 for coins.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("dues policy")
        verbose_name_plural = _("dues policies")
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="dues_policy_one_per_start"),
            models.CheckConstraint(
                condition=Q(kind="flat", flat_amount__isnull=False)
                | Q(kind="percent", rate_basis_points__isnull=False),
                name="dues_policy_kind_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.valid_from:%Y-%m}"


class AllocationRule(models.Model):
    """How a union's collected dues are shared between the levels of its federation, and what the
    federation owes the confederation (the levy), from `valid_from` until the next rule of the unit.

    `mode` says who the money goes to first: in DIRECT mode the employer (or the PUK) pays each
    level its share; in CENTRALISED mode the PUK pays everything to the collecting level (FSPMI:
    the national board since 2022), which then distributes. The shares are the same either way.
    """

    class Mode(models.TextChoices):
        DIRECT = "direct", _("Each level receives its share directly")
        CENTRALISED = "centralised", _("Centralised: paid to one level, which distributes")

    class LevyKind(models.TextChoices):
        NONE = "none", _("No levy")
        PER_CAPITA = "per_capita", _("Per member per month")
        PERCENT = "percent", _("Percentage of dues due")

    unit = models.ForeignKey("organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"), help_text=_("The first day of a month."))
    mode = models.CharField(_("payment route"), max_length=12, choices=Mode.choices, default=Mode.CENTRALISED)
    collector_level = models.ForeignKey(
        "organisation.Level",
        verbose_name=_("collecting level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Centralised route only: the level the plant union pays."),
    )
    levy_kind = models.CharField(_("levy to the confederation"), max_length=12, choices=LevyKind.choices)
    levy_amount = money(_("levy per member"), null=True, blank=True)
    levy_basis_points = models.PositiveIntegerField(_("levy (basis points)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation rule")
        verbose_name_plural = _("allocation rules")
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="dues_allocation_one_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.valid_from:%Y-%m}"


class AllocationShare(models.Model):
    """One level's share of an allocation rule, in basis points (the shares of a rule total 10,000)."""

    rule = models.ForeignKey(AllocationRule, on_delete=models.CASCADE, related_name="shares")
    level = models.ForeignKey("organisation.Level", verbose_name=_("level"), on_delete=models.PROTECT, related_name="+")
    basis_points = models.PositiveIntegerField(_("share (basis points)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["rule", "position"]
        constraints = [models.UniqueConstraint(fields=["rule", "level"], name="dues_share_one_per_level")]


class StandingRule(models.Model):
    """When a member stops being paid-up, and when a union is flagged for sanction, from `valid_from`."""

    unit = models.ForeignKey("organisation.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("valid from"))
    member_grace_months = models.PositiveSmallIntegerField(
        _("months a member may be behind and still be paid-up"), default=2
    )
    unit_sanction_months = models.PositiveSmallIntegerField(
        _("months of arrears after which a union is flagged"), default=3
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["unit", "valid_from"], name="dues_standing_one_per_start")]


class Authorisation(models.Model):
    """A member's signed power of attorney (surat kuasa) for an employer to deduct dues from their wage.

    KEP.187/MEN/X/2004 Pasal 5: the employer may deduct only on this basis; a member who leaves the
    union revokes it. `unit` is the member's union when signed (copied for scoping and indexes).
    """

    membership = models.ForeignKey(
        "membership.Membership", verbose_name=_("membership"), on_delete=models.PROTECT, related_name="authorisations"
    )
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(
        "organisation.Employer", verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("signed on"))
    document = models.FileField(_("scanned document"), upload_to="dues/authorisations/%Y/%m/", blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("deduction authorisation")
        verbose_name_plural = _("deduction authorisations")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "employer"],
                condition=Q(revoked_on__isnull=True),
                name="dues_one_open_authorisation",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=models.F("signed_on")),
                name="dues_authorisation_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["unit", "employer"], name="dues_authorisation_unit")]


class EmployerLetter(models.Model):
    """A letter to an employer: the check-off notification KEP.187/2004 Pasal 4 requires, or the notice
    that a member revoked their authorisation. `content` is the snapshot the PDF is rendered from, so
    the letter reads the same whenever it is printed again."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Check-off notification")
        REVOCATION = "revocation", _("Revocation notice")

    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey("organisation.Employer", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    number = models.CharField(_("letter number"), max_length=80)
    issued_on = models.DateField(_("issued on"))
    authorisation = models.ForeignKey(Authorisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField(default=dict)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "number"], name="dues_letter_number_unique")]


class Remittance(models.Model):
    """One employer's check-off for one union and month: the deduction file and the transfers received."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being reconciled")
        RECONCILED = "reconciled", _("Reconciled")

    unit = models.ForeignKey("organisation.Unit", verbose_name=_("union"), on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(
        "organisation.Employer", verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(_("month"))
    filename = models.CharField(_("file"), max_length=255, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    lines_count = models.PositiveIntegerField(default=0)
    deducted_amount = money(_("deducted (file total)"), default=0)
    expected_amount = money(_("expected"), default=0)
    received_amount = money(_("received"), default=0)
    refund_amount = money(_("to refund"), default=0)
    outcome_counts = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    reconciled_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("remittance")
        verbose_name_plural = _("remittances")
        ordering = ["-month", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "employer", "month"], name="dues_remittance_one_per_month")
        ]
        indexes = [models.Index(fields=["month", "unit"], name="dues_remittance_month")]


class RemittanceLine(models.Model):
    """One line of an employer's deduction file, and what reconciliation made of it."""

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Matched")
        NOT_MEMBER = "not_member", _("Not an active member: refund")
        NO_AUTHORISATION = "no_authorisation", _("No authorisation: refund")
        AMOUNT_DIFFERS = "amount_differs", _("Amount differs from the policy")
        WAGE_MISSING = "wage_missing", _("Wage missing")
        DUPLICATE = "duplicate", _("Duplicate line")

    # No database-level foreign keys on the rows reconciliation writes by the hundred thousand
    # (ADR 0023): Django's on_delete still applies. No index of its own on `remittance`: the
    # (remittance, outcome) index serves every look-up by remittance.
    remittance = models.ForeignKey(
        Remittance, on_delete=models.CASCADE, related_name="lines", db_index=False, db_constraint=False
    )
    row = models.PositiveIntegerField(_("row"))
    employee_number = models.CharField(_("employee number"), max_length=40, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    wage_amount = money(_("wage"), null=True, blank=True)
    deducted_amount = money(_("deducted"))
    expected_amount = money(_("expected"), null=True, blank=True)
    membership = models.ForeignKey(
        "membership.Membership", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)

    objects = RemittancePartQuerySet.as_manager()

    class Meta:
        ordering = ["remittance", "row"]
        # `membership` has its foreign key's index (PROTECT looks lines up by membership).
        indexes = [models.Index(fields=["remittance", "outcome"], name="dues_line_outcome")]


class BankTransfer(models.Model):
    """Money received for a remittance (one or several transfers)."""

    remittance = models.ForeignKey(Remittance, on_delete=models.PROTECT, related_name="transfers")
    received_on = models.DateField(_("received on"))
    amount = money(_("amount"))
    reference = models.CharField(_("bank reference"), max_length=80, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RemittancePartQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "id"]


class ReconciliationException(models.Model):
    """Something in a remittance that a treasurer must look at, and what they did about it."""

    class Kind(models.TextChoices):
        NOT_MEMBER = "not_member", _("Deducted from someone who is not an active member")
        NO_AUTHORISATION = "no_authorisation", _("Deducted without an authorisation")
        NOT_DEDUCTED = "not_deducted", _("Active authorised member not deducted")
        AMOUNT_DIFFERS = "amount_differs", _("Amount differs from the policy for the stated wage")
        WAGE_MISSING = "wage_missing", _("Wage missing")
        DUPLICATE = "duplicate", _("Duplicate line")
        TRANSFER_MISMATCH = "transfer_mismatch", _("Transfers differ from the file total")
        LATE = "late", _("Paid after the 10th of the following month")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    class Action(models.TextChoices):
        REFUND = "refund", _("Refund to the worker")
        ACCEPT = "accept", _("Accept as it is")
        CHASE_EMPLOYER = "chase_employer", _("Ask the employer to correct it")
        MEMBER_UPDATED = "member_updated", _("Registry corrected")
        WAIVE = "waive", _("Waive for this month")

    remittance = models.ForeignKey(Remittance, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # No database-level foreign key to the line (ADR 0023): PostgreSQL would check it for every line
    # a re-imported file deletes, not only for the few lines with an exception.
    line = models.ForeignKey(
        RemittanceLine, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    membership = models.ForeignKey(
        "membership.Membership", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = money(_("amount"), null=True, blank=True)
    expected_amount = money(_("expected"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = RemittancePartQuerySet.as_manager()

    class Meta:
        ordering = ["remittance", "status", "id"]
        indexes = [models.Index(fields=["remittance", "status"], name="dues_exception_status")]


class Contribution(models.Model):
    """What one membership owed for one month and what was deducted for it: the member's dues ledger.

    `unit` is the union the member belonged to that month (copied: later transfers do not rewrite
    history). Written set-based by reconciliation (the remittance's union) and by the month's
    allocation run (everyone else who owed the month, with nothing paid).
    """

    # No single-column indexes on membership and unit: the unique (membership, month) and the
    # (unit, month) index serve those look-ups, and every index costs the month's bulk insert.
    # No database-level foreign keys either (ADR 0023): reconciliation and the month's allocation
    # write these rows by the hundred thousand, and PostgreSQL checks a foreign key row by row.
    membership = models.ForeignKey(
        "membership.Membership",
        on_delete=models.PROTECT,
        related_name="contributions",
        db_index=False,
        db_constraint=False,
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    month = models.DateField(_("month"))
    expected_amount = money(_("due"))
    paid_amount = money(_("paid"), default=0)
    remittance = models.ForeignKey(
        Remittance, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["membership", "-month"]
        constraints = [models.UniqueConstraint(fields=["membership", "month"], name="dues_contribution_one_per_month")]
        indexes = [models.Index(fields=["unit", "month"], name="dues_contribution_unit_month")]


class AllocationRun(models.Model):
    """One federation's month, shared out: per union and level, the amounts due and received.

    Running a month again replaces its entries (the run is idempotent); the ledger posts the
    difference (docs/dues.md, "Designed for the books")."""

    federation = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))
    rule = models.ForeignKey(AllocationRule, on_delete=models.PROTECT, related_name="+")
    members_count = models.PositiveIntegerField(default=0)
    due_amount = money(_("due"), default=0)
    received_amount = money(_("received"), default=0)
    # Members who owed the month but whose dues could not be priced (no policy in force, or a
    # percentage policy and no wage in the registry): they have no contribution row.
    unpriced_count = models.PositiveIntegerField(default=0)
    # 1 for the first run of the month, one more for each re-run: the ledger posts each revision once.
    revision = models.PositiveIntegerField(default=1)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField(auto_now=True)

    objects = FederationQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "federation"]
        constraints = [models.UniqueConstraint(fields=["federation", "month"], name="dues_run_one_per_month")]


class AllocationEntry(models.Model):
    """One level's part of one union's month: `source_unit` collected, `recipient_unit` is due.

    `recipient_unit` is null when the union has no unit at that level (e.g. no KC in its regency);
    docs/dues.md says where such a share goes."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="entries")
    month = models.DateField()
    # The (source_unit, month) and (recipient_unit, month) indexes serve the unit look-ups.
    source_unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+", db_index=False)
    level = models.ForeignKey("organisation.Level", on_delete=models.PROTECT, related_name="+")
    recipient_unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    due_amount = money(_("due"))
    received_amount = money(_("received"))

    objects = AllocationEntryQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["source_unit", "month"], name="dues_entry_source"),
            models.Index(fields=["recipient_unit", "month"], name="dues_entry_recipient"),
        ]


class UnionMonth(models.Model):
    """One union's month as the allocation run found it: members with a contribution, due, received.

    A rollup written by `run_allocation` beside the entries (one row per union instead of one per
    union and level), so that arrears and standing read a few rows per union, never the members'."""

    run = models.ForeignKey(AllocationRun, on_delete=models.CASCADE, related_name="unions")
    federation = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+", db_index=False)
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+", db_index=False)
    month = models.DateField()
    members_count = models.PositiveIntegerField(default=0)
    due_amount = money(_("due"))
    received_amount = money(_("received"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="dues_union_month_one")]
        indexes = [
            models.Index(fields=["federation", "month"], name="dues_union_month_federation"),
            models.Index(fields=["unit", "month"], name="dues_union_month_unit"),
        ]


class Levy(models.Model):
    """A federation's levy to the confederation for one month, and what it has paid of it."""

    run = models.OneToOneField(AllocationRun, on_delete=models.CASCADE, related_name="levy")
    federation = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    members_count = models.PositiveIntegerField(default=0)
    due_amount = money(_("due"))
    paid_amount = money(_("paid"), default=0)

    objects = FederationQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "federation"]
        indexes = [models.Index(fields=["federation", "month"], name="dues_levy_federation")]
