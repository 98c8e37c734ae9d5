"""Grading from a notebook: `%load_ext grader`, then `%grade ex3` or `%grade all` in a cell.

magic.py is the magic, cells.py turns what the kernel ran into the exercise's file,
outside.py grades it out of the kernel (child.py when no server can), display.py shows the
report. IPython is not a dependency of the grader: only the kernel that loads this has it.
"""
