"""The member screens, mounted at /members/ (namespace "membership"). Members are reached through a
membership id: the page shows that membership in focus, with the person and their history in scope."""

from django.urls import path

from serikat.membership.web import members

urlpatterns = [
    path("", members.member_list, name="members"),
    path("export/", members.member_export, name="member_export"),
    path("new/", members.member_register, name="member_register"),
    path("new/nik-check/", members.nik_check, name="nik_check"),
    path("person/<int:pk>/", members.member_of_person, name="person"),
    path("<int:pk>/", members.member_detail, name="member"),
    path("<int:pk>/person/", members.person_edit, name="person_edit"),
    path("<int:pk>/membership/", members.membership_edit, name="membership_edit"),
    path("<int:pk>/activate/", members.membership_activate, name="membership_activate"),
    path("<int:pk>/suspend/", members.membership_suspend, name="membership_suspend"),
    path("<int:pk>/reinstate/", members.membership_reinstate, name="membership_reinstate"),
    path("<int:pk>/end/", members.membership_end, name="membership_end"),
    path("<int:pk>/rejoin/", members.member_rejoin, name="member_rejoin"),
    path("<int:pk>/transfer/", members.transfer_request, name="transfer_request"),
    path("transfers/", members.transfer_list, name="transfers"),
    path("transfers/receive/", members.transfer_receive, name="transfer_receive"),
    path("transfers/<int:pk>/accept/", members.transfer_accept, name="transfer_accept"),
    path("transfers/<int:pk>/decline/", members.transfer_decline, name="transfer_decline"),
    path("conflicts/", members.conflict_list, name="conflicts"),
    path("conflicts/<int:pk>/resolve/", members.conflict_resolve, name="conflict_resolve"),
]
