"""Sign-in without passwords: one-time codes by SMS or email, and single-use links."""

from flask_babel import lazy_gettext as _l

from app.extensions import login_manager


def init_login(app) -> None:
    from app.auth import sessions

    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Sign in to continue.")
    login_manager.login_message_category = "info"

    # The session and the remember cookie carry one sign-in ("<person id>:<secret>"): a
    # sign-in that was ended (sign-out, all devices, account deleted) loads nobody.
    login_manager.user_loader(sessions.load)
