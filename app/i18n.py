"""Languages: which ones, how the locale is chosen, and which way they are written."""

from babel import Locale
from flask import current_app, has_request_context, request
from flask_login import current_user

# Each language named in itself, in the order the switcher shows them.
LANGUAGES: dict[str, str] = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "fa": "فارسی",
    "ti": "ትግርኛ",
}
DEFAULT_LOCALE = "sv"
# One digit system for every language: Western digits (0–9), also in Arabic and Persian, as
# Babel writes numbers and dates by default (numbering system "latn") and as residents meet
# them in Swedish letters, phone numbers and prices; the catalogues hold no other digits
# (tests/test_i18n.py keeps it so).
DIGITS = "latn"
LANGUAGE_COOKIE = "lang"


def kronor(amount: int) -> str:
    """An amount of money in whole Swedish kronor, the way the active language writes numbers
    ("12 500 kr" in Swedish, "12,500 SEK" in English)."""
    from flask_babel import format_currency

    return format_currency(amount, "SEK", format="#,##0\u00a0¤", currency_digits=False)


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def select_locale() -> str:
    """The person's setting, then the cookie, then Accept-Language, then Swedish."""
    if not has_request_context():
        return DEFAULT_LOCALE
    if current_user.is_authenticated and is_supported(current_user.locale):
        return current_user.locale
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(cookie):
        return cookie
    return request.accept_languages.best_match(LANGUAGES.keys()) or DEFAULT_LOCALE


def remember_language(response, code: str) -> None:
    """Keep the chosen language on this device for a year."""
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )


def text_direction(code: str) -> str:
    """``rtl`` for Arabic and Persian, ``ltr`` otherwise."""
    return Locale.parse(code).text_direction


def language_name(code: str, reader: str | None = None) -> str:
    """The language's name in the reader's language (Babel's), or in itself when Babel has
    no name for it in that language."""
    from flask_babel import get_locale

    reader = reader or str(get_locale() or DEFAULT_LOCALE)
    name = Locale.parse(code).get_display_name(reader) if code in LANGUAGES else None
    return name or LANGUAGES.get(code, code)


def init_app(app) -> None:
    from app.clock import date_label, local, moment_label, span_label, time_label

    app.jinja_env.globals.update(
        date_label=date_label,
        time_label=time_label,
        moment_label=moment_label,
        span_label=span_label,
        local=local,
        language_name=language_name,
        kronor=kronor,
    )

    @app.context_processor
    def language_context():
        from flask_babel import get_locale

        code = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
        return {"LANGUAGES": LANGUAGES, "lang": code, "dir": text_direction(code)}

    @app.template_filter("decimal_number")
    def decimal_number(value) -> str:
        """A number the way the active language writes it: 12,5 in Swedish (hours, measures)."""
        from flask_babel import format_decimal

        return "" if value is None else format_decimal(value, format="#,##0.##")

    @app.template_filter("person_name")
    def person_name(person) -> str:
        """A person's display name, or "former resident" once the account is deleted."""
        from flask_babel import gettext as _

        if person is None or person.deleted_at is not None:
            return _("former resident")
        return person.display_name


def short_datetimes():
    """A function giving what ``datetimeformat("short")`` gives, for a page with many dates
    (an idea's comments): the locale, time zone and patterns are looked up once, the zone is
    applied by zoneinfo (pytz takes twenty times longer) and each day is formatted once."""
    from zoneinfo import ZoneInfo

    from babel import dates
    from flask_babel import get_locale, get_timezone

    from app.clock import CLOCK

    locale, zone = get_locale(), ZoneInfo(str(get_timezone()))
    glue = dates.get_datetime_format("short", locale=locale).replace("'", "")
    date_pattern = dates.get_date_format("short", locale=locale)
    time_pattern = dates.parse_pattern(CLOCK)  # the 24-hour clock in every language
    days: dict = {}

    def short(value) -> str:
        local = value.astimezone(zone)
        day = local.date()
        if day not in days:
            days[day] = date_pattern.apply(day, locale)
        return glue.replace(
            "{0}", time_pattern.apply(local.timetz(), locale, reference_date=day)
        ).replace("{1}", days[day])

    return short
