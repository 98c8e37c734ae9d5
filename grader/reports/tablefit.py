"""Boxed tables within the terminal's width: the grid of checks (table_report.py) and the tables
the `grade` commands print (verify's).

A command's table is drawn by tabulate as it always was when it fits. Otherwise its widest
columns are narrowed first, their cells wrapped at spaces: a word is never split, so a column
is never narrower than its longest word, header included. When even that cannot fit, each row
becomes a line of its own ("ex3: mutants 40, killed 38, ...") with its longer cells under it.
"""

from __future__ import annotations

from numbers import Number

from grader.reports.textfit import display_width, pad, wrap


def grid(headers: list[list[str]], rows: list[list[list[str]]], sizes: list[int],
         right: list[bool] | None = None) -> list[str]:
    """A boxed table; each header and cell is its lines, already wrapped to its column's size;
    a column is aligned right where `right` says so (numbers)."""
    right = right or [False] * len(sizes)

    def rule(left: str, middle: str, end: str) -> str:
        return left + middle.join("─" * (size + 2) for size in sizes) + end

    def row_lines(cells: list[list[str]]) -> list[str]:
        height = max(len(cell) for cell in cells)
        cells = [cell + [""] * (height - len(cell)) for cell in cells]
        return ["│" + "│".join(f" {pad(cell[i], size, aligned)} " for cell, size, aligned in zip(cells, sizes, right))
                + "│" for i in range(height)]

    out = [rule("┌", "┬", "┐")] + row_lines(headers)
    for cells in rows:
        out += [rule("├", "┼", "┤")] + row_lines(cells)
    return out + [rule("└", "┴", "┘")]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _widest(text: str) -> int:
    return max((display_width(line) for line in text.splitlines()), default=0)


def _longest_word(text: str) -> int:
    return max((display_width(word) for word in text.split()), default=0)


def _capped(cell, cap: int | None):
    """The cell wrapped at spaces to `cap` columns; left as it is when it fits (tabulate then
    still aligns its numbers)."""
    text = str(cell)
    if cap is None or all(display_width(line) <= cap for line in _lines(text)):
        return cell
    return "\n".join(wrap(text, cap, cut_words=False))


def fitted_grid(rows: list[list], headers: list[str], width: int, caps: list[int | None] | None = None) -> str:
    """A table within `width` columns: tabulate's simple_grid when it fits, else the same grid
    with narrowed columns whose cells wrap at spaces, else a line per row (`row_lines`).
    `caps`: the most columns a column's cells may take however wide the terminal."""
    from tabulate import tabulate  # imported on first use: `grade ex3` draws no table

    if caps:
        rows = [[_capped(cell, cap) for cell, cap in zip(row, caps)] for row in rows]
    drawn = tabulate(rows, headers=headers, tablefmt="simple_grid")
    if _widest(drawn) <= width or not rows:
        return drawn
    texts = [list(map(str, row)) for row in rows]
    columns = list(zip(headers, *texts))
    sizes = [max(display_width(line) for text in column for line in _lines(text)) for column in columns]
    floors = [max(_longest_word(text) for text in column) for column in columns]
    over = sum(sizes) + 3 * len(sizes) + 1 - width  # each column has "│ " and " " around it
    while over > 0:  # the widest column first, a column at a time
        widest = max((i for i, size in enumerate(sizes) if size > floors[i]), key=lambda i: sizes[i], default=None)
        if widest is None:
            return "\n".join(row_lines(rows, headers, width))
        sizes[widest] -= 1
        over -= 1
    right = [all(isinstance(row[i], Number) for row in rows) for i in range(len(sizes))]
    return "\n".join(grid([wrap(header, size, cut_words=False) for header, size in zip(headers, sizes)],
                          [[wrap(text, size, cut_words=False) for text, size in zip(row, sizes)] for row in texts],
                          sizes, right))


def row_lines(rows: list[list], headers: list[str], width: int) -> list[str]:
    """Each row as "first: header value, header value", wrapped; a cell of several lines (or
    too long to share one) follows on lines of its own, indented."""
    out = []
    for first, *cells in rows:
        inline, below = [], []
        for header, cell in zip(headers[1:], cells):
            text = str(cell)
            if "\n" in text or display_width(text) > width // 2:
                below.append((header, text))
            else:
                inline.append(f"{header} {text}")
        out += wrap(f"{first}: {', '.join(inline)}", width, rest="    ")
        for header, text in below:
            out += wrap(f"{header}:", width, first="  ", rest="    ")
            out += wrap(text, width, first="    ", rest="    ", hang="  ")
    return out
