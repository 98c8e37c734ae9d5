"""`summary.html`: a self-contained class report (no scripts, no network) drawn from the same
class statistics as summary.md and results.json (classstats.py): per exercise who submitted and
a histogram of their scores, what to re-teach first, every check's failure share, the students.
Every figure sits in a cell marked with `data-stat` (and the row with what it is about), so a
test can read the page as a browser shows it."""

from __future__ import annotations

import html

from grader.reports.classstats import INTRODUCTION, REACHED, ClassStats, CheckStats, ScoreStats, Trouble, figure, percent, score_cell
from grader.core.results import _number

BINS = 10
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; background: #fff; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; font-size: 1.25em; } h3 { font-size: 1.05em; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .3em; }
table { border-collapse: collapse; margin-top: .5em; }
td, th { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #d9534f; height: 1em; display: inline-block; vertical-align: middle; }
.note { color: #555; }
details { display: inline; } summary { cursor: pointer; color: #2f6fb0; }
"""
NAMES_SHOWN = 3  # students named in a row before the rest folds away (results.json names all)
esc = html.escape


def _histogram_svg(scores: list[float], maximum: float, name: str) -> str:
    width, height, pad = 320, 160, 24
    counts = [0] * BINS
    for score in scores:
        index = min(BINS - 1, int(BINS * score / maximum)) if maximum else 0
        counts[index] += 1
    top = max(counts) or 1
    bar_width = (width - 2 * pad) / BINS
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="score histogram for {esc(name)}, students who submitted it">',
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


def _num(stat: str, value) -> str:
    return f'<td class="num" data-stat="{stat}">{esc(str(value))}</td>'


def _exercise_row(e: ScoreStats) -> str:
    return (f'<tr class="exercise" data-exercise="{esc(e.exercise)}"><td>{esc(e.exercise)}</td>'
            + _num("submitted", e.submitted) + _num("not-attempted", len(e.not_attempted))
            + _num("not-submitted", e.not_submitted) + _num("errored", e.errored)
            + _num("full-marks", e.full_marks)
            + "".join(_num(how, figure(e.figure(how))) for how in ("mean", "median", "min", "max"))
            + _num("out-of", _number(e.max_score)) + "</tr>")


def _check_row(c: CheckStats) -> str:
    return (f'<tr class="check" data-exercise="{esc(c.exercise)}" data-check="{esc(c.check)}">'
            f"<td>{esc(c.exercise)}</td><td>{esc(c.check)}{' (hidden)' if c.hidden else ''}</td>"
            + _num("failed", f"{c.failed} of {c.graded}") + _num("share", percent(c))
            + f'<td><span class="bar" style="width:{200 * c.share:.0f}px"></span></td>'
            f"<td>{esc(c.message)}{f' ({c.message_count}×)' if c.message else ''}</td>{_who(c.students)}</tr>")


def _folded(names: list[str]) -> str:
    """The first few names, the rest folded away."""
    shown = esc(", ".join(names[:NAMES_SHOWN]))
    rest = names[NAMES_SHOWN:]
    return shown + (f' <details><summary>+{len(rest)} more</summary>{esc(", ".join(rest))}</details>' if rest else "")


def _who(names: list[str]) -> str:
    """The students a row concerns."""
    return f'<td class="who" data-count="{len(names)}">{_folded(names)}</td>'


def _trouble_table(kind: str, rows: list[Trouble], what: str) -> str:
    if not rows:
        return "<p>None.</p>"
    return (f'<table class="{kind}"><tr><th>student</th><th>exercise</th><th>{what}</th></tr>'
            + "".join(f'<tr class="{kind}-row" data-student="{esc(t.student)}" data-exercise="{esc(t.exercise)}">'
                      f"<td>{esc(t.student)}</td><td>{esc(t.exercise)}</td><td>{esc(t.what)}</td></tr>" for t in rows)
            + "</table>")


def class_report_html(stats: ClassStats, records: list[dict], exercise_names: list[str], roster_match=None,
                      late: list[dict] | None = None) -> str:
    body = [f"<h1>Class report: {stats.students} students</h1>", f'<p class="note">{esc(INTRODUCTION)}</p>']
    if stats.submitted_nothing:
        body.append(f'<p class="nothing" data-count="{len(stats.submitted_nothing)}">Submitted nothing: '
                    + esc(", ".join(stats.submitted_nothing)) + "</p>")
    body.append('<h2>Per exercise</h2><table class="exercises"><tr><th>exercise</th><th>submitted</th>'
                "<th>not attempted</th><th>not submitted</th><th>errored or timed out</th><th>full marks</th><th>mean</th><th>median</th>"
                "<th>min</th><th>max</th><th>out of</th></tr>")
    body += [_exercise_row(e) for e in stats.exercises + [stats.total]]
    body.append("</table>")
    for e in stats.exercises:
        if e.not_attempted:
            body.append(f'<p class="not-attempted" data-exercise="{esc(e.exercise)}" '
                        f'data-count="{len(e.not_attempted)}">{esc(e.exercise)}: {len(e.not_attempted)} handed in the '
                        "stub as given or left every function raising NotImplementedError (not attempted): "
                        f"{_folded(e.not_attempted)}</p>")
    body.append('<h2>Score distribution of those who attempted it</h2><div class="charts">')
    for e in stats.exercises:
        if e.attempted:
            body.append(f'<figure data-exercise="{esc(e.exercise)}"><figcaption>{esc(e.exercise)} — '
                        f"{e.attempted} attempted, mean {figure(e.figure('mean'))} / {_number(e.max_score)}"
                        f"</figcaption>{_histogram_svg(e.scores, e.max_score, e.exercise)}</figure>")
    body.append("</div>")

    body.append('<h2>What to re-teach first</h2><h3>Checks most often failed</h3>')
    most_failed = stats.most_failed
    if most_failed:
        body.append('<table class="most-failed"><tr><th>exercise</th><th>check</th><th>failed</th><th>share</th>'
                    "<th></th><th>most common message</th><th>students</th></tr>")
        body += [_check_row(c) for c in most_failed]
        body.append("</table>")
    else:
        body.append("<p>Every graded check passed for every student.</p>")
    body.append("<h3>Known mistakes most often named</h3>")
    if stats.mistakes:
        body.append('<table class="mistakes"><tr><th>exercise</th><th>known mistake</th><th>students</th>'
                    "<th>checks</th><th>who</th></tr>")
        body += [f'<tr class="mistake" data-exercise="{esc(m.exercise)}" data-mistake="{esc(m.mistake)}">'
                 f"<td>{esc(m.exercise)}</td><td>{esc(m.mistake)}</td>"
                 + _num("students", m.students) + _num("checks", m.checks) + _who(m.names) + "</tr>"
                 for m in stats.mistakes]
        body.append("</table>")
    else:
        body.append("<p>No known mistake was named.</p>")

    body.append("<h2>Students</h2><table class=\"students\"><tr><th>student</th>"
                + "".join(f"<th>{esc(n)}</th>" for n in exercise_names) + "<th>total</th></tr>")
    for record in records:
        results = {e["exercise"]: e for e in record["exercises"]}
        cells = [f'<td class="num" data-stat="{esc(name)}">{esc(score_cell(results.get(name)))}</td>'
                 for name in exercise_names]
        body.append(f'<tr class="student" data-student="{esc(record["student"])}"><td>{esc(record["student"])}</td>'
                    + "".join(cells)
                    + f'<td class="num" data-total="{_number(record["score"])}">{_number(record["score"])}'
                      f' / {_number(record["max_score"])}</td></tr>')
    body.append("</table>")
    body.append("<h2>Submissions that errored or timed out</h2>" + _trouble_table("errored", stats.errored,
                                                                                  "what happened"))
    body.append(f'<h2>Reached into the grader</h2><p class="note">{esc(REACHED)}</p>'
                + _trouble_table("reached", stats.reached, "what it tried"))
    if late:
        body.append('<h2>Late work</h2><table class="late"><tr><th>student</th><th>handed in</th><th>days late</th>'
                    "<th>penalty</th></tr>"
                    + "".join(f'<tr class="late-row" data-student="{esc(row["student"])}"><td>{esc(row["student"])}'
                              f'</td><td>{esc(row["submitted_at"] or "—")}</td>{_num("days-late", row["days_late"])}'
                              f'{_num("penalty", row["penalty"])}</tr>' for row in late) + "</table>")
    if roster_match is not None:
        body.append("<h2>Roster</h2>")
        if roster_match.without_submission:
            body.append(f'<p class="roster-missing" data-count="{len(roster_match.without_submission)}">Roster students '
                        f"without a submission ({len(roster_match.without_submission)}; their grade cell is left as it "
                        f"was): {esc(', '.join(roster_match.without_submission))}.</p>")
        if roster_match.without_roster_row:
            body.append(f'<p class="roster-unmatched" data-count="{len(roster_match.without_roster_row)}">Submissions '
                        f"without a roster row ({len(roster_match.without_roster_row)}; not in roster-graded.csv): "
                        f"{esc(', '.join(roster_match.without_roster_row))}.</p>")
        if not roster_match.without_submission and not roster_match.without_roster_row:
            body.append("<p>Every roster student has a submission, and every submission a roster row.</p>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title>"
            f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n")
