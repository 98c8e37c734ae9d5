"""Common mistakes in Exercise 8, each a wrong `softmax` or `cross_entropy` a beginner really writes.

Every entry is self-contained (a mutant is the reference with one function replaced by it).
The cross-entropy entries whose result is inf (an overflow, log(0)) cannot be recognised by
comparing values (inf - inf is nan), nor can a softmax that only loses precision (entries are
compared with 10 times the tolerance), nor an entry that equals the reference on every input
a value or gradient check uses (targets not checked, the built-in itself): the checks
diagnose those themselves (probes, the size of the error, the raise check, the source), and
the entries say which words of that diagnosis name them (`feedback_contains`).
"""

import torch
import torch.nn.functional as F

from grader.misconceptions import misconception

# ---------------------------------------------------------------- softmax


@misconception("softmax", "exp of the raw logits, with no maximum subtracted (overflow)",
               "exp(89.) is already inf in float32 (exp(710.) in float64), and inf / inf is nan. Subtract the "
               "maximum along dim first: logits - logits.amax(dim=dim, keepdim=True). The probabilities do not "
               "change, and the largest exponent becomes exp(0) = 1.")
def softmax_naive(logits, dim=-1):
    exps = logits.exp()
    return exps / exps.sum(dim=dim, keepdim=True)


@misconception("softmax", "the maximum of the whole tensor subtracted instead of each row's own maximum",
               "logits - logits.max() is valid algebra but not stable: a row 20000 below the overall maximum has "
               "every exp underflow to 0, and 0 / 0 is nan. Take the maximum along dim: "
               "logits.amax(dim=dim, keepdim=True).")
def softmax_global_max(logits, dim=-1):
    exps = (logits - logits.max()).exp()
    return exps / exps.sum(dim=dim, keepdim=True)


@misconception("softmax", "the dim argument is ignored (always the last dimension)",
               "Use the dim you are given in both the maximum and the sum: amax(dim=dim, keepdim=True) and "
               "sum(dim=dim, keepdim=True), not dim=-1 or dim=1 written in.")
def softmax_ignores_dim(logits, dim=-1):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    exps = shifted.exp()
    return exps / exps.sum(dim=-1, keepdim=True)


@misconception("softmax", "dim=0 written in (normalises down the columns)",
               "The rows of (N, C) logits are the examples: the default dim=-1 normalises each row. Use the "
               "dim argument instead of a fixed 0.")
def softmax_dim0(logits, dim=-1):
    shifted = logits - logits.amax(dim=0, keepdim=True)
    exps = shifted.exp()
    return exps / exps.sum(dim=0, keepdim=True)


@misconception("softmax", "the sum along dim without keepdim=True",
               "exps.sum(dim=dim) drops that dimension, so dividing broadcasts the sums against the wrong axis "
               "(an error, or wrong values for square inputs). Keep it: exps.sum(dim=dim, keepdim=True).")
def softmax_no_keepdim(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    exps = shifted.exp()
    return exps / exps.sum(dim=dim)


@misconception("softmax", "divided by the sum of the whole tensor instead of the sum along dim",
               "exps.sum() adds up every row, so only the whole tensor sums to 1. Sum along dim: "
               "exps.sum(dim=dim, keepdim=True).")
def softmax_total_sum(logits, dim=-1):
    shifted = logits - logits.amax(dim=dim, keepdim=True)
    exps = shifted.exp()
    return exps / exps.sum()


@misconception("softmax", "exp(logits - logsumexp): the maximum added back and subtracted again (lost digits)",
               "m + log(sum) near 10000 keeps only 3 decimals in float32, so exp(logits - (m + log(sum))) is off "
               "by up to 0.05% and the row no longer sums to 1. Divide instead: e = exp(logits - m), then "
               "e / e.sum(dim=dim, keepdim=True).", feedback_contains="this is lost precision")
def softmax_log_domain(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    lse = m + (logits - m).exp().sum(dim=dim, keepdim=True).log()
    return (logits - lse).exp()


@misconception("softmax", "the logits are shifted in place inside softmax",
               "logits -= m (or logits.sub_(m), even followed by logits.add_(m)) changes the caller's tensor: "
               "adding the maximum back does not restore small values exactly. Write the shifted logits into a "
               "new tensor: shifted = logits - logits.amax(dim=dim, keepdim=True).")
def softmax_in_place(logits, dim=-1):
    m = logits.amax(dim=dim, keepdim=True)
    logits.sub_(m)
    exps = logits.exp()
    logits.add_(m)
    return exps / exps.sum(dim=dim, keepdim=True)


# ---------------------------------------------------------------- cross_entropy


@misconception("cross_entropy", "log of the sum of exps of the raw logits (no maximum subtracted)",
               "log(exp(logits).sum()) overflows to inf for logits above 88 in float32. Use log-sum-exp: "
               "m = logits.amax(dim=1, keepdim=True), then m + log(exp(logits - m).sum(dim=1, keepdim=True)).",
               feedback_contains="exp of an unshifted logit overflowed")
def ce_naive(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    log_probs = logits - logits.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean()


@misconception("cross_entropy", "log(softmax(logits)): the log of a probability that underflowed to 0",
               "A stable softmax can still give exactly 0 for a class far below the best one, and log(0) = -inf. "
               "Compute the log-probabilities directly: (logits - m) - log(exp(logits - m).sum(dim=1, "
               "keepdim=True)), which never takes the log of 0.",
               feedback_contains="the log of a probability that underflowed to 0")
def ce_log_of_softmax(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    probs = shifted.exp() / shifted.exp().sum(dim=1, keepdim=True)
    return -probs[torch.arange(logits.shape[0]), targets].log().mean()


@misconception("cross_entropy", "the maximum of the whole batch subtracted instead of each row's own maximum",
               "logits.max() is one number for the whole batch: a row far below it has every exp underflow to 0 "
               "and log(0) = -inf. Subtract each row's maximum: logits.amax(dim=1, keepdim=True).",
               feedback_contains="maximum of the whole batch")
def ce_global_max(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.max()
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean()


@misconception("cross_entropy",
               "the target's log-probability picked by multiplying with a one-hot mask (0 * -inf = nan)",
               "A masked-out class has logit -inf, hence log-probability -inf, and 0 * -inf is nan. Select instead "
               "of multiplying: log_probs[torch.arange(N), targets], log_probs.gather(1, targets[:, None]) or "
               "torch.where(mask, log_probs, 0).")
def ce_one_hot_product(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    one_hot = F.one_hot(targets, logits.shape[1]).to(logits.dtype)
    return -(one_hot * log_probs).sum(dim=1).mean()


@misconception("cross_entropy", ".sum() over the batch instead of .mean()",
               "The loss is the mean over the N examples: use .mean() (or divide the sum by N), so that it does "
               "not grow with the batch size.")
def ce_sum(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].sum()


@misconception("cross_entropy", "log_probs[:, targets] picks an (N, N) table instead of one entry per row",
               "log_probs[:, targets] takes every target's column for every row. Pair row i with targets[i]: "
               "log_probs[torch.arange(N), targets] (or log_probs.gather(1, targets[:, None])).")
def ce_column_index(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[:, targets].mean()


@misconception("cross_entropy", "the minus sign is missing (the loss comes out negative)",
               "Log-probabilities are <= 0: the loss is MINUS their mean, so that it is >= 0 and 0 only for a "
               "perfect prediction.")
def ce_no_minus(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return log_probs[torch.arange(logits.shape[0]), targets].mean()


# On valid targets this entry is the reference itself, and so is the built-in one below: matched
# by values they would name any failure on valid inputs (a gradient off by rounding, say). The
# checks' own feedback names them instead.
@misconception("cross_entropy", "the targets are not checked",
               "Raise ValueError before computing when len(targets) != N or a target is < 0 or >= C: a target of "
               "-1 silently picks the last class (negative indexing) and one of C stops with an IndexError.",
               feedback_contains="the targets are not checked", matchable=False)
def ce_no_validation(logits, targets):
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean()


@misconception("cross_entropy", "the result is turned into a Python number with .item()",
               "Return the 0-dim tensor itself: .item() gives a float that autograd cannot differentiate, so the "
               "loss could not train anything.")
def ce_item(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean().item()


@misconception("cross_entropy", "logits are shifted in place (logits -= max)",
               "logits -= ... (or logits.sub_(...)) overwrites the caller's tensor, and fails on logits that "
               "require grad. Write shifted = logits - logits.amax(dim=1, keepdim=True) into a new tensor.")
def ce_in_place(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    logits -= logits.amax(dim=1, keepdim=True)
    log_probs = logits - logits.exp().sum(dim=1, keepdim=True).log()
    return -log_probs[torch.arange(logits.shape[0]), targets].mean()


@misconception("cross_entropy", "the built-in F.cross_entropy is used",
               "Write it yourself: log-sum-exp for the log-probabilities, then pick each row's target entry and "
               "take minus the mean.", feedback_contains="F.cross_entropy", matchable=False)
def ce_built_in(logits, targets):
    if targets.shape[0] != logits.shape[0] or ((targets < 0) | (targets >= logits.shape[1])).any():
        raise ValueError("targets outside [0, C) or of another batch size")
    return F.cross_entropy(logits, targets)
