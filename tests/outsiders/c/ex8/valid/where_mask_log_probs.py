"""VALID: softmax via the per-slice max (logits.max(dim, keepdim=True).values), exp and division by the keepdim sum. cross_entropy builds the log-probabilities with the stable log-sum-exp (l - max - log sum exp(l - max), the max detached: it cancels exactly, so the gradient is softmax - onehot without rounding noise from the max's own gradient) and selects the target entries with torch.where(onehot_mask, log_probs, 0), which, unlike multiplying by a one-hot, never forms 0 * -inf, so a -inf logit on a non-target class gives a finite loss and a zero gradient there, as with PyTorch's built-in cross-entropy. The mask comes from comparing arange(C) with targets; ValueError for wrong length (empty too) or out-of-range targets.
"""
import torch


def softmax(logits, dim=-1):
    shifted = logits - logits.max(dim=dim, keepdim=True).values
    num = torch.exp(shifted)
    return num / torch.sum(num, dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    N, C = logits.shape
    if targets.numel() != N or targets.shape != (N,):
        raise ValueError("need exactly one target per row of logits")
    if (targets < 0).any() or (targets >= C).any():
        raise ValueError("targets must be in [0, C)")
    shifted = logits - logits.max(dim=1, keepdim=True).values.detach()
    log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))
    mask = torch.arange(C, device=logits.device).unsqueeze(0) == targets.unsqueeze(1)
    picked = torch.where(mask, log_probs, torch.zeros_like(log_probs)).sum(dim=1)
    return -picked.sum() / N
