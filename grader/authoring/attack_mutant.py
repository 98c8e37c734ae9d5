"""One attack-class mutant, as `grade verify` grades it and reports it (attacks.py makes them)."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class AttackMutant:
    id: str  # "train_converter:int_above:1000"
    function: str
    attack: str
    description: str  # what the mutant does, in words (also what equivalent_mutants.toml quotes)
    source: str  # the whole mutated module

    @property
    def change(self) -> str:
        return self.description


def function_node(tree: ast.Module, function: str) -> ast.FunctionDef:
    """The top-level `def function` of a module's tree."""
    return next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
