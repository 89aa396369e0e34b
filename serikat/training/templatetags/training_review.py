"""Template tags of review. `{% section_threads user module session %}` renders, on a section's page,
the section's review threads (open first, with their comments and resolution), the form to open
one, reply / resolve / reopen buttons (htmx), and, in a second block titled "What the production
group asked for", the meeting inputs that shaped the section."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def section_threads(context, user, module, session=None) -> str:
    """The review block of a section (a module, or a session of it). A few queries, whatever the
    number of threads (serikat.training.selectors_production.section_review)."""
    from serikat.training.web.production_review import section_html

    request = context.get("request")
    next_url = request.get_full_path() if request is not None else ""
    # section_html renders through a template (autoescaped): the result is safe markup.
    return mark_safe(section_html(request, user, module, session, next_url=next_url))
