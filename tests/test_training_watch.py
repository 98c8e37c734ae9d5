"""The optimizer watch (grader/remote/training.py) and its reading (grader/training.py).

In a real worker, through a course of its own whose check runs the student's `train` under
`OptimizerWatch` in a `@worker_function`, as any exercise's checks would: steps counted, a step
made up by calling the step hooks by hand counted apart, never as a step. In this process: the
watch puts torch back however the training ends, sees frozen parameters change, and
`TrainingSpec` words what it saw.
"""

from __future__ import annotations

import json

import pytest
import torch
import torch.nn as nn

from grader.grading.course import Course
from grader.grading.runner import grade_submissions
from grader.remote.training import OptimizerWatch, plain_losses
from grader.training import TrainingSpec, expect_loss_list, judge_run
from grader.checks import CheckFailure

EXERCISE = 'title = "Fit"\nsection = "-"\nfunctions = ["train"]\ntime_limit = 60\ncheck_time_limit = 30\n' \
           '[rules]\ntrain = { may_change = ["model"] }\n'
CHECKS = '''
import json

import torch
import torch.nn as nn

from grader.checks import CheckFailure, check, worker_function


@worker_function
def watched(module, epochs):
    from grader.remote.training import OptimizerWatch, plain_losses

    model = nn.Linear(3, 1)
    X = torch.linspace(-1, 1, 24).reshape(8, 3)
    y = X.sum(dim=1, keepdim=True)
    with OptimizerWatch(list(model.parameters()), model=model, seed=5) as watch:
        losses = module.train(model, X, y, epochs)
    return {**plain_losses(losses), "seen": watch.report()}


@check("the watch's report", kind="api", points=1)
def check_report(student):
    raise CheckFailure("REPORT" + json.dumps(student.run(watched, 4)) + "END")
'''
HONEST = '''
import torch


def train(model, X, y, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    losses = []
    for _ in range(epochs):
        loss = ((model(X) - y) ** 2).mean()
        losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return losses
'''
# An optimizer created for the grader to see and never stepped: the update is done by hand, and
# the step hooks (where a watch might count steps) are called by hand instead.
FORGED = '''
import torch
from torch.optim import optimizer as _optimizer


def train(model, X, y, epochs):
    decoy = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    for _ in range(epochs):
        loss = ((model(X) - y) ** 2).mean()
        losses.append(loss.item())
        for p in model.parameters():
            p.grad = None
        loss.backward()
        for hook in list(_optimizer._global_optimizer_pre_hooks.values()):
            hook(decoy, (decoy,), {})
        with torch.no_grad():
            for p in model.parameters():
                p -= 0.1 * p.grad
    return losses
'''
# Reseeds, never clears the gradients and returns tensors.
CARELESS = '''
import torch


def train(model, X, y, epochs):
    torch.manual_seed(0)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses = []
    for _ in range(epochs):
        loss = ((model(X) - y) ** 2).mean()
        losses.append(loss)
        loss.backward()
        optimizer.step()
    return losses
'''
SUBMISSIONS = {"honest": HONEST, "forged": FORGED, "careless": CARELESS}


@pytest.fixture(scope="module")
def reports(zygote, tmp_path_factory):
    """Each submission graded once by the course above, in the sandboxed worker: the report its
    check sent back."""
    root = tmp_path_factory.mktemp("watch-course")
    (root / "course.toml").write_text('title = "Watch"\nexercises = ["fit"]\n')
    (root / "assignments" / "fit").mkdir(parents=True)
    (root / "assignments" / "fit" / "exercise.toml").write_text(EXERCISE)
    (root / "assignments" / "fit" / "checks.py").write_text(CHECKS)
    for folder in ("reference", "student_template"):
        (root / folder).mkdir()
        (root / folder / "fit.py").write_text(HONEST)
    course = Course(root)
    jobs = []
    for name, source in SUBMISSIONS.items():
        folder = tmp_path_factory.mktemp(name)
        (folder / "fit.py").write_text(source)
        jobs.append((name, folder))
    results = {}
    grade_submissions(course, [course.exercise("fit")], jobs, zygote,
                      lambda key, outcome: results.__setitem__(key, outcome[0]))
    found = {}
    for name, result in results.items():
        message = next(c.message for c in result.checks if c.id == "check_report")
        found[name] = json.loads(message[message.index("REPORT") + 6:message.index("END")])
    return found


def test_a_real_training_run_is_seen_step_by_step(reports):
    run = reports["honest"]
    seen = run["seen"]
    assert run["type"] == "list" and [kind for kind, _ in run["items"]] == ["float"] * 4
    assert seen["optimizers"] == [{"type": "Adam", "module": "torch.optim.adam", "lr": 0.1, "betas": [0.9, 0.999],
                                   "holds_model": True}]
    assert (seen["steps"], seen["backwards"], seen["empty_steps"], seen["stale_backwards"]) == (4, 4, 0, 0)
    assert seen["forged_steps"] == 0 and seen["reseeded"] is False and seen["left_training"] is True
    assert TrainingSpec(optimizer="Adam").facts(seen, epochs=4, lr=0.1) == []


def test_a_step_made_up_by_calling_the_hooks_by_hand_is_not_counted(reports):
    seen = reports["forged"]["seen"]
    assert seen["steps"] == 0 and seen["forged_steps"] == 4
    assert seen["backwards"] == 4
    facts = TrainingSpec(optimizer="SGD", betas=None).facts(seen, epochs=4, lr=0.1)
    assert facts == ["0 optimizer steps ran for 4 epochs",
                     "train called the optimizer-step hooks 4 times by hand, outside any optimizer.step()"]


def test_stale_gradients_a_reseeding_and_tensor_losses_are_seen(reports):
    run = reports["careless"]
    seen = run["seen"]
    assert seen["steps"] == 4 and seen["stale_backwards"] == 3 and seen["reseeded"] is True
    assert [kind for kind, _ in run["items"]] == ["torch.Tensor"] * 4 and all(n is not None for _, n in run["items"])
    facts = TrainingSpec(optimizer="Adam").facts(seen, epochs=4, lr=0.1)
    assert facts[:2] == ["the optimizer is SGD, not torch.optim.Adam",
                         "the optimizer's learning rate is 0.01, but train was called with lr=0.1"]
    assert "3 of the 4 backward passes started with gradients already in the model" in facts[2]
    with pytest.raises(CheckFailure, match="the losses hold torch.Tensor values, expected Python floats"):
        expect_loss_list("train(...)", run, epochs=4)


# ---------------------------------------------------------------- in this process


def test_the_watch_puts_torch_back_however_the_training_ends():
    init, backward = torch.optim.Optimizer.__init__, torch.autograd.backward
    model = nn.Linear(2, 1)
    state = torch.random.get_rng_state()
    with pytest.raises(RuntimeError, match="boom"):
        with OptimizerWatch(list(model.parameters()), seed=3):
            assert torch.optim.Optimizer.__init__ is not init and torch.autograd.backward is not backward
            torch.optim.SGD(model.parameters(), lr=0.1)
            raise RuntimeError("boom")
    assert torch.optim.Optimizer.__init__ is init and torch.autograd.backward is backward
    assert torch.equal(torch.random.get_rng_state(), state)  # the seed was set in a forked generator
    torch.optim.SGD(model.parameters(), lr=0.1).step()  # no hook left behind


def test_frozen_parameters_changed_or_unfrozen_are_seen():
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    model[0].requires_grad_(False)
    with OptimizerWatch(list(model.parameters()), model=model) as watch:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # frozen ones included: not only what trains
        model[0].requires_grad_(True)
        model(torch.ones(4, 2)).sum().backward()
        optimizer.step()
    seen = watch.report()
    assert seen["unfrozen"] and seen["frozen_changed"] and seen["steps"] == 1
    assert seen["optimizers"][0]["holds_model"] is True  # it holds every trainable one and nothing else
    assert seen["reseeded"] is None and seen["modes"] == []
    assert "a frozen layer's parameters (requires_grad=False) require grad again after train and have changed" \
        in " ".join(TrainingSpec(optimizer="SGD", betas=None).facts(seen, epochs=1, lr=0.1))


def test_the_modes_of_the_forward_passes_are_seen():
    model = nn.Sequential(nn.Linear(2, 3), nn.Dropout(0.5), nn.Linear(3, 1))
    with OptimizerWatch(list(model.parameters()), model=model) as watch:
        model(torch.ones(4, 2))
        model.eval()
        with torch.no_grad():
            model(torch.ones(4, 2))
    seen = watch.report()
    assert seen["modes"] == [[True, True], [False, False]] and seen["left_training"] is False
    facts = TrainingSpec().facts(seen, epochs=1, lr=0.1)
    assert "1 of the 2 forward passes ran with the model in eval mode (model.eval() inside train?)" in facts
    assert "the model given in train mode was left in eval mode" in facts


def test_a_run_is_judged_loss_by_loss_then_by_its_weights():
    weights = [torch.zeros(1, 2), torch.zeros(1)]
    expected = {**plain_losses([4.0, 2.0, 1.0]), "weights": [torch.ones(1, 2), torch.ones(1)]}
    later = {**plain_losses([4.0, 2.5, 1.0]), "weights": weights}
    with pytest.raises(CheckFailure) as failed:
        judge_run("train(...)", later, expected, epochs=3, lr=0.1, seen="While train ran, ...",
                  causes={"later_loss": "The updates differ."}, closing="Compare.")
    assert failed.value.message == "train(...): losses[1] is 2.5, expected 2 (losses[0] matches)"
    assert failed.value.help == "The updates differ.\nWhile train ran, ...\nCompare."
    untrained = {**plain_losses([4.0, 2.0, 1.0]), "weights": weights}
    with pytest.raises(CheckFailure, match="the model still holds its initial weights"):
        judge_run("train(...)", untrained, expected, epochs=3, lr=0.1, initial=weights, named=lambda: "Named.")
    judge_run("train(...)", untrained, expected, epochs=3, lr=0.1, weights=False)
