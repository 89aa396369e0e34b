"""Audit event kinds written by the accounts services."""

SIGNED_IN = "accounts.signed_in"
SIGN_IN_LOCKED = "accounts.sign_in_locked"
SIGNED_OUT = "accounts.signed_out"
USER_CREATED = "accounts.user_created"
ROLE_GRANTED = "accounts.role_granted"
GRANT_REVOKED = "accounts.grant_revoked"
TWO_FACTOR_CONFIRMED = "accounts.two_factor_confirmed"
TWO_FACTOR_DISABLED = "accounts.two_factor_disabled"
API_TOKEN_CREATED = "accounts.api_token_created"  # noqa: S105 - an event name
API_TOKEN_REVOKED = "accounts.api_token_revoked"  # noqa: S105 - an event name
LANGUAGE_CHANGED = "accounts.language_changed"
