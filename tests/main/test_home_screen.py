"""On the phone's home screen: manifest, icons, favicon, the service worker and its offline page."""

from pathlib import Path

STATIC = Path(__file__).parents[2] / "static"


def test_the_manifest_names_the_app_in_the_visitors_language(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.json
    assert manifest["name"] == manifest["short_name"] == "Grannlabb"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b6e4f" and manifest["lang"] == "en"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    client.set_cookie("lang", "ar")
    arabic = client.get("/manifest.webmanifest").json
    assert arabic["lang"] == "ar" and arabic["dir"] == "rtl"
    assert arabic["description"] != manifest["description"]


def test_every_page_links_the_manifest_icons_and_theme(client):
    page = client.get("/").get_data(as_text=True)
    for link in (
        'rel="manifest" href="/manifest.webmanifest"',
        'rel="icon" href="/favicon.ico"',
        "icons/favicon.svg",
        'rel="apple-touch-icon"',
        'name="theme-color" content="#0b6e4f"',
    ):
        assert link in page
    assert client.get("/favicon.ico").status_code == 200


def test_the_service_worker_is_served_from_the_root_and_always_checked(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype in ("text/javascript", "application/javascript")
    assert response.headers["Cache-Control"] == "no-cache"
    script = response.get_data(as_text=True)
    assert 'credentials: "omit"' in script  # the offline page is fetched as nobody in particular
    assert "navigator.onLine" in script and 'mode === "navigate"' in script  # offline only


def test_the_offline_page_in_the_language_asked_for_and_never_personal(client, resident):
    from tests.conftest import sign_in_as

    page = client.get("/offline?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    sign_in_as(client, resident)
    page = client.get("/offline?lang=sv").get_data(as_text=True)
    assert '<html lang="sv" dir="ltr"' in page and "Ingen anslutning" in page
    assert client.get("/offline?lang=xx").status_code == 200
