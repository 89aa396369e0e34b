"""What each kind of audit event means, in words an officer reads in the log.

Every constant in serikat/*/events.py needs a label here; a test fails when one is missing. An
unknown kind (from an app not yet labelled, or removed since) shows as its raw code.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from serikat.accounts import events as accounts_events
from serikat.dues import events as dues_events
from serikat.membership import events as membership_events
from serikat.organisation import events as organisation_events
from serikat.training import events as training_events

KIND_LABELS = {
    accounts_events.SIGNED_IN: _("Signed in"),
    accounts_events.SIGN_IN_LOCKED: _("Sign-in refused: too many failed attempts"),
    accounts_events.SIGNED_OUT: _("Signed out"),
    accounts_events.USER_CREATED: _("Account created"),
    accounts_events.ROLE_GRANTED: _("Role granted"),
    accounts_events.GRANT_REVOKED: _("Role revoked"),
    accounts_events.TWO_FACTOR_CONFIRMED: _("Two-factor sign-in turned on"),
    accounts_events.TWO_FACTOR_DISABLED: _("Two-factor sign-in turned off"),
    accounts_events.API_TOKEN_CREATED: _("API token created"),
    accounts_events.API_TOKEN_REVOKED: _("API token revoked"),
    accounts_events.LANGUAGE_CHANGED: _("Language changed"),
    organisation_events.UNIT_CREATED: _("Unit created"),
    organisation_events.UNIT_CHANGED: _("Unit changed"),
    organisation_events.UNIT_MOVED: _("Unit moved"),
    organisation_events.UNIT_SPLIT: _("Unit split"),
    organisation_events.UNIT_TERRITORY_SET: _("Territorial council of a unit set"),
    organisation_events.FEDERATION_CREATED: _("Federation created"),
    organisation_events.EMPLOYER_CREATED: _("Employer registered"),
    organisation_events.EMPLOYER_CHANGED: _("Employer changed"),
    organisation_events.WORKPLACE_CREATED: _("Workplace registered"),
    organisation_events.WORKPLACE_CHANGED: _("Workplace changed"),
    organisation_events.WORKPLACE_LINKED: _("Workplace linked to a union"),
    organisation_events.WORKPLACE_UNLINKED: _("Workplace unlinked from a union"),
    organisation_events.OFFICER_APPOINTED: _("Officer appointed"),
    organisation_events.OFFICER_TERM_ENDED: _("Officer's term ended"),
    membership_events.MEMBER_REGISTERED: _("Member registered"),
    membership_events.MEMBER_CHANGED: _("Member's details changed"),
    membership_events.MEMBERSHIP_CHANGED: _("Membership details changed"),
    membership_events.MEMBERSHIP_ACTIVATED: _("Membership activated"),
    membership_events.MEMBERSHIP_SUSPENDED: _("Membership suspended"),
    membership_events.MEMBERSHIP_REINSTATED: _("Membership reinstated"),
    membership_events.MEMBERSHIP_ENDED: _("Membership ended"),
    membership_events.TRANSFER_REQUESTED: _("Transfer requested"),
    membership_events.TRANSFER_ACCEPTED: _("Transfer accepted"),
    membership_events.TRANSFER_REJECTED: _("Transfer rejected"),
    membership_events.TRANSFER_CANCELLED: _("Transfer cancelled"),
    membership_events.CONFLICT_DETECTED: _("Dual membership detected"),
    membership_events.CONFLICT_RESOLVED: _("Dual membership resolved"),
    membership_events.CARD_ISSUED: _("Membership card issued"),
    membership_events.CARD_REVOKED: _("Membership card revoked"),
    membership_events.MEMBERS_IMPORTED: _("Members imported"),
    membership_events.MEMBERS_EXPORTED: _("Members exported"),
    membership_events.IMPORT_UPLOADED: _("Member list uploaded"),
    membership_events.IMPORT_MAPPED: _("Columns of a member list set"),
    membership_events.IMPORT_CHECK_STARTED: _("Member list check started"),
    membership_events.IMPORT_COMMIT_STARTED: _("Member list import started"),
    membership_events.IMPORT_COMMITTED: _("Member list import finished"),
    membership_events.IMPORT_CANCELLED: _("Member list import cancelled"),
    "organisation.confederation_installed": _("Confederation installed"),
    "demo.seeded": _("Demonstration data created"),
    dues_events.POLICY_SET: _("Dues policy set"),
    dues_events.ALLOCATION_RULE_SET: _("Allocation rule set"),
    dues_events.STANDING_RULE_SET: _("Standing rule set"),
    dues_events.AUTHORISATION_RECORDED: _("Deduction authorisation recorded"),
    dues_events.AUTHORISATION_REVOKED: _("Deduction authorisation revoked"),
    dues_events.LETTER_ISSUED: _("Letter to an employer issued"),
    dues_events.DEDUCTIONS_IMPORTED: _("Employer deduction file imported"),
    dues_events.TRANSFER_RECORDED: _("Dues transfer recorded"),
    dues_events.EXCEPTION_RESOLVED: _("Reconciliation exception resolved"),
    dues_events.REMITTANCE_RECONCILED: _("Remittance reconciled"),
    dues_events.ALLOCATION_RUN: _("Month's dues allocated between levels"),
    dues_events.LEVY_PAYMENT_RECORDED: _("Levy payment to the confederation recorded"),
    dues_events.DUES_EXPORTED: _("Dues report exported"),
    dues_events.AUTHORISATION_SCAN_ATTACHED: _("Scan of a deduction authorisation attached"),
    training_events.PACKAGE_CREATED: _("Training package created"),
    training_events.PACKAGE_CHANGED: _("Training package changed"),
    training_events.CONTENT_CHANGED: _("Training package content changed"),
    training_events.IMAGE_UPLOADED: _("Image added to a training package"),
    training_events.STAGE_CHANGED: _("Training package moved to another stage"),
    training_events.TRAINER_RECORDED: _("Trainer recorded in the pool"),
    training_events.MEETING_RECORDED: _("Production-group meeting recorded"),
    training_events.MEETING_CHANGED: _("Production-group meeting changed"),
    training_events.INPUT_RECORDED: _("Meeting input recorded"),
    training_events.INPUT_LINKED: _("Meeting input linked to a section"),
    training_events.REVIEW_ROUND_OPENED: _("Review round opened"),
    training_events.REVIEW_ROUND_CLOSED: _("Review round closed"),
    training_events.COMMENT_POSTED: _("Review comment posted"),
    training_events.THREAD_RESOLVED: _("Review thread resolved"),
    training_events.THREAD_REOPENED: _("Review thread reopened"),
    training_events.EDITION_RELEASED: _("Edition released"),
    training_events.RENDITION_REQUESTED: _("Edition document requested"),
    training_events.RENDITION_FINISHED: _("Edition document rendered"),
    training_events.RENDITION_DOWNLOADED: _("Edition document downloaded"),
    training_events.PRINT_RUN_RECORDED: _("Print run recorded"),
    training_events.PRINT_RUN_DELIVERED: _("Print run delivered"),
    training_events.CONSIGNMENT_PLANNED: _("Consignment of copies planned"),
    training_events.CONSIGNMENT_SHIPPED: _("Consignment of copies shipped"),
    training_events.CONSIGNMENT_RECEIVED: _("Receipt of copies confirmed"),
    training_events.CONSIGNMENT_CANCELLED: _("Consignment of copies cancelled"),
    training_events.COPIES_HANDED_OUT: _("Copies handed out at a training"),
    training_events.STOCK_ADJUSTED: _("Stock of copies corrected"),
    training_events.DISTRIBUTION_EXPORTED: _("Distribution report exported"),
    training_events.FEEDBACK_SENT: _("Feedback on a training package sent"),
    training_events.FEEDBACK_TRIAGED: _("Feedback on a training package triaged"),
    training_events.FEEDBACK_ADDRESSED: _("Feedback addressed in the draft"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def kind_choices() -> list[tuple[str, str]]:
    """(kind, label) sorted by label in the current language, for the filter."""
    return sorted(((kind, str(label)) for kind, label in KIND_LABELS.items()), key=lambda choice: choice[1])
