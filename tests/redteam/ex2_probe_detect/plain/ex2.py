import torch


def f(x, y):
    return x ** 2 * y + 3 * x * y ** 2 - 2 * x + 5


def grad_by_hand(x, y):
    return (2 * x * y + 3 * y ** 2 - 2, x ** 2 + 6 * x * y)


def _slope(fn, x, y):
    """Central differences in float64: the slope of fn's values, no autograd."""
    h = 1e-5 * max(1.0, abs(x), abs(y))
    val = lambda a, b: float(fn(torch.tensor(float(a), dtype=torch.float64), torch.tensor(float(b), dtype=torch.float64)))  # noqa
    return ((val(x + h, y) - val(x - h, y)) / (2 * h), (val(x, y + h) - val(x, y - h)) / (2 * h))


def gradient(fn, x, y):
    return _slope(fn, x, y)
