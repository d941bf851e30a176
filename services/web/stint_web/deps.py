"""What pages take: the session, the gateway client, and the signed-in person of a
role (or a redirect to sign in)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from stint_web.gateway import GatewayClient
from stint_web.session import Session

__all__ = ["Api", "CurrentSession", "NotAllowed", "SignInNeeded", "signed_in"]


class SignInNeeded(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class NotAllowed(Exception):
    def __init__(self, roles: tuple[str, ...]) -> None:
        super().__init__(roles)
        self.roles = roles


def session_of(request: Request) -> Session:
    session: Session = request.state.session
    return session


def gateway_of(request: Request) -> GatewayClient:
    gateway: GatewayClient = request.app.state.gateway
    return gateway


CurrentSession = Annotated[Session, Depends(session_of)]
Api = Annotated[GatewayClient, Depends(gateway_of)]


def signed_in(*roles: str) -> Callable[[Request], Session]:
    """A dependency: the session of someone signed in with one of ``roles`` (any role
    when none is given)."""

    def dependency(request: Request) -> Session:
        session = session_of(request)
        if not session.signed_in:
            raise SignInNeeded(request.url.path)
        if roles and session.role not in roles:
            raise NotAllowed(roles)
        return session

    return dependency


Student = Annotated[Session, Depends(signed_in("student"))]
Employer = Annotated[Session, Depends(signed_in("employer"))]
Institution = Annotated[Session, Depends(signed_in("institution"))]
Anyone = Annotated[Session, Depends(signed_in())]
