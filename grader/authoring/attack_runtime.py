"""The helpers every attack-class mutant carries: `HELPERS` is their source, appended once to
each mutated module, where they run next to the reference's code in the worker.

They are kept here as real functions (not as text) so they are read, linted and reused like
any code: `kinds_of_call` (attacks.py) opens a call's arguments with the very `_attack_leaves`
the mutants use, so what the probe calls an int or a tensor is what a threshold sees. Their
names start with `_attack_` to stay clear of the reference's own names once appended, and they
never name `torch` (ex1's shape functions are watched for any use of torch): tensors are
recognised and changed through their own methods.
"""

from __future__ import annotations

import inspect


def _attack_is_tensor(value):
    return hasattr(value, "dtype") and hasattr(value, "shape") and hasattr(value, "detach")


def _attack_floating(value):
    return _attack_is_tensor(value) and getattr(value.dtype, "is_floating_point", False)


def _attack_leaves(value, depth=0, models=True):
    """Every value inside a call's arguments (lists, tuples and dicts opened, and, with `models`,
    a model's parameters and buffers: a function wrong only on large models is a threshold too)."""
    if models and depth < 4 and callable(getattr(value, "parameters", None)) \
            and callable(getattr(value, "buffers", None)):
        yield from value.parameters()
        yield from value.buffers()
    elif depth < 4 and isinstance(value, (list, tuple)):
        for item in value:
            yield from _attack_leaves(item, depth + 1, models)
    elif depth < 4 and isinstance(value, dict):
        for item in value.values():
            yield from _attack_leaves(item, depth + 1, models)
    else:
        yield value


def _attack_perturb(result):
    """The result, a little wrong: a relative 1e-2 change, one more, a flipped bool."""
    if _attack_floating(result):
        return result + 0.01 * (result.detach().abs() + 1)
    if _attack_is_tensor(result):
        return result + 1
    if isinstance(result, bool):
        return not result
    if isinstance(result, (int, float)):
        return result * 1.01 + 1
    if isinstance(result, tuple) and hasattr(result, "_fields"):
        return type(result)(*[_attack_perturb(item) for item in result])
    if isinstance(result, (list, tuple)):
        return type(result)(_attack_perturb(item) for item in result)
    if isinstance(result, dict):
        return {key: _attack_perturb(item) for key, item in result.items()}
    if hasattr(result, "parameters"):  # a module: nudge its parameters
        for parameter in result.parameters():
            parameter.data.add_(0.01 * (parameter.data.abs() + 1))
        return result
    return result


def _attack_tensors(args, kwargs, models=True):
    return [value for value in _attack_leaves([list(args), kwargs], 0, models) if _attack_is_tensor(value)]


def _attack_models(args, kwargs):
    """The arguments that are models (anything with parameters() and a train/eval mode)."""
    return [value for value in _attack_leaves([list(args), kwargs], 0, False)
            if callable(getattr(value, "parameters", None)) and callable(getattr(value, "train", None))]


def _attack_shares_a_parameter(model):
    """Whether a parameter is held by two of the model's layers (tied weights)."""
    named = getattr(model, "named_parameters", None)
    return callable(named) and len(list(named(remove_duplicate=False))) > len(list(model.parameters()))


def _attack_numbers(args, kwargs, kind):
    return [value for value in _attack_leaves([list(args), kwargs])
            if type(value) is kind or (kind is float and isinstance(value, float))]


def _attack_counter(name, _counts={}):
    _counts[name] = _counts.get(name, 0) + 1
    return _counts[name]


# Recognise tensors and modules by duck typing, change a result by a little more than any
# tolerance, find the values of a call: the block appended to every mutant, in this order.
HELPERS = "\n\n" + "\n\n".join(inspect.getsource(helper) for helper in (
    _attack_is_tensor, _attack_floating, _attack_leaves, _attack_perturb, _attack_tensors, _attack_models,
    _attack_shares_a_parameter, _attack_numbers, _attack_counter))
