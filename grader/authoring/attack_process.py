"""The attack classes made by editing a reference's training loop: the gradient reset skipped
every 37th step, the learning rate halved after step 100, the gradient clipped, Adam's eps
changed, torch reseeded at each call. A class applies to a function whose loop it finds
something to edit in (reseeding: to the exercise's `training` functions).
"""

from __future__ import annotations

import ast

from grader.authoring.attack_mutant import AttackMutant, function_node
from grader.authoring.attack_runtime import HELPERS

PROCESS = ("skip_zero_grad", "lr_decay", "clip_grad", "adam_eps", "reseed")
SKIP_EVERY = 37
DECAY_AFTER = 100
CLIP_AT = 1.0
ADAM_EPS = 1e-3

# The counters live in the mutated call itself (`_attack_steps`, made at its first line), so a
# process mutant keeps no state between calls: it is a wrong training, not a stateful function.
PROCESS_HELPERS = f'''

def _attack_tick(steps):
    steps[0] += 1
    return steps[0]


def _attack_lr_decay(optimizer, steps):
    steps[1] += 1
    if steps[1] == {DECAY_AFTER}:
        for group in optimizer.param_groups:
            group["lr"] = group["lr"] * 0.5


def _attack_clip(optimizer):
    grads = [p.grad for group in optimizer.param_groups for p in group["params"] if p.grad is not None]
    norm = sum(float((g.detach() ** 2).sum()) for g in grads) ** 0.5
    if norm > {CLIP_AT}:
        for g in grads:
            g.mul_({CLIP_AT} / norm)
'''

PROCESS_WORDS = {
    "skip_zero_grad": f"skips the gradient reset every {SKIP_EVERY}th step",
    "lr_decay": f"halves the learning rate after step {DECAY_AFTER}",
    "clip_grad": f"clips the gradient norm at {CLIP_AT:g} before each step",
    "adam_eps": f"builds Adam with eps={ADAM_EPS:g}",
    "reseed": "reseeds torch's generator at each call",
}


class _Process(ast.NodeTransformer):
    """One process edit inside one function: `attack` names it; `hits` counts where it applied."""

    def __init__(self, attack: str):
        self.attack = attack
        self.hits = 0

    def visit_Expr(self, node: ast.Expr):
        call = node.value
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return node
        method, owner = call.func.attr, call.func.value
        if self.attack == "skip_zero_grad" and (method == "zero_grad" or
                                                (method == "zero_" and isinstance(owner, ast.Attribute)
                                                 and owner.attr == "grad")):
            self.hits += 1
            test = ast.parse(f"_attack_tick(_attack_steps) % {SKIP_EVERY} != 0", mode="eval").body
            return ast.If(test=test, body=[node], orelse=[])
        if method == "step" and not call.args and self.attack in ("lr_decay", "clip_grad"):
            self.hits += 1
            before = ast.parse("_attack_lr_decay(OWNER, _attack_steps)" if self.attack == "lr_decay"
                               else "_attack_clip(OWNER)").body[0]
            before.value.args[0] = owner
            return [before, node]
        return node

    def visit_Call(self, node: ast.Call):
        self.generic_visit(node)
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if self.attack == "adam_eps" and name in ("Adam", "AdamW") and not any(k.arg == "eps" for k in node.keywords):
            self.hits += 1
            node.keywords.append(ast.keyword("eps", ast.Constant(ADAM_EPS)))
        return node


def process_mutants(source: str, functions: list[str], training: list[str]) -> list[AttackMutant]:
    """Edits of the training loops in `source`'s functions; reseeding for `training` functions."""
    mutants = []
    for attack in PROCESS:
        for function in functions:
            if attack == "reseed":
                if function not in training:
                    continue
                tree = ast.parse(source)
                node = function_node(tree, function)
                node.body.insert(_after_docstring(node), ast.parse("__import__('torch').manual_seed(1234)").body[0])
            else:
                tree = ast.parse(source)
                node = function_node(tree, function)
                editor = _Process(attack)
                editor.visit(node)
                if not editor.hits:
                    continue
                node.body.insert(_after_docstring(node), ast.parse("_attack_steps = [0, 0]").body[0])
            ast.fix_missing_locations(tree)
            mutants.append(AttackMutant(f"{function}:{attack}:1", function, attack,
                                        f"{function} {PROCESS_WORDS[attack]}",
                                        ast.unparse(tree) + "\n" + HELPERS + PROCESS_HELPERS))
    return mutants


def _after_docstring(node: ast.FunctionDef) -> int:
    first = node.body[0]
    return 1 if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and \
        isinstance(first.value.value, str) else 0
