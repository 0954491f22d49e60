from datetime import datetime
from typing import NamedTuple

from flask import Blueprint, g, render_template
from flask_login import current_user, login_required

from app.notifications import inbox, messages
from app.pagination import page_number

bp = Blueprint("notifications", __name__)


class Row(NamedTuple):
    notice: messages.Notice
    at: datetime
    new: bool


@bp.get("/notifications")
@login_required
def notification_list():
    """Newest first; opening the list marks the notices shown as read (they stay marked
    "new" on this view)."""
    page = page_number()
    items, has_more = inbox.page_of(current_user, page)
    kinds = messages.status_events(items)
    # Everything shown is read before marking: the commit expires the loaded rows.
    rows = [
        Row(messages.render(item, kinds.get(item.id)), item.created_at, item.read_at is None)
        for item in items
    ]
    inbox.mark_read(current_user, [item.id for item in items if item.read_at is None])
    g.pop("unread_notifications", None)
    return render_template("notifications/list.html", rows=rows, page=page, has_more=has_more)


@bp.app_context_processor
def unread_badge():
    """``unread_notifications()`` for the bottom menu: one COUNT, only when a page asks."""

    def unread_notifications() -> int:
        if not current_user.is_authenticated:
            return 0
        if "unread_notifications" not in g:
            g.unread_notifications = inbox.unread_count(current_user)
        return g.unread_notifications

    return {"unread_notifications": unread_notifications}
