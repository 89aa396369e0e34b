"""The permission codes that roles are made of.

A role is a named set of these codes (see accounts.Role). A grant gives a user a role at a unit, and
the codes then apply to that unit's subtree. Codes are app-prefixed and verb-named.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VIEW_UNIT = "organisation.view_unit"
CHANGE_UNIT = "organisation.change_unit"
MOVE_UNIT = "organisation.move_unit"
VIEW_OFFICER = "organisation.view_officer"
CHANGE_OFFICER = "organisation.change_officer"
VIEW_EMPLOYER = "organisation.view_employer"
CHANGE_EMPLOYER = "organisation.change_employer"
VIEW_MEMBER = "membership.view_member"
CHANGE_MEMBER = "membership.change_member"
TRANSFER_MEMBER = "membership.transfer_member"
IMPORT_MEMBERS = "membership.import_members"
EXPORT_MEMBERS = "membership.export_members"
PRINT_CARDS = "membership.print_cards"
VIEW_DUES = "dues.view_dues"
MANAGE_DUES_RULES = "dues.manage_rules"
MANAGE_AUTHORISATIONS = "dues.manage_authorisations"
RECONCILE_DUES = "dues.reconcile"
RUN_ALLOCATION = "dues.run_allocation"
EXPORT_DUES = "dues.export_dues"
VIEW_PACKAGE = "training.view_package"
AUTHOR_PACKAGE = "training.author_package"
REVIEW_PACKAGE = "training.review_package"
RELEASE_EDITION = "training.release_edition"
MANAGE_DISTRIBUTION = "training.manage_distribution"
CONFIRM_RECEIPT = "training.confirm_receipt"
SEND_FEEDBACK = "training.send_feedback"
TRIAGE_FEEDBACK = "training.triage_feedback"
VIEW_GRANT = "accounts.view_grant"
MANAGE_GRANTS = "accounts.manage_grants"
VIEW_AUDIT = "audit.view_event"

PERMISSIONS: dict[str, str] = {
    VIEW_UNIT: _("See units, their details and children"),
    CHANGE_UNIT: _("Create and edit units"),
    MOVE_UNIT: _("Move and split units (restructuring)"),
    VIEW_OFFICER: _("See officers and their terms"),
    CHANGE_OFFICER: _("Appoint officers and end their terms"),
    VIEW_EMPLOYER: _("See employers and workplaces"),
    CHANGE_EMPLOYER: _("Register and edit employers and workplaces"),
    VIEW_MEMBER: _("See members and their memberships"),
    CHANGE_MEMBER: _("Register, edit, activate, suspend and end members"),
    TRANSFER_MEMBER: _("Request and accept transfers of members"),
    IMPORT_MEMBERS: _("Import member lists"),
    EXPORT_MEMBERS: _("Export member lists"),
    PRINT_CARDS: _("Print and revoke membership cards"),
    VIEW_DUES: _("See dues, remittances, allocations and arrears"),
    MANAGE_DUES_RULES: _("Set dues policies, allocation and standing rules"),
    MANAGE_AUTHORISATIONS: _("Record and revoke deduction authorisations, issue letters to employers"),
    RECONCILE_DUES: _("Import deduction files, record transfers and resolve exceptions"),
    RUN_ALLOCATION: _("Share a month's dues between levels and record levy payments"),
    EXPORT_DUES: _("Export dues reports"),
    VIEW_PACKAGE: _("See training packages, their editions, meetings and distribution"),
    AUTHOR_PACKAGE: _("Write training packages and record production-group meetings"),
    REVIEW_PACKAGE: _("Comment on training packages in review rounds"),
    RELEASE_EDITION: _("Approve training packages and release editions"),
    MANAGE_DISTRIBUTION: _("Record print runs and send copies to units"),
    CONFIRM_RECEIPT: _("Confirm that copies of a training package arrived"),
    SEND_FEEDBACK: _("Send feedback on a training package from the field"),
    TRIAGE_FEEDBACK: _("Accept, decline or defer feedback on training packages"),
    VIEW_GRANT: _("See who holds which role"),
    MANAGE_GRANTS: _("Grant and revoke roles"),
    VIEW_AUDIT: _("Read the audit log"),
}
