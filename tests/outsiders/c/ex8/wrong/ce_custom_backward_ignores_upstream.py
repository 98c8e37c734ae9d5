"""WRONG: cross_entropy is a torch.autograd.Function whose backward returns (softmax - one_hot) / N but forgets to multiply by grad_output, so it is right only when the loss is backpropagated alone (upstream gradient 1). Breaks the contract's "differentiable with respect to logits (its gradient, for any upstream gradient, within 1e-5 relative ... of autograd through PyTorch's built-in cross-entropy)": for logits = [[2.0, 1.0, 0.1]], target [0], (3 * cross_entropy(logits, t)).backward() gives logits.grad = [-0.3410, 0.2424, 0.0986] instead of 3x that, [-1.0230, 0.7272, 0.2958] (verified).
"""
import torch


def softmax(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    e = torch.exp(logits - m)
    return e / e.sum(dim=dim, keepdim=True)


def _validate(logits, targets):
    N, C = logits.shape
    if len(targets) != N:
        raise ValueError(f"{len(targets)} targets for a batch of {N}")
    if targets.min() < 0 or targets.max() >= C:
        raise ValueError(f"targets must lie in [0, {C})")
    return N, C


class _CrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, logits, targets):
        N, C = logits.shape
        m = logits.amax(dim=1, keepdim=True)
        lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
        picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
        probs = torch.exp(logits - lse.unsqueeze(1))
        one_hot = torch.zeros_like(logits).scatter(1, targets.unsqueeze(1), 1.0)
        ctx.save_for_backward(probs, one_hot)
        return (lse - picked).mean()

    @staticmethod
    def backward(ctx, grad_output):
        probs, one_hot = ctx.saved_tensors
        return (probs - one_hot) / probs.shape[0], None


def cross_entropy(logits, targets):
    _validate(logits, targets)
    return _CrossEntropy.apply(logits, targets)
