# Everything computed in float64 and cast back to the input's dtype at the end.
import torch


def softmax(logits, dim=-1):
    x = logits.double()
    x = x - x.max(dim=dim, keepdim=True)[0]
    p = x.exp() / x.exp().sum(dim=dim, keepdim=True)
    return p.to(logits.dtype)


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.size(0) != n or bool((targets < 0).any()) or bool((targets > c - 1).any()):
        raise ValueError("bad targets")
    x = logits.double()
    x = x - x.max(dim=1, keepdim=True)[0]
    log_p = x - torch.log(torch.exp(x).sum(dim=1, keepdim=True))
    nll = -log_p[range(n), targets]
    return nll.mean().to(logits.dtype)
