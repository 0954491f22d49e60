"""The translation backends, each against a local server speaking its provider's wire format."""

import pytest

from app import translation
from tests.translation_server import KEY, SLOW, TranslationServer


@pytest.fixture(params=["libretranslate", "google"])
def service(request, app):
    with TranslationServer(request.param) as server:
        app.config.update(
            TRANSLATE_BACKEND=request.param,
            TRANSLATE_URL=server.url,
            TRANSLATE_API_KEY=KEY,
            TRANSLATE_TIMEOUT=SLOW / 2,  # ample for a loaded 2-core CI machine
        )
        with app.app_context():
            yield server


def test_none_is_the_default_and_sends_nothing(app):
    with app.app_context():
        assert app.config["TRANSLATE_BACKEND"] == "none"
        assert not translation.enabled()
        assert translation.service_name() is None
        with pytest.raises(translation.Unavailable):
            translation.translate("Hej", "sv", "so")


def test_a_text_is_translated_with_the_providers_request(service):
    assert translation.enabled()
    assert translation.translate("مرحبا بالجيران", "ar", "so") == "[so] مرحبا بالجيران"
    ((path, params, body),) = service.requests
    if service.provider == "libretranslate":
        assert path == "/translate"
        assert body == {
            "q": "مرحبا بالجيران",
            "source": "ar",
            "target": "so",
            "format": "text",
            "api_key": KEY,
        }
    else:
        assert path == "/language/translate/v2" and params == {"key": KEY}
        assert body == {"q": ["مرحبا بالجيران"], "source": "ar", "target": "so", "format": "text"}


def test_a_wrong_key_is_unavailable_not_an_error_page(service, app):
    app.config["TRANSLATE_API_KEY"] = "wrong"
    with pytest.raises(translation.Unavailable, match="40[03]"):
        translation.translate("Hej", "sv", "ar")


@pytest.mark.parametrize("mode", ["error", "garbage", "empty", "slow"])
def test_failures_raise_unavailable(service, mode):
    service.mode = mode
    with pytest.raises(translation.Unavailable):
        translation.translate("Hej grannar", "sv", "ti")


def test_an_unreachable_service_is_unavailable(app):
    app.config.update(TRANSLATE_BACKEND="libretranslate", TRANSLATE_URL="http://127.0.0.1:9")
    with app.app_context(), pytest.raises(translation.Unavailable):
        translation.translate("Hej", "sv", "ar")


def test_a_long_text_goes_in_pieces_between_paragraphs_and_sentences(service, app):
    app.config["TRANSLATE_MAX_CHARS"] = 60
    text = "Första stycket är kort.\n\n" + " ".join(f"Mening nummer {i}." for i in range(12))
    translated = translation.translate(text, "sv", "en")
    assert all(
        len(body.get("q") if isinstance(body.get("q"), str) else body["q"][0]) <= 60
        for _, _, body in service.requests
    )
    assert len(service.requests) > 2
    assert translated.count("\n\n") == 1  # the paragraph break is kept
    assert translated.startswith("[en] Första stycket är kort.")
    positions = [translated.index(f"Mening nummer {i}.") for i in range(12)]
    assert positions == sorted(positions)


def test_a_text_over_the_total_limit_is_refused_before_sending(service, app):
    app.config["TRANSLATE_MAX_TOTAL"] = 100
    with pytest.raises(translation.TooLong):
        translation.translate("x " * 80, "sv", "en")
    assert service.requests == []


def test_pieces_never_exceed_the_limit():
    text = ("ord " * 40 + "\n\n") * 3 + "ett_mycket_långt_ord_" * 10
    for piece, _joiner in translation.pieces(text, 50):
        assert 0 < len(piece) <= 50
