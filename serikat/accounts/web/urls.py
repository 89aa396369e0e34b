from django.urls import path

from serikat.accounts.web import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in_view, name="login"),
    path("login/code/", views.sign_in_code_view, name="login_code"),
    path("logout/", views.sign_out_view, name="logout"),
    path("profile/", views.profile_view, name="profile"),
    path("two-factor/", views.two_factor_view, name="two_factor"),
    path("two-factor/start/", views.two_factor_start_view, name="two_factor_start"),
    path("two-factor/confirm/", views.two_factor_confirm_view, name="two_factor_confirm"),
    path("two-factor/disable/", views.two_factor_disable_view, name="two_factor_disable"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("grants/", views.grants_view, name="grants"),
    path("grants/new/", views.grant_role_view, name="grant_role"),
    path("grants/<int:grant_id>/revoke/", views.revoke_grant_view, name="grant_revoke"),
    path("users/new/", views.create_user_view, name="user_create"),
]
