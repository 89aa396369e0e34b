"""Errors that services raise and that the web and API layers turn into answers.

A DomainError carries a message for people (already translated through gettext), an optional field
it is about, and the HTTP status that fits. The API renders it as problem+json (RFC 9457); the web
layer shows it next to the form field or as a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": str(self.message)}


class DomainError(Exception):
    """A rule of the domain refused the request; nothing was written."""

    status = 400
    code = "domain-rule"

    def __init__(self, message: str, *, field: str | None = None, problems: list[FieldProblem] | None = None):
        super().__init__(str(message))
        self.message = message
        self.problems: list[FieldProblem] = list(problems or [])
        if field is not None:
            self.problems.append(FieldProblem(field, message))


class NotFound(DomainError):
    """The object does not exist or lies outside the actor's scope: both answer the same."""

    status = 404
    code = "not-found"


class Forbidden(DomainError):
    """The actor may see the object but not do this to it."""

    status = 403
    code = "forbidden"


class Conflict(DomainError):
    status = 409
    code = "conflict"


@dataclass
class ValidationProblems:
    """Collects field problems so a service can report all of them at once."""

    problems: list[FieldProblem] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.problems.append(FieldProblem(field_name, message))

    def raise_if_any(self, message: str) -> None:
        if self.problems:
            raise DomainError(message, problems=self.problems)
