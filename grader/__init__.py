"""The grader. Nothing is imported here: the sandboxed worker's bootstrap and setup.py import
this package before anything else is loaded, and must get only the package itself."""


def load_ipython_extension(ipython) -> None:
    """`%load_ext grader`: the `%grade` magic (grader/jupyter/magic.py), imported only now."""
    from grader.jupyter.magic import load

    load(ipython)


def unload_ipython_extension(ipython) -> None:
    from grader.jupyter.magic import unload

    unload(ipython)
