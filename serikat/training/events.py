"""Audit event kinds written by the training services."""

# packages and their content
PACKAGE_CREATED = "training.package_created"
PACKAGE_CHANGED = "training.package_changed"
CONTENT_CHANGED = "training.content_changed"
IMAGE_UPLOADED = "training.image_uploaded"
STAGE_CHANGED = "training.stage_changed"
# the production process
TRAINER_RECORDED = "training.trainer_recorded"
MEETING_RECORDED = "training.meeting_recorded"
MEETING_CHANGED = "training.meeting_changed"
INPUT_RECORDED = "training.input_recorded"
INPUT_LINKED = "training.input_linked"
# review
REVIEW_ROUND_OPENED = "training.review_round_opened"
REVIEW_ROUND_CLOSED = "training.review_round_closed"
COMMENT_POSTED = "training.comment_posted"
THREAD_RESOLVED = "training.thread_resolved"
THREAD_REOPENED = "training.thread_reopened"
# editions
EDITION_RELEASED = "training.edition_released"
RENDITION_REQUESTED = "training.rendition_requested"
RENDITION_FINISHED = "training.rendition_finished"
RENDITION_DOWNLOADED = "training.rendition_downloaded"
# print runs and distribution
PRINT_RUN_RECORDED = "training.print_run_recorded"
PRINT_RUN_DELIVERED = "training.print_run_delivered"
CONSIGNMENT_PLANNED = "training.consignment_planned"
CONSIGNMENT_SHIPPED = "training.consignment_shipped"
CONSIGNMENT_RECEIVED = "training.consignment_received"
CONSIGNMENT_CANCELLED = "training.consignment_cancelled"
COPIES_HANDED_OUT = "training.copies_handed_out"
STOCK_ADJUSTED = "training.stock_adjusted"
DISTRIBUTION_EXPORTED = "training.distribution_exported"
# feedback
FEEDBACK_SENT = "training.feedback_sent"
FEEDBACK_TRIAGED = "training.feedback_triaged"
FEEDBACK_ADDRESSED = "training.feedback_addressed"
