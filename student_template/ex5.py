"""Exercise 5: loss functions by hand (chapter 2, section 9, Exercise 5; read section 7).

Write the two losses yourself, with tensor operations: nn.MSELoss, nn.L1Loss, F.mse_loss
and F.l1_loss are NOT allowed here, nor the built-in losses that equal them for some setting
(nn.SmoothL1Loss / F.smooth_l1_loss, nn.HuberLoss / F.huber_loss), however they are reached
(the grader reads your code and watches what it calls). Then run `grade ex5`.

The book's example: pred = [2., 8., 5., 10.], target = [3., 7., 5., 3.]
gives MSE 12.75 and MAE 2.25.
"""

import torch


def mse(pred, target):
    """Mean squared error: the mean of (pred - target) ** 2, as a 0-dim tensor.

    - pred and target have the same shape (any shape, 0-dim included, thousands of elements
      too; non-contiguous or expanded views are ordinary inputs: .view(-1) fails on them,
      .reshape(-1) does not); otherwise raise ValueError, even when they could broadcast:
      (N, 1) against (N,), () against (1,). (A (N, 1) tensor minus an (N,) tensor silently
      broadcasts to (N, N): check first!)
    - Keep the dtype (float32 stays float32, float64 stays float64).
    - Equal to the formula within float rounding (a relative 1e-4 in float32, 1e-7 in
      float64, plus a tiny absolute margin), also for values near 1000 that lie close
      together: take the difference pred - target first (expanding the square cancels).
    - Stay differentiable with respect to pred and target (their gradients, for any
      upstream gradient, are compared with autograd's of the formula): no .item(),
      .tolist() or torch.tensor(...) on the result, also when pred and target are the same
      tensor (mse(x, x) is 0, still differentiable).
    - Do not modify pred or target.
    """
    raise NotImplementedError


def mae(pred, target):
    """Mean absolute error: the mean of |pred - target|, as a 0-dim tensor.

    Same rules as mse: same shapes (else ValueError), dtype kept, the same tolerance,
    differentiable, inputs untouched. Where pred equals target, |d| has no slope: the gradient
    there must be finite, between -1/N and 1/N for N elements (.abs() gives 0 there;
    sqrt(d ** 2) gives NaN, which is wrong).
    """
    raise NotImplementedError


# Which loss punishes a single large error (an outlier) more: "mse" or "mae"? Exactly that
# text, lowercase (a str subclass equal to it, such as a StrEnum member, is fine too).
MORE_OUTLIER_SENSITIVE = None
