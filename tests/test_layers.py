"""The engine's import layers (pyproject.toml [tool.importlinter], docs/architecture.md):
no module imports one above it, imports inside functions included, so there is no cycle and
the worker side (what the zygote loads) never reaches the grader side."""

import subprocess

from conftest import REPO


def test_the_layers_contract_is_kept():
    done = subprocess.run(["lint-imports", "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
