"""Sign-in without passwords: one-time codes by SMS or email, and single-use links."""

from flask_babel import lazy_gettext as _l

from app.extensions import db, login_manager


def init_login(app) -> None:
    from app.models import Person

    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Sign in to continue.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_person(person_id: str):
        person = db.session.get(Person, int(person_id)) if person_id.isdigit() else None
        return person if person is not None and person.is_active else None
