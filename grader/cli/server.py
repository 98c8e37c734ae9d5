"""`grade server status|stop`: the background grading server (grader/serve)."""

from __future__ import annotations

import time

import click

from grader.cli.common import BadInput, say


@click.group(name="server")
def server_group():
    """The background grading server that makes grading fast.

    \b
    The first `grade` starts it; later ones reuse it (torch, the checks and a warm
    worker are already loaded). It serves only you, over a socket in a private folder;
    stops by itself after 15 idle minutes (GRADER_SERVER_IDLE, seconds); is replaced
    when the grader, the course or Python changes. GRADER_SERVER=0 grades without it.
    """


@server_group.command(name="status")
def server_status():
    """Say whether a server is running, and what it serves."""
    from grader.serve import serverlink

    try:
        info = serverlink.status()
    except serverlink.ServerUnavailable as exc:
        raise BadInput(str(exc)) from None
    if info is None:
        say("No grading server is running (the next `grade` starts one).")
        return
    if info.get("status") != "running":
        say(f"A grading server (pid {info.get('pid')}) is not answering: {info.get('message', '')}\n"
            "`grade server stop` ends it.")
        return
    idle = info.get("idle_timeout", 0)
    say(f"Grading server running: pid {info['pid']}, up {_duration(time.time() - info['started'])}, "
        f"{info['graded']} grade{'s' if info['graded'] != 1 else ''} served"
        f"{', grading now' if info.get('busy') else ''}.\n"
        f"  course:  {info.get('course') or '(none loaded yet)'}\n"
        f"  grader:  {info['grader']}\n"
        f"  python:  {info['python']}\n"
        f"  socket:  {info['socket']}\n"
        f"It stops after {_duration(idle)} without a request, or with `grade server stop`.")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"


@server_group.command(name="stop")
def server_stop():
    """Stop the server (after the grade it is doing, if any)."""
    from grader.serve import serverlink

    try:
        pid = serverlink.stop()
    except serverlink.ServerUnavailable as exc:
        raise BadInput(str(exc)) from None
    say("No grading server was running." if pid is None else f"Stopped the grading server (pid {pid}).")
