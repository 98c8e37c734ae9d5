"""The rule "global state stays as found": PyTorch's global settings (this module runs in the worker).

PyTorch's global settings (default dtype, grad and inference mode, anomaly mode, thread
counts, deterministic flags, matmul precision, modes, default device, cuDNN flags, print
options...) are read before and after the import of the student's module and every call of a
contract function, and after every other request that ran the student's code (rules.py); a
change is recorded and undone, so that it costs only the rule, not every later check.
Seeding the random generator is allowed: it is not among them.

Some calls change nothing a reading can see: a thread count set to the value it already
has, and seeding where an exercise's results depend on the generator (`[rules] seeding =
false`, ex9). `watch_setters` wraps those setters so that the call itself is the finding.

It depends on torch and the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import functools
import sys

import torch

from grader.remote.dispatch_modes import pop_mode


# ---------------------------------------------------------------- the settings


def _anomaly_set(enabled: bool) -> None:
    torch.set_anomaly_enabled(enabled, torch.is_anomaly_check_nan_enabled())


def _anomaly_nan_set(check_nan: bool) -> None:
    torch.set_anomaly_enabled(torch.is_anomaly_enabled(), check_nan)


def _deterministic_set(enabled: bool) -> None:
    torch.use_deterministic_algorithms(enabled, warn_only=torch.is_deterministic_algorithms_warn_only_enabled())


def _deterministic_warn_set(warn_only: bool) -> None:
    torch.use_deterministic_algorithms(torch.are_deterministic_algorithms_enabled(), warn_only=warn_only)


_INFERENCE_OFF: list = []  # inference-mode-off guards held for the rest of the worker's life


def _inference_set(enabled: bool) -> None:
    if not enabled:  # a `torch.inference_mode()` entered and never left: hold it off from here on
        guard = torch.inference_mode(False)
        guard.__enter__()
        _INFERENCE_OFF.append(guard)


def _pop_modes(length: int, size, pop) -> None:
    while size() > length:
        pop()


def _cudnn(flag: str):
    return (lambda: bool(getattr(torch.backends.cudnn, flag)),
            lambda value: setattr(torch.backends.cudnn, flag, value))


def _print_options() -> tuple:
    options = torch._tensor_str.PRINT_OPTS
    return (options.precision, options.threshold, options.edgeitems, options.linewidth, options.sci_mode)


def _set_print_options(values: tuple) -> None:
    precision, threshold, edgeitems, linewidth, sci_mode = values
    torch.set_printoptions(precision=precision, threshold=threshold, edgeitems=edgeitems, linewidth=linewidth,
                           sci_mode=sci_mode)


def _flush_denormal() -> bool:
    """No getter exists: a subnormal float32 that reads back as 0 says it is on."""
    return bool(torch.tensor([1e-40], dtype=torch.float32)[0] == 0)


def _settings_table() -> list[tuple[str, object, object]]:
    """(key, read, restore) for every global setting this torch has."""
    C = torch._C
    table = [
        ("default_dtype", torch.get_default_dtype, torch.set_default_dtype),
        ("grad_enabled", torch.is_grad_enabled, torch.set_grad_enabled),
        ("inference_mode", torch.is_inference_mode_enabled, _inference_set),
        ("anomaly_enabled", torch.is_anomaly_enabled, _anomaly_set),
        ("anomaly_check_nan", getattr(torch, "is_anomaly_check_nan_enabled", None), _anomaly_nan_set),
        ("num_threads", torch.get_num_threads, torch.set_num_threads),
        ("num_interop_threads", torch.get_num_interop_threads, torch.set_num_interop_threads),
        ("deterministic_algorithms", torch.are_deterministic_algorithms_enabled, _deterministic_set),
        ("deterministic_warn_only", getattr(torch, "is_deterministic_algorithms_warn_only_enabled", None),
         _deterministic_warn_set),
        ("float32_matmul_precision", getattr(torch, "get_float32_matmul_precision", None),
         getattr(torch, "set_float32_matmul_precision", None)),
        ("torch_function_modes", getattr(C, "_len_torch_function_stack", None),
         lambda n: _pop_modes(n, C._len_torch_function_stack, C._pop_torch_function_stack)),
        ("dispatch_modes", getattr(C, "_len_torch_dispatch_stack", None),
         lambda n: _pop_modes(n, C._len_torch_dispatch_stack, pop_mode)),
        ("default_device", getattr(torch, "get_default_device", None), getattr(torch, "set_default_device", None)),
        ("forward_ad_enabled", getattr(C, "_is_fwd_grad_enabled", None), getattr(C, "_set_fwd_grad_enabled", None)),
        ("autocast_cpu", lambda: torch.is_autocast_enabled("cpu"), lambda v: torch.set_autocast_enabled("cpu", v)),
        ("mkldnn_enabled", getattr(C, "_get_mkldnn_enabled", None), getattr(C, "_set_mkldnn_enabled", None)),
        ("autograd_multithreading", getattr(C, "_is_multithreading_enabled", None),
         getattr(C, "_set_multithreading_enabled", None)),
        ("cudnn_enabled", *_cudnn("enabled")),
        ("cudnn_deterministic", *_cudnn("deterministic")),
        ("cudnn_benchmark", *_cudnn("benchmark")),
        ("warn_always", getattr(torch, "is_warn_always_enabled", None), getattr(torch, "set_warn_always", None)),
        ("print_options", _print_options, _set_print_options),
        ("flush_denormal", _flush_denormal, torch.set_flush_denormal),
    ]
    usable = []
    for key, read, restore in table:
        if read is None:
            continue
        try:
            read()
        except Exception:  # not in this torch version
            continue
        usable.append((key, read, restore))
    return usable


_SETTINGS = _settings_table()
_KEYS = [key for key, _, _ in _SETTINGS]
_READERS = [read for _, read, _ in _SETTINGS]
# Read around every call (under a microsecond each); the others (default device, cuDNN flags)
# are read after every request, and a change there is the module's.
_SLOW = {"default_device", "cudnn_enabled", "cudnn_deterministic", "cudnn_benchmark", "print_options",
         "flush_denormal"}
_FAST_KEYS = [key for key in _KEYS if key not in _SLOW]
_FAST_READERS = [read for key, read in zip(_KEYS, _READERS) if key not in _SLOW]


def same_setting(read, value) -> bool:
    try:
        return read() == value
    except Exception:
        return True


def read_fast_settings() -> dict:
    try:
        return dict(zip(_FAST_KEYS, [read() for read in _FAST_READERS]))
    except Exception:
        return {key: value for key, value in read_settings().items() if key not in _SLOW}


def read_settings() -> dict:
    try:
        return dict(zip(_KEYS, [read() for read in _READERS]))
    except Exception:  # a getter broken (by graded code, say): read them one by one
        pass
    values = {}
    for key, read in zip(_KEYS, _READERS):
        try:
            values[key] = read()
        except Exception:
            values[key] = "<unreadable>"
    return values


def restore_settings(wanted: dict, now: dict | None = None) -> None:
    """Put back every setting that differs from `wanted` (modes first: the default device is one)."""
    now = read_settings() if now is None else now
    for key, _, restore in _SETTINGS:
        if restore is not None and key in wanted and now.get(key) != wanted[key]:
            try:
                restore(wanted[key])
            except Exception:  # some cannot be set twice (interop threads): leave it
                pass


def as_shown(value) -> object:
    """A setting's value as a finding shows it."""
    return value if isinstance(value, (bool, int, float)) else str(value)


def read_like(wanted: dict) -> dict:
    """The settings `wanted` holds, read now: all of them, or those read around every call."""
    return read_settings() if len(wanted) == len(_KEYS) else read_fast_settings()


# ---------------------------------------------------------------- setters called


def watch_setters(rules) -> None:
    """Wrap the setters whose call is a finding in itself, for `rules` (a ContractRules) to note.

    A thread count set to the value it already has changes nothing a reading can see
    (the worker runs on one thread; `torch.set_num_threads(1)` is the usual call), yet on
    the student's own machine it changes the caller's: the call itself is the finding. So
    is seeding, where the exercise's results depend on the generator (`seeding = false`)."""
    setters = [("num_threads", "set_num_threads", (torch, torch._C)),
               ("num_interop_threads", "set_num_interop_threads", (torch, torch._C))]
    if not rules.seeding:
        setters += [("random_seed", "manual_seed", (torch, torch.random)),
                    ("random_seed", "seed", (torch, torch.random))]
    readers = {"num_threads": torch.get_num_threads, "num_interop_threads": torch.get_num_interop_threads}
    for key, name, namespaces in setters:
        original = getattr(namespaces[0], name, None)
        if original is None:
            continue
        setter = _setter(rules, key, name, original, readers.get(key))
        for namespace in namespaces:
            if getattr(namespace, name, None) is original:
                setattr(namespace, name, setter)


def _setter(rules, key: str, name: str, original, read=None):
    """`original` wrapped: a call from the student's module is noted, unless it changes a
    setting the readings around calls see (then they tell it, with before and after)."""

    def setter(*args, **kwargs):
        unseen = read is None or not args or same_setting(read, args[0])
        if unseen and sys._getframe(1).f_globals is rules.student_globals:
            shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            during = "call" if rules.current else "import" if rules.importing else "code"
            rules.note({"rule": "global_state", "function": rules.current, "during": during, "setting": key,
                        "before": "", "after": as_shown(args[0] if args else None),
                        "set_by": f"torch.{name}({shown})"})
        return original(*args, **kwargs)

    try:
        functools.update_wrapper(setter, original)
    except Exception:
        pass
    return setter
