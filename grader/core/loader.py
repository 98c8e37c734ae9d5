"""Loading one of the course's Python files as a module, in the grader's own (trusted) process.

A course's files are not on `sys.path` and their names may repeat across exercises (every
exercise has a `checks.py`), so each is executed from its path under a name the caller makes
unique (`grader_checks_ex3`, `grader_reference_ex3`, ...). The checks, the references, the
misconception catalogs and the helper modules checks load (`grader.checks.course_module`) all
come through here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_module(name: str, path: Path | str, *, register: bool = False,
                missing: str = "no such file") -> ModuleType:
    """Execute the file at `path` as a fresh module called `name` and return it.

    `register`: the module is in `sys.modules` under `name` while its code runs and after
    (as `import` does: its own classes then find their module, which dataclasses and pickle
    need), and taken out again if its code raises. Unregistered, it is a module nothing else
    can import by name.

    A file that is not there raises ImportError("<path>: <missing>"); whatever the module's
    own code raises propagates unchanged."""
    path = Path(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or not path.is_file():
        raise ImportError(f"{path}: {missing}", name=name, path=str(path))
    module = importlib.util.module_from_spec(spec)
    if not register:
        spec.loader.exec_module(module)
        return module
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        # Only our own entry goes: the module's code may have put another in its place.
        if sys.modules.get(name) is module:
            del sys.modules[name]
        raise
    return module
