"""Static files at content-hashed addresses, cached as immutable and compressed; pages
compressed when the browser accepts it."""

import gzip
import re

import brotli

from app import static_files


def _static_urls(page: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', page)


def test_pages_link_static_files_by_content_hash(client):
    urls = _static_urls(client.get("/").get_data(as_text=True))
    assert urls and all(re.match(r"^/static/[0-9a-f]{12}/", url) for url in urls)
    assert any(url.endswith("/style.css") for url in urls)


def test_a_hashed_file_is_kept_for_a_year_and_compressed(client):
    css = next(u for u in _static_urls(client.get("/").get_data(as_text=True)) if "style" in u)
    plain = client.get(css)
    assert plain.status_code == 200
    control = plain.headers["Cache-Control"]
    assert "immutable" in control and "public" in control
    assert int(re.search(r"max-age=(\d+)", control).group(1)) >= 31536000
    original = plain.get_data()
    br = client.get(css, headers={"Accept-Encoding": "br, gzip"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.get_data()) == original and len(br.get_data()) < len(original)
    gz = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.get_data()) == original
    assert "Accept-Encoding" in br.headers["Vary"]


def test_an_address_without_its_hash_still_works_but_is_checked_again_soon(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and "max-age=60" in response.headers["Cache-Control"]


def test_a_changed_file_gets_a_new_address(tmp_path):
    static, out = tmp_path / "static", tmp_path / "out"
    static.mkdir()
    (static / "a.css").write_text("body{color:red}")
    first = static_files.build(static, out)
    assert static_files.build(static, out) == first  # the same, written once
    (static / "a.css").write_text("body{color:blue}")
    second = static_files.build(static, out)
    assert second["a.css"] != first["a.css"] and second["a.css"].endswith("/a.css")
    assert (out / second["a.css"]).read_text() == "body{color:blue}"
    assert (out / (second["a.css"] + ".gz")).exists() and (out / (second["a.css"] + ".br")).exists()
    assert not list(out.rglob(".tmp-*"))


def test_pages_are_compressed_when_the_browser_accepts_it(client):
    plain = client.get("/")
    assert "Content-Encoding" not in plain.headers
    packed = client.get("/", headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.get_data()) == plain.get_data()
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert (
        client.get("/", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"] == "gzip"
    )
