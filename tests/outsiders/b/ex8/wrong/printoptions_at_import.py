"""WRONG: calls torch.set_printoptions(precision=2, sci_mode=False) at import to make its own debug prints tidy, and leaves it -- breaks "Global state stays as found. Importing the module ... leaves PyTorch's global settings as they were"; shows right after import: print(torch.tensor([1e-5])) shows tensor([0.00]) everywhere.
"""
import torch

torch.set_printoptions(precision=2, sci_mode=False)


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
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(dim=1))
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)
    return (lse - picked).mean()
