"""VALID: softmax moves dim to the end with transpose(dim, -1), subtracts the row maximum (amax, keepdim=True), exponentiates, divides by the row sum and moves the axis back (values equal to PyTorch's built-in softmax; -inf logits give exp(-inf) = 0; the transpose is a view, logits are never written to). cross_entropy is the standard stable form max + log(sum exp(l - max)) - l[target], with the target logit picked by gather, the mean over the batch, and the maximum detached (its gradient cancels exactly in this expression, so the autograd gradient is softmax - onehot, divided by N). Validation raises ValueError for len(targets) != N (empty too) and for targets outside [0, C), checked before any reduction.
"""
import torch


def softmax(logits, dim=-1):
    moved = logits.transpose(dim, -1)
    shifted = moved - moved.amax(dim=-1, keepdim=True)
    e = shifted.exp()
    return (e / e.sum(dim=-1, keepdim=True)).transpose(dim, -1)


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.dim() != 1 or targets.shape[0] != n:
        raise ValueError(f"expected {n} targets, got shape {tuple(targets.shape)}")
    if bool(((targets < 0) | (targets >= c)).any()):
        raise ValueError(f"every target must be a class index in [0, {c})")
    row_max = logits.amax(dim=1, keepdim=True).detach()
    log_sum = torch.log(torch.exp(logits - row_max).sum(dim=1, keepdim=True)) + row_max
    target_logit = logits.gather(1, targets.view(-1, 1))
    return (log_sum - target_logit).mean()
