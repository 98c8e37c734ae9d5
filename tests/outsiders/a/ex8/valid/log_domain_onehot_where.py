"""VALID: softmax is exp(x - m - log(sum(exp(x - m)))) with the max detached (it cancels out of the gradient anyway); cross_entropy selects the target log-probabilities with a one-hot mask through torch.where (never 0 * -inf), validates targets with a Python loop over targets.tolist(), and raises a ValueError subclass."""

import torch
import torch.nn.functional as F


class TargetError(ValueError):
    pass


def softmax(logits, dim=-1):
    m = logits.detach().amax(dim=dim, keepdim=True)
    z = logits - m
    return torch.exp(z - torch.log(torch.exp(z).sum(dim=dim, keepdim=True)))


def cross_entropy(logits, targets):
    n, c = logits.shape
    if len(targets) != n:
        raise TargetError("batch sizes differ: %d logits rows, %d targets" % (n, len(targets)))
    for t in targets.tolist():
        if not 0 <= t < c:
            raise TargetError("target %d is outside [0, %d)" % (t, c))
    m = logits.detach().amax(dim=1, keepdim=True)
    logp = logits - m - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
    mask = F.one_hot(targets, c).bool()
    picked = torch.where(mask, logp, torch.zeros((), dtype=logp.dtype)).sum(dim=1)
    return -picked.mean()
