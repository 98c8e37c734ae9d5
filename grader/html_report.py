"""`summary.html`: a self-contained class report (no scripts, no network): per exercise a
histogram of scores, per check the share of students who failed it, and the students."""

from __future__ import annotations

import html
from collections import Counter

from grader.results import Status, _number

BINS = 10
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; background: #fff; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; font-size: 1.25em; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .3em; }
table { border-collapse: collapse; margin-top: .5em; }
td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #d9534f; height: 1em; display: inline-block; vertical-align: middle; }
"""


def _histogram_svg(scores: list[float], maximum: float, name: str) -> str:
    width, height, pad = 320, 160, 24
    counts = [0] * BINS
    for score in scores:
        index = min(BINS - 1, int(BINS * score / maximum)) if maximum else 0
        counts[index] += 1
    top = max(counts) or 1
    bar_width = (width - 2 * pad) / BINS
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="score histogram for {html.escape(name)}">',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>']
    for i, count in enumerate(counts):
        bar = (height - 2 * pad) * count / top
        x = pad + i * bar_width
        parts.append(f'<rect class="bin" data-count="{count}" x="{x + 1:.1f}" y="{height - pad - bar:.1f}" '
                     f'width="{bar_width - 2:.1f}" height="{bar:.1f}" fill="#2f6fb0"/>')
        if count:
            parts.append(f'<text x="{x + bar_width / 2:.1f}" y="{height - pad - bar - 3:.1f}" font-size="10" '
                         f'text-anchor="middle">{count}</text>')
    parts.append(f'<text x="{pad}" y="{height - 6}" font-size="10">0</text>')
    parts.append(f'<text x="{width - pad}" y="{height - 6}" font-size="10" text-anchor="end">{_number(maximum)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def class_report_html(records: list[dict], exercise_names: list[str]) -> str:
    esc = html.escape
    body = [f"<h1>Class report: {len(records)} students</h1>", "<h2>Score distribution per exercise</h2>",
            '<div class="charts">']
    for name in exercise_names:
        found = [e for r in records for e in r["exercises"] if e["exercise"] == name]
        if not found:
            continue
        maximum = max(e["max_score"] for e in found)
        scores = [e["score"] for e in found]
        mean = sum(scores) / len(scores)
        body.append(f'<figure data-exercise="{esc(name)}" data-mean="{_number(mean)}"><figcaption>{esc(name)} — '
                    f'mean {_number(mean)} / {_number(maximum)}</figcaption>{_histogram_svg(scores, maximum, name)}'
                    "</figure>")
    body.append("</div><h2>Checks failed, most-failed first</h2><table><tr><th>exercise</th><th>check</th>"
                "<th>failed</th><th></th></tr>")
    attempts, failures = Counter(), Counter()
    for record in records:
        for exercise in record["exercises"]:
            for check in exercise["checks"]:
                key = (exercise["exercise"], check["name"])
                attempts[key] += 1
                failures[key] += check["status"] != Status.PASSED
    for key in sorted(attempts, key=lambda k: (-failures[k] / attempts[k], k)):
        share = failures[key] / attempts[key]
        body.append(f'<tr class="check"><td>{esc(key[0])}</td><td>{esc(key[1])}</td>'
                    f'<td class="num" data-share="{share:.4f}">{100 * share:.0f}%</td>'
                    f'<td><span class="bar" style="width:{200 * share:.0f}px"></span></td></tr>')
    body.append("</table><h2>Students</h2><table><tr><th>student</th>"
                + "".join(f"<th>{esc(n)}</th>" for n in exercise_names) + "<th>total</th></tr>")
    for record in records:
        scores = {e["exercise"]: e["score"] for e in record["exercises"]}
        body.append(f'<tr class="student" data-student="{esc(record["student"])}"><td>{esc(record["student"])}</td>'
                    + "".join(f'<td class="num">{_number(scores.get(n, 0))}</td>' for n in exercise_names)
                    + f'<td class="num" data-total="{_number(record["score"])}">{_number(record["score"])}'
                      f' / {_number(record["max_score"])}</td></tr>')
    body.append("</table>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title>"
            f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n")
