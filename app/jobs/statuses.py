"""What a summer-job application's status is called where a person reads it."""

from flask_babel import lazy_gettext as _l

from app.models import ApplicationStatus

STATUS_LABELS = {
    ApplicationStatus.APPLIED: _l("Applied"),
    ApplicationStatus.PLACED: _l("Placed"),
    ApplicationStatus.AWAITING_GUARDIAN: _l("Placed, waiting for a guardian's consent"),
    ApplicationStatus.WITHDRAWN: _l("Withdrawn"),
}
