from serikat.core.errors import DomainError


class UnitRuleBroken(DomainError):
    code = "unit-rule"


class OfficerRuleBroken(DomainError):
    code = "officer-rule"
