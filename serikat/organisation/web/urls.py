from django.urls import path

from serikat.organisation.web import employers, federations, units

app_name = "organisation"
urlpatterns = [
    # The unit tree
    path("units/", units.tree, name="tree"),
    path("units/search/", units.unit_search, name="unit_search"),
    path("units/<int:pk>/", units.unit_detail, name="unit"),
    path("units/<int:pk>/children/", units.unit_children, name="unit_children"),
    path("units/<int:pk>/new/", units.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<int:pk>/move/", units.unit_move, name="unit_move"),
    path("units/<int:pk>/territory/", units.unit_territory, name="unit_territory"),
    path("units/<int:pk>/split/", units.unit_split, name="unit_split"),
    path("units/<int:pk>/federations/new/", federations.federation_create, name="federation_create"),
    # Officers
    path("units/<int:pk>/officers/past/", units.past_officers, name="officers_past"),
    path("units/<int:pk>/officers/new/", units.officer_appoint, name="officer_appoint"),
    path("officers/<int:pk>/end/", units.officer_end, name="officer_end"),
    # Employers and workplaces
    path("employers/", employers.employer_list, name="employers"),
    path("employers/new/", employers.employer_create, name="employer_create"),
    path("employers/<int:pk>/", employers.employer_detail, name="employer"),
    path("employers/<int:pk>/edit/", employers.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/workplaces/new/", employers.workplace_create, name="workplace_create"),
    path("workplaces/<int:pk>/", employers.workplace_detail, name="workplace"),
    path("workplaces/<int:pk>/edit/", employers.workplace_edit, name="workplace_edit"),
    path("workplaces/<int:pk>/link/", employers.workplace_link_unit, name="workplace_link_unit"),
    path("units/<int:pk>/workplaces/link/", employers.unit_link_workplace, name="unit_link_workplace"),
    path("units/<int:pk>/workplaces/choices/", employers.workplace_picker, name="workplace_picker"),
    path("workplace-links/<int:pk>/end/", employers.link_end, name="link_end"),
]
