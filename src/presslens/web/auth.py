"""Who may write: named bearer tokens, a signed session cookie for the forms, CSRF tokens.

Why named tokens: corrections are stored with who made them, and agreement between two people
needs two names; ``PRESSLENS_TOKENS="alice:tok1,bob:tok2"`` gives each person their own token.
``PRESSLENS_TOKEN`` alone names its holder ``editor``. With neither set, the server makes one
token at start-up (the CLI prints it once), so a fresh server is never open for writing.

Reads are open; writes need ``Authorization: Bearer <token>`` (API) or a session cookie made
when the user typed the token into the login form (HTML). The cookie is signed (itsdangerous),
HttpOnly and SameSite=Strict; every form also carries a CSRF token bound to that session.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "presslens_session"
SESSION_MAX_AGE = 12 * 3600  # seconds: a working day, then the token is asked for again
DEFAULT_NAME = "editor"  # holder of a PRESSLENS_TOKEN given without a name
NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


class TokenConfigError(ValueError):
    """PRESSLENS_TOKENS is malformed (the server refuses to start rather than guess)."""


@dataclass(frozen=True)
class Tokens:
    """token → holder name; ``generated`` is True when the server made the only token."""

    by_token: Mapping[str, str]
    generated: bool = False

    def who(self, token: str | None) -> str | None:
        """The holder of ``token``, compared in constant time; None when it is not ours."""
        if not token:
            return None
        found = None
        for known, name in self.by_token.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                found = name
        return found

    def bearer(self, header: str | None) -> str | None:
        """The holder named by an ``Authorization: Bearer …`` header value, else None."""
        if not header or not header.lower().startswith("bearer "):
            return None
        return self.who(header[7:].strip())


def parse_tokens(env: Mapping[str, str] | None = None) -> Tokens:
    """Tokens from PRESSLENS_TOKENS ("name:token,…") or PRESSLENS_TOKEN, else a generated one."""
    env = os.environ if env is None else env
    spec = env.get("PRESSLENS_TOKENS", "").strip()
    if spec:
        out: dict[str, str] = {}
        for item in spec.split(","):
            name, sep, token = item.strip().partition(":")
            if not sep or not name or len(token) < 8 or not set(name) <= NAME_CHARS:
                raise TokenConfigError(
                    f"PRESSLENS_TOKENS: {name or item!r} is not name:token "
                    "(name of letters, digits, _.-; token of 8+ characters)"
                )
            out[token] = name
        return Tokens(out)
    single = env.get("PRESSLENS_TOKEN", "").strip()
    if single:
        if len(single) < 8:
            raise TokenConfigError("PRESSLENS_TOKEN: a token needs 8+ characters")
        return Tokens({single: DEFAULT_NAME})
    return Tokens({secrets.token_urlsafe(24): DEFAULT_NAME}, generated=True)


@dataclass(frozen=True)
class Session:
    """What the signed cookie holds: the CSRF token and, after login, the holder's name."""

    csrf: str
    who: str | None = None


class SessionCodec:
    """Signs and reads the session cookie; a bad or old signature reads as a fresh session."""

    def __init__(self, secret: str) -> None:
        self._ser = URLSafeTimedSerializer(secret, salt="presslens-session")

    def new(self) -> Session:
        return Session(csrf=secrets.token_urlsafe(24))

    def dump(self, session: Session) -> str:
        return self._ser.dumps({"csrf": session.csrf, "who": session.who})

    def load(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._ser.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
            return None
        who = data.get("who")
        return Session(csrf=data["csrf"], who=who if isinstance(who, str) else None)


def csrf_ok(session: Session | None, submitted: str | None) -> bool:
    """True when the form's CSRF token matches the session's (constant-time)."""
    if session is None or not submitted:
        return False
    return hmac.compare_digest(session.csrf.encode(), submitted.encode())
