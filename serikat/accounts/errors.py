from serikat.core.errors import DomainError


class SignInRefused(DomainError):
    status = 401
    code = "sign-in-refused"


class LockedOut(DomainError):
    status = 429
    code = "locked-out"


class GrantRefused(DomainError):
    code = "grant-refused"


class TwoFactorRefused(DomainError):
    code = "two-factor-refused"
