from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.assisted import services as assisted
from app.auth import services, sessions
from app.auth.forms import AddressForm, CodeForm, ConfirmForm, SignUpForm
from app.extensions import limiter
from app.i18n import select_locale
from app.senders import SendError
from app.web import safe_next

bp = Blueprint("auth", __name__)


def _address_key() -> str:
    """Rate-limit key for sign-in: the normalised address typed in the form."""
    raw = request.form.get("address", "")
    try:
        return "address:" + services.normalize_address(raw)
    except services.InvalidAddress:
        return "address:" + raw.strip().lower()


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("LIMIT_SIGN_IN_IP", "20 per hour"), methods=["POST"])
@limiter.limit(
    lambda: current_app.config.get("LIMIT_SIGN_IN_ADDRESS", "5 per hour"),
    key_func=_address_key,
    methods=["POST"],
)
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    if nxt := safe_next(request.args.get("next")):
        session["next"] = nxt
    form = AddressForm()
    if form.validate_on_submit():
        try:
            address = services.normalize_address(form.address.data)
        except services.InvalidAddress as error:
            form.address.errors.append(str(error))
        else:
            try:
                services.issue_code(address)
            except SendError:
                current_app.logger.exception("could not send sign-in code")
                form.address.errors.append(
                    _("We could not send the code right now. Try again in a few minutes.")
                )
                return render_template("auth/sign_in.html", form=form), 503
            session["sign_in_address"] = address
            return redirect(url_for("auth.enter_code"))
    status = 422 if form.errors else 200
    return render_template("auth/sign_in.html", form=form), status


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("LIMIT_CODE_IP", "30 per hour"), methods=["POST"])
def enter_code():
    address = session.get("sign_in_address")
    if not address:
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        result = services.check_code(address, form.code.data)
        if result.status is services.CodeCheck.OK:
            session.pop("sign_in_address", None)
            person = services.find_person(address)
            if person is None and assisted.claim_in_session():
                return _take_over_from_card(address, form.remember.data)
            if person is not None and assisted.claim_in_session():
                assisted.forget_claim()
                flash(
                    _(
                        "This address already has an account, and you are signed in to it. "
                        "The account on your card stays as it is: ask the process leader."
                    ),
                    "error",
                )
            if person is None:
                session["new_address"] = address
                return redirect(url_for("auth.sign_up"))
            if not person.is_active:
                return render_template("auth/enter_code.html", form=form, address=address), 403
            sessions.start(person, remember=form.remember.data)
            return redirect(safe_next(session.pop("next", None)) or url_for("main.home"))
        message = {
            services.CodeCheck.WRONG: _(
                "That code is not right. You have %(left)d tries left.", left=result.tries_left
            ),
            services.CodeCheck.LOCKED: _(
                "Too many wrong tries: this code is locked. Ask for a new code."
            ),
            services.CodeCheck.EXPIRED: _(
                "This code has expired or was already used. Ask for a new code."
            ),
        }[result.status]
        form.code.errors.append(message)
        status = 422 if result.status is services.CodeCheck.WRONG else 410
    elif form.errors:
        status = 422
    return render_template("auth/enter_code.html", form=form, address=address), status


def _take_over_from_card(address: str, remember: bool):
    """The address just confirmed becomes the sign-in of the account on the card."""
    person = assisted.finish_claim(address)
    if person is None:
        flash(_("The card no longer works: ask the process leader for a new one."), "error")
        return redirect(url_for("assisted.claim"))
    sessions.start(person, remember=remember)
    flash(
        _(
            "Welcome, %(name)s! From now on you sign in with this address.",
            name=person.display_name,
        ),
        "success",
    )
    return redirect(url_for("main.home"))


@bp.route("/sign-up", methods=["GET", "POST"])
def sign_up():
    """A new person, whose address is confirmed by the code, tells us who they are."""
    address = session.get("new_address")
    if not address:
        return redirect(url_for("auth.sign_in"))
    form = SignUpForm()
    if request.method == "GET":
        form.locale.data = select_locale()
    if form.validate_on_submit():
        birth_year = int(form.birth_year.data)
        error = services.birth_year_error(birth_year)
        if error:
            form.birth_year.errors.append(error)
        elif services.find_person(address) is None:
            person = services.create_person(
                address, form.display_name.data, form.locale.data, birth_year
            )
            session.pop("new_address", None)
            sessions.start(person, remember=True)
            flash(_("Welcome to Grannlabb, %(name)s!", name=person.display_name), "success")
            return redirect(safe_next(session.pop("next", None)) or url_for("main.home"))
        else:
            session.pop("new_address", None)
            return redirect(url_for("auth.sign_in"))
    status = 422 if form.errors else 200
    return render_template("auth/sign_up.html", form=form, address=address), status


@bp.route("/sign-in/link/<token>", methods=["GET", "POST"])
def sign_in_link(token: str):
    """GET shows a button (link previews must not use the link up); POST signs in."""
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        person = services.use_login_link(token)
        if person is not None:
            sessions.start(person, remember=False)
            return redirect(url_for("main.home"))
    elif request.method == "GET" and (link := services.find_login_link(token)):
        return render_template("auth/link.html", form=form, person=link.person)
    return render_template("auth/link.html", form=form, person=None), 410


@bp.post("/sign-out")
@login_required
def sign_out():
    """This device's sign-in ends: the session and remember cookies stop working, even copies."""
    sessions.end(current_user)
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))
