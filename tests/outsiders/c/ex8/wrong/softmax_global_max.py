"""WRONG: softmax subtracts the maximum of the WHOLE tensor (logits.max()) instead of the maximum of each slice along dim. That is only safe when all slices lie close together. Breaks the stub's "logits as large as +-10000 must still give exact, finite probabilities, also when slices along dim lie far apart (one near +10000, another near -10000). Subtract the maximum along dim (with keepdim=True)": softmax(torch.tensor([[10000., 9999.], [-10000., -9999.]])) gives [[0.7311, 0.2689], [nan, nan]] instead of [[0.7311, 0.2689], [0.2689, 0.7311]] (the second row underflows to 0/0; verified against PyTorch's built-in softmax).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.max()
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
