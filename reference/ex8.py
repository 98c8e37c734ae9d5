"""Exercise 8: softmax and cross-entropy from scratch (chapter 2, section 7, "Cross-Entropy —
For Classification").

Read section 7 first: a classifier outputs raw scores (logits), softmax turns each row of
logits into probabilities, and cross-entropy is -log(probability of the true class),
averaged over the batch. Write both functions yourself with tensor operations (exp, log,
sum, amax, indexing). NOT allowed here (the grader reads your code and watches it run):
torch.softmax, F.softmax, nn.Softmax, torch.log_softmax, F.log_softmax, nn.LogSoftmax,
torch.logsumexp, torch.special.softmax / log_softmax / logsumexp, F.cross_entropy,
nn.CrossEntropyLoss, F.nll_loss, nn.NLLLoss, and the Tensor methods .softmax(),
.log_softmax() and .logsumexp(). You may compare with them under
`if __name__ == "__main__":`, which the grader never runs. Then run `grade ex8`.

The section's examples: logits [[2.0, 1.0, 0.1]] with target [0] give a loss of 0.4170;
logits [[1.5, 3.2, 0.5, 0.1, 0.8]] with target [1] give 0.3262.
"""

import torch


def softmax(logits, dim=-1):
    """Probabilities from logits along `dim`: exp(logits) / sum of exp(logits) along `dim`.

    - logits: a float32 or float64 tensor of rank 1 to 4 (a dim of 1000 too,
      thousands of elements), possibly a non-contiguous view (.view() fails on those);
      `dim` may be negative (-1 is the last).
    - Returns a tensor of the same shape and dtype, >= 0, summing to 1 along `dim`, equal to
      F.softmax within float rounding (a relative 1e-4 in float32, 1e-7 in float64, plus
      1e-5 / 1e-9 absolute).
    - Numerically stable: exp(10000.) is inf in float32, so logits as large as +-10000 must
      still give exact, finite probabilities, also when slices along `dim` lie far apart
      (one near +10000, another near -10000). Subtract the maximum along `dim` (with
      keepdim=True) before exponentiating: the result does not change, the overflow goes
      away. Then divide by the sum: exp(logits - (max + log(sum))) loses digits near 10000.
    - A logit of -inf (a masked-out class) gets probability 0, as with F.softmax.
    - Never modifies logits (no -= or in-place methods on it): the caller still needs it.
    """
    # BEGIN SOLUTION
    shifted = logits - logits.amax(dim=dim, keepdim=True)  # largest is 0: exp cannot overflow
    exps = shifted.exp()
    return exps / exps.sum(dim=dim, keepdim=True)
    # END SOLUTION


def cross_entropy(logits, targets):
    """The mean over the batch of -log softmax(logits)[i, targets[i]], as a 0-dim tensor.

    - logits: (N, C) float32 or float64 raw scores (N and C from 1 to 1000), possibly a
      non-contiguous view; targets: (N,) int64 class indices.
    - Raise ValueError when len(targets) != N (an empty targets tensor too) or when a target
      is outside [0, C).
    - Equal to F.cross_entropy(logits, targets) within 1e-5 relative plus an absolute
      4 * eps(dtype) * max|logits| (eps is 1.2e-7 in float32, 2.2e-16 in float64).
    - Stable: compute log-probabilities directly (log-sum-exp: shift each row by its own
      maximum, then log of the sum of exps) instead of log(softmax(...)), which gives
      log(0) = -inf once a probability underflows to 0. Finite wherever F.cross_entropy is:
      logits near +-10000, rows far apart, a -inf logit on a class that is not the target.
    - Keep the dtype, stay differentiable with respect to logits (no .item()): the gradient,
      for any upstream gradient, must equal autograd's through F.cross_entropy within 1e-5
      relative plus 4 * eps(dtype) * max|logits| per element (a backward of your own, such
      as (softmax - onehot) / N, is fine). Do not modify logits or targets (no -=, no
      in-place methods on them).
    """
    # BEGIN SOLUTION
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"logits has {n} rows but targets has {targets.shape[0]} entries")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"every target must be a class index in [0, {c})")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()  # log-softmax: never log(0)
    return -log_probs[torch.arange(n), targets].mean()
    # END SOLUTION
