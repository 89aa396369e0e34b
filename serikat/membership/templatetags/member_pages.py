"""Template helpers of the member screens."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def include_if_present(context: Any, name: str) -> str:
    """Render template `name` with the page's context, or nothing while that template does not exist.

    The member page leaves room for parts that other screens provide later (the cards list): the
    page works before they land, and shows them as soon as they do.
    """
    try:
        part = get_template(name)
    except template.TemplateDoesNotExist:
        return ""
    return part.render(context.flatten(), context.get("request"))
