import torch


def softmax(logits, dim=-1):
    exps = (logits - logits.amax(dim=dim, keepdim=True)).exp()
    return exps / exps.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("bad targets")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].sum()
