# Shifts the caller's logits in place "to save memory", then shifts them back.
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    logits -= m
    exps = logits.exp()
    logits += m
    return exps / exps.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("bad targets")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean()
