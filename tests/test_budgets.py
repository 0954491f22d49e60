"""Page weight budgets from DESIGN.md §6 (sizes, not timings)."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from app.budgets import OWN_JS_BUDGET, PAGE_BUDGET, gz, page_weight
from app.demo.loader import seed_demo
from app.extensions import db
from app.models import Idea, Person
from tests.conftest import sign_in_as

STATIC = Path(__file__).parent.parent / "static"


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_pages_fit_the_budget(app, lang):
    seed_demo()
    visitor = app.test_client()
    resident = app.test_client()
    for client in (visitor, resident):
        client.set_cookie("lang", lang)
    sign_in_as(
        resident,
        db.session.scalar(sa.select(Person).where(Person.display_name == "Fatima Al-Sayed")),
    )
    idea = db.session.scalar(sa.select(Idea).where(Idea.comment_count > 0).order_by(Idea.id))
    pages = [
        "/",
        "/sign-in",
        "/language",
        "/areas/boden",
        "/try",
        "/areas/portalen/ideas",
        f"/ideas/{idea.id}",
    ]
    for client, paths in ((visitor, pages), (resident, [*pages, "/verify", "/account"])):
        for path in paths:
            weight = page_weight(app, path, client)
            assert 0 < weight["total"] <= PAGE_BUDGET, weight


def test_own_javascript_is_small():
    """The page's script and the service worker together, within one budget."""
    own = sorted(p.name for p in STATIC.glob("*.js"))
    assert own == ["grannlabb.js", "sw.js"]
    assert gz(b"".join((STATIC / name).read_bytes() for name in own)) <= OWN_JS_BUDGET


def test_htmx_is_the_vendored_2_0_line():
    vendored = sorted(p.name for p in (STATIC / "vendor").glob("*.js"))
    assert vendored == ["htmx-2.0.10.min.js"]
    assert (STATIC / "vendor" / "htmx-LICENSE.txt").exists()


def test_page_weight_command(runner):
    result = runner.invoke(args=["page-weight", "/", "/sign-in"])
    assert result.exit_code == 0
    assert result.output.count("B gzip (budget 14336 B)") == 2
