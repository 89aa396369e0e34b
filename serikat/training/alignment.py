"""Alignment: the checks across a package's modules before it may be approved (docs/training.md,
section 3). The answer is a list of problems to fix, each naming the module, session, objective or
term and linking to the page where it is fixed; approval is refused while any remain.

The checks cost a constant number of queries, whatever the size of the package (or of the list of
packages, for the badges of the home page): objectives, terms, modules, sessions with their
question counts, and the session-objective links, each read once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from serikat.training.models import GlossaryTerm, LearningObjective, Module, Package, Session
from serikat.training.richtext import plain_text

# Problem codes (stable: the API and the tests use them).
NO_OBJECTIVES = "no-objectives"
NO_MODULES = "no-modules"
OBJECTIVE_NOT_COVERED = "objective-not-covered"
NO_STATED_TOTAL = "no-stated-total"
DURATION_MISMATCH = "duration-mismatch"
GLOSSARY_VARIANT = "glossary-variant"
SESSION_WITHOUT_ASSESSMENT = "session-without-assessment"
SESSION_WITHOUT_OBJECTIVE = "session-without-objective"
SESSION_ZERO_DURATION = "session-zero-duration"
EMPTY_MODULE = "empty-module"
MODULE_WITHOUT_SESSIONS = "module-without-sessions"


@dataclass(frozen=True)
class Problem:
    """One thing to fix before approval, with where to fix it."""

    code: str
    message: str
    target: str  # the URL of the page where it is fixed (with a fragment where useful)
    module_id: int | None = None
    session_id: int | None = None
    objective_id: int | None = None
    term_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _words(variant: str) -> re.Pattern[str]:
    # Word boundaries that also hold for words ending in a non-letter ("K3", "P2K3") and across
    # the letters of Bahasa Indonesia: not preceded or followed by a letter or digit.
    return re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)", re.IGNORECASE)


def _package_url(package_id: int, fragment: str = "") -> str:
    return reverse("training:package", args=[package_id]) + (f"#{fragment}" if fragment else "")


def check_alignment(package: Package) -> list[Problem]:
    """The alignment problems of one package, in the order of the package (see the module docstring)."""
    return check_alignment_many([package])[package.pk]


def check_alignment_many(packages: Iterable[Package]) -> dict[int, list[Problem]]:
    """Alignment problems per package id, for many packages at once, in five queries."""
    packages = list(packages)
    ids = [p.pk for p in packages]
    objectives: dict[int, list[LearningObjective]] = defaultdict(list)
    for objective in LearningObjective.objects.filter(package_id__in=ids).order_by("package", "position", "id"):
        objectives[objective.package_id].append(objective)
    terms: dict[int, list[GlossaryTerm]] = defaultdict(list)
    for term in GlossaryTerm.objects.filter(package_id__in=ids).order_by("package", "term"):
        terms[term.package_id].append(term)
    modules: dict[int, list[Module]] = defaultdict(list)
    for module in Module.objects.filter(package_id__in=ids).order_by("package", "position", "id"):
        modules[module.package_id].append(module)
    sessions: dict[int, list[Session]] = defaultdict(list)
    rows = (
        Session.objects.filter(module__package_id__in=ids)
        .annotate(question_count=Count("questions"))
        .order_by("module__position", "module_id", "position", "id")
    )
    for session in rows:
        sessions[session.module_id].append(session)
    covered: dict[int, set[int]] = defaultdict(set)  # session id -> objective ids
    links = Session.objectives.through.objects.filter(session__module__package_id__in=ids)
    for session_id, objective_id in links.values_list("session_id", "learningobjective_id"):
        covered[session_id].add(objective_id)
    return {p.pk: _check(p, objectives[p.pk], terms[p.pk], modules[p.pk], sessions, covered) for p in packages}


def _check(
    package: Package,
    objectives: list[LearningObjective],
    terms: list[GlossaryTerm],
    modules: list[Module],
    sessions: dict[int, list[Session]],
    covered: dict[int, set[int]],
) -> list[Problem]:
    problems: list[Problem] = []
    edit_url = reverse("training:package_edit", args=[package.pk])
    objectives_url = reverse("training:objectives", args=[package.pk])
    if not objectives:
        problems.append(Problem(NO_OBJECTIVES, _("The package has no learning objectives yet."), objectives_url))
    if not modules:
        problems.append(Problem(NO_MODULES, _("The package has no modules yet."), _package_url(package.pk, "modules")))

    # Every objective covered by at least one session.
    all_sessions = [s for m in modules for s in sessions.get(m.pk, [])]
    reached = set().union(*(covered.get(s.pk, set()) for s in all_sessions)) if all_sessions else set()
    for number, objective in enumerate(objectives, start=1):
        if objective.pk not in reached:
            problems.append(
                Problem(
                    OBJECTIVE_NOT_COVERED,
                    _('Objective %(n)s "%(text)s" is not covered by any session.')
                    % {"n": number, "text": objective.text},
                    f"{objectives_url}#objective-{objective.pk}",
                    objective_id=objective.pk,
                )
            )

    # The sessions add up to the stated total.
    total = sum(s.duration_minutes for s in all_sessions)
    if package.stated_minutes is None:
        problems.append(
            Problem(
                NO_STATED_TOTAL,
                _("The package states no total duration; the sessions add up to %(total)s minutes.") % {"total": total},
                edit_url + "#id_stated_minutes",
                extra={"sessions_minutes": total},
            )
        )
    elif total != package.stated_minutes:
        difference = total - package.stated_minutes
        if difference < 0:
            detail = ngettext("%(d)s minute short", "%(d)s minutes short", -difference) % {"d": -difference}
        else:
            detail = ngettext("%(d)s minute too many", "%(d)s minutes too many", difference) % {"d": difference}
        problems.append(
            Problem(
                DURATION_MISMATCH,
                _("The sessions add up to %(total)s minutes; the package states %(stated)s (%(detail)s).")
                % {"total": total, "stated": package.stated_minutes, "detail": detail},
                edit_url + "#id_stated_minutes",
                extra={"sessions_minutes": total, "stated_minutes": package.stated_minutes, "difference": difference},
            )
        )

    # Module and session structure.
    for m_number, module in enumerate(modules, start=1):
        module_url = reverse("training:module", args=[module.pk])
        module_name = _("Module %(n)s “%(title)s”") % {"n": m_number, "title": module.title}
        own_sessions = sessions.get(module.pk, [])
        if not own_sessions:
            if plain_text(module.introduction):
                problems.append(
                    Problem(
                        MODULE_WITHOUT_SESSIONS,
                        _("%(module)s has no sessions.") % {"module": module_name},
                        module_url,
                        module_id=module.pk,
                    )
                )
            else:
                problems.append(
                    Problem(
                        EMPTY_MODULE,
                        _("%(module)s is empty: no introduction and no sessions.") % {"module": module_name},
                        module_url,
                        module_id=module.pk,
                    )
                )
        for s_number, session in enumerate(own_sessions, start=1):
            session_url = reverse("training:session", args=[session.pk])
            session_name = _("session %(m)s.%(s)s “%(title)s”") % {
                "m": m_number,
                "s": s_number,
                "title": session.title,
            }
            where = {"module_id": module.pk, "session_id": session.pk}
            if session.question_count == 0:
                problems.append(
                    Problem(
                        SESSION_WITHOUT_ASSESSMENT,
                        _("%(module)s, %(session)s has no assessment question.")
                        % {"module": module_name, "session": session_name},
                        session_url + "#questions",
                        **where,
                    )
                )
            if session.duration_minutes == 0:
                problems.append(
                    Problem(
                        SESSION_ZERO_DURATION,
                        _("%(module)s, %(session)s has no duration.")
                        % {"module": module_name, "session": session_name},
                        session_url + "#id_duration_minutes",
                        **where,
                    )
                )
            if objectives and not covered.get(session.pk):
                problems.append(
                    Problem(
                        SESSION_WITHOUT_OBJECTIVE,
                        _("%(module)s, %(session)s covers no learning objective.")
                        % {"module": module_name, "session": session_name},
                        session_url + "#objectives",
                        **where,
                    )
                )

    problems.extend(_glossary(package, terms, modules, sessions, edit_url))
    return problems


def _glossary(
    package: Package,
    terms: list[GlossaryTerm],
    modules: list[Module],
    sessions: dict[int, list[Session]],
    edit_url: str,
) -> list[Problem]:
    """A variant of a glossary term used in a section's text instead of the term."""
    if not terms:
        return []
    # (section name, link, module id, session id, plain text of all its rich-text fields)
    sections: list[tuple[str, str, int | None, int | None, str]] = [
        (
            _("the package summary and implementation guide"),
            edit_url,
            None,
            None,
            " ".join([plain_text(package.summary), plain_text(package.implementation_guide)]),
        )
    ]
    for m_number, module in enumerate(modules, start=1):
        module_name = _("Module %(n)s “%(title)s”") % {"n": m_number, "title": module.title}
        sections.append(
            (
                _("the introduction of %(module)s") % {"module": module_name},
                reverse("training:module", args=[module.pk]),
                module.pk,
                None,
                plain_text(module.introduction),
            )
        )
        for s_number, session in enumerate(sessions.get(module.pk, []), start=1):
            text = " ".join(
                plain_text(getattr(session, name)) for name in ("activities", "handout", "facilitator_notes")
            )
            sections.append(
                (
                    _("%(module)s, session %(m)s.%(s)s “%(title)s”")
                    % {"module": module_name, "m": m_number, "s": s_number, "title": session.title},
                    reverse("training:session", args=[session.pk]),
                    module.pk,
                    session.pk,
                    text,
                )
            )
    problems = []
    patterns = [(term, variant, _words(variant)) for term in terms for variant in term.variant_list()]
    for name, url, module_id, session_id, text in sections:
        if not text:
            continue
        for term, variant, pattern in patterns:
            found = pattern.findall(text)
            if found:
                problems.append(
                    Problem(
                        GLOSSARY_VARIANT,
                        ngettext(
                            '%(section)s uses "%(variant)s" once instead of the glossary term "%(term)s".',
                            '%(section)s uses "%(variant)s" %(count)s times instead of the glossary term "%(term)s".',
                            len(found),
                        )
                        % {
                            "section": name[:1].upper() + name[1:],
                            "variant": variant,
                            "term": term.term,
                            "count": len(found),
                        },
                        url,
                        module_id=module_id,
                        session_id=session_id,
                        term_id=term.pk,
                        extra={"variant": variant, "term": term.term, "count": len(found)},
                    )
                )
    return problems
