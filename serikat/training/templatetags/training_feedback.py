"""Template tags of field feedback. Owner: the feedback screens (being built)."""

from django import template

register = template.Library()


@register.simple_tag
def section_feedback(user, module, session=None) -> str:
    """Accepted feedback not yet addressed in a section, shown in its draft (being built)."""
    return ""
