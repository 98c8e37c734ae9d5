import math

import torch
import torch.nn.functional as F


def _validate(logits, targets):
    if targets.shape[0] != logits.shape[0]:
        raise ValueError("batch sizes of logits and targets differ")
    if targets.numel() and (bool((targets < 0).any()) or bool((targets >= logits.shape[1]).any())):
        raise ValueError("a target is outside [0, C)")


def softmax(logits, dim=-1):
    # attention's softmax: q·k / sqrt(d) with d = 1, q = logits, k = 1, v = identity
    x = logits.movedim(dim, -1)
    c = x.shape[-1]
    q = x.reshape(-1, 1, 1)                          # (rows*c? no) one query per row below
    rows = x.reshape(-1, c)
    q = rows.unsqueeze(1).unsqueeze(-1)[:, :, :1, :].new_ones(rows.shape[0], 1, 1)
    k = rows.unsqueeze(-1)                           # (rows, c, 1): scores q·k = logits
    v = torch.eye(c, dtype=logits.dtype).expand(rows.shape[0], c, c)
    out = F.scaled_dot_product_attention(q, k, v, scale=1.0)   # (rows, 1, c)
    return out.reshape(x.shape).movedim(-1, dim)


def cross_entropy(logits, targets):
    _validate(logits, targets)
    p = softmax(logits, 1)
    return -torch.log(p.gather(1, targets.reshape(-1, 1))).mean()
