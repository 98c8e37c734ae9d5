# softmax as exp(logits - logsumexp(logits)): the maximum is added back into a number near
# 10000, where float32 keeps only 3 decimals.
import torch


def logsumexp(x, dim):
    m = x.amax(dim=dim, keepdim=True)
    return m + torch.log(torch.exp(x - m).sum(dim=dim, keepdim=True))


def softmax(logits, dim=-1):
    return torch.exp(logits - logsumexp(logits, dim))


def cross_entropy(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("bad targets")
    picked = logits.gather(1, targets[:, None])
    return (logsumexp(logits, 1) - picked).mean()
