"""VALID: both functions compute in float64 and cast the result back to the input dtype with .to() (differentiable, keeps float32 in and float32 out); the log-sum-exp uses a detached max, which changes no value or gradient because the shift cancels."""

import torch


def _shifted(x, dim):
    return x - x.amax(dim=dim, keepdim=True).detach()


def softmax(logits, dim=-1):
    x = logits.to(torch.float64)
    e = torch.exp(_shifted(x, dim))
    return (e / e.sum(dim=dim, keepdim=True)).to(logits.dtype)


def cross_entropy(logits, targets):
    if logits.shape[0] != targets.shape[0]:
        raise ValueError("logits and targets have different batch sizes")
    n_classes = logits.shape[1]
    if torch.any(targets < 0) or torch.any(targets >= n_classes):
        raise ValueError(f"every target must be a class index in [0, {n_classes})")
    x = logits.to(torch.float64)
    m = x.amax(dim=1, keepdim=True).detach()
    log_z = (m + torch.log(torch.sum(torch.exp(x - m), dim=1, keepdim=True))).squeeze(1)
    target_logit = x[torch.arange(x.shape[0]), targets]
    return (log_z - target_logit).mean().to(logits.dtype)
