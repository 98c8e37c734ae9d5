"""Results for other systems: JUnit XML (GitHub Classroom, any CI) and Gradescope's JSON."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from grader.core.results import ExerciseResult, Status, _number


def junit_xml(results: list[ExerciseResult]) -> str:
    """One <testsuite> per exercise, one <testcase> per check."""
    suites = ET.Element("testsuites", name="grade")
    for result in results:
        counts = {s: sum(c.status == s for c in result.checks)
                  for s in (Status.FAILED, Status.ERROR, Status.TIMEOUT, Status.SKIPPED)}
        suite = ET.SubElement(suites, "testsuite", name=result.exercise, tests=str(len(result.checks)),
                              failures=str(counts["failed"]), errors=str(counts["error"] + counts["timeout"]),
                              skipped=str(counts["skipped"]), time=f"{result.seconds:.3f}")
        if result.error:
            ET.SubElement(suite, "system-err").text = result.error
        for check in result.checks:
            case = ET.SubElement(suite, "testcase", classname=result.exercise, name=check.name,
                                 time="0")
            if check.status == Status.FAILED:
                ET.SubElement(case, "failure", message=check.message.splitlines()[0] if check.message else "failed",
                              type=check.kind).text = check.message
            elif check.status in (Status.ERROR, Status.TIMEOUT):
                ET.SubElement(case, "error", message=check.message.splitlines()[0] if check.message else check.status,
                              type=check.status).text = check.message
            elif check.status == Status.SKIPPED:
                ET.SubElement(case, "skipped", message=check.message)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


HIDDEN_MESSAGE = ("did not pass. This is a hidden check: its inputs and expected values stay private (the visible "
                  "checks show what each function must do).")


def gradescope_json(results: list[ExerciseResult], seconds: float, output: str | None = None) -> str:
    """Gradescope's results.json: hidden checks become visible after grades are published, by
    name and score only (their messages would show their inputs and parameters).
    `output`: the text shown above the tests (a batch gives the student's feedback, hidden
    checks withheld); by default a line per exercise."""
    tests = []
    for result in results:
        for check in result.checks:
            message = check.message or ("" if check.status == Status.PASSED else check.status)
            if result.error and check.status == Status.SKIPPED:
                message = result.error
            elif check.hidden:
                message = "passed" if check.status == Status.PASSED else HIDDEN_MESSAGE
            tests.append({
                "name": f"{result.exercise}: {check.name}",
                "score": _number(check.score),
                "max_score": _number(check.max_score),
                "status": Status.PASSED if check.status == Status.PASSED else Status.FAILED,
                "output": message,
                "visibility": "after_published" if check.hidden else "visible",
            })
    if output is None:
        output = "\n".join(f"{r.exercise} — {r.title}: {_number(r.score)}/{_number(r.max_score)}"
                           + (f" ({r.error})" if r.error else "") for r in results)
    return json.dumps({"score": _number(sum(r.score for r in results)), "execution_time": round(seconds, 2),
                       "output": output, "visibility": "visible", "tests": tests}, ensure_ascii=False, indent=1)
