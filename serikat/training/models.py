"""Training packages: from production-group meetings to print-ready editions, print runs,
distribution to units and feedback from the field into the next edition.

The chain (docs/training.md says it in words):

    ProductionMeeting ──inputs──▶ Package ─▶ Module ─▶ Session ─▶ AssessmentQuestion
                                     │  ▲ review threads, stage changes, alignment checks
                                     ▼  │ accepted feedback shows in the next draft
                                  Edition (immutable snapshot) ─▶ Rendition (PDF, reading version)
                                     │                                   ▲
                                     ▼                                   │
                                  PrintRun ─▶ Consignment ─▶ StockMovement (per unit)    Feedback

A *section* of a package is a module, or a session of a module: review threads, meeting inputs and
feedback point at (module, session or none). Rich text is stored as sanitised HTML (see
serikat.training.richtext); everything that prints is rendered from an edition's snapshot, never
from the live draft.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serikat.core.scoping import ScopedQuerySet
from serikat.training.querysets import (
    ConsignmentQuerySet,
    MeetingQuerySet,
    PackageQuerySet,
    ThroughEditionQuerySet,
    ThroughModuleQuerySet,
    ThroughPackageQuerySet,
)

USER = settings.AUTH_USER_MODEL


def rich_text(verbose_name: str, **kwargs):
    """Sanitised HTML written in the editor (serikat.training.richtext.clean_html before saving)."""
    return models.TextField(verbose_name, blank=True, **kwargs)


class Theme(models.TextChoices):
    FREEDOM_OF_ASSOCIATION = "foa", _("Freedom of association")
    OSH = "osh", _("Occupational safety and health (K3)")
    GENDER = "gender", _("Gender equality and inclusion")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    """Where a package's current draft stands. After a release it goes back to drafting for the
    next edition; the released edition itself never changes."""

    DRAFTING = "drafting", _("Drafting")
    PRODUCTION_REVIEW = "production_review", _("Production group review")
    FINALISATION = "finalisation", _("Finalisation")
    ALIGNMENT = "alignment", _("Alignment")
    APPROVED = "approved", _("Approved")
    RELEASED = "released", _("Released")


class Package(models.Model):
    """A training package: a theme, an audience, learning objectives and an ordered set of modules,
    owned by the unit whose education department makes it."""

    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField(_("code"), max_length=32, help_text=_("Short and stable, e.g. KB-01."))
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    summary = rich_text(_("summary"))
    implementation_guide = rich_text(
        _("implementation guide"), help_text=_("For trainers: preparation, running the training, follow-up.")
    )
    stated_minutes = models.PositiveIntegerField(
        _("stated total duration (minutes)"),
        null=True,
        blank=True,
        help_text=_("Alignment checks the sessions against it."),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFTING)
    stage_changed_at = models.DateTimeField(_("stage changed at"), null=True, blank=True)
    current_edition = models.ForeignKey(
        "training.Edition",
        verbose_name=_("current edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.PositiveIntegerField(
        _("revision"), default=1, help_text=_("Raised by every change of content; guards against lost edits.")
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("training package")
        verbose_name_plural = _("training packages")
        ordering = ["title", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="training_package_code_per_unit")]

    def __str__(self) -> str:
        return self.title


class LearningObjective(models.Model):
    """What a participant can do after the package. Sessions say which objectives they cover."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField(_("position"))
    text = models.CharField(_("objective"), max_length=400)

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning objective")
        verbose_name_plural = _("learning objectives")
        ordering = ["package", "position", "id"]

    def __str__(self) -> str:
        return self.text


class GlossaryTerm(models.Model):
    """A term the package uses one way only. `variants` are spellings or synonyms to avoid
    (one per line); alignment lists every section that uses one."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("definition"), blank=True)
    variants = models.TextField(_("variants to avoid"), blank=True, help_text=_("One per line."))

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["package", "term"]
        constraints = [models.UniqueConstraint(fields=["package", "term"], name="training_term_once_per_package")]

    def __str__(self) -> str:
        return self.term

    def variant_list(self) -> list[str]:
        return [v.strip() for v in self.variants.splitlines() if v.strip()]


class Module(models.Model):
    """A module of a package: an introduction and an ordered set of sessions."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    introduction = rich_text(_("introduction"))

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["package", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Method(models.TextChoices):
    """Participatory methods a session can use (adult education as the unions practise it)."""

    GROUP_DISCUSSION = "group_discussion", _("Group discussion")
    CASE_STUDY = "case_study", _("Case study")
    ROLE_PLAY = "role_play", _("Role play")
    BRAINSTORM = "brainstorm", _("Brainstorming")
    SIMULATION = "simulation", _("Simulation or game")
    FIELD_VISIT = "field_visit", _("Workplace walk-through")
    INTERACTIVE_TALK = "interactive_talk", _("Interactive presentation")
    OTHER = "other", _("Other")


class Session(models.Model):
    """One session of a module (not a browser session): objectives, duration, method, activities,
    materials, a handout for participants, notes for the trainer and assessment questions."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    objectives = models.ManyToManyField(
        LearningObjective, verbose_name=_("objectives covered"), blank=True, related_name="sessions"
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=0)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.GROUP_DISCUSSION)
    activities = rich_text(_("activities"))
    materials = models.TextField(_("materials needed"), blank=True, help_text=_("Flip chart, markers, ..."))
    handout = rich_text(_("participant handout"))
    facilitator_notes = rich_text(_("notes for the trainer"), help_text=_("Printed in the trainer's guide only."))

    objects = ThroughModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["module", "position", "id"]

    def __str__(self) -> str:
        return self.title


class AssessmentQuestion(models.Model):
    """A question that checks a session's objectives; the answer guide goes in the trainer's guide."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open question")
        CHOICE = "choice", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OPEN)
    text = models.TextField(_("question"))
    options = models.JSONField(_("options"), default=list, blank=True)
    answer_guide = models.TextField(_("answer guide"), blank=True)

    class Meta:
        verbose_name = _("assessment question")
        verbose_name_plural = _("assessment questions")
        ordering = ["session", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ContentImage(models.Model):
    """An image placed in a package's rich text, served only to those who may see the package."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("file"), upload_to="training/images/%Y/%m/")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    alt_text = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")


class StageChange(models.Model):
    """Who moved a package from one stage to the next, when, and why."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        ordering = ["package", "-changed_at", "-id"]


# --- the production process ----------------------------------------------------------------------


class Trainer(models.Model):
    """A trainer of the pool: mostly alumni of the Training of Trainers programme (TTM). The pool
    itself (certification, lineage) is capability M10; here it is who may sit in a production group."""

    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("home unit"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    member = models.ForeignKey(
        "membership.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "organisation.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ttm_completed_on = models.DateField(_("TTM completed on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ProductionMeeting(models.Model):
    """A production-group meeting (or its follow-up) where federation representatives and TTM
    alumni bring what a package needs: needs per sector, structural obstacles, delivery approaches."""

    class Kind(models.TextChoices):
        PRODUCTION_GROUP = "production_group", _("Production group meeting")
        FOLLOW_UP = "follow_up", _("Follow-up meeting (finalisation and alignment)")
        OTHER = "other", _("Other meeting")

    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRODUCTION_GROUP)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    packages = models.ManyToManyField(Package, verbose_name=_("packages"), related_name="meetings", blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("production meeting")
        verbose_name_plural = _("production meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class MeetingParticipant(models.Model):
    """Someone at a meeting, with the federation (or unit) and sector they speak for."""

    class Role(models.TextChoices):
        FEDERATION_REPRESENTATIVE = "federation", _("Federation representative")
        TTM_ALUMNUS = "ttm_alumnus", _("TTM alumnus")
        FACILITATOR = "facilitator", _("Facilitator")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(ProductionMeeting, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.FEDERATION_REPRESENTATIVE)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("represents"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector = models.ForeignKey(
        "organisation.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    trainer = models.ForeignKey(
        Trainer, verbose_name=_("trainer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "name", "id"]

    def __str__(self) -> str:
        return self.name


class MeetingInput(models.Model):
    """What a meeting brought: a need, an obstacle or an approach, for a sector or for all, and the
    sections of the package it shaped (InputLink)."""

    class Kind(models.TextChoices):
        NEED = "need", _("Need")
        OBSTACLE = "obstacle", _("Structural obstacle")
        APPROACH = "approach", _("Delivery approach")

    meeting = models.ForeignKey(ProductionMeeting, on_delete=models.CASCADE, related_name="inputs")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sector = models.ForeignKey(
        "organisation.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("what was said"))
    raised_by = models.ForeignKey(
        MeetingParticipant,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting input")
        verbose_name_plural = _("meeting inputs")
        ordering = ["meeting", "kind", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class InputLink(models.Model):
    """An input shaped this section (a module, or one of its sessions)."""

    input = models.ForeignKey(MeetingInput, on_delete=models.CASCADE, related_name="links")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="input_links")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE, related_name="input_links")
    linked_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["input", "module", "session"], name="training_input_link_once"),
            models.UniqueConstraint(
                fields=["input", "module"], condition=Q(session__isnull=True), name="training_input_module_link_once"
            ),
        ]


# --- review --------------------------------------------------------------------------------------


class ReviewRound(models.Model):
    """A numbered round in which reviewers comment on a package's draft until it closes."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="review_rounds")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["package", "number"]
        constraints = [models.UniqueConstraint(fields=["package", "number"], name="training_round_number_once")]


class ReviewThread(models.Model):
    """A conversation about one section, opened in a review round, until someone resolves it."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="threads")
    round = models.ForeignKey(ReviewRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="threads")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE, related_name="threads")
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    resolution = models.CharField(_("resolution"), max_length=500, blank=True)

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("review thread")
        verbose_name_plural = _("review threads")
        ordering = ["package", "-opened_at", "-id"]
        indexes = [models.Index(fields=["package", "resolved_at"], name="training_thread_open")]


class ReviewComment(models.Model):
    """One comment of a thread; the first opens it."""

    thread = models.ForeignKey(ReviewThread, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("comment"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["thread", "created_at", "id"]


# --- editions ------------------------------------------------------------------------------------


class Edition(models.Model):
    """An immutable, numbered release of a package: the content snapshot every rendition is made
    from, with the renderer's version recorded (a newer renderer must never silently re-paginate a
    printed edition)."""

    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="editions")
    number = models.PositiveIntegerField(_("edition"))
    title = models.CharField(_("title"), max_length=200)
    snapshot = models.JSONField(_("content snapshot"))
    content_sha256 = models.CharField(max_length=64)
    renderer = models.JSONField(_("renderer"), default=dict, help_text=_("Engine and template versions."))
    release_notes = models.TextField(_("release notes"), blank=True)
    released_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(auto_now_add=True)

    objects = ThroughPackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["package", "-number"]
        constraints = [models.UniqueConstraint(fields=["package", "number"], name="training_edition_number_once")]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"


class Rendition(models.Model):
    """One document made from an edition's snapshot: the participant book, the trainer's guide (PDF,
    A4 or A5, optionally with bleed and crop marks for the printer) or the reading version (HTML)."""

    class Kind(models.TextChoices):
        PARTICIPANT_BOOK = "participant_book", _("Participant book")
        TRAINER_GUIDE = "trainer_guide", _("Trainer's guide")
        READING = "reading", _("Reading version")

    class Paper(models.TextChoices):
        A4 = "a4", "A4"
        A5 = "a5", "A5"
        SCREEN = "screen", _("Screen")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="renditions")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    paper = models.CharField(_("paper"), max_length=8, choices=Paper.choices)
    bleed_mm = models.PositiveSmallIntegerField(_("bleed (mm)"), default=0)
    crop_marks = models.BooleanField(_("crop marks"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="training/editions/%Y/", blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    renderer_version = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ThroughEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        ordering = ["edition", "kind", "paper"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "paper", "bleed_mm", "crop_marks"], name="training_rendition_once"
            )
        ]


# --- print runs and distribution -----------------------------------------------------------------


class PrintRun(models.Model):
    """Copies of an edition printed for a unit (the confederation, or a federation reproducing it)."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="print_runs")
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("ordered by"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("document"), max_length=20, choices=Rendition.Kind.choices[:2])
    printer = models.CharField(_("printer"), max_length=200)
    quantity = models.PositiveIntegerField(_("copies"))
    cost_amount = models.DecimalField(_("cost (Rupiah)"), max_digits=14, decimal_places=0, default=0)
    ordered_on = models.DateField(_("ordered on"))
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("print run")
        verbose_name_plural = _("print runs")
        ordering = ["-ordered_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="training_print_run_copies")]


class Consignment(models.Model):
    """Copies sent from one unit's stock to another unit: planned, shipped, received (confirmed by
    an officer of the receiving unit, with the number that actually arrived)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SHIPPED = "shipped", _("Shipped")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="consignments")
    kind = models.CharField(_("document"), max_length=20, choices=Rendition.Kind.choices[:2])
    from_unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey("organisation.Unit", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("copies"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    shipped_on = models.DateField(_("shipped on"), null=True, blank=True)
    carrier = models.CharField(_("carrier and reference"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_quantity = models.PositiveIntegerField(_("copies received"), null=True, blank=True)
    received_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    receipt_note = models.CharField(_("note on receipt"), max_length=300, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consignment")
        verbose_name_plural = _("consignments")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to_unit", "edition"], name="training_consignment_to"),
            models.Index(fields=["from_unit", "edition"], name="training_consignment_from"),
        ]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="training_consignment_copies")]


class StockMovement(models.Model):
    """The stock ledger: copies of an edition coming into or going out of a unit. A unit's stock is
    the sum of its movements; nothing is ever updated in place."""

    class Kind(models.TextChoices):
        PRINTED = "printed", _("Delivered by the printer")
        SHIPPED = "shipped", _("Sent to another unit")
        RECEIVED = "received", _("Received from another unit")
        HANDED_OUT = "handed_out", _("Handed out at a training")
        ADJUSTED = "adjusted", _("Stock count correction")

    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("movement"), max_length=12, choices=Kind.choices)
    document = models.CharField(_("document"), max_length=20, choices=Rendition.Kind.choices[:2])
    quantity = models.IntegerField(_("copies"), help_text=_("Positive in, negative out."))
    print_run = models.ForeignKey(PrintRun, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    consignment = models.ForeignKey(Consignment, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["unit", "edition"], name="training_stock_unit_edition")]


# --- feedback ------------------------------------------------------------------------------------


class Feedback(models.Model):
    """A short report from the field, anchored to an edition and a section of it. Triage accepts,
    declines or defers it with a reason; an accepted item shows in the next draft of its section
    until an author marks it addressed (the next release records which edition addressed it)."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DEFERRED = "deferred", _("Deferred")

    class FromRole(models.TextChoices):
        TRAINER = "trainer", _("Trainer")
        PARTICIPANT = "participant", _("Participant")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="feedback")
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("from unit"), on_delete=models.PROTECT, related_name="+"
    )
    module = models.ForeignKey(Module, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    section_title = models.CharField(_("section"), max_length=300, help_text=_("As the edition printed it."))
    from_role = models.CharField(_("sent as"), max_length=12, choices=FromRole.choices, default=FromRole.TRAINER)
    body = models.TextField(_("feedback"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    triaged_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    triaged_at = models.DateTimeField(null=True, blank=True)
    addressed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    addressed_at = models.DateTimeField(null=True, blank=True)
    addressed_in = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.PROTECT, related_name="addressed_feedback"
    )

    objects = ThroughEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["module", "status"], name="training_feedback_section")]
