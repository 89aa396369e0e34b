"""Template tags of review threads. Owner: the review screens (being built)."""

from django import template

register = template.Library()


@register.simple_tag
def section_threads(user, module, session=None) -> str:
    """The review threads of a section, shown on the section's page (being built)."""
    return ""
