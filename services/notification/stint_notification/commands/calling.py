"""Calling webhook receivers. Every replica runs this: due deliveries are taken with
``FOR UPDATE SKIP LOCKED`` and marked 'sending' (committed) before the request. Before
each attempt the URL's host is resolved and every address checked (production: public
ones only), and the request goes to the checked address itself, with the host name as
``Host`` and TLS server name; redirects are not followed; an attempt takes at most
``webhook_timeout_s``. 2xx delivers, 410 disables the endpoint and tells its account
in-app, anything else is tried again on the Standard Webhooks schedule."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import uuid

import asyncpg
import httpx

from stint_notification import events
from stint_notification.commands.notifying import tell
from stint_notification.commands.resolving import resolve
from stint_notification.context import Context
from stint_notification.domain.records import WebhookAttempt, WebhookDelivery
from stint_notification.domain.schedule import webhook_retry_at
from stint_notification.domain.targets import Target, refused_address, webhook_target
from stint_notification.domain.webhooks import (
    Outcome,
    WebhookEndpoint,
    disabled_message,
    outcome_of,
    signed_headers,
)
from stint_notification.store import webhooks as store
from stint_notification.store.preferences import disable_endpoint, get_endpoint
from stint_runtime.db import connection, transaction

__all__ = ["call_receiver", "send_due_webhooks"]

log = logging.getLogger(__name__)


def _pinned_url(target: Target, address: str) -> str:
    host = (
        f"[{address}]"
        if isinstance(ipaddress.ip_address(address), ipaddress.IPv6Address)
        else address
    )
    return f"{target.scheme}://{host}:{target.port}{target.path}"


async def call_receiver(
    client: httpx.AsyncClient, ctx: Context, endpoint: WebhookEndpoint, delivery: WebhookDelivery
) -> tuple[int | None, str]:
    """(status code or None, error) of one attempt."""
    target = webhook_target(endpoint.url, ctx.targets)
    if isinstance(target, str):
        return None, f"refused: the URL {target}"
    addresses = await resolve(target.host, target.port)
    refusal = refused_address(addresses, ctx.targets)
    if refusal is not None:
        return None, f"refused: {refusal}"
    secrets = [endpoint.secret] + ([endpoint.previous_secret] if endpoint.previous_secret else [])
    timestamp = int(ctx.clock().timestamp())
    headers = signed_headers(secrets, delivery.notification_id, timestamp, delivery.payload)
    default_port = 443 if target.scheme == "https" else 80
    headers["host"] = target.host if target.port == default_port else f"{target.host}:{target.port}"
    headers["user-agent"] = "Stint-Webhooks/1"
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        async with asyncio.timeout(ctx.webhook_timeout_s):
            request = client.build_request(
                "POST",
                _pinned_url(target, addresses[0]),
                content=delivery.payload,
                headers=headers,
                extensions=extensions,
            )
            response = await client.send(request, stream=True)
            await response.aclose()  # the answer's body is never read
    except TimeoutError:
        return None, f"no answer within {ctx.webhook_timeout_s:g} s"
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    error = "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
    return response.status_code, error


async def _settle(
    pool: asyncpg.Pool,
    ctx: Context,
    delivery: WebhookDelivery,
    endpoint: WebhookEndpoint,
    status_code: int | None,
    error: str,
) -> None:
    now = ctx.clock()
    number = delivery.attempts + 1
    outcome = outcome_of(status_code)
    next_at = (
        webhook_retry_at(now, number, ctx.webhook_schedule_s) if outcome is Outcome.RETRY else None
    )
    attempt = WebhookAttempt(
        id=str(uuid.uuid4()),
        notification_id=delivery.notification_id,
        url=endpoint.url,
        attempt=number,
        attempted_at=now,
        status_code=status_code,
        error=error if outcome is not Outcome.DISABLE else "410 Gone: the endpoint is disabled",
        next_attempt_at=next_at,
        delivered_at=now if outcome is Outcome.DELIVERED else None,
    )
    account = delivery.account_id
    async with transaction(pool) as conn:
        await store.log_attempt(conn, delivery, attempt)
        if outcome is Outcome.DELIVERED:
            await store.settle_webhook(conn, delivery.id, "delivered", None, now)
            await events.delivered(
                conn, ctx.schema, delivery.notification_id, account, "webhook", now
            )
            return
        status = "pending" if next_at is not None else "failed"
        await store.settle_webhook(conn, delivery.id, status, next_at, None)
        await events.failed(
            conn,
            ctx.schema,
            delivery.notification_id,
            account,
            "webhook",
            attempt.error,
            number,
            next_at,
        )
        if outcome is Outcome.DISABLE and await disable_endpoint(
            conn, endpoint.id, "answered 410 Gone", now
        ):
            await tell(conn, ctx, [disabled_message(endpoint)])


async def _attempt(
    pool: asyncpg.Pool, ctx: Context, client: httpx.AsyncClient, delivery: WebhookDelivery
) -> None:
    async with connection(pool) as conn:
        found = await get_endpoint(conn, delivery.endpoint_id, ctx.clock())
    if found is None or not found[1]:
        async with transaction(pool) as conn:
            await store.settle_webhook(conn, delivery.id, "cancelled", None, None)
        return
    endpoint = found[0]
    status_code, error = await call_receiver(client, ctx, endpoint, delivery)
    await _settle(pool, ctx, delivery, endpoint, status_code, error)


async def send_due_webhooks(pool: asyncpg.Pool, ctx: Context) -> int:
    """One round: deliveries left mid-attempt are due again, then due ones are tried,
    ``webhook_concurrency`` at a time; how many were tried."""
    now = ctx.clock()
    async with transaction(pool) as conn:
        await store.recover_in_doubt(conn, now - ctx.send_lease)
        due = await store.take_due_webhooks(conn, now, ctx.sweep_batch)
    if not due:
        return 0
    gate = asyncio.Semaphore(ctx.webhook_concurrency)

    async def one(delivery: WebhookDelivery) -> None:
        async with gate:
            await _attempt(pool, ctx, client, delivery)

    timeout = httpx.Timeout(ctx.webhook_timeout_s)
    async with httpx.AsyncClient(
        follow_redirects=False, trust_env=False, timeout=timeout
    ) as client:
        results = await asyncio.gather(*(one(d) for d in due), return_exceptions=True)
    for result in results:
        if isinstance(result, Exception):
            log.error("a webhook attempt failed to settle", extra={"error": repr(result)})
    return len(due)
