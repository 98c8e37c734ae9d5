"""Threads started by graded code inherit the forbidden-call watch (this module runs in the worker).

A profile hook is set per thread. `threading.setprofile` hands it to every threading.Thread,
but the raw starter (`_thread.start_new_thread`, which threading itself uses) starts threads
without it: while a guarded function runs, that starter is wrapped so that its threads set
the hook first. Importing `_thread` or `threading` afresh to get the originals back is
refused by the integrity hook (integrity.py).

It depends on the standard library only: the zygote loads it before any student.
"""

from __future__ import annotations

import sys
import threading


def watch_new_threads(hook) -> list:
    """Wrap the raw thread starter so that the threads it starts set `hook` first (threading's
    own are covered by `threading.setprofile`). Returns what to restore."""
    import _thread

    original = _thread.start_new_thread

    def start_new_thread(function, args=(), kwargs=None, *rest):
        def watched(*a, **k):
            sys.setprofile(hook)
            return function(*a, **k)

        return original(watched, args, kwargs or {}, *rest)

    replaced = [(_thread, "start_new_thread", original, start_new_thread)]
    if getattr(threading, "_start_new_thread", None) is original:
        replaced.append((threading, "_start_new_thread", original, start_new_thread))
    for owner, name, _, new in replaced:
        setattr(owner, name, new)
    return replaced


def starters_in_place(replaced: list) -> bool:
    """Whether the wrapped starters are still the ones in place (graded code may swap them)."""
    return all(getattr(owner, name, None) is new for owner, name, _, new in replaced)


def restore_starters(replaced: list) -> None:
    for owner, name, original, _ in replaced:
        setattr(owner, name, original)
