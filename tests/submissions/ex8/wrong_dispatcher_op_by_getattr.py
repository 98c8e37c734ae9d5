"""WRONG: softmax reaches aten::_softmax through torch.ops, by a name built at run time."""

import torch

_ops = getattr(torch.ops, "at" + "en")


def softmax(logits, dim=-1):
    return getattr(_ops, "_soft" + "max").default(logits, dim, False)


def cross_entropy(logits, targets):
    if targets.shape[0] != logits.shape[0]:
        raise ValueError("batch sizes differ")
    if ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("target out of range")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(len(targets)), targets].mean()
