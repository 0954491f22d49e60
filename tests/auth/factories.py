"""Shared builders for the tests of this domain."""

import re

from tests.conftest import post


def sent_code(capsys) -> str:
    """The last code the console sender wrote to the server log."""
    return re.findall(r"\b(\d{6})\b", capsys.readouterr().err)[-1]


def ask_code(client, address):
    return post(client, "/sign-in", {"address": address}, follow_redirects=False)
