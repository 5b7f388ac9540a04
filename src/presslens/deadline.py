"""One deadline per document, shared by every call that works on it.

Why not a timer per call: the old ``time_limit`` blocks nested (``analyze`` around ``extract``)
and the inner one's ``setitimer(0)`` cancelled the outer, so annotation ran unlimited; off the
main thread there was no limit at all. Here the limit is a *point in time* held in a
``ContextVar``: nested scopes share it (a nested scope may shorten it, never extend it), it
follows the code into any thread or worker process that opens a scope, and code anywhere below
checks it with :func:`check` — between components and inside the long loops (spaCy pieces, the
technique model's window batches, candidate loops) — without the deadline being passed around.

On the main thread a SIGALRM backstop is armed as well, a little after the deadline: it stops a
pure-Python loop that never calls :func:`check`. It cannot interrupt one long C call (Python
runs signal handlers between bytecodes), which is why the cooperative checks come first and the
long C calls (spaCy parsing, model inference) are cut into pieces with a check between them.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from presslens.errors import TimeLimitError

# Seconds after the deadline at which the SIGALRM backstop fires: late enough that the
# cooperative checks (which raise a cleaner error at a safe point) normally win.
BACKSTOP_GRACE = 0.5
# Once fired, the backstop repeats at this interval until the scope ends: libraries swallow
# exceptions raised inside them (``except Exception: pass`` in extractors, ``__del__`` methods
# print "Exception ignored"), and a one-shot alarm eaten that way left the document running
# unbounded (found by the fuzz suite, issue 16).
BACKSTOP_REPEAT = 0.25


@dataclass(frozen=True)
class Deadline:
    """A point in time (``time.monotonic()``) past which work on ``source`` must stop."""

    seconds: float  # the limit it was made with, for the error message
    expires: float  # monotonic time; ``inf`` when unlimited
    source: str | None = None

    @classmethod
    def after(cls, seconds: float | None, source: str | None = None) -> Deadline:
        """A deadline ``seconds`` from now; ``None`` or ``<= 0`` means no limit."""
        if not seconds or seconds <= 0:
            return cls(0.0, float("inf"), source)
        return cls(float(seconds), time.monotonic() + float(seconds), source)

    @property
    def unlimited(self) -> bool:
        return self.expires == float("inf")

    def remaining(self) -> float:
        """Seconds left (``inf`` when unlimited, negative once past)."""
        return self.expires - time.monotonic()

    def expired(self) -> bool:
        return time.monotonic() >= self.expires

    def error(self) -> TimeLimitError:
        return TimeLimitError(
            f"took longer than the time limit of {self.seconds:g} s", source=self.source
        )

    def check(self) -> None:
        """Raise TimeLimitError (E011, one line naming the input) once past the deadline."""
        if time.monotonic() >= self.expires:
            raise self.error()


UNLIMITED = Deadline(0.0, float("inf"))

_CURRENT: ContextVar[Deadline] = ContextVar("presslens_deadline", default=UNLIMITED)


def current() -> Deadline:
    """The deadline of the document being worked on in this context (UNLIMITED outside one)."""
    return _CURRENT.get()


def check() -> None:
    """Raise TimeLimitError if the current document's deadline has passed (cheap: call often)."""
    d = _CURRENT.get()
    if time.monotonic() >= d.expires:
        raise d.error()


@contextmanager
def scope(
    seconds: float | None = None, source: str | None = None, *, deadline: Deadline | None = None
) -> Iterator[Deadline]:
    """Work under a deadline: ``seconds`` from now, or an existing ``deadline`` re-entered.

    Inside an outer scope the earlier of the two expiries wins (a nested call can shorten the
    limit, never extend it); the outer source name is kept so the error names the document.
    On the main thread a SIGALRM backstop is armed for the scope and restored on exit.
    """
    outer = _CURRENT.get()
    mine = deadline if deadline is not None else Deadline.after(seconds, source)
    if mine.expires >= outer.expires:
        effective = outer
    elif outer.unlimited:
        effective = mine
    else:
        effective = Deadline(mine.seconds, mine.expires, outer.source or mine.source)
    token = _CURRENT.set(effective)
    alarm = _Backstop.arm(effective, outer) if effective is not outer else None
    try:
        yield effective
    finally:
        if alarm is not None:
            alarm.disarm()
        _CURRENT.reset(token)


class _Backstop:
    """The SIGALRM backstop of one scope, main thread only; restores what was there before."""

    def __init__(self, previous_handler: Any, outer: Deadline) -> None:
        self.previous_handler = previous_handler
        self.outer = outer

    @classmethod
    def arm(cls, deadline: Deadline, outer: Deadline) -> _Backstop | None:
        if deadline.unlimited or not _can_signal():
            return None
        if signal.getitimer(signal.ITIMER_REAL)[0] and outer.unlimited:
            return None  # someone else's timer is running: leave it alone
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(
            signal.ITIMER_REAL, max(deadline.remaining(), 0.0) + BACKSTOP_GRACE, BACKSTOP_REPEAT
        )
        return cls(previous, outer)

    def disarm(self) -> None:
        if self.outer.unlimited:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous_handler)
        else:  # back to the outer scope's (later) expiry
            signal.setitimer(
                signal.ITIMER_REAL,
                max(self.outer.remaining(), 0.001) + BACKSTOP_GRACE,
                BACKSTOP_REPEAT,
            )


def _can_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum: int, frame: Any) -> None:
    d = _CURRENT.get()
    if d.expired():
        # Re-armed first: an exception raised while Python runs a gc callback or a __del__
        # is printed and dropped, so the backstop tries again until the scope ends.
        signal.setitimer(signal.ITIMER_REAL, BACKSTOP_GRACE)
        raise d.error()
    if not d.unlimited:  # woke early (clock drift): try again at the deadline
        signal.setitimer(
            signal.ITIMER_REAL, max(d.remaining(), 0.001) + BACKSTOP_GRACE, BACKSTOP_REPEAT
        )


__all__ = ["UNLIMITED", "Deadline", "check", "current", "scope"]
