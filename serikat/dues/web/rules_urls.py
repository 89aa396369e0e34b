"""Screens of the dues module: rules, mounted at /dues/rules/ (namespace "dues")."""

from django.urls import path

from serikat.dues.web import rules

urlpatterns: list = [
    path("", rules.rules, name="rules"),
    path("<int:unit_id>/policy/", rules.policy_set, name="policy_set"),
    path("<int:unit_id>/allocation/", rules.allocation_rule_set, name="allocation_rule_set"),
    path("<int:unit_id>/standing/", rules.standing_rule_set, name="standing_rule_set"),
]
