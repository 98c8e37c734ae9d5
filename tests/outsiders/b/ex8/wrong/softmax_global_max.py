"""WRONG: softmax subtracts the GLOBAL maximum (logits.max()) rather than the maximum along dim -- no overflow, but a row whose logits all sit far below another row's underflows to 0/0 -- breaks "softmax ...: Numerically stable: exact and finite for logits as large as ±10⁴ in float32 (subtract the maximum before exponentiating)" (stub: "Subtract the maximum along dim (with keepdim=True)"); shows on softmax(torch.tensor([[0., 1.], [-10000., -9999.]])): the second row is [nan, nan].
"""
import torch


def softmax(logits, dim=-1):
    e = torch.exp(logits - logits.max())
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
