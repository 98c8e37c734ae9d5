"""The contract's rules for every function, watched in the worker (this module runs there).

`../shared/EXERCISES.md` holds every function of every exercise to four rules; the engine
checks them itself, for each contract function, without an exercise asking. `ContractRules`
observes every call of a contract function (the grader's own calls, and those a check's worker
function makes through `module.<name>`: the view of the module it is handed observes them)
and keeps what the rules need; each rule has a module of its own:

- **Inputs stay as given** (rules_arguments.py; writes undone before returning,
  rules_writes.py): each call's tensor and module arguments compared before and after.
- **Global state stays as found** (rules_settings.py): PyTorch's global settings read around
  the import, every call and every request; a change is recorded and undone.
- **Calls are independent** (rules_replay.py, from copies made by rules_copies.py and
  answers compared by rules_answers.py): each function's first call replayed after the checks.
- **Imports** (rules_imports.py): torch, math and the standard library only.

Every argument object of an observed call is kept alive, so that an `id()` is never reused
during grading: a cache keyed on ids cannot make an ordinary check's verdict depend on where
memory happened to be reused (it is judged by the replays, always the same way).

Findings travel as data (`protocol.RuleViolation`); the grader words them. This module and
its rule modules depend on torch and the standard library only: the zygote loads them before
any student.
"""

from __future__ import annotations

import functools
import linecache
import types

from grader.remote.rules_answers import fingerprint
from grader.remote.rules_arguments import TensorLeaf, argument_leaves, bytes_of, parameter_names
from grader.remote.rules_imports import scan_globals, watch_imports, watch_numpy_method
from grader.remote.rules_replay import Example, example_of, replay
from grader.remote.rules_reuse import frees_its_arguments, plain_call
from grader.remote.rules_settings import (as_shown, read_fast_settings, read_like, read_settings, restore_settings,
                                          watch_setters)

KEEP_ALIVE_BYTES = 256 * 1024 * 1024  # argument tensors kept alive, at most (then ids may be reused)
MAX_REPORTED = 60  # violations sent in one worker's life


class ContractRules:
    """Observes the contract functions of one student module for the rules above."""

    def __init__(self, config: dict, module_name: str):
        self.functions = set(config.get("functions") or [])
        self.may_change = {k: set(v) for k, v in (config.get("may_change") or {}).items()}
        self.skip = {k: set(v) for k, v in (config.get("skip") or {}).items()}
        self.module_name = module_name
        self.seeding = bool(config.get("seeding", True))  # False: the results depend on the generator (ex9)
        self.importing = False
        self.student_globals: dict | None = None
        self.baseline = read_settings()
        self.violations: list[dict] = []  # not yet sent
        self.reported: set = set()  # keys of violations sent (each once)
        self.returned: set[str] = set()
        self.placeholders: set[str] = set()  # functions that raised the stub's NotImplementedError
        self.examples: dict[str, Example] = {}
        self.reusable: dict[str, Example] = {}  # the first call of plain arguments that freed them
        self.calls: dict[str, int] = {}  # observed calls of each function, replays included
        self.kept: list = []  # every observed call's arguments, alive (see the module's docstring)
        self.kept_bytes = 0
        self.depth = 0  # inside an observed call: calls it makes are its own business
        self.replaying = False
        self.current: str | None = None
        self._wrappers: dict[str, tuple[object, object]] = {}

    # ---------------------------------------------------------- reporting

    def note(self, violation: dict) -> None:
        """A finding, to be sent with the next reply (the same finding only once)."""
        key = tuple(sorted((k, repr(v)) for k, v in violation.items()
                           if k not in ("before", "after", "index", "versions", "first", "again", "call", "label")))
        if key in self.reported or len(self.reported) >= MAX_REPORTED:
            return
        self.reported.add(key)
        self.violations.append(violation)

    def drain(self) -> dict:
        report = {"violations": self.violations, "returned": sorted(self.returned),
                  "placeholders": sorted(self.placeholders)}
        self.violations = []
        return report

    # ---------------------------------------------------------- the student's module

    def install(self, module: types.ModuleType) -> None:
        """Before the student's module runs: watch its imports and remember the settings."""
        self.student_globals = module.__dict__
        self.baseline = read_settings()
        self.importing = True
        watch_imports(self)
        watch_setters(self)
        watch_numpy_method(self)

    def scan(self, module: types.ModuleType | None) -> None:
        """The module's names, for modules that are not allowed (rules_imports.py)."""
        scan_globals(self, module)

    def imported(self, module: types.ModuleType) -> None:
        """After the student's module ran: what it changed, undone."""
        self.importing = False
        self._settings_changed(self.baseline, None, "import")
        self.scan(module)

    # ---------------------------------------------------------- global settings

    def _settings_changed(self, wanted: dict, function: str | None, during: str, label: str = "") -> None:
        now = read_like(wanted)
        changed = [key for key in wanted if now.get(key) != wanted[key]]
        if not changed:
            return
        for key in changed:
            if function is None or "global_state" not in self.skip.get(function, ()):
                self.note({"rule": "global_state", "function": function, "during": during, "setting": key,
                           "before": as_shown(wanted[key]), "after": as_shown(now.get(key)),
                           "call" if function else "label": label})
        restore_settings(wanted, now)

    def after_request(self, label: str, student_code: bool) -> None:
        """After any request: settings back as found; a change by the student's own code (a
        model's forward, a property) that no contract call explains is the module's."""
        if student_code:
            self._settings_changed(self.baseline, None, "request", label)
        else:
            restore_settings(self.baseline)

    # ---------------------------------------------------------- calls

    def observe(self, name: str, function, args, kwargs, run):
        """Run one call of a contract function (`run()`) under the rules."""
        if self.depth or name not in self.functions:
            return run()
        skip = self.skip.get(name, set())
        settings = read_fast_settings()
        names = parameter_names(function, len(args), kwargs)
        leaves = argument_leaves(names, args, kwargs, self.may_change.get(name, set())) \
            if "arguments" not in skip else []
        example = None
        if not self.replaying and name not in self.examples and "independent" not in skip:
            example = example_of(names, args, kwargs)
        reusable = None  # plain arguments: the first call that frees them, for `_replay_reused`
        if not self.replaying and name not in self.reusable and "independent" not in skip and plain_call(args, kwargs):
            reusable = example_of(names, args, kwargs)
        self._keep(args, kwargs, leaves)
        self.calls[name] = self.calls.get(name, 0) + 1
        self.depth += 1
        previous, self.current = self.current, name
        try:
            value = run()
        except BaseException as exc:
            if isinstance(exc, NotImplementedError) and _placeholder(exc, self.student_globals):
                self.placeholders.add(name)
            raise
        else:
            self.returned.add(name)
            if example is not None:
                try:
                    example.answer = fingerprint(value)
                    self.examples[name] = example
                except Exception:  # an answer that cannot be read back alike: no example from this call
                    pass
            if reusable is not None and frees_its_arguments(value, args, kwargs):
                try:
                    reusable.answer = fingerprint(value)
                    self.reusable[name] = reusable
                except Exception:
                    pass
            return value
        finally:
            self.depth -= 1
            self.current = previous
            call = f"{name}({', '.join(names)})"
            for leaf in leaves:
                try:
                    changes = leaf.changes()
                except Exception:  # a tensor left in a state that cannot be compared
                    changes = [{"argument": leaf.path, "change": "replaced", "before": "", "after": ""}]
                for change in changes:
                    self.note({"rule": "arguments", "function": name, "call": call, **change})
            if "global_state" not in skip:
                self._settings_changed(settings, name, "call", call)
            else:
                restore_settings(settings)

    def _keep(self, args, kwargs, leaves: list) -> None:
        size = sum(leaf.tensor.untyped_storage().nbytes() for leaf in leaves if isinstance(leaf, TensorLeaf)) \
            if leaves else bytes_of([args, kwargs])
        if self.kept_bytes + size <= KEEP_ALIVE_BYTES:
            self.kept.append((args, kwargs))
            self.kept_bytes += size

    def view(self, module: types.ModuleType) -> types.ModuleType:
        """The module as a check's worker function sees it: calls of contract functions
        through it are observed (the student's own module and its functions stay untouched)."""
        return _ContractView(module, self)

    def wrapped(self, name: str, value):
        if name not in self.functions or not callable(value) or isinstance(value, type):
            return value
        cached = self._wrappers.get(name)
        if cached is not None and cached[0] is value:
            return cached[1]
        rules = self

        def contract_function(*args, **kwargs):
            return rules.observe(name, value, args, kwargs, lambda: value(*args, **kwargs))

        try:
            functools.update_wrapper(contract_function, value)
        except Exception:
            pass
        self._wrappers[name] = (value, contract_function)
        return contract_function

    # ---------------------------------------------------------- independence

    def replay(self, name: str, function) -> bool:
        """Call the function's first call again, every way (rules_replay.py).
        False when there is no example in this worker."""
        return replay(self, name, function)


def _placeholder(exc: BaseException, student_globals) -> bool:
    """A NotImplementedError raised by a `raise` of the student's own (the stub), not by torch
    (`x ^ 2` on floats raises one from inside an operator, in the student's line too)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None or last.tb_frame.f_globals is not student_globals:
        return False
    line = linecache.getline(last.tb_frame.f_code.co_filename, last.tb_lineno)
    return line.lstrip().startswith("raise")


class _ContractView(types.ModuleType):
    """The student's module, with its contract functions observed (see ContractRules.view)."""

    def __init__(self, module: types.ModuleType, rules: ContractRules):
        super().__init__(module.__name__, module.__doc__)
        object.__setattr__(self, "_grader_module", module)
        object.__setattr__(self, "_grader_rules", rules)

    def __getattr__(self, name: str):
        module = object.__getattribute__(self, "_grader_module")
        value = getattr(module, name)
        return object.__getattribute__(self, "_grader_rules").wrapped(name, value)

    def __setattr__(self, name: str, value) -> None:
        setattr(object.__getattribute__(self, "_grader_module"), name, value)

    def __dir__(self):
        return dir(object.__getattribute__(self, "_grader_module"))
