"""WRONG (dim=0 only for tables): softmax handles dim=0 ("normalise the columns") by transposing with .t(), normalising the rows and transposing back, which works for 1-D and 2-D logits but .t() refuses more than 2 dimensions: softmax(torch.randn(2, 3, 4), dim=0) raises RuntimeError instead of normalising the first axis (dim=1, dim=-1 and the default work for any rank)."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def softmax(logits, dim=-1):
    if dim == 0:  # columns: transpose, normalise the rows, transpose back
        return softmax(logits.t(), dim=-1).t()
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    log_norm = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()

