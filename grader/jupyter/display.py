"""What `%grade` shows as the cell's output: HTML for a notebook front end (Jupyter, JupyterLab,
VS Code, Colab) and the terminal's text report for the rest (IPython in a terminal), sent
together as one output so each front end picks the one it can show.

The HTML says what the text report says, with the same pieces (grader/reports/wording.py):
failed checks first with their messages, the named mistake set apart, the checks that did
not run folded under one line per cause, the passed ones counted. Everything that came from
the student's code is escaped; no scripts; colours that read on light and dark themes.
"""

from __future__ import annotations

import html
import re

from grader.core.results import ExerciseResult, Status, _number
from grader.reports.text_report import TEXT_MAX_WIDTH, exercise_text, summary_text
from grader.reports.textfit import terminal_width, wrap
from grader.reports.wording import (MARK, MISTAKE_PREFIX, STATUS_WORD, block_messages, fold_line, folds,
                                    integrity_notes, is_block, named_mistake, not_started, passed_checks,
                                    points)

esc = html.escape
NOT_HERE = "not in this notebook"  # the state of an exercise no cell defines a function of

STYLE = """
.grader-report { font-family: system-ui, sans-serif; line-height: 1.4; max-width: 60em; }
.grader-report h3 { font-size: 1.1em; margin: .6em 0 .3em; }
.grader-report .score { font-variant-numeric: tabular-nums; margin-left: .5em; }
.grader-report .passed { color: #2e8b57; } .grader-report .failed, .grader-report .error { color: #d9433a; }
.grader-report .timeout { color: #c28b00; } .grader-report .skipped { opacity: .7; }
.grader-report .check { margin: .5em 0 .8em; }
.grader-report .message { margin: .2em 0 0 1.4em; white-space: pre-wrap; }
.grader-report .message p { margin: .2em 0; }
.grader-report .mistake { border-left: 4px solid #e8912d; background: rgba(232, 145, 45, .12);
  padding: .3em .6em; }
.grader-report .note { opacity: .75; font-size: .92em; margin: .2em 0; }
.grader-report .verdict { white-space: pre-wrap; }
.grader-report details { margin: .3em 0; } .grader-report summary { cursor: pointer; }
.grader-report table { border-collapse: collapse; }
.grader-report td, .grader-report th { padding: .15em .8em .15em 0; text-align: left; }
.grader-report pre { white-space: pre-wrap; margin: .3em 0; }
"""

def state(result: ExerciseResult) -> str:
    if result.missing:
        return NOT_HERE
    if result.error:
        return "not graded"
    if result.not_started:
        return "not started"
    if result.all_passed:
        return "all passed"
    return f"{sum(c.status != Status.PASSED for c in result.checks)} to fix"


def degraded_sandbox(results: list[ExerciseResult]) -> str | None:
    """One line when this machine ran the code under fewer sandbox layers than the grader has."""
    from grader.remote.sandbox import ALL_LAYERS

    layers = next((r.sandbox for r in results if r.sandbox), None)
    missing = [layer for layer in ALL_LAYERS if layers is not None and layer not in layers]
    if not missing:
        return None
    return (f"sandbox: {', '.join(layers)} only; this machine's container allows no {', '.join(missing)} "
            "(your code still runs in a separate process)")


def _missing_line(results: list[ExerciseResult]) -> str | None:
    missing = [r.exercise for r in results if r.missing]
    if not missing:
        return None
    return (f"Not in this notebook yet: {', '.join(missing)} (no cell defines their functions; "
            f"run the cell that does, then %grade {missing[0]}).")


def _not_started_line(results: list[ExerciseResult]) -> str | None:
    """The exercises whose functions all still raise NotImplementedError, said once for all."""
    names = not_started(results)
    if not names:
        return None
    return (f"Not started: {', '.join(names)} (their functions still raise NotImplementedError) — "
            f"%grade {names[0]} shows its checks.")


# ---------------------------------------------------------------- text (IPython in a terminal)

def text_report(results: list[ExerciseResult], single: bool, notes: list[str], verbose: bool = False,
                width: int | None = None) -> str:
    width = min(width or terminal_width(), TEXT_MAX_WIDTH)
    parts = ["\n".join(line for note in notes for line in wrap(note, width, first="note: ", rest="  "))]
    if single:
        parts.append(exercise_text(results[0], verbose, width=width))
    else:
        # summary_text's word for an exercise without a file, in the last column: this notebook's.
        parts.append(re.sub(r"no file$", NOT_HERE, summary_text(results, width), flags=re.M))
        for r in results:
            if not r.missing and not r.not_started and (verbose or not r.all_passed):
                parts.append(exercise_text(r, verbose, width=width))
        for line in (_not_started_line(results), _missing_line(results)):
            parts.append("\n".join(wrap(line or "", width, rest="  ")))
    parts.append("\n".join(wrap(degraded_sandbox(results) or "", width, rest="  ")))
    return "\n\n".join(part for part in parts if part.strip())


# ---------------------------------------------------------------- HTML (notebook front ends)

def html_report(results: list[ExerciseResult], single: bool, notes: list[str], verbose: bool = False) -> str:
    """`verbose`: the passed checks are listed unfolded, and every graded exercise is shown."""
    body = [_note(note) for note in notes]
    if single:
        body.append(_exercise_html(results[0], verbose))
    else:
        body.append(_summary_html(results))
        for r in results:
            if not r.missing and not r.not_started and (verbose or not r.all_passed):
                body.append(_exercise_html(r, verbose))
        not_started = _not_started_line(results)
        if not_started:
            body.append(f'<p class="not-started">{esc(not_started)}</p>')
        missing = _missing_line(results)
        if missing:
            body.append(f'<p class="missing">{esc(missing)}</p>')
    sandbox = degraded_sandbox(results)
    if sandbox:
        body.append(_note(sandbox, "sandbox"))
    return f'<div class="grader-report"><style>{STYLE}</style>{"".join(body)}</div>'


def _note(text: str, kind: str = "note") -> str:
    return f'<p class="note {kind}">note: {esc(text)}</p>'


def _summary_html(results: list[ExerciseResult]) -> str:
    rows = "".join(f'<tr data-exercise="{esc(r.exercise)}"><td>{esc(r.exercise)}</td><td>{esc(r.title)}</td>'
                   f'<td class="score">{points(r.score, r.max_score)}</td>'
                   f'<td class="{"passed" if r.all_passed else "state"}">{esc(state(r))}</td></tr>' for r in results)
    total = points(sum(r.score for r in results), sum(r.max_score for r in results))
    return ('<table class="summary"><tr><th>exercise</th><th>title</th><th>points</th><th>status</th></tr>'
            f'{rows}<tr class="total"><th>total</th><td></td><th class="score">{total}</th><td></td></tr></table>')


def _exercise_html(result: ExerciseResult, verbose: bool) -> str:
    mark = "passed" if result.all_passed else "failed"
    parts = [f'<section class="exercise" data-exercise="{esc(result.exercise)}">'
             f"<h3>{esc(result.exercise)} — {esc(result.title)}"
             f'<span class="score {mark}" data-score="{_number(result.score)}" '
             f'data-max-score="{_number(result.max_score)}">{points(result.score, result.max_score)}</span></h3>']
    if result.error:
        parts.append(f'<div class="verdict error">✗ {esc(result.error)}</div>')
    parts += [_note(note) for note in result.notes + integrity_notes(result)]
    if not result.error:
        parts.append(_checks_html(result, verbose))
    if result.output.strip():
        parts.append(f"<details class=\"output\"><summary>What your code printed when it was graded</summary>"
                     f"<pre>{esc(result.output.rstrip())}</pre></details>")
    return "".join(parts) + "</section>"


def _checks_html(result: ExerciseResult, verbose: bool) -> str:
    blocks = [c for c in result.checks if is_block(c)]
    parts = []
    for check, message in zip(blocks, block_messages(blocks, full=False)):
        status = Status(check.status)
        parts.append(f'<div class="check" data-status="{status.value}" data-check="{esc(check.id)}">'
                     f'<span class="{status.value}">{MARK[status]}</span> <b>{esc(check.name)}</b> — '
                     f"{STATUS_WORD[status]}, {points(check.score, check.max_score)}"
                     f'<div class="message">{"".join(_paragraph(p) for p in message.split(chr(10)) if p)}</div></div>')
    for fold in folds(result):
        items = "".join(f"<li>{esc(c.name)}, {points(0, c.max_score)}</li>" for c in fold.checks)
        status = Status(fold.status)
        parts.append(f'<details class="fold" data-status="{status.value}"><summary><span class="{status.value}">'
                     f"{MARK[status]}</span> {esc(fold_line(fold, more=bool(blocks)))}</summary><ul>{items}</ul>"
                     "</details>")
    passed = passed_checks(result)
    if passed:
        said = f"All {len(passed)} checks passed." if result.all_passed else \
            f"{len(passed)} of {len(result.checks)} checks passed."
        items = "".join(f"<li>{esc(c.name)}, {points(c.score, c.max_score)}</li>" for c in passed)
        opened = " open" if verbose else ""
        parts.append(f'<details class="passed-checks"{opened}><summary><span class="passed">✓</span> {said}'
                     f"</summary><ul>{items}</ul></details>")
    return "".join(parts)


def _paragraph(text: str) -> str:
    """A message's paragraph; the one naming a known mistake stands out, its name in bold."""
    name = named_mistake(text) if text.startswith(MISTAKE_PREFIX) else None
    if name is None:
        return f"<p>{esc(text)}</p>"
    rest = text[len(MISTAKE_PREFIX):].strip()
    rest = rest[len(name):].lstrip(".").strip() if rest.startswith(name) else rest
    return (f'<p class="mistake" data-mistake="{esc(name)}">This looks like a known mistake: '
            f"<b>{esc(name)}</b>. {esc(rest)}</p>")
