"""The contract's rule breaches in words a beginner can act on: what the worker reported
(`protocol.RuleViolation`, data whose fields may be odd: the worker runs the student's code)
turned into the message and advice of a rule check's failure (grader/core/contract.py).
"""

from __future__ import annotations

from grader.core.outcomes import CheckFailure


def failure(found: list[dict], filename: str) -> CheckFailure:
    """The first breach in full, up to two more in a line each, and the advice for each kind."""
    imported = {v.get("module") for v in found if v.get("rule") == "imports" and v.get("how") == "import"}
    found = [v for v in found if not (v.get("how") == "global" and v.get("module") in imported)]
    texts = [_described(v, filename) for v in found]
    lines = [texts[0][0]]
    others = list(dict.fromkeys(text for text, _ in texts[1:] if text != texts[0][0]))
    if others:
        lines += ["Also: " + text for text in others[:2]]
        if len(others) > 2:
            lines.append(f"(and {len(others) - 2} more)")
    helps: dict[tuple, str] = {}
    for v, (_, help_text) in zip(found, texts):
        kind = (v.get("rule"), v.get("change") or v.get("setting") or v.get("how"))
        if help_text and kind not in helps and help_text not in helps.values():
            helps[kind] = help_text
    return CheckFailure("\n".join(lines), help=" ".join(list(helps.values())[:2]) or None)


GENERIC_SETTING_HELP = ("Leave PyTorch's global settings as you found them: change one only inside a `with` block "
                        "that puts it back.")
SETTINGS = {  # key -> (what it is, how to leave it alone)
    "default_dtype": ("default dtype", "torch.set_default_dtype changes the dtype of every tensor made afterwards, "
                      "the caller's too: give your own tensors their dtype where you make them (dtype=x.dtype, "
                      "or torch.float64)."),
    "grad_enabled": ("grad mode (torch.is_grad_enabled())", "torch.set_grad_enabled(False), or torch.no_grad() "
                     "entered and never left, switches autograd off for the caller too: put the lines that need "
                     "it in a `with torch.no_grad():` block, which switches it back on at its end."),
    "inference_mode": ("inference mode", "Use `with torch.inference_mode():` around the lines that need it, so "
                       "that it ends with the block."),
    "anomaly_enabled": ("anomaly detection", "torch.autograd.set_detect_anomaly(True) slows every later backward "
                        "pass, the caller's too: use `with torch.autograd.detect_anomaly():` while debugging, then "
                        "remove it."),
    "anomaly_check_nan": ("anomaly detection's NaN check", "Use `with torch.autograd.detect_anomaly():` while "
                          "debugging, then remove it."),
    "num_threads": ("number of threads", "The thread count is the caller's choice: remove torch.set_num_threads."),
    "random_seed": ("random generator's seed", "This exercise's results depend on the random generator (initial "
                    "weights, dropout masks): the caller seeds it, not the module. Remove torch.manual_seed (also "
                    "the one at the top of the book's script)."),
    "num_interop_threads": ("number of inter-op threads", "The thread counts are the caller's choice: remove "
                            "torch.set_num_interop_threads."),
    "deterministic_algorithms": ("deterministic-algorithms setting", "torch.use_deterministic_algorithms is the "
                                 "caller's choice: remove it."),
    "deterministic_warn_only": ("deterministic-algorithms setting (warn only)", "torch.use_deterministic_algorithms "
                                "is the caller's choice: remove it."),
    "float32_matmul_precision": ("float32 matmul precision", "torch.set_float32_matmul_precision is the caller's "
                                 "choice: remove it."),
    "warn_always": ("warn-always setting", "torch.set_warn_always changes which warnings every later caller sees: "
                    "remove it."),
    "print_options": ("print options", "torch.set_printoptions changes how every tensor prints, the caller's too: "
                      "format your own output instead (f\"{x.item():.2f}\")."),
    "flush_denormal": ("flush-denormal setting", "torch.set_flush_denormal(True) turns tiny numbers into 0 for every "
                       "later caller: remove it."),
    "default_device": ("default device", "torch.set_default_device is the caller's choice: give your tensors their "
                       "device where you make them."),
    "torch_function_modes": ("number of active torch function modes", "A mode (or torch.device(...)) entered with "
                             "__enter__() and never left stays on for the caller: use it in a `with` block."),
    "dispatch_modes": ("number of active dispatch modes", "A mode entered with __enter__() and never left stays on "
                       "for the caller: use it in a `with` block."),
    "mkldnn_enabled": ("oneDNN switch (torch.backends.mkldnn.enabled)", "Which CPU kernels run is the caller's "
                       "choice: remove the assignment to torch.backends.mkldnn.enabled."),
    "cudnn_enabled": ("cuDNN switch (torch.backends.cudnn.enabled)", "cuDNN's flags are the caller's choice: remove "
                      "the assignment."),
    "cudnn_deterministic": ("cuDNN determinism flag (torch.backends.cudnn.deterministic)", "cuDNN's flags are the "
                            "caller's choice: remove the assignment."),
    "cudnn_benchmark": ("cuDNN benchmark flag (torch.backends.cudnn.benchmark)", "cuDNN's flags are the caller's "
                        "choice: remove the assignment."),
    "autograd_multithreading": ("autograd multithreading setting", "torch.autograd.set_multithreading_enabled is "
                                "the caller's choice: remove it."),
    "forward_ad_enabled": ("forward-mode AD switch", GENERIC_SETTING_HELP),
    "autocast_cpu": ("CPU autocast", "Use `with torch.autocast('cpu'):` around the lines that need it, so that it "
                     "ends with the block."),
}
IMPORT_HELP = {
    "numpy": "Do the work with torch instead (torch.tensor, torch.mean, torch.exp, .item() for a Python number): "
             "the contract allows torch, math and the standard library only, and numpy is not part of it.",
}
INDEPENDENT_HELP = ("Calls must be independent: the same arguments give the same answer whatever ran before. "
                    "No cache keyed on id() or on the argument objects (functools.lru_cache too), no mutable default "
                    "argument (`def f(x, losses=[])`: use `losses=None` and make the list inside), no counter or "
                    "other state kept between calls.")


def _setting(key: str) -> tuple[str, str]:
    return SETTINGS.get(key, (key.replace("_", " "), GENERIC_SETTING_HELP))


def _element(violation: dict) -> str:
    index = violation.get("index")
    return f"element {list(index)}" if index else "the value"


def _described(v: dict, filename: str) -> tuple[str, str]:
    """describe(), for whatever a worker sent (it runs the student's code: fields may be odd)."""
    try:
        return describe(v, filename)
    except Exception:
        return f"{v.get('function') or filename} broke the rule that {v.get('rule')!s:.40}", ""


def describe(v: dict, filename: str) -> tuple[str, str]:
    """(message, help) for one violation of the module `filename` ("ex3.py"), in words a
    beginner can act on."""
    rule = v.get("rule")
    if rule == "arguments":
        return _arguments(v)
    if rule == "global_state":
        what, advice = _setting(str(v.get("setting")))
        change = f"changed PyTorch's {what} from {v.get('before')} to {v.get('after')}"
        if v.get("set_by"):  # the call itself: on the grader it may set the value already there
            setter = f"calls {str(v['set_by'])[:80]}, which sets the {what} for the whole program (a global setting)"
            during = v.get("during")
            who = f"importing {filename}" if during == "import" else \
                str(v.get("function")) if v.get("function") else f"{filename}'s code"
            return f"{who} {setter}", advice
        if v.get("during") == "import":
            return f"importing {filename} {change}", advice
        if v.get("function"):
            return f"{v.get('call') or v['function']} {change} and left it so", advice
        label = f" ({v['label']})" if v.get("label") else ""
        return f"{filename}'s code{label} {change} and left it so", advice
    if rule == "imports":
        module = v.get("module")
        where = f" inside {v['function']}" if v.get("function") else ""
        if v.get("how") == "global":
            text = f"{filename} holds {module} in its name `{v.get('name')}`"
        elif v.get("how") == "method":
            text = f"{filename} uses numpy through Tensor.numpy(){where}"
        else:
            text = f"{filename} imports {module}{where}"
        return (f"{text}: only torch, math and the standard library are allowed",
                IMPORT_HELP.get(str(module), f"Remove the use of {module}: only torch, math and the standard "
                                             "library are allowed."))
    if rule == "independent":
        return _independent(v)
    return f"{v.get('function') or filename} broke a rule ({rule})", ""


def _arguments(v: dict) -> tuple[str, str]:
    call, arg, change = v.get("call") or v.get("function"), v.get("argument"), v.get("change")
    before, after = v.get("before"), v.get("after")
    copy_help = (f"Never change an argument: work on new tensors (`{arg} + 1`, not `{arg}.add_(1)` or `{arg} += 1`; "
                 f"`{arg}.clone()` for a copy you may change).")
    if change == "version":
        return (f"{call} changed its argument {arg} in place (its version counter went from {before} to {after}; "
                "values equal): make a new tensor instead, as the contract asks: no in-place operation on an "
                "argument at all, even one that leaves its values equal", copy_help)
    if change == "values":
        if v.get("values_equal"):
            return (f"{call} changed its argument {arg} in place: {_element(v)} went from {before!r} to {after!r} "
                    "(equal as numbers, not the same bits: an in-place operation such as "
                    f"`{arg}.add_(0.0)` turns -0.0 into 0.0)", copy_help)
        return f"{call} changed the values of its argument {arg}: {_element(v)} was {before!r}, is {after!r} " \
               "after the call", copy_help
    if change == "requires_grad":
        if after:
            return (f"{call} turned on requires_grad of its argument {arg}: the caller's tensor now records every "
                    "operation made on it",
                    f"For gradients of your own, make a new leaf: `{arg}_ = {arg}.detach().requires_grad_()`; "
                    "never call requires_grad_() on an argument.")
        return (f"{call} turned off requires_grad of its argument {arg}: the caller's gradients through it are lost",
                f"Use `with torch.no_grad():` or `{arg}.detach()` instead of changing the argument's flag.")
    if change == "written":
        return (f"{call} wrote into its argument {arg} ({after}), if only for a moment: the contract asks for no "
                "in-place operation on an argument at all, even one undone before returning (through .data too)",
                f"Work on a copy: `{arg}.clone()`, or an expression that makes a new tensor (`{arg} - m`, not "
                f"`{arg}.data.sub_(m)`).")
    if change == "retains_grad":
        return (f"{call} called retain_grad() on its argument {arg}: the caller's tensor now keeps a .grad it "
                "did not ask for", "Leave the argument as it is: compute on it without calling retain_grad() (or on "
                                   f"a tensor of your own made from it, e.g. `{arg}.clone()`).")
    if change == "grad":
        grad_help = (f"Leave the caller's .grad alone: compute gradients on a leaf of your own "
                     f"(`{arg}.detach().requires_grad_()`) or with torch.autograd.grad, which stores nothing.")
        if before == "None":
            return f"{call} left a .grad on its argument {arg}, which had none", grad_help
        if after == "None":
            return f"{call} cleared the .grad of its argument {arg} (it held a gradient before the call)", grad_help
        return f"{call} changed the .grad of its argument {arg} (zeroed or overwritten)", grad_help
    if change == "dtype":
        return (f"{call} changed the dtype of its argument {arg} from {before} to {after} in place",
                f"Convert a copy instead: `{arg}.to(torch.float64)` returns a new tensor.")
    if change == "shape":
        return (f"{call} changed the shape of its argument {arg} from {tuple(before or ())} to {tuple(after or ())} "
                "in place", f"Reshape a copy instead: `{arg}.reshape(...)` returns a new tensor; `{arg}.resize_`, "
                            f"`{arg}.unsqueeze_` and `{arg}.data = ...` change the caller's.")
    if change == "strides":
        return (f"{call} changed the layout (strides) of its argument {arg} in place",
                f"`{arg}.t_()` and `{arg}.transpose_()` transpose the caller's tensor, and `{arg}.data = "
                f"{arg}.data.contiguous()` re-points it: use `{arg}.T`, `{arg}.transpose(0, 1)` or "
                f"`{arg}.contiguous()`, which return new tensors.")
    if change == "replaced":
        return (f"{call} replaced {arg} with another tensor (the caller's model no longer holds the one it had)",
                "Leave the argument's parameters in place.")
    if change == "parameters":
        return (f"{call} added or removed parameters or buffers of its argument {arg}",
                "Leave the argument's parameters in place.")
    return f"{call} changed its argument {arg} ({change})", copy_help


def _answer(v: dict, then: str = "the first time", now: str = "this time") -> str:
    kind, first, again = v.get("kind"), v.get("first"), v.get("again")
    where = f" at {v['path']}" if v.get("path") else ""
    if kind == "value":
        element = f"{_element(v)} of the answer{where}" if v.get("index") else f"the answer{where}"
        return f"{element} was {first!r} {then}, {again!r} {now}"
    if kind == "length":
        return f"the answer{where} had {first} items {then}, {again} {now}"
    if kind == "raised":
        return f"it raised {again}" + (f" where it returned {first} {then}" if first else "")
    return f"the answer's {kind}{where} was {first} {then}, {again} {now}"


def _independent(v: dict) -> tuple[str, str]:
    call, how = v.get("call") or v.get("function"), v.get("how")
    answer = _answer(v)
    if how == "recycled":
        return (f"{call}, called again with the same argument objects holding new values, did not answer as for "
                f"those values: {_answer(v, 'with new objects holding them', 'with the same objects')}",
                "A cache keyed on id(...) or on the tensors themselves (functools.lru_cache compares tensors by "
                "identity) returns an old answer when the same objects come back with other values: compute the "
                "answer from the arguments every time.")
    if how == "freed":
        return (f"{call}, called with the objects of an earlier call holding other values and their version "
                f"counters unchanged (as new tensors made where freed ones had been are: same ids, version 0), "
                f"answered for the earlier call's values: "
                f"{_answer(v, 'for these values', 'after the earlier call')}",
                "Python reuses the id() of a freed object, and a new tensor starts at version 0 again: a cache "
                "keyed on id(...) (with or without ._version) returns answers for tensors that no longer exist. "
                "Compute the answer from the arguments every time.")
    if how == "reused":
        return (f"{call}, called with new argument objects that Python had placed where the freed objects of an "
                f"earlier call had been (so they had the same id()s), answered for the earlier call's values: "
                f"{_answer(v, 'for these values', 'at the reused ids')}",
                "Python reuses the id() of a freed object: a cache keyed on id(...) returns answers for arguments "
                "that no longer exist. Compute the answer from the arguments every time (or key a cache on the "
                "values themselves).")
    if how == "views":
        return (f"{call}, called again with its tensor arguments as non-contiguous views holding the same values, "
                f"did not answer alike: {_answer(v, 'with contiguous tensors', 'with the views')}",
                "Views, transposed and non-contiguous tensors are ordinary inputs (the contract): use .reshape "
                "instead of .view, and never replace an argument's data (`x.data = x.data.contiguous()`); "
                "`x.contiguous()` returns a new tensor you may use instead.")
    if how == "repeat":
        objects = "" if str(call).endswith("()") else " with the very same argument objects"
        text = f"{call}, called again{objects}, answered differently: {answer}"
    else:
        text = (f"{call}, called again after the other checks with new arguments equal to those of its first call, "
                f"answered differently: {answer}")
    if v.get("kind") == "raised" and v.get("callables"):
        names = ", ".join(v["callables"])
        text += (f" (its argument {names} was an equal function given as a callable object that cannot be hashed, "
                 "as any function may be: functools.lru_cache needs hashable arguments)")
    return text, INDEPENDENT_HELP
