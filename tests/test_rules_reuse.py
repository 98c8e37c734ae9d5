"""Freed objects' ids reused on purpose (grader/remote/rules_reuse.py): new tuples and floats made
at the addresses of freed ones, and nothing judged when Python does not hand an address back."""

from __future__ import annotations

from grader.remote.rules_reuse import Placement, fresh, frees_its_arguments, other_values, plain_call


def ids_of_freed(values):
    objects = [fresh(v) for v in values]
    return [id(v) for v in objects]  # freed on return: nothing else holds them


def test_new_tuples_and_floats_are_made_at_freed_ids():
    for values in ([(2, 3), (3, 4)], [1.5, -2.0], [(6,), [2, -1]], [(1, 2, 3), 0.5]):
        other = [other_values(v) for v in values]
        placement = Placement(other)
        ids = ids_of_freed(values)
        placed = placement.at(ids)
        assert placed is not None and [id(v) for v in placed] == ids and placed == other


def test_an_address_still_in_use_is_not_faked():
    alive = (7, 8)
    placement = Placement([(1, 2)])
    assert placement.at([id(alive)]) is None  # never handed out while `alive` lives: nothing judged


def test_other_values_keep_a_shape_a_shape():
    assert other_values((3, 1, -1, 0)) == (6, 1, -1, 0)
    assert other_values(((3, 4), (6, 2)), first_only=True) == ((6, 4), (12, 2))
    assert other_values(2.0) == 1.25


def test_which_calls_qualify():
    assert plain_call(((2, 3), (3, 4)), {}) and plain_call((1.0, 2.0), {})
    assert not plain_call((2, 3), {})  # small ints are shared objects: their ids are never freed
    t = (2, 3)
    assert not frees_its_arguments(t, (t,), {}) and frees_its_arguments(tuple([2, 3]), (t,), {})
