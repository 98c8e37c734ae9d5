"""grader.core.loader: a course file executed as a module under the name its caller gives,
registered in sys.modules or not, a missing file an ImportError naming it."""

from __future__ import annotations

import sys
from dataclasses import is_dataclass

import pytest

from grader.checks import course_module
from grader.core.loader import load_module


def test_an_unregistered_module_runs_and_stays_out_of_sys_modules(tmp_path):
    (tmp_path / "catalog.py").write_text("ANSWER = 42\n")
    module = load_module("grader_test_loader_plain", tmp_path / "catalog.py")
    assert module.ANSWER == 42 and module.__name__ == "grader_test_loader_plain"
    assert module.__file__ == str(tmp_path / "catalog.py")
    assert "grader_test_loader_plain" not in sys.modules


def test_a_registered_module_is_in_sys_modules_while_it_runs_and_after(tmp_path):
    # A dataclass looks its module up in sys.modules while the class is made.
    (tmp_path / "helper.py").write_text(
        "from __future__ import annotations\nimport sys\nfrom dataclasses import dataclass\n"
        "SEEN = __name__ in sys.modules\n@dataclass\nclass Point:\n    x: int\n")
    try:
        module = load_module("grader_test_loader_registered", tmp_path / "helper.py", register=True)
        assert module.SEEN and is_dataclass(module.Point)
        assert sys.modules["grader_test_loader_registered"] is module
    finally:
        sys.modules.pop("grader_test_loader_registered", None)


def test_a_module_whose_code_raises_is_not_left_registered(tmp_path):
    (tmp_path / "broken.py").write_text("HALF = 1\nraise ValueError('broken on purpose')\n")
    with pytest.raises(ValueError, match="broken on purpose"):
        load_module("grader_test_loader_broken", tmp_path / "broken.py", register=True)
    assert "grader_test_loader_broken" not in sys.modules


def test_a_missing_file_is_an_import_error_naming_it(tmp_path):
    with pytest.raises(ImportError, match="nowhere.py: no such file"):
        load_module("grader_test_loader_missing", tmp_path / "nowhere.py", register=True)
    assert "grader_test_loader_missing" not in sys.modules


def test_course_module_loads_a_helper_once_and_names_a_missing_one(tmp_path):
    folder = tmp_path / "exdemo"
    folder.mkdir()
    (folder / "diagnosis.py").write_text("import random\nTOKEN = random.random()\n")
    checks = str(folder / "checks.py")
    try:
        first = course_module(checks, "diagnosis")
        assert course_module(checks, "diagnosis") is first  # one copy for every check module
        assert sys.modules["grader_course_exdemo_diagnosis"] is first
        with pytest.raises(ImportError, match="absent.py: no such helper module beside checks.py"):
            course_module(checks, "absent")
    finally:
        sys.modules.pop("grader_course_exdemo_diagnosis", None)
