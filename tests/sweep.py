"""The machinery of the bad-input sweep (``tests/test_input_sweep.py``).

- :class:`Snapshot` keeps the seeded demo database in memory and puts it back in a fraction
  of the time seeding takes, on SQLite and PostgreSQL, so every form is tried from the state
  it was rendered in.
- :class:`WriteLog` listens to the app's engine: it knows whether a request committed any
  INSERT, UPDATE or DELETE (a refused submit must commit none). Writes undone by a rollback
  or a rolled-back savepoint do not count; that is exact where a fingerprint is approximate.
- :func:`crawl` visits, as one person, every page the URL map and the rendered links lead to
  and collects every ``<form method="post">`` (:class:`Form`).
- :func:`bad_submissions` turns a form into the submissions of bad values to try.
"""

from __future__ import annotations

import io
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import sqlalchemy as sa
from sqlalchemy import event
from werkzeug.routing import IntegerConverter

from app.extensions import db

# --- the database: a snapshot to go back to, and a log of committed writes --------------


class Snapshot:
    """Every row of every table, to restore the database to exactly this state."""

    def __init__(self):
        self.rows = {
            table.name: [dict(row._mapping) for row in db.session.execute(sa.select(table))]
            for table in db.metadata.sorted_tables
        }
        db.session.rollback()

    @staticmethod
    def _closure(names) -> set[str]:
        """``names`` and every table that refers to one of them, directly or not: deleting a
        row of a table deletes (or is refused by) the rows that refer to it."""
        tables = set(names) & set(db.metadata.tables)
        while True:
            more = {
                t.name
                for t in db.metadata.sorted_tables
                if t.name not in tables
                and any(fk.column.table.name in tables for fk in t.foreign_keys)
            }
            if not more:
                return tables
            tables |= more

    def restore(self, written=None) -> None:
        """Put the tables back; with ``written``, only those tables (and the tables that
        refer to them), which is what a few submits can have changed."""
        db.session.remove()
        tables = db.metadata.sorted_tables
        if written is not None:
            chosen = self._closure(written)
            tables = [t for t in tables if t.name in chosen]
        with db.engine.begin() as conn:
            for table in reversed(tables):
                conn.execute(table.delete())
            for table in tables:
                rows = self.rows[table.name]
                if rows:
                    conn.execute(table.insert(), rows)
            if conn.dialect.name == "postgresql":
                for table in tables:
                    if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
                        conn.execute(
                            sa.text(
                                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                            )
                        )


_DML = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_TABLE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)


class WriteLog:
    """The tables a committed transaction wrote to, per request (:meth:`take`)."""

    def __init__(self, engine):
        self.engine = engine
        self.pending: dict[int, list[str]] = defaultdict(list)  # connection → tables written
        self.savepoints: dict[int, list[int]] = defaultdict(list)  # connection → marks
        self.committed: list[str] = []
        self.touched: set[str] = set()  # tables committed to since the caller cleared it
        self._listeners = [
            ("before_cursor_execute", self._execute),
            ("commit", self._commit),
            ("rollback", self._rollback),
            ("savepoint", self._savepoint),
            ("release_savepoint", self._release_savepoint),
            ("rollback_savepoint", self._rollback_savepoint),
        ]
        for name, fn in self._listeners:
            event.listen(engine, name, fn)

    def close(self) -> None:
        for name, fn in self._listeners:
            event.remove(self.engine, name, fn)

    def _execute(self, conn, cursor, statement, parameters, context, executemany):
        if _DML.match(statement):
            match = _TABLE.match(statement)
            self.pending[id(conn.connection)].append(match.group(1) if match else statement)

    def _commit(self, conn):
        key = id(conn.connection)
        written = self.pending.pop(key, [])
        self.committed.extend(written)
        self.touched.update(written)
        self.savepoints.pop(key, None)

    def _rollback(self, conn):
        self.pending.pop(id(conn.connection), None)
        self.savepoints.pop(id(conn.connection), None)

    def _savepoint(self, conn, name):
        key = id(conn.connection)
        self.savepoints[key].append(len(self.pending[key]))

    def _release_savepoint(self, conn, name, context):
        marks = self.savepoints[id(conn.connection)]
        if marks:
            marks.pop()

    def _rollback_savepoint(self, conn, name, context):
        key = id(conn.connection)
        if self.savepoints[key]:
            del self.pending[key][self.savepoints[key].pop() :]

    def take(self) -> list[str]:
        """The tables written by commits since the last call."""
        written, self.committed = self.committed, []
        return written


# --- areas of rows, for "another area's object" ------------------------------------------


def _table_for_arg(name: str, blueprint: str) -> sa.Table | None:
    """The table an ``<int:…>`` argument or an ``…_id`` field names (``signup_id`` → shift_signup)."""
    tables = db.metadata.tables
    if name == "number":
        return tables["statutes_version"]
    if not name.endswith("_id"):
        return None
    stem = name[: -len("_id")]
    if stem in ("parent", "duplicate_of", "original"):
        stem = {"parent": "comment"}.get(stem, "idea")
    if stem in tables:
        return tables[stem]
    candidates = [t for n, t in tables.items() if n.endswith("_" + stem)]
    if len(candidates) > 1:
        own = blueprint.rstrip("s")
        candidates = [t for t in candidates if t.name.startswith(own)] or candidates
    return candidates[0] if len(candidates) == 1 else None


def _area_path(table: sa.Table, depth=0) -> list[sa.ForeignKey] | None:
    """The foreign keys from ``table`` to a table with an ``area_id`` (shortest first)."""
    if "area_id" in table.c:
        return []
    if depth >= 3:
        return None
    best = None
    for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        target = fk.column.table
        if target.name in ("person", "area") or target is table:
            continue
        rest = _area_path(target, depth + 1)
        if rest is not None and (best is None or len(rest) + 1 < len(best)):
            best = [fk, *rest]
    return best


@dataclass
class Areas:
    """Which area each row belongs to, for the tables that belong to one."""

    of: dict[str, dict[int, int]] = field(default_factory=dict)
    slugs: dict[str, int] = field(default_factory=dict)

    @classmethod
    def read(cls) -> Areas:
        areas = cls()
        areas.slugs = dict(db.session.execute(sa.text("SELECT slug, id FROM area")).all())
        for table in db.metadata.sorted_tables:
            if "id" not in table.c:
                continue
            path = _area_path(table)
            if path is None:
                continue
            query = sa.select(table.c.id)
            previous = table
            for fk in path:
                target = fk.column.table.alias()
                query = query.join(target, previous.c[fk.parent.name] == target.c[fk.column.name])
                previous = target
            query = query.add_columns(previous.c.area_id)
            areas.of[table.name] = {
                row_id: area_id for row_id, area_id in db.session.execute(query) if area_id
            }
        db.session.rollback()
        return areas

    def of_url(self, app, url: str) -> int | None:
        """The area a page belongs to, by its ``<slug>`` or its first ``<int:…>``."""
        try:
            rule, args = app.url_map.bind("localhost").match(
                urlsplit(url).path, method="GET", return_rule=True
            )
        except Exception:  # noqa: BLE001
            return None
        if "slug" in args:
            return self.slugs.get(args["slug"])
        for name in _int_args(rule):
            table = _table_for_arg(name, rule.endpoint.split(".")[0])
            if table is not None and table.name in self.of:
                return self.of[table.name].get(args[name])
        return None

    def elsewhere(self, table: sa.Table | None, row_id) -> int | None:
        """A row of ``table`` in another area than ``row_id``'s (or than the first area)."""
        if table is None or table.name not in self.of:
            return None
        rows = self.of[table.name]
        here = rows.get(int(row_id)) if str(row_id).isdigit() else None
        for other_id, area_id in sorted(rows.items()):
            if area_id != here and other_id != row_id:
                return other_id
        return None


# --- forms and links from rendered pages --------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, number, date, select, hidden, checkbox, file, …
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = True
    attrs: dict = field(default_factory=dict)


def _plausible(f: Field) -> str | None:
    """A value a person could have typed into an empty field, so the rest of the form is
    checked too: dates some weeks ahead (deadlines and openings before the start, ends
    after it), round numbers within the field's range, a few words."""
    name, kind = f.name.lower(), f.kind
    later = any(w in name for w in ("end", "until", "last", "to_"))
    first = any(w in name for w in ("open", "from"))
    deadline = any(w in name for w in ("close", "deadline", "apply_by", "cancel"))
    day = date.today() + timedelta(days=24 if later else 12 if first else 15 if deadline else 21)
    clock = "13:00" if later else "10:00"
    if kind == "date":
        return day.isoformat()
    if kind == "datetime-local":
        return f"{day.isoformat()}T{clock}"
    if kind == "time":
        return clock
    if kind in ("number", "range"):
        low = f.attrs.get("min")
        if "year" in name:
            return "1990"
        value = 5 if low in (None, "") else max(int(float(low)), 5 if "capac" in name else 1)
        high = f.attrs.get("max")
        if high not in (None, ""):
            value = min(value, int(float(high)))
        return str(value)
    if kind == "email":
        return "sweep@test.example"
    if kind == "tel":
        return "+46701740600"
    if kind == "url":
        return "https://test.example/"
    if kind in ("text", "search", "textarea"):
        return "Sweep"
    if kind == "select":
        return next((o for o in f.options if o), "")
    return None


@dataclass
class Form:
    action: str  # the path (and query) it posts to
    endpoint: str
    page: str  # where it was rendered
    fields: list[Field]
    multipart: bool = False
    htmx: bool = False

    @property
    def key(self) -> tuple:
        names = tuple(sorted({f.name for f in self.fields if f.kind != "submit"}))
        return (self.endpoint, names)

    def defaults(self) -> list[tuple[str, str]]:
        """What a browser sends when the first submit button is pressed."""
        data, pressed, seen_radio = [], False, set()
        for f in self.fields:
            if f.kind == "submit":
                if not pressed:
                    data.append((f.name, f.value))
                    pressed = True
            elif f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.append((f.name, f.value))
                    seen_radio.add(f.name)
            elif f.kind == "file":
                continue
            else:
                data.append((f.name, f.value))
        # A required radio group with nothing checked: a person picks the first. A
        # required check box (a consent) is ticked.
        for f in self.fields:
            if f.kind == "radio" and f.name not in seen_radio:
                data.append((f.name, f.value))
                seen_radio.add(f.name)
            elif f.kind == "checkbox" and not f.checked and "required" in f.attrs:
                data.append((f.name, f.value))
        return data

    def completed(self) -> list[tuple[str, str]]:
        """:meth:`defaults` with every empty field given a plausible value."""
        kinds = {f.name: f for f in self.fields if f.kind not in ("submit", "checkbox", "radio")}
        out = []
        for name, value in self.defaults():
            f = kinds.get(name)
            if not value and f is not None and f.kind != "hidden":
                value = _plausible(f) or value
            out.append((name, value))
        return out


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": a.get("method", "get").lower(),
                "action": a.get("action"),
                "multipart": "multipart" in a.get("enctype", ""),
                "htmx": "hx-post" in a,
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                kind = "submit"
            self._form["fields"].append(
                Field(
                    a["name"],
                    kind,
                    a.get("value", "on" if kind == "checkbox" else ""),
                    checked="checked" in a,
                    attrs=a,
                )
            )
        elif tag == "button" and a.get("name") and a.get("type", "submit") == "submit":
            self._form["fields"].append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(a["name"], "textarea", attrs=a)
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Field(a["name"], "select", value=None, attrs=a)
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self._select.options.append(a.get("value"))
            if self._option["selected"] or self._select.value is None:
                self._select.value = a.get("value")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option["text"] += data
            if self._option["value"] is None:  # <option>text</option>: the text is the value
                self._select.options[-1] = self._option["text"].strip()
                if self._select.value is None or self._option["selected"]:
                    self._select.value = self._option["text"].strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "select":
            if self._select is not None and self._select.value is None:
                self._select.value = ""
            self._select = None
        elif tag == "option":
            self._option = None


def parse(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


# --- the crawl ----------------------------------------------------------------------------

# Files, and /readyz, which answers 503 on purpose while no worker beats (tests/test_worker.py).
SKIP_ENDPOINTS = {"static", "ideas.photo", "partners.logo", "premises.photo", "main.readyz"}
BINARY_SUFFIXES = (".ics", ".csv")


def endpoint_of(app, url: str, method="GET"):
    """(endpoint, arguments) of a local path for ``method``, or (None, None)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, None
    try:
        return app.url_map.bind("localhost").match(parts.path, method=method)
    except Exception:  # noqa: BLE001  (a 404, 405 or redirect: not a page to crawl)
        return None, None


def _int_args(rule):
    return [n for n, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]


def url_map_pages(app) -> tuple[list[str], list[str]]:
    """A URL for every GET rule: those without arguments, then the others with ``<int:…>``
    filled with a few ids of existing rows of the table it names and ``<slug>`` with every
    area; rules with tokens come from links only."""
    slugs = list(db.session.scalars(sa.text("SELECT slug FROM area ORDER BY id")))
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIP_ENDPOINTS:
            continue
        ints = _int_args(rule)
        others = [n for n in rule.arguments if n not in ints]
        if set(others) - {"slug"}:
            continue  # a token, a file name or a key: only links know one
        choices: dict[str, list] = {}
        for name in ints:
            table = _table_for_arg(name, rule.endpoint.split(".")[0])
            if table is None:
                choices = None
                break
            column = table.c.number if name == "number" else table.c.id
            choices[name] = list(
                db.session.scalars(sa.select(column).distinct().order_by(column).limit(3))
            )
        if choices is None or any(not values for values in choices.values()):
            continue
        combos = [{}]
        if "slug" in rule.arguments:
            combos = [{"slug": slug} for slug in slugs]
        for name, values in choices.items():
            combos = [{**c, name: v} for c in combos for v in values]
        for values in combos[:4]:
            try:
                url = app.url_map.bind("localhost").build(rule.endpoint, values)
                urls.append((url, bool(rule.arguments)))
            except Exception:  # noqa: BLE001
                continue
    db.session.rollback()
    plain = sorted(u for u, has_args in set(urls) if not has_args)
    filled = sorted(u for u, has_args in set(urls) if has_args)
    return plain, filled


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # url → endpoint, pages that answered 200
    statuses: dict[str, int] = field(default_factory=dict)
    forms: list[Form] = field(default_factory=list)
    query_names: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


SEARCH_TERM = "ar"  # two letters many names have (searches want at least two)


def crawl(
    app,
    client,
    start: list[str],
    later: list[str],
    home_area=lambda url: True,
    per_endpoint=6,
    limit=450,
) -> Crawl:
    """Visit ``start``, what the pages link to, then ``later`` (and their links), at most
    ``per_endpoint`` URLs of one endpoint, collecting forms (one per endpoint and set of
    field names). Links to pages of the person's own areas (``home_area``) go first.
    GET forms (filters, searches) are sent once with their own values and once with
    :data:`SEARCH_TERM` in their text fields, so search results and their forms are seen."""
    result = Crawl()
    queue = list(dict.fromkeys(["/", *start]))
    elsewhere: list[str] = []  # links to pages of other areas
    seen = set(queue)  # queued from links (``later`` ones may be queued again from links)
    later = [url for url in later if url not in seen]
    visits: dict[str, int] = defaultdict(int)
    form_keys = set()

    def enqueue(link):
        if link not in seen:
            seen.add(link)
            (queue if home_area(link) else elsewhere).append(link)

    with_forms = set()  # endpoints whose pages had a form to post
    while (queue or elsewhere or later) and len(result.statuses) < limit:
        from_links = bool(queue or elsewhere)
        url = queue.pop(0) if queue else elsewhere.pop(0) if elsewhere else later.pop(0)
        endpoint, _args = endpoint_of(app, url)
        if endpoint is None or endpoint in SKIP_ENDPOINTS or url in result.statuses:
            continue
        # Pages of one endpoint differ in the forms they show (a place offered, a sign-up
        # to cancel): up to ``per_endpoint`` of those with forms, two of the others, and
        # URLs of the URL map only for endpoints no link led to.
        cap = per_endpoint if endpoint in with_forms else 3
        if visits[endpoint] >= cap or (not from_links and visits[endpoint] >= 2):
            continue
        visits[endpoint] += 1
        began = time.monotonic()
        try:
            response = client.get(url)
            result.seconds[url] = time.monotonic() - began
        except Exception as error:  # noqa: BLE001  (a 500 in testing raises)
            db.session.rollback()
            result.errors.append(f"GET {url}: 500 ({type(error).__name__}: {error})")
            continue
        result.statuses[url] = response.status_code
        if response.status_code >= 500:
            result.errors.append(f"GET {url}: {response.status_code}")
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        result.pages.setdefault(url, endpoint)
        page = parse(response.get_data(as_text=True))
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target, _ = endpoint_of(app, href)
            if target is not None:
                for name, _value in parse_qsl(parts.query):
                    result.query_names[target].add(name)
            enqueue(parts.path + (("?" + parts.query) if parts.query else ""))
        for raw in page.forms:
            action = raw["action"] or url
            if raw["method"] != "post":
                target, _ = endpoint_of(app, action)
                if target is None:
                    continue
                fields = [f for f in raw["fields"] if f.kind != "submit"]
                result.query_names[target].update(f.name for f in fields)
                own = Form(action, target, url, fields).defaults()
                typed = [
                    (k, SEARCH_TERM if f.kind in ("text", "search") else v)
                    for (k, v), f in zip(own, fields, strict=False)
                ]
                path = urlsplit(action).path
                for values in (own, typed):
                    enqueue(path + "?" + urlencode(values))
                continue
            target, _ = endpoint_of(app, action, "POST")
            if target is None:
                result.errors.append(f"form on {url} posts to {action}, which no rule answers")
                continue
            with_forms.add(endpoint)
            form = Form(action, target, url, raw["fields"], raw["multipart"], raw["htmx"])
            if form.key not in form_keys:
                form_keys.add(form.key)
                result.forms.append(form)
    return result


# --- bad values -----------------------------------------------------------------------------

LONG = "x" * 100_000
# Empty, huge, NUL, other controls with a right-to-left override, emoji with Arabic.
TEXT = ["", LONG, "\x00", "a\x01\x1b[31m\u202eb", "👩🏽\u200d🍳 مرحبا"]
NUMBER = ["-1", str(10**20), "abc", "1e5", ""]
DATE = ["2026-02-30", "9999-12-31", "0001-01-01", ""]
DATETIME = ["2026-02-30T10:00", "9999-12-31T23:59", "0001-01-01T00:00", "2026-01-01T25:61", ""]
TIME = ["25:61", "", "abc"]
CHOICE = ["not-an-option", str(10**20), ""]
NUMERIC_HIDDEN = [str(10**20), "-1", "abc", ""]
HIDDEN = ["", LONG, "\x00", "//evil.example"]
EMAIL = ["not-an-email", "a@" + "b" * 300 + ".example"]
TEL = ["+46" + "9" * 40, "abc"]
FILES = [
    ("not an image", b"not an image at all", "photo.png"),
    ("broken GIF", b"GIF89a" + b"\x00" * 64, "photo.gif"),
    ("empty file", b"", "photo.jpg"),
]

WRONG_CSRF = "IjEyMzQ1Njc4OTAi.wrong.token"


def values_for(field: Field) -> list[str]:
    kind = field.kind
    if kind in ("text", "search", "textarea", "password", "url"):
        return TEXT
    if kind == "email":
        return TEXT[:2] + TEXT[2:4] + EMAIL
    if kind == "tel":
        return TEXT[:3] + TEL
    if kind == "number" or kind == "range":
        return NUMBER
    if kind == "date":
        return DATE
    if kind == "datetime-local":
        return DATETIME
    if kind == "time":
        return TIME
    if kind == "week":
        return ["2026-W99", "abc"]
    if kind == "month":
        return ["2026-13", "abc"]
    if kind in ("select", "radio", "checkbox"):
        return CHOICE
    if kind == "hidden":
        return NUMERIC_HIDDEN if field.value.isdigit() else HIDDEN
    if kind == "submit":
        return ["not-an-option"] if field.value else []
    return TEXT[:3]


@dataclass
class Submission:
    label: str
    url: str
    data: list
    csrf: str | None = "session"  # "session", None (missing) or a wrong token
    files: list = field(default_factory=list)


def _replace(data, name, value):
    out, done = [], False
    for k, v in data:
        if k == name:
            if not done:
                out.append((k, value))
                done = True
        else:
            out.append((k, v))
    if not done:
        out.append((name, value))
    return out


def bad_submissions(form: Form, app, areas: Areas, one_each: int | None = None) -> list[Submission]:
    """The submissions to try for ``form``, each one bad thing at a time: every value of
    the field's sample, or with ``one_each`` only one per field (chosen by that number)."""
    base = [(k, v) for k, v in form.completed() if k != "csrf_token"]
    subs = [
        Submission("no CSRF token", form.action, base, csrf=None),
        Submission("a wrong CSRF token", form.action, base, csrf=WRONG_CSRF),
    ]
    texts = [f.name for f in form.fields if f.kind in ("text", "textarea", "search", "hidden")]
    if texts:
        data = base
        for name in texts:
            data = _replace(data, name, LONG)
        subs.append(Submission("every text 100 000 characters", form.action, data))
    blueprint = form.endpoint.split(".")[0]
    seen = set()
    for f in form.fields:
        if f.name == "csrf_token" or (f.name, f.kind) in seen:
            continue
        seen.add((f.name, f.kind))
        if f.kind == "file":
            files = FILES if one_each is None else [FILES[(one_each + len(seen)) % len(FILES)]]
            for label, content, filename in files:
                subs.append(
                    Submission(
                        f"{f.name} = {label}",
                        form.action,
                        base,
                        files=[(f.name, content, filename)],
                    )
                )
            continue
        values = list(values_for(f))
        if f.kind in ("select", "radio", "hidden") or f.name.endswith("_id"):
            table = _table_for_arg(f.name, blueprint)
            current = f.value if f.value and f.value.isdigit() else None
            other = areas.elsewhere(table, current or 0)
            if other is not None and str(other) not in f.options:
                values.append(str(other))
        if one_each is not None and values:
            values = [values[(one_each + len(seen)) % len(values)]]
        for value in values:
            shown = value if len(value) < 40 else f"{len(value)} characters"
            subs.append(
                Submission(
                    f"{f.name} ({f.kind}) = {shown!r}", form.action, _replace(base, f.name, value)
                )
            )
    # The action's own ids replaced by another area's (a forged or stale link).
    try:
        rule, args = app.url_map.bind("localhost").match(
            urlsplit(form.action).path, method="POST", return_rule=True
        )
    except Exception:  # noqa: BLE001
        rule, args = None, None
    endpoint = form.endpoint
    if rule is not None and args:
        for name in _int_args(rule):
            other = areas.elsewhere(_table_for_arg(name, blueprint), args[name])
            if other is None:
                continue
            try:
                url = app.url_map.bind("localhost").build(endpoint, {**args, name: other})
            except Exception:  # noqa: BLE001
                continue
            query = urlsplit(form.action).query
            subs.append(
                Submission(
                    f"{name} of another area ({other})", url + ("?" + query if query else ""), base
                )
            )
    # Last, as they may well succeed (and delete, sign out, cut the agenda…).
    subs.append(Submission("only the CSRF token", form.action, []))
    subs.append(Submission("its own values (empty fields filled in)", form.action, base))
    return subs


def encode(sub: Submission, token: str):
    """The test client's ``data`` for a submission (a MultiDict-like list of pairs)."""
    from werkzeug.datastructures import MultiDict

    data = MultiDict(sub.data)
    if sub.csrf == "session":
        data["csrf_token"] = token
    elif sub.csrf:
        data["csrf_token"] = sub.csrf
    for name, content, filename in sub.files:
        data.add(name, (io.BytesIO(content), filename))
    return data


# --- query strings --------------------------------------------------------------------------

GENERIC_QUERY = ["page", "q", "week", "next", "date", "day", "audience", "status", "when"]
QUERY_VARIANTS = [
    {
        "page": "abc",
        "q": "\x00\u202e",
        "week": "2026-W99",
        "next": "//evil.example",
        "date": "2026-02-30",
        "*": "\x00abc",
    },
    {
        "page": str(10**20),
        "q": LONG,
        "week": "0000-W00",
        "next": "https://evil.example/",
        "date": "9999-12-31",
        "*": str(10**20),
    },
    {
        "page": "-1",
        "q": "👩🏽\u200d🍳",
        "week": "abc",
        "next": "javascript:alert(1)",
        "date": "0001-01-01",
        "*": "-1",
    },
]


def bad_queries(url: str, names: set[str]) -> list[str]:
    path = urlsplit(url).path
    out = []
    for variant in QUERY_VARIANTS:
        params = {}
        for name in sorted(set(GENERIC_QUERY) | names):
            params[name] = variant.get(name, variant["*"])
        out.append(path + "?" + urlencode(params))
    return out


def is_offsite(location: str | None) -> bool:
    if not location:
        return False
    parts = urlsplit(location)
    return bool(parts.netloc and parts.netloc != "localhost") or parts.scheme not in (
        "",
        "http",
        "https",
    )
