"""Every catalog misconception is named for a hand-written student submission (written the
way a student would, not copied from the catalog), and a mistake no entry explains says so."""

from __future__ import annotations

import pytest

from conftest import REPO, failed

EX3_BUILD = (REPO / "reference" / "ex3.py").read_text().split("def build_model", 1)[1]
EX3 = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\ndef forward(x, W1, b1, W2, b2):\n{body}\n\ndef build_model" + EX3_BUILD
EX3_BUILD_MODEL = ("import torch\nimport torch.nn as nn\n\ndef forward(x, W1, b1, W2, b2):\n"
                   "    return torch.relu(x @ W1.T + b1) @ W2 + b2\n\ndef build_model(W1, b1, W2, b2):\n"
                   "    n_hidden, n_in = W1.shape\n    n_out = W2.shape[1]\n{body}\n")
EX5 = ("import torch\n\ndef mse(pred, target):\n{mse}\n\ndef mae(pred, target):\n{mae}\n\n"
       "MORE_OUTLIER_SENSITIVE = 'mse'\n")
GOOD_MSE = "    if pred.shape != target.shape:\n        raise ValueError('bad')\n    return ((pred - target) ** 2).mean()"
GOOD_MAE = "    if pred.shape != target.shape:\n        raise ValueError('bad')\n    return (pred - target).abs().mean()"
EX1 = (REPO / "tests" / "submissions" / "ex1" / "correct_zip_longest.py").read_text()
EX2 = (REPO / "tests" / "submissions" / "ex2" / "correct_backward.py").read_text()


def ex1(old, new):
    assert old in EX1
    return EX1.replace(old, new)


def ex2(old, new):
    assert old in EX2
    return EX2.replace(old, new)


CASES = [
    # ex3: forward
    ("ex3", EX3.format(body="    h = x @ W1 + b1\n    h = torch.relu(h)\n    return h @ W2 + b2"), "x @ W1 instead of x @ W1.T"),
    ("ex3", EX3.format(body="    hidden = torch.matmul(x, W1.T) + b1\n    return torch.matmul(hidden, W2) + b2"),
     "the ReLU is missing"),
    ("ex3", EX3.format(body="    a = torch.sigmoid(F.linear(x, W1, b1))\n    return a @ W2 + b2"),
     "sigmoid used where the exercise asks for ReLU"),
    ("ex3", EX3.format(body="    return F.relu(x @ W1.t()) @ W2 + b2"), "the first bias b1 is missing"),
    ("ex3", EX3.format(body="    hidden = F.relu(x @ W1.t() + b1)\n    return hidden @ W2"), "the output bias b2 is missing"),
    ("ex3", EX3.format(body="    out = F.relu(x @ W1.T + b1) @ W2 + b2\n    return F.relu(out)"),
     "ReLU applied to the output layer too"),
    ("ex3", EX3.format(body="    z = torch.relu(x @ W1.T)\n    z = z + b1\n    return z @ W2 + b2"),
     "ReLU applied before adding the bias"),
    ("ex3", EX3.format(body="    W1t = W1.reshape(W1.shape[1], W1.shape[0])\n    return torch.relu(x @ W1t + b1) @ W2 + b2"),
     "reshape used as a transpose"),
    ("ex3", EX3.format(body="    h = torch.relu(x @ W1.T + b1).detach()\n    return h @ W2.detach() + b2.detach()"),
     "the result is cut off from autograd"),
    # ex5
    ("ex5", EX5.format(mse="    if pred.shape != target.shape:\n        raise ValueError('bad')\n    d = pred - target\n"
                           "    return torch.sum(d * d)", mae=GOOD_MAE), ".sum() instead of .mean()"),
    ("ex5", EX5.format(mse="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                           "    return ((pred - target) ** 2).mean().sqrt()", mae=GOOD_MAE),
     "RMSE (a square root) instead of MSE"),
    ("ex5", EX5.format(mse=GOOD_MSE, mae="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                                         "    return torch.mean(pred - target)"), "MAE without the absolute value"),
    ("ex5", EX5.format(mse=GOOD_MSE, mae="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                                         "    return torch.sum(torch.abs(pred - target))"), ".sum() instead of .mean() in MAE"),
    ("ex5", EX5.format(mse="    return torch.mean((pred - target) ** 2)", mae=GOOD_MAE),
     "no shape check, so (N, 1) and (N,) broadcast silently to (N, N)"),
    ("ex5", EX5.format(mse="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                           "    return float(((pred - target) ** 2).mean())", mae=GOOD_MAE),
     "the result is turned into a Python number with .item()"),
    ("ex5", EX5.format(mse="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                           "    return ((pred - target) ** 2).mean().to(torch.float32)", mae=GOOD_MAE),
     "float64 inputs give a float32 result (.float(), dtype=torch.float32 or torch.tensor(...))"),
    ("ex5", EX5.format(mse="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                           "    pred.sub_(target)\n    return pred.pow(2).mean()", mae=GOOD_MAE),
     "pred is changed in place (pred -= target)"),
    ("ex5", EX5.format(mse="    if pred.shape != target.shape:\n        raise ValueError('bad')\n"
                           "    loss = ((pred - target) ** 2).mean()\n    return torch.tensor(loss.item())", mae=GOOD_MAE),
     "the result is rebuilt with torch.tensor(... .item()): float32 and cut off from autograd"),
    # ex3: build_model, matched by what the student's model holds (it stays in the worker)
    ("ex3", EX3_BUILD_MODEL.format(body="    first, second = nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_out)\n"
                                        "    with torch.no_grad():\n        first.weight.copy_(W1)\n"
                                        "        first.bias.copy_(b1)\n        second.weight.copy_(W2.view(n_out, n_hidden))\n"
                                        "        second.bias.copy_(b2)\n    return nn.Sequential(first, nn.ReLU(), second)"),
     "W2.reshape(...) used as the transpose in the second layer"),
    ("ex3", EX3_BUILD_MODEL.format(body="    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))\n"
                                        "    model[0].weight.data.copy_(W1)\n    model[2].weight.data.copy_(W2.T)\n"
                                        "    return model"),
     "only the weights are copied: the biases keep their random initial values"),
    ("ex3", EX3_BUILD_MODEL.format(body="    model = nn.Sequential(nn.Linear(n_in, n_hidden), nn.Tanh(), nn.Linear(n_hidden, n_out))\n"
                                        "    model.load_state_dict({'0.weight': W1, '0.bias': b1, '2.weight': W2.T, '2.bias': b2})\n"
                                        "    return model").replace("nn.Tanh()", "nn.Sigmoid()"),
     "nn.Sigmoid() used where the network has a ReLU"),
    # ex1
    ("ex1", ex1("zip_longest(reversed(a), reversed(b), fillvalue=1)", "zip_longest(a, b, fillvalue=1)"),
     "broadcasting compared from the left instead of the right"),
    ("ex1", ex1("""        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"sizes {x} and {y} are incompatible")""", """        else:
            out.append(max(x, y))"""), "any mismatch allowed (the larger size always wins)"),
    ("ex1", ex1("zip_longest(reversed(a), reversed(b), fillvalue=1)", "zip(reversed(a), reversed(b))"),
     "the extra leading dimensions of the longer shape are dropped"),
    ("ex1", ex1('''    if new_shape.count(-1) > 1:
        raise ValueError("can only specify one unknown dimension")
''', "").replace("new_shape[new_shape.index(-1)] = total // rest",
                  "return tuple(total // rest if s == -1 else s for s in new_shape)"),
     "more than one -1 accepted"),
    ("ex1", ex1('''    if prod(new_shape) != total:
        raise ValueError(f"cannot reshape {total} elements into {tuple(new_shape)}")
''', ""), "the element count is not checked"),
    ("ex1", ex1("    return (a[0], b[1])", "    return (a[0], a[1])").replace("(a[0], a[1])", "(a[1], b[1])"),
     "the inner size kept instead of the outer ones"),
    ("ex1", ex1('''    if a[1] != b[0]:
        raise ValueError(f"cannot multiply: inner dimensions {a[1]} and {b[0]} differ")
''', ""), "inner sizes not checked"),
    # ex2
    ("ex2", ex2("    dfdy = x**2 + 6 * x * y", "    dfdy = x**2"), "the 6xy term of df/dy is missing"),
    ("ex2", ex2("    return x**2 * y + 3 * x * y**2 - 2 * x + 5", "    return x*2*y + 3*x*y**2 - 2*x + 5"),
     "x * 2 written for x squared"),
    ("ex2", ex2("    return (float(dfdx), float(dfdy))", "    return dfdy, dfdx"), "df/dx and df/dy swapped"),
    ("ex2", ex2("dfdx = 2 * x * y + 3 * y**2 - 2", "dfdx = 2 * x * y + 3 * y**2 + 2"), "sign error"),
]


@pytest.mark.parametrize("exercise, source, name", CASES, ids=[f"{c[0]}-{c[2][:30]}" for c in CASES])
def test_hand_written_mistake_is_named(grade, exercise, source, name):
    result = grade(exercise, source=source)
    assert result.score < result.max_score
    messages = "\n".join(failed(result).values())
    assert f"This looks like a known mistake: {name}" in messages, messages


def test_unknown_mistake_says_so_and_shows_numbers(grade):
    source = EX3.format(body="    return (torch.relu(x @ W1.T + b1) @ W2 + b2) * 1.01")
    messages = "\n".join(failed(grade("ex3", source=source)).values())
    assert "No known mistake reproduces these numbers" in messages
    assert "expected" in messages and "element [" in messages


def test_a_mistake_whose_result_is_infinite_can_be_recognised():
    """A loss that overflows to inf is reproduced by the catalog entry that overflows the
    same way (inf - inf is nan, so a plain tolerance test never matched it)."""
    import torch

    from grader.misconceptions import _close

    inf = float("inf")
    assert _close(torch.tensor([inf, 1.0, -inf]), torch.tensor([inf, 1.0, -inf]))
    assert not _close(torch.tensor([inf, 1.0]), torch.tensor([-inf, 1.0]))
    assert not _close(torch.tensor([inf]), torch.tensor([3.0]))


def test_every_contract_function_has_a_catalog(course):
    """Every function (and class) of every exercise's contract has at least one catalog entry;
    constants (PREDICTED_SHAPES, X_TRAIN, ...) are values, not functions, and have none."""
    callables = 0
    for exercise in course.exercises:
        reference = course.reference(exercise)
        functions = {name for name in exercise.functions if callable(getattr(reference, name))}
        callables += len(functions)
        missing = functions - {entry.function for entry in exercise.catalog()}
        assert not missing, f"{exercise.name}: no catalog entry for {sorted(missing)}"
    assert callables >= 19  # the course's functions were really looked at (ex3's build_model included)


def test_a_model_is_matched_by_its_layers_and_numbers():
    """A catalog model reproduces another model when the layers and the state_dict agree (the
    student's stays in the worker: its repr and state_dict are asked for there)."""
    import torch
    import torch.nn as nn

    from grader.misconceptions import _close

    def model(activation, scale=1.0):
        torch.manual_seed(3)
        built = nn.Sequential(nn.Linear(3, 4), activation, nn.Linear(4, 2))
        with torch.no_grad():
            built[2].weight.mul_(scale)
        return built

    assert _close(model(nn.ReLU()), model(nn.ReLU()))
    assert not _close(model(nn.ReLU()), model(nn.Sigmoid()))  # same numbers, other layers
    assert not _close(model(nn.ReLU()), model(nn.ReLU(), scale=1.5))  # same layers, other numbers
    assert not _close(model(nn.ReLU()), "Sequential(...)") and not _close(model(nn.ReLU()), None)


def test_a_catalog_entry_runs_seeded_like_the_worker_and_leaves_the_graders_randomness_alone():
    """Layers left at their random initial values are reproduced: entries run after
    torch.manual_seed(0), as the worker runs every call."""
    import random

    import torch
    import torch.nn as nn

    from grader.misconceptions import _outcome

    torch.manual_seed(1234)
    random.seed(1234)
    expected_next = (torch.rand(1), random.random())
    torch.manual_seed(1234)
    random.seed(1234)
    first, _ = _outcome(lambda: nn.Linear(3, 2), [], {})
    second, _ = _outcome(lambda: nn.Linear(3, 2), [], {})
    assert (torch.rand(1), random.random()) == expected_next
    torch.manual_seed(0)
    assert torch.equal(first.weight, nn.Linear(3, 2).weight) and torch.equal(first.weight, second.weight)
