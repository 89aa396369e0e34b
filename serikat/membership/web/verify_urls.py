"""The public card-verification page (no sign-in), mounted at /verify/."""

urlpatterns: list = []
