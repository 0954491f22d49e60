"""Machine translation of residents' texts, behind one small interface.

Three backends, chosen by ``TRANSLATE_BACKEND`` like the SMS and mail senders:

- ``none`` (the default): nothing leaves the server and no translate control is shown.
- ``libretranslate``: a LibreTranslate-compatible server (``TRANSLATE_URL``, optionally
  ``TRANSLATE_API_KEY``), self-hosted by the municipality or the housing company.
- ``google``: Google Cloud Translation, Basic edition (v2), with ``TRANSLATE_API_KEY``; it
  covers all six of our languages, Somali and Tigrinya included.

Only the text itself is sent, with its language and the language wanted. A service that
times out, answers an error or returns something that is not a translation raises
``Unavailable``; a text longer than one request allows is sent in pieces split between
paragraphs or sentences, and a text longer than ``TRANSLATE_MAX_TOTAL`` is refused
(``TooLong``).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Protocol

from flask import current_app


class Unavailable(RuntimeError):
    """The translation service could not translate the text now."""


class TooLong(ValueError):
    """The text is longer than this service translates."""


class Translator(Protocol):
    enabled: bool

    def translate(self, text: str, source: str, target: str) -> str: ...


class NoTranslator:
    """The default: nothing is sent anywhere."""

    enabled = False

    def translate(self, text: str, source: str, target: str) -> str:
        raise Unavailable("translation is switched off")


class _HttpTranslator:
    enabled = True

    def __init__(self, url: str, key: str | None, timeout: float) -> None:
        self.url, self.key, self.timeout = url, key, timeout

    def _post(self, url: str, payload: dict):
        request = urllib.request.Request(
            url,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            raise Unavailable(f"the service answered {error.code}") from error
        except (TimeoutError, OSError, urllib.error.URLError) as error:
            raise Unavailable(str(error)) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise Unavailable("the service did not answer JSON") from error


class LibreTranslate(_HttpTranslator):
    """POST /translate {q, source, target, format, api_key} -> {"translatedText": ...}."""

    def translate(self, text: str, source: str, target: str) -> str:
        payload = {"q": text, "source": source, "target": target, "format": "text"}
        if self.key:
            payload["api_key"] = self.key
        answer = self._post(self.url.rstrip("/") + "/translate", payload)
        if not isinstance(answer, dict) or not isinstance(answer.get("translatedText"), str):
            raise Unavailable("no translatedText in the answer")
        return answer["translatedText"]


class GoogleTranslate(_HttpTranslator):
    """Cloud Translation Basic (v2): POST ...?key=KEY {q, source, target, format} ->
    {"data": {"translations": [{"translatedText": ...}]}}."""

    DEFAULT_URL = "https://translation.googleapis.com/language/translate/v2"

    def translate(self, text: str, source: str, target: str) -> str:
        url = (self.url or self.DEFAULT_URL) + "?" + urllib.parse.urlencode({"key": self.key})
        answer = self._post(
            url, {"q": [text], "source": source, "target": target, "format": "text"}
        )
        try:
            (translation,) = answer["data"]["translations"]
            translated = translation["translatedText"]
        except (KeyError, TypeError, ValueError) as error:
            raise Unavailable("no translations in the answer") from error
        if not isinstance(translated, str):
            raise Unavailable("the translation is not text")
        return translated


BACKENDS = {"libretranslate": LibreTranslate, "google": GoogleTranslate}


def translator() -> Translator:
    config = current_app.config
    backend = BACKENDS.get(config.get("TRANSLATE_BACKEND") or "none")
    if backend is None:
        return NoTranslator()
    return backend(
        config.get("TRANSLATE_URL") or "",
        config.get("TRANSLATE_API_KEY"),
        float(config.get("TRANSLATE_TIMEOUT", 8)),
    )


def enabled() -> bool:
    return translator().enabled


def service_name() -> str | None:
    """Where texts go, for the privacy page: None when nothing is sent."""
    config = current_app.config
    backend = config.get("TRANSLATE_BACKEND") or "none"
    if backend == "libretranslate":
        host = urllib.parse.urlsplit(config.get("TRANSLATE_URL") or "").hostname or "?"
        return f"LibreTranslate ({host})"
    if backend == "google":
        return "Google Cloud Translation"
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?؟።])\s+")


def _units(text: str, limit: int) -> list[tuple[str, str]]:
    """(piece, what joins it to the one before): paragraphs, and within a paragraph longer
    than ``limit`` its sentences, and within a sentence longer than that its words."""
    units = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        joiner = "\n\n"
        sentences = _SENTENCE_END.split(paragraph) if len(paragraph) > limit else [paragraph]
        for sentence in sentences:
            while len(sentence) > limit:
                cut = sentence.rfind(" ", 0, limit)
                cut = cut if cut > 0 else limit
                units.append((sentence[:cut].strip(), joiner))
                sentence, joiner = sentence[cut:].strip(), " "
            if sentence:
                units.append((sentence, joiner))
                joiner = " "
    return units


def pieces(text: str, limit: int) -> list[tuple[str, str]]:
    """The text in as few pieces of at most ``limit`` characters as its paragraphs and
    sentences allow, each with what joins it to the one before."""
    found: list[tuple[str, str]] = []
    for unit, joiner in _units(text, limit):
        if found and len(found[-1][0]) + len(joiner) + len(unit) <= limit:
            found[-1] = (found[-1][0] + joiner + unit, found[-1][1])
        else:
            found.append((unit, joiner))
    return found


def _looks_translated(original: str, translated: str) -> bool:
    """Not empty, and not wildly longer than the original."""
    return bool(translated.strip()) and len(translated) <= 4 * len(original) + 100


def translate(text: str, source: str, target: str) -> str:
    """The text in ``target``; raises Unavailable or TooLong."""
    config = current_app.config
    if len(text) > int(config.get("TRANSLATE_MAX_TOTAL", 20000)):
        raise TooLong(len(text))
    service = translator()
    translated = ""
    for number, (piece, joiner) in enumerate(
        pieces(text, int(config.get("TRANSLATE_MAX_CHARS", 5000)))
    ):
        answer = service.translate(piece, source, target)
        if not _looks_translated(piece, answer):
            raise Unavailable("the answer does not look like a translation")
        translated += (joiner if number else "") + answer.strip()
    return translated
