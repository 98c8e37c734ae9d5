"""The worker's watches, run in this process: forbidden calls by any route, and training."""

import importlib
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from conftest import failed
from grader.remote.watch import TAMPERED, ForbiddenCalls
from grader.remote.watch_training import TrainingWatch

LOSSES = ["torch.nn.functional.mse_loss", "torch.nn.MSELoss", "torch._C._nn.mse_loss", "torch.Tensor.softmax"]
a, b = torch.randn(4), torch.randn(4)


def test_a_forbidden_function_is_seen_whatever_route_reaches_it():
    routes = {
        "attribute": lambda: F.mse_loss(a, b),
        "getattr": lambda: getattr(F, "mse" + "_loss")(a, b),
        "__import__": lambda: __import__("torch.nn.functional", fromlist=["x"]).mse_loss(a, b),
        "importlib": lambda: importlib.import_module("torch.nn.modules.loss").F.mse_loss(a, b),
        "module class": lambda: nn.MSELoss()(a, b),
        "C function": lambda: torch._C._nn.mse_loss(a, b),
        "tensor method": lambda: a.softmax(0),
    }
    for route, call in routes.items():
        watch = ForbiddenCalls(LOSSES)
        watch.run(call)
        assert watch.findings, route


def test_allowed_code_is_not_flagged_and_the_result_comes_back():
    watch = ForbiddenCalls(LOSSES)
    assert torch.equal(watch.run(lambda: ((a - b) ** 2).mean()), ((a - b) ** 2).mean())
    assert watch.findings == []


def test_a_whole_module_can_be_forbidden_with_its_entry_point_named():
    watch = ForbiddenCalls(["torch"])
    watch.run(lambda: getattr(__import__("to" + "rch"), "broadcast_" + "shapes")((2, 1), (3,)))
    assert watch.findings == ["torch.functional.broadcast_shapes"]  # not torch's internals below it
    plain = ForbiddenCalls(["torch"])
    plain.run(lambda: tuple(max(x, y) for x, y in zip((2, 1), (1, 3))))
    assert plain.findings == []


def test_switching_the_watch_off_is_itself_a_finding():
    watch = ForbiddenCalls(["torch"])
    watch.run(lambda: sys.setprofile(None))
    assert TAMPERED in watch.findings
    assert sys.getprofile() is None


def test_names_missing_from_this_torch_are_ignored():
    assert not ForbiddenCalls(["torch.no_such_function"])


def test_training_watch_records_the_loss_of_every_backward_pass():
    watch = TrainingWatch()
    try:
        def train():
            model = nn.Linear(1, 1)
            optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
            x = torch.linspace(-1, 1, 8).reshape(-1, 1)
            for _ in range(3):
                loss = F.mse_loss(model(x), 2 * x)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            torch.autograd.grad(F.mse_loss(model(x), x), list(model.parameters()))
            return model

        _, seen = watch.run(train, (), {})
        assert len(seen["backward_losses"]) == 4
        assert seen["backward_losses"][0] > seen["backward_losses"][2]
        F.mse_loss(torch.zeros(2, requires_grad=True), torch.ones(2)).backward()  # not watching now
        assert len(watch.losses) == 4
    finally:
        torch.autograd.backward, torch.autograd.grad = watch._backward, watch._grad


def test_an_operator_reached_through_torch_ops_is_seen_by_its_name():
    """torch.ops.aten.<op> and its overloads all run one Python __call__: the op is told apart by
    the name the packet carries, however the student got hold of it."""
    watch = ForbiddenCalls(["torch.ops.aten._softmax"])
    x = torch.randn(3)
    aten = getattr(torch.ops, "at" + "en")
    watch.run(lambda: getattr(aten, "_soft" + "max").default(x, -1, False))
    assert watch.findings == ["torch.ops.aten._softmax"]
    allowed = ForbiddenCalls(["torch.ops.aten._softmax"])
    allowed.run(lambda: torch.ops.aten.relu(x))
    assert allowed.findings == []


def test_ex8_counts_a_dispatcher_softmax_as_a_built_in(grade):
    problems = failed(grade("ex8", "wrong_dispatcher_op_by_getattr"))
    assert list(problems) == ["check_no_built_ins"]
    assert "softmax called torch.ops.aten._softmax" in problems["check_no_built_ins"]


EX5_OPS = ["torch.nn.functional.mse_loss", "torch.ops.aten.mse_loss"]


def test_a_re_implementation_in_torch_refs_or_decomp_counts_as_the_function():
    """torch._refs and torch._decomp hold Python versions of the operators, made of allowed ones:
    the watch knows them by the operator's name."""
    import torch._decomp.decompositions as decompositions
    import torch._refs.nn.functional as refs

    for route in (lambda: refs.mse_loss(a, b), lambda: decompositions.mse_loss(a, b)):
        watch = ForbiddenCalls(EX5_OPS)
        watch.run(route)
        assert watch.findings and watch.findings[0].startswith("torch.nn.functional.mse_loss (through torch._")


def test_torchscript_compiled_from_a_string_is_seen_at_the_dispatcher():
    source = "def f(a, b):\n    return torch.nn.functional.mse_loss(a, b)\n"
    watch = ForbiddenCalls(EX5_OPS)
    watch.run(lambda: torch.jit.CompilationUnit(source).f(a, b))
    assert "torch.ops.aten.mse_loss" in watch.findings


def test_popping_the_dispatch_watch_is_itself_a_finding():
    from grader.remote.watch import MODE_REMOVED

    watch = ForbiddenCalls(EX5_OPS)
    depth = torch._C._len_torch_dispatch_stack()
    from torch.utils._python_dispatch import _pop_mode

    watch.run(lambda: (_pop_mode(), F.mse_loss(a, b)))
    assert MODE_REMOVED in watch.findings
    assert torch._C._len_torch_dispatch_stack() == depth
