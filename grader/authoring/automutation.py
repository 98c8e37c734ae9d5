"""Automatic mutants of a reference solution: small syntax-tree edits, generated deterministically.

`grade verify` grades every mutant as if a student had handed it in. A mutant that keeps
full marks is either a hole in the checks or equivalent to the reference; the equivalent
ones are listed, each with its reason, in `assignments/<ex>/equivalent_mutants.toml`.

A mutant's id is "<function>:<operator>:<n>": the n-th place in that function where that
operator applies (in source order), so edits elsewhere in the file leave the id alone. Only
code inside functions is mutated (module-level constants are data the checks compare whole).

This module chooses which mutants a reference gets; the parts are beside it:
automutation_operators.py (the edits), automutation_sites.py (where they apply),
automutation_inert.py (the edits no check can see, left out), automutation_mutant.py (one edit
made and described).
"""

from __future__ import annotations

import ast

from grader.authoring.automutation_inert import inert
from grader.authoring.automutation_mutant import Mutant, mutant_at
from grader.authoring.automutation_operators import OPERATORS
from grader.authoring.automutation_sites import sites_by_function

MAX_MUTANTS = 40


def _spread(groups: list[list[Mutant]], limit: int) -> list[Mutant]:
    """Up to `limit` mutants, taken in turns from each (function, operator) group, so that a
    limit leaves out the tail of the biggest groups rather than whole operators."""
    chosen, turn = [], 0
    while len(chosen) < limit and any(turn < len(group) for group in groups):
        chosen += [group[turn] for group in groups if turn < len(group)][:limit - len(chosen)]
        turn += 1
    return chosen


def _capped(groups: list[list[Mutant]], caps: dict[str, int | None]) -> list[list[Mutant]]:
    """The first `caps[operator]` mutants of each operator (functions in source order)."""
    taken: dict[str, int] = {}
    capped = []
    for group in groups:
        operator = group[0].operator
        cap = caps.get(operator)
        room = len(group) if cap is None else max(0, cap - taken.get(operator, 0))
        taken[operator] = taken.get(operator, 0) + min(room, len(group))
        if room:
            capped.append(group[:room])
    return capped


def generate_mutants(source: str, operators: dict[str, int | None] | None = None,
                     limit: int | None = MAX_MUTANTS) -> list[Mutant]:
    """The mutants of a module's source, deterministically: same source, same mutants and ids.

    `operators` maps the operators to use to how many mutants each may give at most (None:
    no cap); None uses them all. At most `limit` mutants in all (see `_spread`). Edits that
    change nothing, repeat an earlier mutant, do not compile or no check could ever see (an
    exception's message, a `.detach()` of a bool mask: automutation_inert.py) are left out;
    ids count every site, so leaving one out renumbers nothing.
    """
    caps = dict.fromkeys(OPERATORS) if operators is None else dict(operators)
    unknown = sorted(set(caps) - set(OPERATORS))
    if unknown:
        raise ValueError(f"unknown mutation operators: {', '.join(unknown)} (known: {', '.join(OPERATORS)})")
    tree = ast.parse(source)
    seen = {ast.unparse(tree) + "\n"}
    groups = []
    for function, sites in sites_by_function(tree, [op for op in OPERATORS if op in caps]).items():
        ordinals: dict[str, int] = {}
        by_operator: dict[str, list[Mutant]] = {}
        for site in sites:
            ordinals[site.operator] = ordinals.get(site.operator, 0) + 1
            if inert(tree, site):
                continue
            mutant = mutant_at(tree, function, ordinals[site.operator], site)
            if mutant is not None and mutant.source not in seen:
                seen.add(mutant.source)
                by_operator.setdefault(site.operator, []).append(mutant)
        groups += by_operator.values()
    groups = _capped(groups, caps)
    chosen = {m.id for m in _spread(groups, len(seen) if limit is None else limit)}
    return [m for group in groups for m in group if m.id in chosen]
