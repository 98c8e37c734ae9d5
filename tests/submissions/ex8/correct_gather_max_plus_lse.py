# The contract's `max + log Σ exp(l - max) - l[target]` form, with torch.max(...).values and gather.
import torch


def softmax(logits, dim=-1):
    top = torch.max(logits, dim=dim, keepdim=True).values
    e = torch.exp(logits - top)
    return e / torch.sum(e, dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    if logits.shape[0] != targets.shape[0]:
        raise ValueError("batch sizes differ")
    if targets.numel() and (targets.min() < 0 or targets.max() >= logits.shape[1]):
        raise ValueError("target out of range")
    top = torch.max(logits, dim=1, keepdim=True).values
    lse = top.squeeze(1) + torch.log(torch.sum(torch.exp(logits - top), dim=1))
    picked = torch.gather(logits, 1, targets.unsqueeze(1)).squeeze(1)
    return torch.mean(lse - picked)
