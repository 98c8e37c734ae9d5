"""WRONG: importing the module sets torch.backends.cudnn.deterministic = True and torch.backends.cudnn.benchmark = False (the usual reproducibility boilerplate) and leaves them so; cudnn.deterministic was False before; breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were: ... deterministic flags"."""

import torch

torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False


def softmax(logits, dim=-1):
    """Stable softmax along dim."""
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=dim, keepdim=True)


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
