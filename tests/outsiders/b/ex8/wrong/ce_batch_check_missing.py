"""WRONG: cross_entropy validates target values but not the batch sizes; with a single target the (N,) log-sum-exp and the (1,) picked logit broadcast silently -- breaks "Raises ValueError ... when the batch sizes of logits and targets differ"; shows on cross_entropy(torch.randn(4, 3), torch.tensor([1])) which returns a number instead of raising.
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    N, C = logits.shape
    if targets.numel() and (bool((targets < 0).any()) or bool((targets >= C).any())):
        raise ValueError("target out of range")
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
