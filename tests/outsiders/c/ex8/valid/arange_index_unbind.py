"""VALID: softmax for any dim (negative included) by normalising the index with dim % logits.dim() and using keepdim reductions; cross_entropy picks each row's target logit with advanced indexing logits[torch.arange(N), targets] and computes lse = m + log(sum(exp(l - m))) with m = amax per row, detached (m cancels exactly in lse - l[target], so detaching changes no value, and the autograd gradient is exactly softmax - onehot, with no rounding residue from the max's own gradient). The mean is torch.mean over the N per-row losses. Targets validated first (ValueError). Inputs never modified.
"""
import torch


def softmax(logits, dim=-1):
    d = dim % logits.dim()
    m = torch.amax(logits, dim=d, keepdim=True)
    z = torch.exp(logits - m)
    return z / torch.sum(z, dim=d, keepdim=True)


def cross_entropy(logits, targets):
    n_rows, n_classes = logits.shape
    if len(targets) != n_rows:
        raise ValueError(f"got {len(targets)} targets for {n_rows} rows")
    for t in targets.tolist():
        if not 0 <= t < n_classes:
            raise ValueError(f"target {t} outside [0, {n_classes})")
    m = torch.amax(logits, dim=1).detach()
    lse = m + torch.log(torch.sum(torch.exp(logits - m.unsqueeze(1)), dim=1))
    target_logits = logits[torch.arange(n_rows), targets]
    return torch.mean(lse - target_logits)
