"""Attack-class mutants: the classes of wrong work that outsiders found, as mutants of a reference.

An automatic mutant (`automutation.py`) edits one expression. The mistakes that got full marks
from outsiders were of another kind: a function right on every input the checks happened to
use and wrong past some size, step count or magnitude; right in its values but changing its
inputs, keeping state between calls or leaving PyTorch's global settings changed; importing
numpy; training that skips a `zero_grad` now and then. Each such class is written once, as a
wrapper around a contract function of the reference (attack_wrappers.py) or, for training, an
edit of its loop (attack_process.py), so `grade verify` asks of every exercise whether its
checks would notice, before the next outsider writes the submission.

A mutant's id is "<function>:<class>:<parameter>" (`train_converter:int_above:1000`): stable
across edits of the reference. The classes that apply to a function are read from the calls
the checks make to the reference (`probe`, see `kinds_of_call`): a threshold on integers is
generated only for a function that is given integers. Survivors are killed by a check, or
listed in the exercise's equivalent_mutants.toml with the reason, like automatic mutants.
"""

from __future__ import annotations

import ast

from grader.authoring.attack_mutant import AttackMutant
from grader.authoring.attack_process import PROCESS, process_mutants
from grader.authoring.attack_runtime import _attack_leaves as leaves
from grader.authoring.attack_runtime import _attack_models
from grader.authoring.attack_wrappers import THRESHOLDS, WRAPPERS, wrapper_mutants

CLASSES = tuple(name for name, *_ in THRESHOLDS) + tuple(WRAPPERS) + PROCESS


def contract_functions(source: str, names: list[str]) -> list[str]:
    """The top-level functions of `source` among the contract's names (all public ones when
    the exercise lists none)."""
    tree = ast.parse(source)
    functions = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    return [f for f in functions if f in names] if names else [f for f in functions if not f.startswith("_")]


def generate_attack_mutants(source: str, functions: list[str], seen: dict[str, set[str]] | None = None,
                            training: list[str] = ()) -> list[AttackMutant]:
    """Every attack-class mutant of the reference `source` for its contract `functions`;
    `seen[function]`: the kinds of value the checks give it (see `kinds_of_call`)."""
    names = contract_functions(source, functions)
    mutants = []
    for function in names:
        mutants += wrapper_mutants(source, function, (seen or {}).get(function))
    return mutants + process_mutants(source, names, list(training))


def kinds_of_call(args: tuple, kwargs: dict, result) -> set[str]:
    """What a call to a contract function was given and returned, in the words the classes'
    `needs` use. Runs in the grader's process, on the reference's calls; opens the arguments
    as the mutants' own helper does, so a kind seen here is one a threshold can see."""
    import torch

    values = list(leaves([list(args), kwargs]))
    tensors = [v for v in values if isinstance(v, torch.Tensor)]
    kinds = set()
    if tensors:
        kinds.add("tensor")
    if any(t.is_floating_point() for t in tensors):
        kinds.add("floating")
    if any(t.dim() >= 2 for t in tensors):
        kinds.add("matrix")
    if len(tensors) >= 2:
        kinds.add("two_tensors")
    if any(type(v) is int for v in values):
        kinds.add("int")
    if any(isinstance(v, float) for v in values):
        kinds.add("float")
    if _attack_models(args, kwargs):
        kinds.add("model")
    results = list(leaves(result))
    if any(isinstance(r, torch.Tensor) and r.requires_grad for r in results):
        kinds.add("grad_result")
    if isinstance(result, list) or (isinstance(result, tuple) and any(isinstance(r, list) for r in result)):
        kinds.add("list_result")
    return kinds
