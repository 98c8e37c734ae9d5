"""VALID: cross_entropy as a torch.autograd.Function whose backward is the textbook gradient (softmax - onehot(targets)) / N times the upstream gradient, the probabilities taken as exp(logits - lse) with lse = max + log(sum(exp(logits - max))) (the loss's own stable form); at logits of 1e4 in float32 the gradient is ~1e-4 off autograd's through F.cross_entropy, inside the contract's 1e-5 relative plus 4·eps·max|logits| (4.8e-3 there)."""

import torch


def softmax(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    exps = shifted.exp()
    return exps / exps.sum(dim=dim, keepdim=True)


class _CrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, logits, targets):
        n = logits.shape[0]
        top = logits.amax(dim=1, keepdim=True)
        log_norm = top + (logits - top).exp().sum(dim=1, keepdim=True).log()
        picked = logits[torch.arange(n), targets] - log_norm.squeeze(1)
        ctx.save_for_backward(logits, targets, log_norm)
        return -picked.mean()

    @staticmethod
    def backward(ctx, grad_loss):
        logits, targets, log_norm = ctx.saved_tensors
        n, c = logits.shape
        onehot = torch.zeros_like(logits)
        onehot[torch.arange(n), targets] = 1.0
        probs = (logits - log_norm).exp()
        return (probs - onehot) / n * grad_loss, None


def cross_entropy(logits, targets):
    n, c = logits.shape
    if targets.shape[0] != n:
        raise ValueError(f"{n} rows of logits but {targets.shape[0]} targets")
    if n and (targets.min() < 0 or targets.max() >= c):
        raise ValueError(f"targets must lie in [0, {c})")
    return _CrossEntropy.apply(logits, targets)
