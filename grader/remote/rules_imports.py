"""The rule on imports: torch, math and the standard library only (this module runs in the worker).

Imports of the student's module (import statements at any level, `__import__`,
`importlib.import_module`, executed at import time or later inside a function) must be
torch, math or the standard library; module-level names holding anything else are seen too
(`np = sys.modules["numpy"]` imports nothing, but uses numpy all the same), and so is
`Tensor.numpy()` called by the module. What torch itself imports (numpy) is not the
student's: only imports made from the student's own globals count.

The functions here take the module's `ContractRules` (rules.py) and note findings with it.
It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import sys
import types

import torch

ALLOWED_IMPORTS = frozenset({"torch", "math"}) | frozenset(sys.stdlib_module_names)


def watch_imports(rules) -> None:
    """Before the student's module runs: `__import__` and `importlib.import_module` wrapped,
    so that what the module imports, however and whenever, is checked."""
    original_import, original_import_module = builtins.__import__, importlib.import_module

    def __import__(name, globals=None, locals=None, fromlist=(), level=0):
        imported = original_import(name, globals, locals, fromlist, level)
        # An import statement passes its module's globals; a call of __import__ may not.
        if level == 0 and (globals if globals is not None else sys._getframe(1).f_globals) \
                is rules.student_globals:
            check_import(rules, name)
        return imported

    def import_module(name, package=None):
        imported = original_import_module(name, package)
        if sys._getframe(1).f_globals is rules.student_globals:
            check_import(rules, imported.__name__)
        return imported

    builtins.__import__ = __import__
    importlib.__import__ = __import__
    importlib.import_module = import_module


def watch_numpy_method(rules) -> None:
    """`t.numpy()` hands the student's code numpy arrays (and their methods) without an
    import: numpy used all the same."""
    original = torch.Tensor.numpy

    def numpy(tensor, *args, **kwargs):
        if sys._getframe(1).f_globals is rules.student_globals:
            rules.note({"rule": "imports", "module": "numpy", "function": rules.current, "how": "method"})
        return original(tensor, *args, **kwargs)

    functools.update_wrapper(numpy, original)
    torch.Tensor.numpy = numpy


def check_import(rules, name: str) -> None:
    """An import by the student's module of `name`: a finding unless it is allowed."""
    top = str(name).partition(".")[0]
    if top and top not in ALLOWED_IMPORTS and top != rules.module_name:
        rules.note({"rule": "imports", "module": top, "function": rules.current, "how": "import"})


def scan_globals(rules, module: types.ModuleType | None) -> None:
    """Module-level names holding a module (or a function or class of one) not allowed:
    `np = sys.modules["numpy"]` imports nothing, but uses numpy all the same."""
    if module is None:
        return
    for name, value in list(vars(module).items()):
        if name.startswith("__"):
            continue
        if isinstance(value, types.ModuleType):
            owner = value.__name__
        elif isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)) or callable(value):
            owner = getattr(value, "__module__", None)
            if not isinstance(owner, str):
                continue
        else:
            continue
        top = owner.partition(".")[0]
        if top and top not in ALLOWED_IMPORTS and top != rules.module_name:
            rules.note({"rule": "imports", "module": top, "function": None, "how": "global", "name": name})
