"""WRONG: softmax takes logits.max(dim).values and restores the lost dimension with .unsqueeze(-1), which is right only when dim is the last one; for another dim on a square tensor the maximum broadcasts along the wrong axis (no error), so each slice is shifted by different amounts. Breaks the contract's "softmax(logits, dim=-1) -> Tensor: same shape, non-negative, sums to 1 along dim" equal to PyTorch's built-in softmax (stub: "dim may be negative"): for logits = torch.tensor([[0., 5.], [1., 0.]]), softmax(logits, dim=0) gives [[0.9526, 0.9999], [0.0474, 0.0001]] instead of PyTorch's built-in softmax(logits, dim=0) = [[0.2689, 0.9933], [0.7311, 0.0067]] (verified); dim=-1 is right.
"""
import torch


def softmax(logits, dim=-1):
    m = logits.max(dim).values.unsqueeze(-1)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def _validate(logits, targets):
    N, C = logits.shape
    if len(targets) != N:
        raise ValueError(f"{len(targets)} targets for a batch of {N}")
    if targets.min() < 0 or targets.max() >= C:
        raise ValueError(f"targets must lie in [0, {C})")
    return N, C


def cross_entropy(logits, targets):
    N, C = _validate(logits, targets)
    m = logits.amax(dim=1, keepdim=True).detach()
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
