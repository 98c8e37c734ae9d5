"""The forbidden-call watch: what a guarded function reaches (this module runs in the worker).

An exercise forbids some functions (ex5: `F.mse_loss`, ex1: anything in `torch`).
`ForbiddenCalls`, set up before the student's module is imported so that no import trick gets
around it, watches every call made while a guarded contract function runs, whatever route
reached it (`getattr(F, "mse" + "_loss")`, `__import__`, a module path nobody lists), and
records the forbidden entry points by name. The static check in the grader still gives line
numbers; this one cannot be talked around. It sees:

- calls, with a profile hook, by identity of what is called: Python functions by their code,
  C functions by id, Tensor methods by name, a forbidden package by its module names and its
  files, dispatcher ops (`torch.ops.aten._softmax`) by the op their packet carries, and
  torch._refs/_decomp/_prims re-implementations by the operator's own name; threads started
  meanwhile inherit the hook (watch_threads.py);
- operators at torch's dispatcher (dispatch_modes.py), however they were reached
  (TorchScript compiled from a string, C++ entry points), where the list names operators or
  all of torch;
- the autograd graph of the result, for the forbidden functions' own nodes (watch_graph.py).

Switching the hook off, handing it over or popping the dispatch mode is itself a finding.
The training watch is watch_training.py.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types

import torch

from grader.remote.dispatch_modes import dispatch_depth, operator_mode, pop_dispatch_modes
from grader.remote.watch_graph import graph_nodes, node_names
from grader.remote.watch_threads import restore_starters, starters_in_place, watch_new_threads

TAMPERED = "sys.setprofile or sys.settrace (which would switch off the grader's watch)"
LOOKED_AT = "sys.getprofile (which would hand over the grader's watch)"
MODE_REMOVED = "torch's dispatch mode stack (which would take away the grader's operator watch)"
DECOMPOSITIONS = ("torch._refs", "torch._decomp", "torch._prims")
# Python code the dispatcher runs around the operator watch itself (not the student's calls).
DISPATCH_MACHINERY = ("torch._library", "torch._compile", "torch.utils._python_dispatch", "torch._ops")
# The autograd engine's C object (`Variable._execution_engine`): its run_backward is autograd.
ENGINE_TYPES = {"_ImperativeEngine", "_EngineBase"}


def _resolve(dotted: str):
    """The object a dotted name reaches: "torch.nn.functional.mse_loss", "torch.Tensor.softmax"."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            value = getattr(value, attribute)
        return value
    raise ImportError(dotted)


def _op_name(value) -> str | None:
    """"aten::_softmax" for torch.ops.aten._softmax and its overloads (.default), else None."""
    if type(value).__name__ == "OpOverloadPacket":
        return getattr(value, "_qualified_op_name", None)
    if type(value).__name__ == "OpOverload":
        return getattr(value, "_name", None)
    return None


def _op_call_codes() -> set:
    """The code of the Python `__call__` every torch.ops call goes through."""
    import torch._ops as ops

    return {cls.__call__.__code__ for cls in (ops.OpOverloadPacket, ops.OpOverload)
            if isinstance(getattr(cls, "__call__", None), types.FunctionType)}


class ForbiddenCalls:
    """Recognises calls to forbidden functions, by identity of what is called, not by name."""

    def __init__(self, names: list[str]):
        self.codes: dict[types.CodeType, str] = {}  # Python functions (F.mse_loss, a class's forward)
        self.builtins: dict[int, str] = {}  # C functions, by id (kept alive in `self._kept`)
        self.tensor_methods: dict[str, str] = {}  # Tensor.softmax and friends, called on any tensor
        self.modules: list[str] = []  # "torch": any entry into that package
        self.ops: dict[str, str] = {}  # dispatcher ops ("aten::_softmax"), reached through torch.ops
        self._op_calls = _op_call_codes()
        self._kept = []
        resolved = {}
        for name in names:
            try:
                resolved[name] = _resolve(name)
                self._add(name, resolved[name])
            except (ImportError, AttributeError):
                continue  # not in this torch version: nothing can reach it either
        self.findings: list[str] = []
        self._module_files = _module_files(self.modules)
        self._from_files: dict[types.CodeType, bool] = {}
        self.graph_nodes = graph_nodes(self._graph_candidates(names, resolved))
        # torch._refs / torch._decomp / torch._prims: Python re-implementations of the same
        # operators, by the operator's own name (`mse_loss`, `_log_softmax`).
        self.short_names: dict[str, str] = {}
        for name in names:
            short = name.rsplit(".", 1)[-1]
            if "." in name and not short[:1].isupper():  # functions, not classes (MSELoss)
                self.short_names.setdefault(short.lstrip("_"), name)
        self._decomposition: dict[types.CodeType, str | None] = {}
        # Autograd forbidden in any form: its engine's C entry point (run_backward) counts too.
        self.autograd_forbidden = any(n == "torch.autograd" or n.startswith("torch.autograd.")
                                      or n == "torch.Tensor.backward" for n in names)
        self._hook = self._profile  # one bound method, so that `is` can tell it was replaced

    def _add(self, name: str, value) -> None:
        op = _op_name(value)
        if op is not None:  # torch.ops.aten._softmax: every such call runs the same __call__ code
            self.ops[op] = name
        elif isinstance(value, types.ModuleType):
            self.modules.append(value.__name__)
        elif isinstance(value, type):
            for method in ("__init__", "forward"):
                function = value.__dict__.get(method)
                if isinstance(function, types.FunctionType):
                    self.codes[function.__code__] = name
        elif isinstance(value, types.FunctionType):
            self.codes[value.__code__] = name
        elif name.startswith("torch.Tensor."):
            self.tensor_methods[name.rsplit(".", 1)[1]] = name
        else:
            self._kept.append(value)
            self.builtins[id(value)] = name

    def _graph_candidates(self, names: list[str], resolved: dict) -> list[tuple[str, object]]:
        """The forbidden functions whose autograd node to learn, with their labels: the C
        functions, then those of torch.nn.functional and the Tensor methods."""
        candidates = [(label, value) for value, label in ((v, self.builtins.get(id(v))) for v in self._kept) if label]
        for name in names:
            if (name.startswith("torch.nn.functional.") or name.startswith("torch.Tensor.")) and name in resolved:
                candidates.append((name, resolved[name]))
        return candidates

    def __bool__(self) -> bool:
        return bool(self.codes or self.builtins or self.tensor_methods or self.modules or self.ops)

    def _in_forbidden_files(self, code) -> bool:
        """Code from a forbidden package's files, whatever globals it runs in (a function copied
        out of torch.optim into a namespace of the student's)."""
        if not self._module_files:
            return False
        found = self._from_files.get(code)
        if found is None:
            found = self._from_files[code] = code.co_filename.startswith(self._module_files)
        return found

    def _in_forbidden_module(self, module_name: str | None) -> bool:
        return bool(module_name) and any(module_name == m or module_name.startswith(m + ".") for m in self.modules)

    def _caller_inside(self, frame) -> bool:
        """Whether the call comes from inside a forbidden package (its own internals, including
        the lazy imports it triggers through importlib), not from the student's code."""
        for _ in range(200):
            if frame is None:
                return False
            if self._in_forbidden_module(frame.f_globals.get("__name__")):
                return True
            frame = frame.f_back
        return False

    def _package_of(self, code) -> str:
        for module, path in zip(self.modules, self._module_files):
            if code.co_filename.startswith(path):
                return module
        return "a forbidden module"

    def _note(self, label: str) -> None:
        if label not in self.findings and len(self.findings) < 20:
            self.findings.append(label)

    def _decomposition_of(self, code, frame) -> str | None:
        """The forbidden function a torch._refs/_decomp/_prims function re-implements, if any."""
        if code not in self._decomposition:
            module = frame.f_globals.get("__name__") or ""
            label = None
            if module.startswith(DECOMPOSITIONS):
                short = code.co_name.lstrip("_")
                label = self.short_names.get(short) or self.short_names.get(short.removesuffix("_forward"))
            self._decomposition[code] = label
        return self._decomposition[code]

    def _profile(self, frame, event, arg):
        if event == "call":
            code = frame.f_code
            if code in self.codes:
                self._note(self.codes[code])
            elif self.short_names and (label := self._decomposition_of(code, frame)):
                self._note(f"{label} (through {frame.f_globals.get('__name__')})")
            elif code in self._op_calls and self.ops:
                op = _op_name(frame.f_locals.get("self"))
                if op in self.ops:
                    self._note(self.ops[op])
            elif self.modules and (self._in_forbidden_module(frame.f_globals.get("__name__"))
                                   or self._in_forbidden_files(code)) \
                    and not str(frame.f_globals.get("__name__", "")).startswith(DISPATCH_MACHINERY) \
                    and not self._caller_inside(frame.f_back):
                module = frame.f_globals.get("__name__")
                self._note(f"{module}.{code.co_qualname}" if self._in_forbidden_module(module)
                           else f"{code.co_qualname} (code of {self._package_of(code)})")
        elif event == "c_call":
            if id(arg) in self.builtins:
                self._note(self.builtins[id(arg)])
                return
            owner = getattr(arg, "__self__", None)
            name = getattr(arg, "__name__", "")
            if self.autograd_forbidden and type(owner).__name__ in ENGINE_TYPES:
                self._note(f"torch.autograd (the autograd engine's {name})")
                return
            if isinstance(owner, torch.Tensor) and name in self.tensor_methods:
                self._note(self.tensor_methods[name])
            elif arg in (sys.setprofile, sys.settrace):
                if frame.f_code not in _OWN_SETTERS:  # not our own switch-off, nor threading's hand-on
                    self._note(TAMPERED)
            elif arg in (sys.getprofile, sys.gettrace, threading.getprofile, threading.gettrace):
                if frame.f_code is not ForbiddenCalls.run.__code__:
                    self._note(LOOKED_AT)
                    # Also to the integrity hook, out of reach of whoever now holds this watch.
                    sys.audit("grader.watch_handed_over", LOOKED_AT)
            elif self.modules and not self._caller_inside(frame):
                module = getattr(arg, "__module__", None) or getattr(owner, "__name__", None)
                if isinstance(owner, torch.Tensor) and "torch" in self.modules:
                    self._note(f"torch.Tensor.{name}")
                elif isinstance(module, str) and self._in_forbidden_module(module):
                    self._note(f"{module}.{name}")

    def run(self, function, *args, **kwargs):
        """Call `function` with the watch on, in threads it starts too; `self.findings` gains
        what it reached, seen by the calls it made or by the autograd graph of its result
        (`MseLossBackward0` is F.mse_loss however it was reached: map, TorchScript, torch.ops)."""
        previous = sys.getprofile()
        previous_threads = threading.getprofile()
        starters = watch_new_threads(self._hook)
        mode = operator_mode(self._operator) if self.ops or "torch" in self.modules else None
        depth = dispatch_depth()
        if mode is not None:
            mode.__enter__()
        threading.setprofile(self._hook)
        sys.setprofile(self._hook)
        try:
            result = function(*args, **kwargs)
        finally:
            if sys.getprofile() is not self._hook or threading.getprofile() is not self._hook \
                    or not starters_in_place(starters):
                self._note(TAMPERED)
            sys.setprofile(previous)
            threading.setprofile(previous_threads)
            restore_starters(starters)
            if mode is not None:
                if dispatch_depth() != depth + 1:
                    self._note(MODE_REMOVED)
                    pop_dispatch_modes(depth)
                else:
                    mode.__exit__(None, None, None)
        self._look_at_graph(result)
        return result

    def _operator(self, func, args, kwargs) -> None:
        """An operator at the dispatcher (the operator mode's callback, see `run`)."""
        name = getattr(getattr(func, "_schema", None), "name", None)
        label = self.ops.get(name)
        if label is None and "torch" in self.modules:  # all of torch forbidden (ex1): any operator
            label = f"torch (the operator {name})"
        if label is not None:
            self._note(label)

    def _look_at_graph(self, result) -> None:
        if not self.graph_nodes:
            return
        for name in node_names(result):
            if name in self.graph_nodes:
                self._note(self.graph_nodes[name])


# Code that sets the profile hook for the watch: its own run, and a new threading.Thread
# setting the hook threading.setprofile handed it.
_OWN_SETTERS = {ForbiddenCalls.run.__code__, threading.Thread._bootstrap_inner.__code__}


def _module_files(modules: list[str]) -> tuple[str, ...]:
    """The source folder (a package) or file of each forbidden module, in its order."""
    import os

    out = []
    for name in modules:
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None)
        if not path:
            out.append("\0")  # matches no file
            continue
        path = os.path.abspath(path)
        out.append(os.path.join(os.path.dirname(path), "") if path.endswith("__init__.py") else path)
    return tuple(out)
