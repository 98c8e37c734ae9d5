"""WRONG: at import the module replaces torch.nn.functional.softmax and torch.softmax with its own softmax ("so the whole program uses my stable version"), changing PyTorch itself for every later caller (afterwards F.softmax is ex8.softmax); breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were"."""

import torch
import torch.nn.functional as F


def softmax(logits, dim=-1):
    """Stable softmax along dim."""
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


F.softmax = softmax
torch.softmax = softmax


def cross_entropy(logits, targets):
    """Mean over the batch of -log softmax(logits)[i, targets[i]] (log-sum-exp)."""
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if targets.numel() > 0 and (int(targets.min()) < 0 or int(targets.max()) >= c):
        raise ValueError(f"targets must lie in [0, {c})")
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.reshape(-1, 1)).squeeze(1)
    return (lse - picked).mean()
