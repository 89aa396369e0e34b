import datetime

import pytest
from django.test import override_settings

from serikat.accounts import services
from serikat.accounts.errors import GrantRefused, LockedOut, SignInRefused
from serikat.accounts.models import Grant, LoginAttempt, Role
from serikat.audit.models import AuditEvent
from serikat.core.errors import NotFound
from serikat.core.scoping import scope_of


@pytest.mark.django_db
@override_settings(SERIKAT_LOGIN_MAX_FAILURES=3)
def test_three_failures_lock_the_account_even_against_the_right_password(make_user):
    make_user(username="siti")
    for _ in range(3):
        with pytest.raises(SignInRefused):
            services.sign_in(username="siti", password="wrong", address="10.0.0.1")
    with pytest.raises(LockedOut):
        services.sign_in(username="siti", password="pw-Serikat-123", address="10.0.0.2")
    assert LoginAttempt.objects.filter(username="siti", succeeded=False).count() == 4
    assert AuditEvent.objects.filter(kind="accounts.sign_in_locked").count() == 1


@pytest.mark.django_db
@override_settings(SERIKAT_LOGIN_MAX_FAILURES=3)
def test_a_success_resets_the_count_of_failures(make_user):
    make_user(username="budi")
    for _ in range(2):
        with pytest.raises(SignInRefused):
            services.sign_in(username="budi", password="wrong", address="")
    assert services.sign_in(username="budi", password="pw-Serikat-123", address="").username == "budi"
    for _ in range(2):
        with pytest.raises(SignInRefused):
            services.sign_in(username="budi", password="wrong", address="")
    assert services.sign_in(username="BUDI", password="pw-Serikat-123", address="").username == "budi"


@pytest.mark.django_db
@override_settings(SERIKAT_LOGIN_MAX_FAILURES_PER_ADDRESS=4, SERIKAT_LOGIN_MAX_FAILURES=100)
def test_many_failures_from_one_address_lock_that_address(make_user):
    make_user(username="target")
    for n in range(4):
        with pytest.raises(SignInRefused):
            services.sign_in(username=f"guess{n}", password="x", address="10.9.9.9")
    with pytest.raises(LockedOut):
        services.sign_in(username="target", password="pw-Serikat-123", address="10.9.9.9")
    assert services.sign_in(username="target", password="pw-Serikat-123", address="10.1.1.1").username == "target"


@pytest.mark.django_db
def test_granting_is_refused_for_permissions_the_granter_does_not_hold(tree, make_user):
    secretary = make_user("secretariat", tree.dpw_jabar)
    newcomer = make_user()
    administrator = Role.objects.get(code="administrator")
    # The administrator role has no permission the secretariat lacks today; make one up to prove the rule.
    administrator.permissions = [*administrator.permissions, "dues.manage_policies"]
    administrator.save()
    with pytest.raises(GrantRefused):
        services.grant_role(actor=secretary, user=newcomer, role=administrator, unit=tree.kc_bks)
    assert Grant.objects.filter(user=newcomer).count() == 0
    assert AuditEvent.objects.filter(kind="accounts.role_granted").count() == 0


@pytest.mark.django_db
def test_grants_reach_only_the_granters_subtree(tree, make_user):
    secretary = make_user("secretariat", tree.dpw_jabar)
    newcomer = make_user()
    reader = Role.objects.get(code="read_only")
    with pytest.raises(NotFound):
        services.grant_role(actor=secretary, user=newcomer, role=reader, unit=tree.spn)
    grant = services.grant_role(actor=secretary, user=newcomer, role=reader, unit=tree.kc_bks)
    assert scope_of(newcomer, "organisation.view_unit").paths == (tree.kc_bks.path,)
    services.revoke_grant(actor=secretary, grant=grant)
    assert scope_of(newcomer, "organisation.view_unit").paths == ()
    assert list(
        AuditEvent.objects.filter(unit=tree.kc_bks, kind__startswith="accounts.")
        .values_list("kind", flat=True)
        .order_by("id")
    ) == [
        "accounts.role_granted",
        "accounts.grant_revoked",
    ]


@pytest.mark.django_db
def test_expired_grants_count_for_nothing(tree, make_user):
    user = make_user("read_only", tree.fspmi)
    Grant.objects.filter(user=user).update(expires_on=datetime.date(2020, 1, 1))
    assert scope_of(user, "organisation.view_unit").is_empty


@pytest.mark.django_db
def test_tokens_are_stored_hashed_and_stop_working_when_revoked(tree, make_user):
    user = make_user("read_only", tree.fspmi)
    token, raw = services.create_api_token(actor=user, name="laptop")
    assert raw.startswith("srk_") and raw not in token.key_hash
    assert services.user_for_token(raw) == user
    services.revoke_api_token(actor=user, token=token)
    assert services.user_for_token(raw) is None
    assert services.user_for_token("srk_not-a-token") is None


@pytest.mark.django_db
@override_settings(SERIKAT_LOGIN_MAX_FAILURES=3)
def test_with_an_authenticator_the_sign_in_is_recorded_after_the_code_and_wrong_codes_lock(make_user):
    from django.utils import timezone

    from serikat.accounts.errors import TwoFactorRefused

    user = make_user(username="ratna")
    user.totp_secret = "JBSWY3DPEHPK3PXP"
    user.totp_confirmed_at = timezone.now()
    user.save()
    services.sign_in(username="ratna", password="pw-Serikat-123", address="")
    assert AuditEvent.objects.filter(kind="accounts.signed_in").count() == 0
    for _ in range(3):
        with pytest.raises(TwoFactorRefused):
            services.verify_two_factor(user=user, code="000000", address="")
    with pytest.raises(LockedOut):
        services.sign_in(username="ratna", password="pw-Serikat-123", address="")
    assert AuditEvent.objects.filter(kind="accounts.signed_in").count() == 0


@pytest.mark.django_db
def test_signing_out_is_recorded(make_user):
    user = make_user(username="eko")
    services.sign_out(actor=user)
    assert list(AuditEvent.objects.values_list("kind", "actor__username")) == [("accounts.signed_out", "eko")]
