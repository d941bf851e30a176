"""A person chooses how they are told: channels, per-type choices, the digest and
their time zone, and a webhook URL (a new URL gets a new secret, shown once; a rotation
keeps the old secret signing for a while). One-click unsubscribe turns a type's e-mail
off from the link in the mail itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import asyncpg

from stint_notification.commands.resolving import resolve
from stint_notification.context import Context
from stint_notification.domain.preferences import ChannelChoice, Preferences
from stint_notification.domain.targets import refused_address
from stint_notification.domain.unsubscribe import read_token
from stint_notification.domain.validation import validate_preferences
from stint_notification.domain.webhooks import WebhookEndpoint, new_secret
from stint_notification.store import preferences as store
from stint_runtime.db import transaction
from stint_runtime.errors import InvalidArgument, NotFound
from stint_runtime.identity import Caller

__all__ = ["Chosen", "choose", "unsubscribe"]


@dataclass(frozen=True)
class Chosen:
    preferences: Preferences
    endpoint: WebhookEndpoint | None
    new_secret: str = ""
    """Set once, when this change made or rotated the secret."""


async def _check_resolves(ctx: Context, host: str, port: int) -> None:
    refusal = refused_address(await resolve(host, port), ctx.targets)
    if refusal is not None:
        raise InvalidArgument.one("webhook_url", refusal)


async def choose(
    pool: asyncpg.Pool,
    ctx: Context,
    person: Caller,
    prefs: Preferences,
    webhook_url: str,
    rotate_secret: bool,
) -> Chosen:
    webhook_url = webhook_url.strip()
    target = validate_preferences(prefs, webhook_url, ctx.targets)
    if target is not None:
        await _check_resolves(ctx, target.host, target.port)
    now = ctx.clock()
    secret = ""
    async with transaction(pool) as conn:
        await store.lock_preferences(conn, person.account_id, now)
        await store.save_preferences(conn, person.account_id, prefs, now)
        endpoint = await store.current_endpoint(conn, person.account_id, now)
        changed = (endpoint.url if endpoint else "") != webhook_url
        # A disabled endpoint set again is a fresh start, with a new secret.
        renewed = endpoint is not None and bool(endpoint.disabled_reason) and bool(webhook_url)
        if changed or renewed:
            await store.replace_endpoint(conn, person.account_id, now)
            endpoint = None
            if webhook_url:
                secret = new_secret()
                endpoint_id = str(uuid.uuid4())
                await store.insert_endpoint(
                    conn, endpoint_id, person.account_id, webhook_url, secret, now
                )
                endpoint = WebhookEndpoint(endpoint_id, person.account_id, webhook_url, secret)
        elif rotate_secret:
            if endpoint is None:
                raise InvalidArgument.one("rotate_webhook_secret", "there is no webhook URL")
            secret = new_secret()
            await store.rotate_secret(conn, endpoint.id, secret, now + ctx.rotation_overlap)
            endpoint = replace(endpoint, previous_secret=endpoint.secret, secret=secret)
    return Chosen(prefs, endpoint, secret)


async def unsubscribe(pool: asyncpg.Pool, ctx: Context, token: str) -> str:
    """Turns e-mail off for the token's type (every e-mail for an empty type); the type."""
    found = read_token(ctx.unsubscribe_secret, token)
    if found is None:
        raise NotFound("No such unsubscribe link.")
    account_id, type_name = found
    now = ctx.clock()
    async with transaction(pool) as conn:
        prefs = await store.lock_preferences(conn, account_id, now)
        if type_name:
            choice = prefs.types.get(type_name, ChannelChoice())
            types = {**prefs.types, type_name: replace(choice, email=False)}
            prefs = replace(prefs, types=types)
        else:
            prefs = replace(prefs, email=False)
        await store.save_preferences(conn, account_id, prefs, now)
    return type_name
