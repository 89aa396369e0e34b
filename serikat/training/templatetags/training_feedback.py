"""Template tags of field feedback.

`{% section_feedback user module session %}` shows, in the draft of a section (a module, or a
session of it), the accepted feedback not yet addressed, each with a "mark addressed" button (htmx;
a plain form without JavaScript) for those who may author the package. One query.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from serikat.core import permissions as perms
from serikat.core.scoping import scope_of
from serikat.training.selectors_feedback import open_in_section

register = template.Library()


@register.simple_tag(takes_context=True)
def section_feedback(context: Any, user: Any, module: Any, session: Any = None) -> SafeString:
    """Accepted, unaddressed feedback of a section, rendered for its draft ("" when there is none)."""
    if module is None or user is None or not getattr(user, "is_authenticated", False):
        return mark_safe("")
    items = open_in_section(user, module, session or None)
    if not items:
        return mark_safe("")
    # The package's unit is loaded with the module by access_module; the check needs no query then.
    may_address = scope_of(user, perms.AUTHOR_PACKAGE).covers(module.package.unit)
    request = context.get("request")
    return render_to_string(
        "training/feedback/_section.html", {"items": items, "may_address": may_address}, request=request
    )
