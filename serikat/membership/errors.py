from serikat.core.errors import DomainError


class MembershipRuleBroken(DomainError):
    code = "membership-rule"
