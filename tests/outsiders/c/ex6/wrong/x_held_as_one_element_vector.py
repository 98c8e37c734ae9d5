"""WRONG: holds x as a 1-element vector torch.tensor([x0]) ("a tensor of one number") instead of a 0-dim tensor; the arithmetic still works because fn(x).item() and .backward() accept one-element results. Breaks the contract's "hold x as a 0-dim tensor that requires grad" and "fn maps a 0-dim tensor to a 0-dim tensor" (stub: "Hold x as a 0-dim float32 or float64 tensor that requires grad (the grader checks what fn is given)"): with fn = lambda t: (shapes.append(t.shape) or (t - 5) ** 2), descend(fn, 0.0, 0.1, 2) gives fn tensors of shape (1,), not () (verified); an unseen fn written for 0-dim input, e.g. lambda t: torch.stack([t, 2 * t]) @ torch.tensor([1., 1.]), raises a shape error here.
"""
import torch


def descend(fn, x0, lr, steps):
    x = torch.tensor([float(x0)], requires_grad=True)
    values = []
    for _ in range(steps):
        y = fn(x)
        values.append(y.item())
        y.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    return (x.item(), values)


DIVERGING_LR = 1.5
