"""docs/api.md, the reference of the checks API, rendered from the docstrings it documents.

    python -m grader.authoring.apidoc            # write docs/api.md again
    python -m grader.authoring.apidoc --check    # exit 1 if docs/api.md is not what the code says

`SECTIONS` says what is documented and in which order: each section opens with its module's
docstring and lists named groups of functions and classes (a class with the members named), as
the signature Python reports and the object's own docstring. A public name of a section's
module that no group lists is added at the section's end, so a function added later is
documented as soon as the file is written again; tests/test_apidoc.py fails while the
committed file differs from the rendering, so the reference cannot go stale. The two course
files an exercise's checks depend on (exercise.toml, equivalent_mutants.toml) are documented
by annotated examples, which that test loads with the real loaders.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import io
import sys
import tokenize
from dataclasses import dataclass, field

from grader.core.project import ENGINE_DIR

API_MD = ENGINE_DIR / "docs" / "api.md"


@dataclass(frozen=True)
class Group:
    """Names documented together under one heading. A name is looked up in the section's
    module; "Class.member" documents one member of a class under the name `shown_as` gives."""

    title: str
    names: tuple[str, ...]
    intro: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    module: str  # whose docstring opens the section, and where the names are looked up
    groups: tuple[Group, ...]
    # How members of a class are called in a check ("StudentProxy" -> "student"); a class named
    # here is documented by its members only, the way checks reach it (a fixture).
    shown_as: dict[str, str] = field(default_factory=dict)
    imports: str = ""  # the import line a check writes, shown under the title
    complete: bool = True  # every public name of the module is documented (else: the groups only)


SECTIONS = (
    Section("Writing checks: `grader.checks`", "grader.checks", imports="from grader.checks import check, ...", groups=(
        Group("Declaring a check", ("check", "KINDS", "CheckFailure", "CheckSpec")),
        Group("Comparing what came back", ("expect_tensor", "expect_tensor_like", "expect_values", "expect_number",
                                           "expect_raises", "expect_unchanged", "expect_grads", "compare_tensors",
                                           "tolerances", "looser_dtype")),
        Group("Generated inputs", ("for_all", "literal")),
        Group("Code that runs in the worker", ("worker_function", "run_in_worker", "Remote")),
        Group("Helpers beside the checks", ("course_module",)),
        Group("Naming a mistake the check found", ("known_mistakes", "name_mistakes")),
        Group("Words for the feedback", ("describe_type", "fmt_number", "fmt_shape", "sparkline")),
        Group("What the student's code did instead of answering",
              ("StudentRaised", "StudentRaised.is_a", "StudentRaised.by_own_raise", "StudentTimeout",
               "NotImplementedYet")),
        Group("Used by the engine", ("reference_grads", "specs_of")),
    )),
    Section("The `student` fixture", "grader.core.student", complete=False,
            shown_as={"StudentProxy": "student", "StudentFunction": "student.fn", "CheckFunction": "student.runner(f)"},
            groups=(
                Group("The student's module", ("StudentProxy", "StudentProxy.names", "StudentProxy.filename",
                                               "StudentProxy.has", "StudentProxy.forbidden_calls",
                                               "StudentProxy.run", "StudentProxy.runner")),
                Group("A function of the student's module (`student.fn` for a function `fn`)",
                      ("StudentFunction", "StudentFunction.__call__", "StudentFunction.with_inputs",
                       "StudentFunction.with_grad", "StudentFunction.many", "StudentFunction.cached")),
                Group("A check's worker function as a function of the student's", ("CheckFunction",)),
            )),
    Section("The `source` fixture", "grader.core.static", complete=False, shown_as={"SourceInfo": "source"},
            groups=(
                Group("The submission's syntax tree", ("SourceInfo", "SourceInfo.uses_of_names",
                                                       "SourceInfo.uses_of_module", "SourceInfo.module_aliases",
                                                       "SourceInfo.function", "SourceInfo.reached", "Finding")),
            )),
    Section("Generated inputs: `grader.properties`", "grader.properties", complete=False, groups=(),
            imports="from grader.checks import for_all, literal   # both documented under grader.checks"),
    Section("Strategies: `grader.strategies`", "grader.strategies",
            imports="from grader.strategies import DTYPES, composite, shapes, st, ...", groups=(
                Group("Writing a strategy", ("composite", "lazy", "st", "LazyStrategy")),
                Group("Building blocks (inside a composite's body)", ("DTYPES", "dims", "shapes", "scales", "seeds",
                                                                      "random_tensor", "broadcastable_shapes")),
            )),
    Section("Misconception catalogs: `grader.misconceptions`", "grader.misconceptions", complete=False,
            imports="from grader.misconceptions import misconception", groups=(
                Group("Writing an entry", ("misconception", "Misconception")),
                Group("Reading a catalog", ("load_catalog", "identify")),
            )),
    Section("Training functions: `grader.training`", "grader.training",
            imports="from grader.training import TrainingSpec, judge_run, ...", groups=(
                Group("What a correct loop does", ("TrainingSpec", "TrainingSpec.facts", "TrainingSpec.seen_text",
                                                   "TrainingSpec.one_optimizer")),
                Group("Judging a run", ("judge_run", "expect_loss_list", "reproducing_mistakes")),
            )),
    Section("The optimizer watch, in the worker: `grader.remote.training`", "grader.remote.training", complete=False,
            imports="from grader.remote.training import OptimizerWatch, plain_losses   # inside a @worker_function",
            groups=(
                Group("Watching a training function", ("OptimizerWatch", "OptimizerWatch.report", "plain_losses")),
            )),
    Section("Models as plain data: `grader.models`", "grader.models",
            imports="from grader.models import seeded_linear_state, stack_text, ...", groups=(
                Group("Building the same model on both sides", ("seeded_linear_state", "linear_stack",
                                                                "load_linear_state", "layers_model", "AFTER_RELU")),
                Group("The model in the student's words", ("stack_text", "layers_text", "frozen_text")),
            )),
)

# An exercise's files the checks depend on, as annotated examples (tests/test_apidoc.py loads
# them with the course's own loaders: every key shown is one they accept).
EXERCISE_TOML = '''\
title = "Causal self-attention"          # shown by grade list and in every report
section = "the section on attention"     # what to read first
functions = ["causal_mask", "attention"] # the contract: names the student's module defines
time_limit = 60                          # seconds for the whole exercise
check_time_limit = 10                    # seconds for each check
hints = ["a first nudge", "a closer one", "nearly the answer"]   # grade hint, one at a time

[watch]
# While a `guarded` function runs, the worker records every call of a `forbidden` name
# (dotted; a module forbids all of it), however it is reached; student.forbidden_calls reads them.
guarded = ["attention"]
forbidden = ["torch.nn.functional.scaled_dot_product_attention", "torch.ops.aten.scaled_dot_product_attention"]
# The loss of every backward pass of these functions is recorded:
# student.fn.cached(..., observed=True) returns them.
training = []

[rules]
# The engine's rule checks, one per contract function: where the contract lets a function off.
attention = { may_change = [], skip = [] }   # may_change: argument names (or "*") it may modify;
                                             # skip: any of "arguments", "global_state", "independent"
seeding = true                               # false: results depend on the random generator
'''

EQUIVALENTS_TOML = '''\
# Which automatic mutants to make (default: every operator, at most max_mutants in all):
# operators = ["arith_swap", "drop_transpose"]    or a table: [operators] arith_swap = 4
max_mutants = 60
# The attack classes to apply (default: all of them; [] for none).
attacks = ["numel_above", "magnitude_above", "id_cache"]

# A survivor that is as correct as the reference under the contract. `id` and `description`
# are grade verify's, word for word; verify fails when the mutant is no longer generated, is
# killed now, or describes another edit.
[[equivalent]]
id = "causal_mask:id_cache:1"
description = "causal_mask memoises its results by the arguments' id()s"
reason = "causal_mask takes one int: the same id() is the same n, whose mask is the same."

# A survivor that is a hole the checks leave open on purpose: reported, never failing verify,
# and stale once a check kills it.
[[known_hole]]
id = "attention:tiny_values:1e-30"
description = "attention is wrong only when a tensor argument holds a nonzero value below 1e-30"
reason = "no check passes values below 1e-30: activations of a trained model are never that small."
'''

FILES = f"""\
## An exercise's files

`assignments/<ex>/exercise.toml`, every key (the engine refuses unknown `[rules]` keys and
an exercise.toml that is not valid TOML, naming the file):

```toml
{EXERCISE_TOML}```

`assignments/<ex>/equivalent_mutants.toml`, read by `grade verify`:

```toml
{EQUIVALENTS_TOML}```
"""

HEADER = """\
# The checks API

The reference of what a course's checks import, generated from the engine's docstrings by
`python -m grader.authoring.apidoc` (tests/test_apidoc.py fails while this file differs from
what the code says: edit the docstrings, never this file). The guide that uses all of it on
one exercise is `grade docs authoring` (docs/authoring.md).

A check gets three fixtures, by parameter name: `student` (the submission, running in a
sandboxed worker), `reference` (the reference solution's module, imported in the grader's
trusted process; in a student release, a stand-in answering from values recorded by `grade
release`) and `source` (the submission's syntax tree).
"""


# ---------------------------------------------------------------- rendering


def _annotation(annotation) -> str:
    if isinstance(annotation, str):  # `from __future__ import annotations`: the text as written
        return annotation
    return inspect.formatannotation(annotation)


def signature_text(obj) -> str:
    """`(name: str, *, kind: str, points: float = 1)`: parameters as the source writes them."""
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return ""
    parts = []
    for parameter in signature.parameters.values():
        text = parameter.name
        if parameter.kind is parameter.VAR_POSITIONAL:
            text = "*" + text
        elif parameter.kind is parameter.VAR_KEYWORD:
            text = "**" + text
        if parameter.annotation is not parameter.empty:
            text += ": " + _annotation(parameter.annotation)
        if parameter.default is not parameter.empty:
            text += (" = " if parameter.annotation is not parameter.empty else "=") + repr(parameter.default)
        parts.append((parameter.kind, text))
    rendered = []
    for index, (kind, text) in enumerate(parts):
        previous = parts[index - 1][0] if index else None
        if kind is inspect.Parameter.KEYWORD_ONLY and previous not in (inspect.Parameter.KEYWORD_ONLY,
                                                                        inspect.Parameter.VAR_POSITIONAL):
            rendered.append("*")
        rendered.append(text)
        if kind is inspect.Parameter.POSITIONAL_ONLY and (index + 1 == len(parts)
                                                          or parts[index + 1][0] is not kind):
            rendered.append("/")
    result = "(" + ", ".join(rendered) + ")"
    if signature.return_annotation is not signature.empty:
        result += " -> " + _annotation(signature.return_annotation)
    return result


def own_docstring(obj) -> str:
    """The object's own docstring, dedented; "" for none (a dataclass's generated one counts as
    none, and nothing is inherited)."""
    target = obj.fget if isinstance(obj, property) else obj
    doc = target.__doc__ if isinstance(getattr(target, "__doc__", None), str) else None
    if doc is None or (inspect.isclass(target) and target.__doc__ is None):
        return ""
    if inspect.isclass(target):
        if "__doc__" not in vars(target):
            return ""
        if dataclasses.is_dataclass(target) and doc.startswith(f"{target.__name__}("):
            return ""
    return inspect.cleandoc(doc)


def _value_text(name: str, value) -> str:
    text = repr(value)
    return f"{name} = {text}" if " object at 0x" not in text else name


def constant_comment(module, name: str) -> str:
    """What the source says of a module-level constant: the comment at the end of its line, or
    else the comment lines right above it (a constant has no docstring)."""
    source = inspect.getsource(module)
    comments = {token.start[0]: token.string.lstrip("#").strip()
                for token in tokenize.generate_tokens(io.StringIO(source).readline) if token.type == tokenize.COMMENT}
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            if node.lineno in comments and not lines[node.lineno - 1].lstrip().startswith("#"):
                return comments[node.lineno]
            above, line = [], node.lineno - 1
            while line in comments and lines[line - 1].lstrip().startswith("#"):
                above.insert(0, comments[line])
                line -= 1
            return " ".join(above)
        if isinstance(node, ast.ImportFrom) and node.module and any(alias.name == name for alias in node.names):
            return constant_comment(importlib.import_module(node.module), name)  # a re-exported constant
    return ""


def _lookup(module, dotted: str):
    owner, _, member = dotted.partition(".")
    value = getattr(module, owner)
    if not member:
        return value, None
    return inspect.getattr_static(value, member), value


def render_entry(section: Section, module, dotted: str) -> str:
    obj, owner = _lookup(module, dotted)
    name = dotted.rsplit(".", 1)[-1]
    if owner is not None:  # a member of a class
        shown = section.shown_as.get(owner.__name__, owner.__name__)
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, property):
            heading = f"{shown}.{name}"
        elif name == "__call__":
            signature = signature_text(obj).replace("(self, ", "(").replace("(self)", "()")
            heading = f"{shown}{signature}"
        else:
            signature = signature_text(obj).replace("(self, ", "(").replace("(self)", "()")
            heading = f"{shown}.{name}{signature}"
        doc = own_docstring(obj)
    elif inspect.isclass(obj):
        if obj.__name__ in section.shown_as:
            heading = f"{section.shown_as[obj.__name__]}: {obj.__name__}"
        else:
            init = signature_text(obj).removesuffix(" -> None")
            heading = f"class {name}{init}"
        doc = own_docstring(obj)
    elif callable(obj) and not hasattr(obj, "__getattr__"):
        heading = f"{name}{signature_text(obj)}"
        doc = own_docstring(obj)
    else:  # a constant: its value, and the docstring of its type when the value says nothing
        heading = _value_text(name, obj)
        doc = own_docstring(type(obj)) if heading == name else constant_comment(module, name)
    origin = getattr(obj, "__module__", None)
    where = f" (from `{origin}`)" if owner is None and origin and origin.startswith("grader") \
        and origin != section.module and section.module == "grader.checks" else ""
    return f"#### `{heading}`{where}\n\n{doc or '(no docstring)'}\n"


def public_names(module) -> list[str]:
    """The names a module offers: its own public functions, classes and constants, in the
    order of its source, and what it re-exports on purpose (an import marked `# noqa: F401`)."""
    source = inspect.getsource(module)
    tree = ast.parse(source)
    lines = source.splitlines()
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()]
        elif isinstance(node, ast.ImportFrom) and "noqa: F401" in lines[node.lineno - 1]:
            names += [alias.asname or alias.name for alias in node.names]
    if hasattr(module, "__all__"):
        names += [name for name in module.__all__ if name not in names]
    return [name for name in names if not name.startswith("_")]


def section_names(section: Section, module) -> list[str]:
    """Every name a section documents: its groups', then (for a complete section) the module's
    other public names, under "More"."""
    listed = [name for group in section.groups for name in group.names]
    return listed + _unlisted(section, module, listed)


def _unlisted(section: Section, module, listed: list[str]) -> list[str]:
    if not section.complete:
        return []
    return [name for name in public_names(module) if name not in listed]


def render_section(section: Section) -> str:
    module = importlib.import_module(section.module)
    parts = [f"## {section.title}\n"]
    if section.imports:
        parts.append(f"    {section.imports}\n")
    doc = own_docstring(module)
    if doc:
        parts.append(doc + "\n")
    listed = [name for group in section.groups for name in group.names]
    groups = list(section.groups)
    more = _unlisted(section, module, listed)
    if more:
        groups.append(Group("More", tuple(more)))
    for group in groups:
        parts.append(f"### {group.title}\n")
        if group.intro:
            parts.append(group.intro + "\n")
        parts += [render_entry(section, module, name) for name in group.names]
    return "\n".join(parts)


def render() -> str:
    contents = "\n".join(f"- {section.title}" for section in SECTIONS) + "\n- An exercise's files\n"
    body = "\n".join(render_section(section) for section in SECTIONS)
    return f"{HEADER}\n## Contents\n\n{contents}\n{body}\n{FILES}"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not API_MD.is_file() or API_MD.read_text(encoding="utf-8") != text:
            print(f"{API_MD} is not what the docstrings say: run python -m grader.authoring.apidoc", file=sys.stderr)
            return 1
        return 0
    API_MD.write_text(text, encoding="utf-8")
    print(f"wrote {API_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
