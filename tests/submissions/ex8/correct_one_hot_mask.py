# softmax as exp(log-softmax) with a detached shift; cross_entropy selects through a one-hot mask
# (with torch.where: multiplying by the mask would turn a -inf logit into 0 * -inf = nan).
import torch
import torch.nn.functional as F


def softmax(logits, dim=-1):
    shifted = logits - logits.detach().amax(dim=dim, keepdim=True)
    return torch.exp(shifted - shifted.exp().sum(dim=dim, keepdim=True).log())


def cross_entropy(logits, targets):
    N, C = logits.shape
    bad = (targets < 0) | (targets >= C)
    if targets.shape != (N,) or bad.any():
        raise ValueError("targets must be (N,) class indices in [0, C)")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    mask = F.one_hot(targets, C).bool()
    return -torch.where(mask, log_probs, torch.zeros_like(log_probs)).sum() / N
