"""The engine's import layers (pyproject.toml [tool.importlinter], docs/architecture.md):
no module imports one above it, imports inside functions included, so there is no cycle and
the worker side (what the zygote loads) never reaches the grader side."""

import subprocess

from conftest import REPO


def test_the_layers_contract_is_kept():
    done = subprocess.run(["lint-imports", "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_no_module_imports_itself_back():
    """No import cycle between any two modules, imports inside functions included (grimp,
    import-linter's own graph): the layers contract judges packages, this judges modules."""
    import grimp

    graph = grimp.build_graph("grader")
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is not None:
                cycles.append(f"{module} -> {' -> '.join(back)}")
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_wheel_lists_every_engine_package():
    """pyproject.toml and the release's generated pyproject name the same packages, and those
    are every folder of grader/ with an __init__.py: a package left out would be missing from
    a wheel and show only on a fresh install."""
    import tomllib

    from grader.core.project import ENGINE_DIR, ENGINE_PACKAGES, PACKAGE_DATA

    found = {"grader"} | {"grader." + str(p.parent.relative_to(ENGINE_DIR)).replace("/", ".")
                          for p in ENGINE_DIR.rglob("*/__init__.py") if "_course" not in p.parts}
    found |= set(PACKAGE_DATA)  # grader.docs: a folder of data only
    listed = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    assert set(listed) == set(ENGINE_PACKAGES) == found


def test_every_module_has_its_row_in_the_architecture_doc():
    """docs/architecture.md gives every module's job, folder by folder: a module added without
    its row (or a row left for a module gone) fails here, so the map stays the territory."""
    import re

    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(grader/[^`*]+\.py)` \|", doc, re.M))
    modules = {str(p.relative_to(REPO)) for p in (REPO / "grader").rglob("*.py")
               if "_course" not in p.parts and p.name not in ("__init__.py", "__main__.py")}
    assert modules - rows == set(), "modules without a row"
    assert rows - modules - {"grader/cli/__init__.py"} == set(), "rows of modules that do not exist"
