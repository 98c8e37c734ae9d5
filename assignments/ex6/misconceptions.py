"""Common mistakes in Exercise 6, each a wrong `descend` a beginner really writes.

Most start from the section's loop, in float32 as the book holds x: where a mistake returns
tensors, they then have the dtype a student's would have.

The two entries that make descend raise once x stops being the leaf (its .grad None, or a new
x that does not require grad) are not matched by their error: `lr * None` and "does not
require grad" have the same words whatever caused them. The checks diagnose them from what fn
was given at each step (checks.leaf_diagnosis), and the entries name the words of that
diagnosis.
"""

import torch

from grader.misconceptions import misconception


@misconception("descend", "the gradient is never cleared, so it accumulates over the steps",
               "backward() ADDS to x.grad: after the update, clear it with x.grad.zero_() (or x.grad = None), "
               "otherwise each step uses the sum of all the gradients so far.")
def no_zero_grad(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
    return x.item(), values


@misconception("descend", "x += lr * grad climbs the function (gradient ascent)",
               "The gradient points uphill: descend with x -= lr * x.grad, the opposite direction.")
def ascends(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x += lr * x.grad
        x.grad.zero_()
    return x.item(), values


@misconception("descend", "each value is recorded after the update instead of before it",
               "values[k] is fn(x) at the start of step k: append value.item() right after value = fn(x), before "
               "updating x (the section's first value is f(0) = 25.0).")
def value_after_update(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        fn(x).backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
        values.append(fn(x).item())
    return x.item(), values


@misconception("descend", "x = x - lr * x.grad outside torch.no_grad(): x stops being a leaf, its .grad is None "
               "at the next step",
               "The update must not be recorded in the graph: `with torch.no_grad(): x -= lr * x.grad` keeps x "
               "the same leaf tensor, whose .grad backward() fills at every step.",
               feedback_contains="the update was recorded in the autograd graph", matchable=False)
def update_recorded_breaks(fn, x0, lr, steps):
    import warnings

    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    with warnings.catch_warnings():  # torch warns about .grad of a non-leaf: not the grader's output
        warnings.simplefilter("ignore")
        for _ in range(steps):
            value = fn(x)
            values.append(value.item())
            value.backward()
            x = x - lr * x.grad
    return x.item(), values


@misconception("descend", "under torch.no_grad(), x = x - lr * x.grad makes a new x that does not require grad",
               "Under no_grad, `x = x - lr * x.grad` builds a NEW tensor without requires_grad, so the next "
               "backward() fails. Update the same tensor in place: x -= lr * x.grad (or x.sub_(lr * x.grad)).",
               feedback_contains="makes a new x that does not require grad", matchable=False)
def new_leaf_without_grad(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x = x - lr * x.grad
    return x.item(), values


@misconception("descend", "the update is recorded in the graph (x = x - lr * x.grad with retain_grad)",
               "Each new x then depends on all the previous ones and the graph grows with every step. Update in "
               "place under torch.no_grad() instead.",
               feedback_contains="the update was recorded in the autograd graph", matchable=False)
def graph_grows(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        x.retain_grad()
        value = fn(x)
        values.append(value.item())
        value.backward()
        x = x - lr * x.grad
    return x.item(), values


@misconception("descend", "the final x is returned as a tensor instead of a Python float",
               "Return x.item(): a plain Python number, not the tensor.")
def returns_tensor_x(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.detach(), values


@misconception("descend", "the values are kept as tensors instead of Python floats",
               "Append value.item() (a Python float), not the tensor value itself.")
def values_as_tensors(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.detach())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


@misconception("descend", "one step too many: range(steps + 1)",
               "`steps` is the number of updates and of values: loop with range(steps).")
def one_step_too_many(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps + 1):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


@misconception("descend", "the derivative of the section's (x - 5)**2 is written in by hand instead of autograd",
               "The grader passes other functions too: call value = fn(x) and value.backward(), then use x.grad, "
               "which autograd computes for whatever fn is.")
def hard_coded_derivative(fn, x0, lr, steps):
    x = float(x0)
    values = []
    for _ in range(steps):
        values.append(fn(torch.tensor(x)).item())
        x -= lr * 2 * (x - 5)
    return x, values


@misconception("descend", "the learning rate is applied twice (lr * lr * grad)",
               "Each step moves x by lr * x.grad, once: x -= lr * x.grad.")
def lr_squared(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * (lr * x.grad)
        x.grad.zero_()
    return x.item(), values


@misconception("descend", "an int x0 makes an integer tensor, which cannot require grad",
               "x0 may be an int such as 0: make x with torch.tensor(float(x0), requires_grad=True).")
def int_x0(fn, x0, lr, steps):
    x = torch.tensor(x0, requires_grad=True)
    values = []
    for _ in range(steps):
        value = fn(x)
        values.append(value.item())
        value.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return x.item(), values


@misconception("descend", "torch.optim.SGD does the update", "Write the update yourself; torch.optim is not "
               "allowed here.", feedback_contains="torch.optim is not allowed")
def uses_sgd(fn, x0, lr, steps):
    x = torch.tensor(float(x0), requires_grad=True)
    optimizer = torch.optim.SGD([x], lr=lr)
    values = []
    for _ in range(steps):
        optimizer.zero_grad()
        value = fn(x)
        values.append(value.item())
        value.backward()
        optimizer.step()
    return x.item(), values
