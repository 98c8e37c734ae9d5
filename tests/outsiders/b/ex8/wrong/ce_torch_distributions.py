"""WRONG: cross_entropy is -torch.distributions.Categorical(logits=logits).log_prob(targets).mean(), which normalises the logits with Tensor.logsumexp internally -- breaks "Not allowed here: ... torch.logsumexp ... (and the Tensor methods of the same names)"; shows on every call (values equal F.cross_entropy).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    if logits.dim() != 2:
        raise ValueError("logits must be (N, C)")
    N, C = logits.shape
    if targets.dim() != 1 or targets.shape[0] != N:
        raise ValueError("batch sizes differ")
    if N > 0 and (bool((targets < 0).any()) or bool((targets >= C).any())):
        raise ValueError("target out of range")
    dist = torch.distributions.Categorical(logits=logits, validate_args=False)
    return -dist.log_prob(targets).mean()
