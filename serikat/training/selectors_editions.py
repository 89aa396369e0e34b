"""Read models of the edition screens and endpoints: a package's editions, an edition's documents,
and the difference between two editions of one package.

The diff compares snapshots only. Sections are matched by the live ids the snapshots keep (a module
or session renamed between editions is "changed", not removed and added); text is compared word by
word on its text content, tags left out.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from serikat.core import permissions as perms
from serikat.training.models import Edition, Method, Package, Rendition
from serikat.training.snapshot import MODULE_RICH, PACKAGE_RICH, SESSION_RICH, section_anchor


def editions_of(actor: Any, package: Package) -> QuerySet[Edition]:
    """The editions of a package the actor may see, newest first, with how many documents are done."""
    return (
        Edition.objects.visible_to(actor, perms.VIEW_PACKAGE)
        .filter(package=package)
        .select_related("released_by")
        .annotate(
            documents_done=Count("renditions", filter=Q(renditions__status=Rendition.Status.DONE)),
            documents=Count("renditions"),
        )
        .order_by("-number")
    )


def renditions_of(edition: Edition) -> list[Rendition]:
    """The documents of an edition: books first, then the guide, then the reading version."""
    order = {Rendition.Kind.PARTICIPANT_BOOK: 0, Rendition.Kind.TRAINER_GUIDE: 1, Rendition.Kind.READING: 2}
    rows = list(Rendition.objects.filter(edition=edition))
    return sorted(rows, key=lambda r: (order.get(r.kind, 9), r.paper, r.bleed_mm, r.crop_marks, r.pk))


def reading_rendition(edition: Edition) -> Rendition | None:
    return (
        Rendition.objects.filter(edition=edition, kind=Rendition.Kind.READING).order_by("-finished_at", "-id").first()
    )


def summary_of(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Counts for the edition page."""
    modules = snapshot.get("modules", [])
    return {
        "modules": len(modules),
        "sessions": sum(len(m["sessions"]) for m in modules),
        "objectives": len(snapshot.get("objectives", [])),
        "questions": sum(len(s["questions"]) for m in modules for s in m["sessions"]),
        "images": len(snapshot.get("images", [])),
        "total_minutes": snapshot.get("total_minutes", 0),
        "module_titles": [(m["number"], m["title"]) for m in modules],
    }


# --- the diff ------------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def text_of(rich: str) -> str:
    """The words of a piece of rich text, tags removed, entities decoded, spaces collapsed."""
    if not rich:
        return ""
    text = _BLOCK_END.sub(" ", rich)
    text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[("same"|"del"|"ins", text), ...] comparing the two texts word by word."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("del", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("ins", " ".join(b[j1:j2])))
    return out


@dataclass
class FieldChange:
    name: str
    old: Any = None
    new: Any = None
    words: list[tuple[str, str]] | None = None


@dataclass
class SectionDiff:
    anchor: str
    label: str
    title: str
    status: str  # added, removed, changed, same
    level: int  # 1 module, 2 session
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class EditionDiff:
    old: Edition
    new: Edition
    package_changes: list[FieldChange]
    objectives: list[tuple[str, str, str]]  # (status, old text, new text)
    sections: list[SectionDiff]

    @property
    def changed_sections(self) -> list[SectionDiff]:
        return [s for s in self.sections if s.status != "same"]

    def counts(self) -> dict[str, int]:
        result = {"added": 0, "removed": 0, "changed": 0, "same": 0}
        for section in self.sections:
            result[section.status] += 1
        return result


def _text_change(name: str, old: str, new: str) -> FieldChange | None:
    if old == new:
        return None
    return FieldChange(name, old, new, word_diff(old, new))


def _rich_change(name: str, old_rich: str, new_rich: str) -> FieldChange | None:
    old, new = text_of(old_rich), text_of(new_rich)
    if old == new:
        return None if old_rich == new_rich else FieldChange(name, old, new, [("same", new)])
    return FieldChange(name, old, new, word_diff(old, new))


def _value_change(name: str, old: Any, new: Any) -> FieldChange | None:
    return None if old == new else FieldChange(name, old, new)


def _questions_text(session: dict[str, Any]) -> str:
    lines = []
    for number, question in enumerate(session.get("questions", []), start=1):
        options = " / ".join(question.get("options") or [])
        lines.append(f"{number}. {question['text']}" + (f" ({options})" if options else ""))
    return " ".join(lines)


def _answers_text(session: dict[str, Any]) -> str:
    return " ".join(
        f"{n}. {q['answer_guide']}" for n, q in enumerate(session.get("questions", []), start=1) if q["answer_guide"]
    )


def _session_changes(old: dict[str, Any], new: dict[str, Any], objectives: tuple[dict, dict]) -> list[FieldChange]:
    methods = dict(Method.choices)
    old_objectives, new_objectives = objectives
    changes = [
        _text_change("title", old["title"], new["title"]),
        _value_change("duration_minutes", old["duration_minutes"], new["duration_minutes"]),
        _value_change("method", methods.get(old["method"], old["method"]), methods.get(new["method"], new["method"])),
        _value_change(
            "objectives",
            [old_objectives.get(n, str(n)) for n in old["objectives"]],
            [new_objectives.get(n, str(n)) for n in new["objectives"]],
        ),
        _text_change(
            "materials", " ".join(old.get("materials", "").split()), " ".join(new.get("materials", "").split())
        ),
        *[_rich_change(name, old.get(name, ""), new.get(name, "")) for name in SESSION_RICH],
        _text_change("questions", _questions_text(old), _questions_text(new)),
        _text_change("answer_guides", _answers_text(old), _answers_text(new)),
    ]
    return [c for c in changes if c is not None]


def diff_editions(old: Edition, new: Edition) -> EditionDiff:
    """What changed from `old` to `new` (two editions of one package; the caller orders them)."""
    a, b = old.snapshot, new.snapshot
    pa, pb = a["package"], b["package"]
    package_changes = [
        _text_change("title", pa["title"], pb["title"]),
        _text_change("audience", pa.get("audience", ""), pb.get("audience", "")),
        _value_change("stated_minutes", pa.get("stated_minutes"), pb.get("stated_minutes")),
        _value_change("total_minutes", a.get("total_minutes"), b.get("total_minutes")),
        *[_rich_change(name, pa.get(name, ""), pb.get(name, "")) for name in PACKAGE_RICH],
        _text_change(
            "glossary",
            " ".join(f"{t['term']}: {t['definition']}" for t in a.get("glossary", [])),
            " ".join(f"{t['term']}: {t['definition']}" for t in b.get("glossary", [])),
        ),
    ]
    # Objectives by their live id: kept, reworded, added or removed.
    old_by_id = {o["id"]: o for o in a["objectives"]}
    new_by_id = {o["id"]: o for o in b["objectives"]}
    objectives: list[tuple[str, str, str]] = []
    for objective in b["objectives"]:
        before = old_by_id.get(objective["id"])
        if before is None:
            objectives.append(("added", "", objective["text"]))
        elif before["text"] != objective["text"]:
            objectives.append(("changed", before["text"], objective["text"]))
    objectives += [("removed", o["text"], "") for o in a["objectives"] if o["id"] not in new_by_id]
    texts = ({o["number"]: o["text"] for o in a["objectives"]}, {o["number"]: o["text"] for o in b["objectives"]})

    sections: list[SectionDiff] = []
    old_modules = {m["id"]: m for m in a["modules"]}
    new_ids = {m["id"] for m in b["modules"]}

    def module_label(module: dict[str, Any]) -> str:
        return f"{module['number']}"

    for module in b["modules"]:
        before = old_modules.get(module["id"])
        anchor = section_anchor(module["id"])
        if before is None:
            sections.append(SectionDiff(anchor, module_label(module), module["title"], "added", 1))
            sections += [
                SectionDiff(
                    section_anchor(module["id"], s["id"]), f"{module['number']}.{s['number']}", s["title"], "added", 2
                )
                for s in module["sessions"]
            ]
            continue
        changes = [
            c
            for c in (
                _text_change("title", before["title"], module["title"]),
                _value_change("position", before["number"], module["number"]),
                *[_rich_change(name, before.get(name, ""), module.get(name, "")) for name in MODULE_RICH],
            )
            if c is not None
        ]
        sections.append(
            SectionDiff(anchor, module_label(module), module["title"], "changed" if changes else "same", 1, changes)
        )
        old_sessions = {s["id"]: s for s in before["sessions"]}
        new_session_ids = {s["id"] for s in module["sessions"]}
        for session in module["sessions"]:
            label = f"{module['number']}.{session['number']}"
            s_anchor = section_anchor(module["id"], session["id"])
            previous = old_sessions.get(session["id"])
            if previous is None:
                sections.append(SectionDiff(s_anchor, label, session["title"], "added", 2))
                continue
            s_changes = _session_changes(previous, session, texts)
            sections.append(
                SectionDiff(s_anchor, label, session["title"], "changed" if s_changes else "same", 2, s_changes)
            )
        for session in before["sessions"]:
            if session["id"] not in new_session_ids:
                label = f"{before['number']}.{session['number']}"
                sections.append(
                    SectionDiff(section_anchor(module["id"], session["id"]), label, session["title"], "removed", 2)
                )
    for module in a["modules"]:
        if module["id"] not in new_ids:
            sections.append(
                SectionDiff(section_anchor(module["id"]), module_label(module), module["title"], "removed", 1)
            )
            sections += [
                SectionDiff(
                    section_anchor(module["id"], s["id"]), f"{module['number']}.{s['number']}", s["title"], "removed", 2
                )
                for s in module["sessions"]
            ]
    return EditionDiff(
        old=old,
        new=new,
        package_changes=[c for c in package_changes if c is not None],
        objectives=objectives,
        sections=sections,
    )
