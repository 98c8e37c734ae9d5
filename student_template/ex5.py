"""Exercise 5: loss functions by hand (chapter 2, section 9, Exercise 5; read section 7).

Write the two losses yourself, with tensor operations: nn.MSELoss, nn.L1Loss, F.mse_loss
and F.l1_loss are NOT allowed here (the grader reads your code to check). Then run
`grade ex5`.

The book's example: pred = [2., 8., 5., 10.], target = [3., 7., 5., 3.]
gives MSE 12.75 and MAE 2.25.
"""

import torch


def mse(pred, target):
    """Mean squared error: the mean of (pred - target) ** 2, as a 0-dim tensor.

    - pred and target have the same shape (any shape); otherwise raise ValueError.
      (A (N, 1) tensor minus an (N,) tensor silently broadcasts to (N, N): check first!)
    - Keep the dtype (float32 stays float32, float64 stays float64).
    - Stay differentiable: no .item(), .tolist() or torch.tensor(...) on the result.
    - Do not modify pred or target.
    """
    raise NotImplementedError


def mae(pred, target):
    """Mean absolute error: the mean of |pred - target|, as a 0-dim tensor.

    Same rules as mse: same shapes (else ValueError), dtype kept, differentiable,
    inputs untouched.
    """
    raise NotImplementedError


# Which loss punishes a single large error (an outlier) more: "mse" or "mae"?
MORE_OUTLIER_SENSITIVE = None
