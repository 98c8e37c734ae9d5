"""WRONG (gradient): the log-sum-exp normaliser is detached ("it is only a constant that makes the probabilities sum to 1"), so every loss value equals F.cross_entropy but the gradient keeps only the -1/N at the target: for logits = torch.tensor([[2., 1., .1]], requires_grad=True), cross_entropy(logits, torch.tensor([0])).backward() gives logits.grad = [[-1., 0., 0.]] instead of [[-0.341, 0.242, 0.099]]."""

import torch


def _check(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{targets.shape[0]} targets for {n} rows of logits")
    if ((targets < 0) | (targets >= c)).any():
        raise ValueError(f"targets must be class indices in [0, {c})")


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    _check(logits, targets)
    m = logits.amax(dim=1, keepdim=True)
    log_norm = (m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))).detach()
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (log_norm - picked).mean()
