# softmax always normalises the rows of a matrix, whatever dim it is given.
import torch


def softmax(logits, dim=-1):
    exps = (logits - logits.amax(dim=-1, keepdim=True)).exp()
    return exps / exps.sum(dim=-1, keepdim=True)


def cross_entropy(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("bad targets")
    log_probs = softmax(logits).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean()
