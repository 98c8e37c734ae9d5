# Row by row, with Python loops: the slices along `dim` are moved to the last axis first.
import math

import torch


def softmax(logits, dim=-1):
    moved = logits.movedim(dim, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = []
    for row in rows:
        biggest = row.max()
        exps = torch.exp(row - biggest)
        out.append(exps / exps.sum())
    return torch.stack(out).reshape(moved.shape).movedim(-1, dim)


def cross_entropy(logits, targets):
    n, c = logits.shape
    if len(targets) != n:
        raise ValueError("one target per row, please")
    for t in targets.tolist():
        if not 0 <= t < c:
            raise ValueError(f"target {t} is not a class index in [0, {c})")
    losses = []
    for i in range(n):
        row = logits[i]
        biggest = row.max()
        log_sum = biggest + torch.log(torch.exp(row - biggest).sum())
        losses.append(log_sum - row[targets[i]])
    return torch.stack(losses).sum() / n


if __name__ == "__main__":
    x = torch.tensor([[2.0, 1.0, 0.1]])
    print(softmax(x), cross_entropy(x, torch.tensor([0])), math.log(3))
