"""Redirect targets taken from a request stay on this site, whatever is typed into them."""

import pytest

from app.web import safe_next
from tests.auth.factories import ask_code, sent_code
from tests.conftest import make_person, post

HOSTILE = [
    "//evil.example/",
    "///evil.example/",
    "////evil.example",
    "/\t/evil.example/",
    "/\r/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "/\\evil.example",
    "/\\\\evil.example",
    "\\\\evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "/%09/evil.example",
    "/%0d%0a/evil.example",
    "/%5Cevil.example",
    "/%252F/evil.example",  # encoded twice
    "/\uff0fevil.example",  # full-width solidus
    "\uff0f\uff0fevil.example",
    "/\uff3cevil.example",  # full-width reverse solidus
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "/javascript:alert(1)/..//evil",
    "https://evil.example/",
    "HTTPS://evil.example/",
    "http:evil.example",
    "evil.example",
    "/\x00/evil.example",
    "/\u202e/evil.example",
    "\t/account",
    "",
    None,
    "/" + "a" * 3000,
]

LOCAL = ["/", "/account", "/areas/boden/ideas?sort=new&page=2", "/ideas/12#comment-3", "/s%C3%B6k"]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", LOCAL)
def test_local_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize(
    "target", ["/\t/evil.example/", "/%2F/evil.example", "/\uff0fevil.example", "/\n/x"]
)
def test_sign_in_returns_home_for_a_hostile_next(client, capsys, target):
    make_person("Erik", email="erik@example.se")
    response = client.get("/sign-in", query_string={"next": target})
    assert response.status_code == 200
    ask_code(client, "erik@example.se")
    response = post(client, "/sign-in/code", {"code": sent_code(capsys)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", HOSTILE[:20])
def test_choosing_a_language_returns_home_for_a_hostile_next(client, target):
    response = post(client, "/language", {"lang": "sv", "next": target or ""})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
