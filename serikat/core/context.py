"""Request-scoped values that services read without threading them through every call."""

from __future__ import annotations

import contextvars

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("serikat_request_id", default="")
client_address: contextvars.ContextVar[str] = contextvars.ContextVar("serikat_client_address", default="")
