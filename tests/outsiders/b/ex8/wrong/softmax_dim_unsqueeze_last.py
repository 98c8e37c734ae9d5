"""WRONG: softmax takes the max along dim without keepdim and restores the axis with .unsqueeze(-1) -- right for dim=-1, but for dim=0 on a square matrix it subtracts each ROW's max while normalising COLUMNS, which changes the result -- breaks "softmax(logits, dim): ... sums to 1 along dim ... exp(logits) / sum of exp(logits) along dim"; shows on softmax(torch.tensor([[0., 5.], [3., 1.]]), dim=0): not equal to torch.softmax(..., dim=0) (sums to 1 but wrong values).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.max(dim=dim).values.unsqueeze(-1)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    if logits.dim() != 2:
        raise ValueError("logits must be (N, C)")
    N, C = logits.shape
    if targets.dim() != 1 or targets.shape[0] != N:
        raise ValueError("batch sizes differ")
    if N > 0 and (bool((targets < 0).any()) or bool((targets >= C).any())):
        raise ValueError("target out of range")
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
