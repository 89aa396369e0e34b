"""The organisation: the unit tree, its levels, regions, employers, workplaces and officers.

Docs for officers and developers: docs/models/organisation/*.md.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager

from serikat.organisation.querysets import (
    EmployerQuerySet,
    OfficerTermQuerySet,
    UnitQuerySet,
    UnitWorkplaceQuerySet,
    WorkplaceQuerySet,
)


class Region(models.Model):
    """A province, regency (kabupaten), city (kota) or district (kecamatan) with its Kemendagri code.

    Codes use the dotted official form: "32" (Jawa Barat), "32.16" (Kabupaten Bekasi),
    "32.16.01". Loaded by `manage.py load_regions` from the idn-area-data package.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    source = models.CharField(_("source"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "name"], name="region_kind_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2]


class Sector(models.Model):
    """An industry sector (metal, electronics, garment, health, ...) for employers and workplaces."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "id").startswith("en") else self.name


class Level(models.Model):
    """A level of one affiliate's structure, with the affiliate's own name for it.

    FSPMI names DPP, DPW, KC (territorial axis) and PP SPA, PC, PUK (sector axis); other federations
    DPP, DPD, DPC, PUK. `allowed_parents` says under which levels a unit of this level may hang.
    """

    class Axis(models.TextChoices):
        NATIONAL = "national", _("National")
        TERRITORIAL = "territorial", _("Territorial")
        SECTOR = "sector", _("Sector")

    federation = models.ForeignKey(
        "Unit",
        verbose_name=_("federation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="levels",
    )
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=100)
    axis = models.CharField(_("axis"), max_length=12, choices=Axis.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("0 for the top level, larger below."))
    is_plant = models.BooleanField(_("plant-level union"), default=False)
    allowed_parents = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="allowed_children")

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["federation_id", "rank", "code"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "code"], name="level_code_per_federation"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(federation__isnull=True), name="level_code_confederation"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class UnitManager(MP_NodeManager.from_queryset(UnitQuerySet)):  # type: ignore[misc]
    """Treebeard's tree operations plus our queryset methods (visible_to, search, ...)."""

    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node):
    """A body of the movement: the confederation, a federation, a council, a branch or a plant union.

    The tree (`path`) follows each affiliate's line of command; for FSPMI a plant union (PUK) hangs
    under its sector branch (PC). `territory` is the territorial council (KC/DPC) the unit sits in,
    and `territory_path` copies that council's path so that scoping along the territorial axis is
    one indexed prefix match (see serikat.core.scoping).
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        DISSOLVED = "dissolved", _("Dissolved")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.ForeignKey(Level, verbose_name=_("level"), on_delete=models.PROTECT, related_name="units")
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=100,
        blank=True,
        help_text=_("Nomor pencatatan issued by the labour office (Disnaker)."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    territory = models.ForeignKey(
        "self",
        verbose_name=_("territorial council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="territorial_members",
    )
    territory_path = models.CharField(max_length=255, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitManager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            # Prefix matches (LIKE 'p%') on `path` use the index Django creates for the unique path
            # (with pattern ops on PostgreSQL); territory_path needs its own.
            models.Index(fields=["territory_path"], name="unit_territory_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name"], name="unit_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def federation_path(self) -> str:
        """The path of the federation this unit belongs to (the ancestor at depth 2)."""
        return self.path[: 2 * self.steplen]

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]


class Employer(models.Model):
    """A company that employs members. `unit` is the unit that registered and maintains it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    business_number = models.CharField(_("business number (NIB)"), max_length=32, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(
        Region,
        verbose_name=_("head office region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.TextField(_("head office address"), blank=True)
    letters_attention = models.CharField(
        _("letters to the attention of"),
        max_length=200,
        blank=True,
        help_text=_("Who letters go to, e.g. Manajer Personalia / HRD (the default when empty)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    unit = models.ForeignKey(Unit, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="employers")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["name"], name="employer_name")]

    def __str__(self) -> str:
        return self.name


class Workplace(models.Model):
    """A plant, office or site of an employer, where a plant union organises."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="workplaces"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT)
    workforce_size = models.PositiveIntegerField(_("workforce size"), null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="workplaces")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkplaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        indexes = [models.Index(fields=["employer", "name"], name="workplace_employer")]

    def __str__(self) -> str:
        return f"{self.employer.name} – {self.name}" if self.employer_id else self.name


class UnitWorkplace(models.Model):
    """A plant union organises at a workplace (from `since_on`, until `until_on` if it stopped)."""

    unit = models.ForeignKey(Unit, verbose_name=_("union"), on_delete=models.PROTECT, related_name="workplace_links")
    workplace = models.ForeignKey(
        Workplace, verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="unit_links"
    )
    since_on = models.DateField(_("since"), null=True, blank=True)
    until_on = models.DateField(_("until"), null=True, blank=True)

    objects = UnitWorkplaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("workplace link")
        verbose_name_plural = _("workplace links")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "workplace"], condition=Q(until_on__isnull=True), name="one_open_link_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(until_on__isnull=True) | Q(since_on__isnull=True) | Q(until_on__gte=F("since_on")),
                name="link_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["workplace", "unit"], name="link_workplace_unit")]


class Position(models.Model):
    """An office on a union board: Ketua, Sekretaris, Bendahara, their deputies, portfolio heads."""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
        TREASURER = "treasurer", _("Treasurer")
        DEPUTY_TREASURER = "deputy_treasurer", _("Deputy treasurer")
        PORTFOLIO = "portfolio", _("Portfolio head")
        MEMBER = "member", _("Board member")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    rank = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class OfficerTerm(models.Model):
    """A person holds a position at a unit for a term (started_on .. ended_on)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="officer_terms")
    position = models.ForeignKey(Position, verbose_name=_("position"), on_delete=models.PROTECT)
    portfolio = models.CharField(_("portfolio"), max_length=100, blank=True)
    person_name = models.CharField(_("name"), max_length=150)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    decree_number = models.CharField(_("decree (SK) number"), max_length=100, blank=True)
    started_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term due to end"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficerTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("officer term")
        verbose_name_plural = _("officer terms")
        ordering = ["position__rank", "person_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")), name="term_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("started_on")), name="term_due_after_start"
            ),
        ]
        indexes = [models.Index(fields=["unit", "ended_on"], name="officer_unit_current")]

    def __str__(self) -> str:
        return f"{self.position.name}: {self.person_name}"
