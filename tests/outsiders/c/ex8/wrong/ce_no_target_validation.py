"""WRONG: does no validation of its own and relies on PyTorch's indexing to complain about bad targets ("gather already checks"). Breaks the contract's "Raises ValueError when a target is outside [0, C)": cross_entropy(torch.tensor([[2.0, 1.0, 0.1]]), torch.tensor([3])) raises RuntimeError "index 3 is out of bounds for dimension 1 with size 3" (not a ValueError), and with a target of -1 it raises RuntimeError too (verified).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def _validate(logits, targets):
    N, C = logits.shape
    return N, C


def cross_entropy(logits, targets):
    N, C = _validate(logits, targets)
    m = logits.amax(dim=1, keepdim=True).detach()
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
