"""The ``quoteattr stats --html`` page: the corpus numbers as one self-contained HTML file.

Charts are SVG drawn here (bars and columns need no library), so the page opens offline and
weighs a few kilobytes. Geometry is computed in Python; the Jinja2 template, with
autoescaping on, only writes numbers and escaped text: a speaker's name can never become
markup.

>>> from quoteattr.corpus.stats import Stats
>>> page = report(Stats(n_quotes=1, quotes_by_gender={"f": 1, "m": 0, "unknown": 0,
...     "organisation": 0, "group": 0, "none": 0},
...     top_sources=[{"id": "s1", "name": "<b>Anne</b>", "kind": "person", "gender": "f",
...                   "quotes": 1, "articles": 1, "outlets": 1}]))
>>> "&lt;b&gt;Anne&lt;/b&gt;" in page and "<b>Anne" not in page
True
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from .stats import CATEGORIES, LABELS, Stats

_WIDTH = 720
_BAR = 22
_GAP = 8
_LABEL = 210  # room for names left of horizontal bars

_LEGEND = {
    "f": "femmes",
    "m": "hommes",
    "unknown": "personnes, genre inconnu",
    "organisation": "organisations",
    "group": "groupes",
    "none": "sans locuteur",
}


_EVIDENCE = {
    "title": "civilité (M., Mme)",
    "agreement": "accord (la ministre, directrice, dite…)",
    "pronoun": "pronom (il, elle)",
    "firstname": "prénom (≥ 95 % de naissances d'un sexe, Insee)",
}


def report(stats: Stats, title: str = "Qui est cité ?") -> str:
    """The HTML page of ``stats``: summary figures, then one SVG chart per question."""
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    page = env.from_string(_TEMPLATE)
    return page.render(
        title=title,
        s=stats,
        cards=_cards(stats),
        legend=[(c, _LEGEND[c], stats.quotes_by_gender.get(c, 0)) for c in CATEGORIES],
        charts=[
            ("gender", "Citations par locuteur", _stacked_total(stats)),
            ("shares", "Part des femmes", _shares(stats)),
            ("top", f"Les {len(stats.top_sources)} sources les plus citées", _top(stats)),
            ("outlets", "Par média", _stacked_rows(stats.by_outlet, "outlet")),
            ("months", "Par mois", _columns(stats.by_month)),
        ],
        evidence=[(_EVIDENCE[k], n) for k, n in stats.evidence.items()],
        labels=LABELS,
    )


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %".replace(".", ",")


def _cards(s: Stats) -> list[tuple[str, str]]:
    cards = [
        ("citations", str(s.n_quotes)),
        (
            "articles",
            f"{s.n_articles_with_quotes}"
            + (f" / {s.n_articles}" if s.n_articles > s.n_articles_with_quotes else ""),
        ),
        ("médias", str(s.n_outlets)),
        ("femmes parmi les citations", _pct(s.share_women())),
        ("femmes parmi les personnes citées", _pct(s.share_women(s.people_by_gender))),
    ]
    if s.mentioned_by_gender is not None:
        cards.append(
            ("femmes parmi les personnes mentionnées", _pct(s.share_women(s.mentioned_by_gender)))
        )
    return cards


def _chart(height: int) -> dict[str, Any]:
    return {"width": _WIDTH, "height": height, "rects": [], "texts": [], "lines": []}


def _segments(
    chart: dict[str, Any], counts: dict[str, int], x: float, y: float, width: float, what: str
) -> None:
    """One horizontal bar cut into the categories of ``counts``, ``width`` pixels for all."""
    total = sum(counts.get(c, 0) for c in CATEGORIES)
    for c in CATEGORIES:
        n = counts.get(c, 0)
        if not n or not total:
            continue
        w = width * n / total
        chart["rects"].append(
            {
                "x": x,
                "y": y,
                "w": w,
                "h": _BAR,
                "cls": f"c-{c}",
                "tip": f"{what} — {_LEGEND[c]} : {n}",
            }
        )
        x += w


def _stacked_total(s: Stats) -> dict[str, Any]:
    chart = _chart(_BAR + 26)
    _segments(chart, s.quotes_by_gender, 0, 0, _WIDTH, "citations")
    x = 0.0
    for c in CATEGORIES:
        n = s.quotes_by_gender.get(c, 0)
        if n and s.n_quotes and n / s.n_quotes >= 0.06:
            chart["texts"].append(
                {
                    "x": x + 4,
                    "y": _BAR + 18,
                    "text": f"{100 * n / s.n_quotes:.0f} %",
                    "anchor": "start",
                    "cls": "small",
                }
            )
        x += _WIDTH * n / s.n_quotes if s.n_quotes else 0
    return chart


def _shares(s: Stats) -> dict[str, Any]:
    rows = [("citations", s.quotes_by_gender), ("personnes citées", s.people_by_gender)]
    if s.mentioned_by_gender is not None:
        rows.append(("personnes mentionnées", s.mentioned_by_gender))
    chart = _chart(len(rows) * (_BAR + _GAP) + 20)
    span = _WIDTH - _LABEL - 70
    for i, (label, counts) in enumerate(rows):
        y = i * (_BAR + _GAP)
        share = s.share_women(counts)
        chart["texts"].append(
            {"x": _LABEL - 8, "y": y + 16, "text": label, "anchor": "end", "cls": ""}
        )
        chart["rects"].append(
            {
                "x": _LABEL,
                "y": y,
                "w": span,
                "h": _BAR,
                "cls": "c-m",
                "tip": f"{label} — hommes : {counts.get('m', 0)}",
            }
        )
        if share:
            chart["rects"].append(
                {
                    "x": _LABEL,
                    "y": y,
                    "w": span * share,
                    "h": _BAR,
                    "cls": "c-f",
                    "tip": f"{label} — femmes : {counts.get('f', 0)}",
                }
            )
        chart["texts"].append(
            {"x": _LABEL + span + 8, "y": y + 16, "text": _pct(share), "anchor": "start", "cls": ""}
        )
    mid = _LABEL + span / 2
    bottom = len(rows) * (_BAR + _GAP)
    chart["lines"].append({"x1": mid, "y1": 0, "x2": mid, "y2": bottom, "cls": "parity"})
    chart["texts"].append(
        {"x": mid, "y": bottom + 12, "text": "parité", "anchor": "middle", "cls": "small"}
    )
    return chart


def _top(s: Stats) -> dict[str, Any]:
    rows = s.top_sources
    chart = _chart(max(1, len(rows)) * (_BAR + _GAP))
    most = max((r["quotes"] for r in rows), default=1)
    span = _WIDTH - _LABEL - 50
    for i, r in enumerate(rows):
        y = i * (_BAR + _GAP)
        cat = r["kind"] if r["kind"] != "person" else (r["gender"] or "unknown")
        name = r["name"] if len(r["name"]) <= 30 else r["name"][:29] + "…"
        chart["texts"].append(
            {"x": _LABEL - 8, "y": y + 16, "text": name, "anchor": "end", "cls": ""}
        )
        w = span * r["quotes"] / most
        tip = f"{r['name']} : {r['quotes']} citations, {r['articles']} articles"
        tip += f", {r['outlets']} médias"
        chart["rects"].append(
            {"x": _LABEL, "y": y, "w": w, "h": _BAR, "cls": f"c-{cat}", "tip": tip}
        )
        chart["texts"].append(
            {
                "x": _LABEL + w + 6,
                "y": y + 16,
                "text": str(r["quotes"]),
                "anchor": "start",
                "cls": "",
            }
        )
    return chart


def _stacked_rows(rows: list[dict[str, Any]], key: str, limit: int = 20) -> dict[str, Any]:
    rows = rows[:limit]
    chart = _chart(max(1, len(rows)) * (_BAR + _GAP))
    most = max((r["quotes"] for r in rows), default=1)
    span = _WIDTH - _LABEL - 110
    for i, r in enumerate(rows):
        y = i * (_BAR + _GAP)
        label = str(r[key]) if len(str(r[key])) <= 30 else str(r[key])[:29] + "…"
        chart["texts"].append(
            {"x": _LABEL - 8, "y": y + 16, "text": label, "anchor": "end", "cls": ""}
        )
        w = span * r["quotes"] / most
        _segments(chart, r, _LABEL, y, w, str(r[key]))
        note = f"{r['quotes']} · {_pct(r['share_women'])} ♀"
        chart["texts"].append(
            {"x": _LABEL + w + 6, "y": y + 16, "text": note, "anchor": "start", "cls": "small"}
        )
    return chart


def _columns(rows: list[dict[str, Any]]) -> dict[str, Any]:
    height = 220
    chart = _chart(height + 40)
    most = max((r["quotes"] for r in rows), default=1)
    step = min(60.0, (_WIDTH - 20) / max(1, len(rows)))
    bar = max(4.0, step * 0.7)
    for i, r in enumerate(rows):
        x = 10 + i * step
        h_total = height * r["quotes"] / most
        y = height
        for c in CATEGORIES:
            n = r.get(c, 0)
            if not n:
                continue
            h = h_total * n / r["quotes"]
            y -= h
            chart["rects"].append(
                {
                    "x": x,
                    "y": y,
                    "w": bar,
                    "h": h,
                    "cls": f"c-{c}",
                    "tip": f"{r['month']} — {_LEGEND[c]} : {n}",
                }
            )
        if len(rows) <= 24 or i % max(1, len(rows) // 12) == 0:
            chart["texts"].append(
                {
                    "x": x + bar / 2,
                    "y": height + 16,
                    "text": str(r["month"]),
                    "anchor": "middle",
                    "cls": "small",
                }
            )
        chart["texts"].append(
            {
                "x": x + bar / 2,
                "y": height - h_total - 4,
                "text": str(r["quotes"]),
                "anchor": "middle",
                "cls": "small",
            }
        )
    chart["lines"].append({"x1": 0, "y1": height, "x2": _WIDTH, "y2": height, "cls": "axis"})
    return chart


_TEMPLATE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ title }}</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a;
       margin: 0; background: #f4f5f7; }
main { max-width: 780px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.sub { color: #5b6570; margin: 0 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px;
         margin-bottom: 18px; }
.card { background: #fff; border-radius: 8px; padding: 10px 14px; box-shadow: 0 1px 2px #0001; }
.card b { display: block; font-size: 24px; }
.card span { color: #5b6570; font-size: 13px; }
section { background: #fff; border-radius: 8px; padding: 14px 18px 18px; margin-bottom: 16px;
          box-shadow: 0 1px 2px #0001; }
h2 { font-size: 17px; margin: 0 0 12px; }
svg { display: block; width: 100%; height: auto; overflow: visible; }
svg text { font-size: 13px; fill: #1d232a; }
svg text.small { font-size: 11px; fill: #4a545e; }
.c-f { fill: #b5246b; background: #b5246b; }
.c-m { fill: #2f6db5; background: #2f6db5; }
.c-unknown { fill: #a7b0b9; background: #a7b0b9; }
.c-organisation { fill: #c98b2b; background: #c98b2b; }
.c-group { fill: #e2c27a; background: #e2c27a; }
.c-none { fill: #dfe3e7; background: #dfe3e7; }
line.parity { stroke: #1d232a; stroke-dasharray: 4 3; }
line.axis { stroke: #8a939c; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 10px 0 0; padding: 0;
          list-style: none; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
            margin-right: 5px; vertical-align: -1px; }
table { border-collapse: collapse; font-size: 13px; }
td, th { padding: 3px 12px 3px 0; text-align: left; }
td.n { text-align: right; }
footer { color: #5b6570; font-size: 12px; }
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p class="sub">Citations extraites par quoteattr : qui parle, combien, où et quand.</p>
<div class="cards">
{% for label, value in cards %}
<div class="card"><b>{{ value }}</b><span>{{ label }}</span></div>
{% endfor %}
</div>
{% for id, heading, chart in charts %}
<section id="{{ id }}">
<h2>{{ heading }}</h2>
<svg viewBox="0 0 {{ chart.width }} {{ chart.height }}" role="img" aria-label="{{ heading }}">
{% for r in chart.rects %}
<rect x="{{ '%.1f' % r.x }}" y="{{ '%.1f' % r.y }}" width="{{ '%.1f' % r.w }}"
 height="{{ '%.1f' % r.h }}" class="{{ r.cls }}"><title>{{ r.tip }}</title></rect>
{% endfor %}
{% for l in chart.lines %}
<line x1="{{ '%.1f' % l.x1 }}" y1="{{ '%.1f' % l.y1 }}" x2="{{ '%.1f' % l.x2 }}"
 y2="{{ '%.1f' % l.y2 }}" class="{{ l.cls }}"/>
{% endfor %}
{% for t in chart.texts %}
<text x="{{ '%.1f' % t.x }}" y="{{ '%.1f' % t.y }}" text-anchor="{{ t.anchor }}"
 class="{{ t.cls }}">{{ t.text }}</text>
{% endfor %}
</svg>
{% if id == "gender" or id == "outlets" or id == "months" %}
<ul class="legend">
{% for cat, label, n in legend %}
<li><i class="c-{{ cat }}"></i>{{ label }}{% if id == "gender" %} ({{ n }}){% endif %}</li>
{% endfor %}
</ul>
{% endif %}
</section>
{% endfor %}
<section id="evidence">
<h2>D'où vient le genre des citations</h2>
<table>
{% for label, n in evidence %}
<tr><th>{{ label }}</th><td class="n">{{ n }}</td></tr>
{% endfor %}
</table>
</section>
<footer>quoteattr · prénoms : Source : Insee, Fichier des prénoms (Licence Ouverte).</footer>
</main>
</body>
</html>
"""
