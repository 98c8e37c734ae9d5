"""docs/api.md is what the engine's docstrings say, the guide names only what exists, and
`grade docs` prints the documentation from wherever the grader is installed.

The reference is generated (grader/authoring/apidoc.py): the committed file must be the
rendering, every name it documents must have a docstring, and its annotated exercise.toml and
equivalent_mutants.toml must load. Every call the guide (docs/authoring.md) writes in inline
code with one of the API's names, `expect_raises(exception, function, *args, call=)` say,
must bind to that function's real signature. The pages ship as package data (grader/docs),
in the wheel and in a release, and `grade docs` prints them without a course.
"""

from __future__ import annotations

import ast
import inspect
import re

import pytest

from conftest import REPO
from grader.authoring import apidoc

GUIDE = REPO / "docs" / "authoring.md"


def test_api_md_is_what_the_docstrings_say():
    committed = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    assert committed == apidoc.render(), "docs/api.md is stale: run python -m grader.authoring.apidoc"
    assert apidoc.main(["--check"]) == 0


def test_every_documented_name_has_a_docstring():
    missing = [line for line in apidoc.render().split("\n#### ")[1:] if "(no docstring)" in line]
    assert not missing, "write their docstrings:\n" + "\n".join(m.splitlines()[0] for m in missing)


def test_every_public_name_of_a_complete_section_is_documented():
    import importlib

    for section in apidoc.SECTIONS:
        module = importlib.import_module(section.module)
        documented = apidoc.section_names(section, module)
        assert len(documented) == len(set(documented)), f"{section.module}: a name listed twice"
        for name in documented:
            apidoc._lookup(module, name)  # raises AttributeError for a name that is not there
        if section.complete:
            assert set(apidoc.public_names(module)) <= set(documented)


def test_the_files_section_loads_with_the_course_loaders(tmp_path):
    from grader.authoring.mutation import load_plan
    from grader.core.contract import load_rules
    from grader.grading.course import Course

    folder = tmp_path / "assignments" / "ex10"
    folder.mkdir(parents=True)
    (tmp_path / "course.toml").write_text('title = "t"\n')
    (folder / "exercise.toml").write_text(apidoc.EXERCISE_TOML)
    (folder / "equivalent_mutants.toml").write_text(apidoc.EQUIVALENTS_TOML)
    (folder / "checks.py").write_text("")
    exercise = Course(tmp_path).exercise("ex10")
    assert exercise.functions == ["causal_mask", "attention"] and exercise.watch["guarded"] == ["attention"]
    assert exercise.time_limit == 60 and len(exercise.hints) == 3
    rules = load_rules(folder)
    assert rules.functions == ("causal_mask", "attention") and rules.seeding is True
    plan = load_plan(exercise)
    assert plan.max_mutants == 60 and plan.attacks == ["numel_above", "magnitude_above", "id_cache"]
    assert list(plan.equivalents) == ["causal_mask:id_cache:1"]
    assert list(plan.known_holes) == ["attention:tiny_values:1e-30"]


# ---------------------------------------------------------------- the guide's calls


def _api_objects() -> dict[str, object]:
    """Every documented function and class by its name, and the fixtures' members by how a
    check reaches them ("student.forbidden_calls", "student.fn.with_grad", "source.uses_of_names")."""
    import importlib

    found = {}
    for section in apidoc.SECTIONS:
        module = importlib.import_module(section.module)
        for name in apidoc.section_names(section, module):
            obj, owner = apidoc._lookup(module, name)
            if isinstance(obj, (staticmethod, classmethod)):
                obj = obj.__func__
            if owner is None:
                if callable(obj):
                    found[name] = obj
            elif owner.__name__ in section.shown_as and callable(obj) and not isinstance(obj, property):
                found[f"{section.shown_as[owner.__name__]}.{name.split('.', 1)[1]}"] = obj
    return found


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _calls_in_inline_code(text: str):
    """(span, call) for every inline code span of the guide that is a call, `name(...)` or
    `@name(...)`; an argument written `key=` (no value) is read as `key=...`."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)  # code blocks run elsewhere
    # A stray backtick would pair the rest of the guide's spans wrongly and hide their calls.
    assert prose.count("`") % 2 == 0, "a ` without its pair in docs/authoring.md"
    for span in re.findall(r"`([^`]+)`", prose):
        span = " ".join(span.split())  # a span may run over a line break
        code = re.sub(r"(\w+)=(?=\s*[,)])", r"\1=...", span.lstrip("@").replace("…", "..."))
        try:
            tree = ast.parse(code, mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Call):
            yield span, tree.body


def _binds(obj, call: ast.Call) -> None:
    """Bind the call's arguments (placeholders, `*args` as none) to obj's signature; TypeError if
    they do not fit."""
    signature = inspect.signature(obj)
    args = [object() for a in call.args if not isinstance(a, ast.Starred)]
    kwargs = {k.arg: object() for k in call.keywords if k.arg is not None}
    parameters = list(signature.parameters.values())
    if parameters and parameters[0].name == "self":  # a method, reached through its fixture
        args.insert(0, object())
    signature.bind(*args, **kwargs)


def test_every_call_the_guide_writes_binds_to_the_real_signature():
    objects = _api_objects()
    checked, wrong = [], []
    for span, call in _calls_in_inline_code(GUIDE.read_text(encoding="utf-8")):
        name = _dotted(call.func)
        if name is None:
            continue
        # `student.fn.with_grad` and `student.attention.with_grad` alike: a function of the
        # student's module is `student.fn` in the reference.
        candidates = [name, re.sub(r"^student\.\w+\.", "student.fn.", name)]
        obj = next((objects[c] for c in candidates if c in objects), None)
        if obj is None:
            continue
        try:
            _binds(obj, call)
            checked.append(span)
        except TypeError as exc:
            wrong.append(f"`{span}`: {exc} (the signature is {name}{apidoc.signature_text(obj)})")
    assert not wrong, "\n".join(wrong)
    # The guide names the API it teaches: a test that checked nothing would prove nothing.
    for expected in ("for_all", "expect_grads", "expect_raises", "check", "misconception", "course_module",
                     "student.forbidden_calls", "source.uses_of_names", "run_in_worker"):
        assert any(span.lstrip("@").startswith(expected + "(") for span in checked), expected


@pytest.mark.parametrize("span, error", [
    ("expect_tensor(actual, expected, call=, tolerance=)", "unexpected keyword"),
    ("for_all(strategy, student_fn, compare=, describe=, key=)", "missing a required argument"),
])
def test_a_call_that_does_not_fit_is_caught(span, error):
    (_, call), = _calls_in_inline_code(f"`{span}`")
    with pytest.raises(TypeError, match=error):
        _binds(_api_objects()[_dotted(call.func)], call)


# ---------------------------------------------------------------- grade docs: the docs ship


def test_grade_docs_lists_the_topics_and_prints_one_as_written(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from grader.cli import main

    (tmp_path / "course.toml").write_text('title = "not trusted"\n')  # the pages need no course
    monkeypatch.chdir(tmp_path)
    listed = CliRunner().invoke(main, ["docs"])
    assert listed.exit_code == 0, listed.output
    for topic, title in (("authoring", "Writing a course of your own"), ("api", "The checks API"),
                         ("security", "Security: the threat model and what holds")):
        assert re.search(rf"^{topic} +{re.escape(title)}$", listed.output, re.MULTILINE), listed.output
    printed = CliRunner().invoke(main, ["docs", "authoring"])
    assert printed.exit_code == 0 and printed.output == GUIDE.read_text(encoding="utf-8") + "\n"
    unknown = CliRunner().invoke(main, ["docs", "authorin"])
    assert unknown.exit_code == 2 and "the topics are api, architecture, authoring" in unknown.output


def test_the_docs_are_package_data_of_the_wheel_and_of_a_release(tmp_path):
    import tomllib

    from grader.core.project import PACKAGE_DATA, copy_engine, pyproject_text

    ours = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    generated = tomllib.loads(pyproject_text())["tool"]["setuptools"]
    assert ours["package-data"] == generated["package-data"] == PACKAGE_DATA
    assert "grader.docs" in ours["packages"] and "grader.docs" in generated["packages"]
    copy_engine(tmp_path / "grader")  # what grade release and grade gradescope ship
    shipped = tmp_path / "grader" / "docs"
    assert not shipped.is_symlink() and (shipped / "authoring.md").read_text() == GUIDE.read_text()
    assert {p.name for p in shipped.iterdir()} == {p.name for p in (REPO / "docs").iterdir()}
