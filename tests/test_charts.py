import xml.etree.ElementTree as ET
from datetime import date

import pytest
from markupsafe import Markup

from app.charts import bar_chart, indicator_chart, progress_bar, progress_percent

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    assert isinstance(markup, Markup)
    root = ET.fromstring(str(markup))
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 360 ")
    assert "style=" not in str(markup)
    title = root.find(SVG + "title")
    assert title is not None and title.get("id") in root.get("aria-labelledby").split()
    return root


def test_progress_percent_both_directions():
    assert progress_percent(10, 20, 15) == 50
    assert progress_percent(40, 20, 30) == 50  # down is better: 40 -> 30 is half way to 20
    assert progress_percent(40, 20, 45) == -25
    assert progress_percent(10, 20, 25) == 150
    assert progress_percent(10, 10, 12) is None
    assert progress_percent(10, 20, None) is None


def test_indicator_chart_is_accessible_and_escapes():
    svg = indicator_chart(
        "Trygghet <script>",
        baseline=(date(2022, 1, 1), 40),
        target=(date(2027, 1, 1), 70),
        measurements=[(date(2024, 6, 1), 55.5), (date(2023, 3, 1), 48)],
        unit="% & andel",
        desc="Andel boende som känner sig trygga",
    )
    root = parse(svg)
    text = str(svg)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "% &amp; andel" in text
    assert root.find(SVG + "desc").text == "Andel boende som känner sig trygga"
    assert len(root.findall(f"{SVG}circle[@class='point']")) == 2
    assert root.find(f"{SVG}line[@class='target']") is not None
    points = root.find(f"{SVG}polyline").get("points").split()
    xs = [float(p.split(",")[0]) for p in points]
    assert xs == sorted(xs) and len(xs) == 3  # baseline + two measurements, in date order
    years = {t.text for t in root.iter(SVG + "text")}
    assert {"2022", "2027"} <= years


def test_indicator_chart_down_is_better_and_no_measurements():
    root = parse(
        indicator_chart(
            "Skadegörelse",
            baseline=(date(2023, 1, 1), 120),
            target=(date(2023, 1, 1), 120),
            fmt=lambda v: f"{v:g}",
        )
    )
    assert root.find(f"{SVG}polyline") is not None


def test_bar_chart_labels_values_and_suppressed():
    svg = bar_chart(
        "Aktiviteter per år",
        [("2024", 80), ("2025", 104), ("<b>", None, "färre än 5")],
        fmt=lambda v: f"{v:g}",
    )
    root = parse(svg)
    assert len(root.findall(SVG + "rect")) == 2
    texts = [t.text for t in root.iter(SVG + "text")]
    assert {"80", "104", "2024", "2025", "<b>", "färre än 5"} <= set(texts)
    assert "&lt;b&gt;" in str(svg)
    heights = [float(r.get("height")) for r in root.findall(SVG + "rect")]
    assert heights[1] > heights[0]


def test_bar_chart_empty_and_zero():
    parse(bar_chart("Inget", []))
    parse(bar_chart("Noll", [("a", 0), ("b", 0)]))


@pytest.mark.parametrize("percent,shown", [(None, "–"), (-20, "-20 %"), (150, "150 %")])
def test_progress_bar(percent, shown):
    root = parse(progress_bar("Mot målet", percent))
    assert shown in [t.text for t in root.iter(SVG + "text")]
    fills = root.findall(SVG + "rect")
    if percent is not None and percent > 0:
        assert float(fills[1].get("width")) == 250  # clamped to the track


def test_default_format_uses_locale(app):
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        from flask_babel import refresh

        refresh()
        svg = str(bar_chart("x", [("a", 12.5)]))
    assert "12,5" in svg


def test_bar_chart_thins_labels_when_crowded():
    root = parse(bar_chart("Många", [(str(y), y % 7) for y in range(2000, 2020)]))
    labels = [t.text for t in root.iter(SVG + "text") if t.text and t.text.startswith("20")]
    assert 5 <= len(labels) < 20 and labels[0] == "2000"


def _texts(root):
    return list(root.iter(SVG + "text"))


def test_labels_are_large_enough_for_a_phone():
    """At least 14 viewBox units: 12 CSS px or more in a 320 px wide chart."""
    for chart in (
        bar_chart("Många", [(str(y), y) for y in range(2000, 2020)]),
        progress_bar("Mot målet", 40),
        indicator_chart("Ungdomar", baseline=(date(2024, 1, 1), 10), target=(date(2028, 1, 1), 40)),
    ):
        root = parse(chart)
        assert root.get("direction") == "ltr"
        assert float(root.get("font-size")) >= 14
        for text in _texts(root):
            assert float(text.get("font-size") or root.get("font-size")) >= 14, text.text


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_charts_are_mirrored_in_right_to_left_languages(app, code):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale(code):
        bars = parse(bar_chart("x", [("first", 10), ("second", 20), ("third", 30)]))
        progress = parse(progress_bar("x", 40))
        line = parse(
            indicator_chart("x", baseline=(date(2024, 1, 1), 10), target=(date(2028, 1, 1), 40))
        )
    rects = [r for r in bars.iter(SVG + "rect")]
    centres = [float(r.get("x")) + float(r.get("width")) / 2 for r in rects]
    assert centres == sorted(centres, reverse=True)  # the first bar on the right
    track, fill = progress.findall(SVG + "rect")
    assert float(fill.get("x")) + float(fill.get("width")) == pytest.approx(360)
    label = _texts(progress)[0]
    assert float(label.get("x")) < float(track.get("x")) and label.get("text-anchor") == "end"
    baseline = line.find(SVG + "circle")
    target_marker = line.find(SVG + "path")
    assert float(baseline.get("cx")) > 300  # time starts on the right
    assert target_marker.get("d").startswith("M")
    axis_labels = [t for t in _texts(line) if t.get("text-anchor") == "start"]
    assert axis_labels and all(float(t.get("x")) > 300 for t in axis_labels)


def test_charts_stay_left_to_right_in_swedish(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("sv"):
        bars = parse(bar_chart("x", [("first", 10), ("second", 20)]))
    centres = [float(r.get("x")) for r in bars.iter(SVG + "rect")]
    assert centres == sorted(centres)
