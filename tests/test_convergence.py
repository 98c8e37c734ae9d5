"""Convergence diagnostics on real training runs (the book's Solution 4 among them)."""

import math

import torch
import torch.nn as nn

from conftest import REPO
from grader.checks import course_module, sparkline

diagnose = course_module(str(REPO / "assignments" / "ex4" / "checks.py"), "diagnosis").diagnose


def train(lr, epochs, optimizer=torch.optim.SGD, clear=True, normalise=False):
    torch.manual_seed(0)
    C = torch.linspace(-40, 100, 50).reshape(-1, 1)
    F = 1.8 * C + 32
    x, y = ((C - C.mean()) / C.std(), (F - F.mean()) / F.std()) if normalise else (C, F)
    model = nn.Linear(1, 1)
    opt = optimizer(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = nn.functional.mse_loss(model(x), y)
        if clear:
            opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    test = torch.linspace(-39, 99, 37).reshape(-1, 1)
    with torch.no_grad():
        pred = model((test - C.mean()) / C.std()) * F.std() + F.mean() if normalise else model(test)
    err = (pred - (1.8 * test + 32)).abs()
    return losses, float(err.max()), float(test[int(err.argmax())]), (model.weight.item(), model.bias.item())


def test_book_solution_is_not_converged_with_its_numbers():
    losses, worst, at, linear = train(1e-4, 5000)
    d = diagnose(losses, worst, at, 0.5, linear, (1.8, 32))
    assert d.kind == "not_converged"
    assert "learned F = 1.9" in d.message and "expected F = 1.8·C + 32" in d.message
    assert f"{losses[0]:.4g}" in d.message and "normalise the inputs" in d.message and "Adam" in d.message


def test_too_high_learning_rate_diverges():
    losses, worst, at, linear = train(1e-2, 200)
    d = diagnose(losses, worst, at, 0.5, linear)
    assert d.kind == "diverged" and "learning rate is too high" in d.message


def test_normalised_training_converges():
    losses, worst, at, linear = train(0.1, 500, normalise=True)
    assert diagnose(losses, worst, at, 0.5).kind == "converged"


def test_a_run_that_starts_at_the_exact_fit_is_judged_the_same_whatever_its_rounding_noise():
    """Losses at float rounding (a closed-form start): their rises are noise that differs between
    runs (tests/outsiders/c/ex4/wrong/closed_form_then_polish.py flipped), never a divergence."""
    for noise in ([1.2e-14, 1.4e-14, 1.9e-14], [1.2e-14, 1.1e-14, 1.0e-14]):
        assert diagnose(noise * 17, 1e-5, 20.0, 0.5).kind == "converged"
    assert diagnose([1.0, 2.0, 40.0], 30.0, 20.0, 0.5).kind == "diverged"  # a real rise still is


def test_gradients_never_cleared_oscillate():
    losses, worst, at, linear = train(0.05, 400, clear=False, normalise=True)
    assert diagnose(losses, max(worst, 1.0), at, 0.5).kind == "not_cleared"


def test_sparkline():
    assert sparkline([100, 10, 1, 0.1]) == "█▆▃▁"
    assert "×" in sparkline([1.0, math.nan])
    assert len(sparkline(list(range(1, 1000)), width=40)) <= 40
