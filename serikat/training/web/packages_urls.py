"""Screens of training packages and their content (namespace "training")."""

from django.urls import path

from serikat.training.web import packages as v

urlpatterns = [
    path("", v.home, name="home"),
    path("packages/new/", v.package_create, name="package_create"),
    path("packages/<int:package_id>/", v.package, name="package"),
    path("packages/<int:package_id>/edit/", v.package_edit, name="package_edit"),
    path("packages/<int:package_id>/stage/", v.stage_move, name="stage_move"),
    path("packages/<int:package_id>/objectives/", v.objectives, name="objectives"),
    path("packages/<int:package_id>/objectives/<int:objective_id>/", v.objective_edit, name="objective_edit"),
    path(
        "packages/<int:package_id>/objectives/<int:objective_id>/remove/", v.objective_remove, name="objective_remove"
    ),
    path("packages/<int:package_id>/objectives/<int:objective_id>/move/", v.objective_move, name="objective_move"),
    path("packages/<int:package_id>/glossary/", v.terms, name="terms"),
    path("packages/<int:package_id>/glossary/<int:term_id>/", v.term_edit, name="term_edit"),
    path("packages/<int:package_id>/glossary/<int:term_id>/remove/", v.term_remove, name="term_remove"),
    path("packages/<int:package_id>/modules/new/", v.module_add, name="module_add"),
    path("packages/<int:package_id>/images/", v.image_upload, name="image_upload"),
    path("packages/<int:package_id>/images/<int:image_id>/", v.image, name="image"),
    path("modules/<int:module_id>/", v.module, name="module"),
    path("modules/<int:module_id>/remove/", v.module_remove, name="module_remove"),
    path("modules/<int:module_id>/move/", v.module_move, name="module_move"),
    path("modules/<int:module_id>/sessions/new/", v.session_add, name="session_add"),
    path("sessions/<int:session_id>/", v.session, name="session"),
    path("sessions/<int:session_id>/remove/", v.session_remove, name="session_remove"),
    path("sessions/<int:session_id>/move/", v.session_move, name="session_move"),
    path("sessions/<int:session_id>/questions/", v.question_add, name="question_add"),
    path("sessions/<int:session_id>/questions/<int:question_id>/", v.question_edit, name="question_edit"),
    path("sessions/<int:session_id>/questions/<int:question_id>/remove/", v.question_remove, name="question_remove"),
    path("sessions/<int:session_id>/questions/<int:question_id>/move/", v.question_move, name="question_move"),
]
