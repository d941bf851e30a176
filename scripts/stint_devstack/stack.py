"""The local platform, start to stop: infrastructure, provisioning, supervised
services, readiness, demo data, and a shutdown in the reverse order."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib.util
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka.errors import KafkaError

from stint_devstack import (
    banner,
    console,
    credentials,
    datadir,
    demo,
    infra,
    mail,
    provision,
    public_api,
    run_state,
)
from stint_devstack.ports import choose_ports
from stint_devstack.readiness import NotReady, wait_ready
from stint_devstack.services import (
    BACK_ENDS,
    FOLLOWERS,
    FRONT_ENDS,
    PlatformPorts,
    plan_services,
    service_environment,
)
from stint_devstack.supervisor import ChildSpec, Supervisor


class StartupFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class RunOptions:
    data_dir: Path
    fresh: bool = False
    gateway_port: int = 8000
    broker_port: int = 9092
    listing_port: int = 50051
    application_port: int = 50052
    matching_port: int = 50053
    notification_port: int = 50054
    reputation_port: int = 50055
    smtp_port: int = 2525
    web_port: int = 8080
    ready_timeout_s: float = 120.0
    demo: bool = True


def has_main(package: str) -> bool:
    try:
        return importlib.util.find_spec(f"{package}.__main__") is not None
    except ModuleNotFoundError:
        return False


class LocalPlatform:
    def __init__(self, options: RunOptions, environ: Mapping[str, str]) -> None:
        self.options = options
        self.environ = environ
        self.data_dir = options.data_dir.resolve()
        self.logs = self.data_dir / "logs"
        self.state: dict[str, Any] = {"runner_pid": os.getpid()}
        self.supervisor: Supervisor | None = None
        self.broker: infra.Broker | None = None

    async def run(self) -> None:
        """Start everything, then serve until cancelled; stop everything on the way out."""
        async with contextlib.AsyncExitStack() as stack:
            await self._start(stack)
            await self._watch_broker()

    async def _watch_broker(self) -> None:
        """The embedded broker keeps everything in memory; if it dies, a new one gets
        the topics again and the services reconnect by themselves."""
        while True:
            await asyncio.sleep(1.0)
            broker = self.broker
            if broker is None or broker.process.poll() is None:
                continue
            console.say(f"the broker exited (code {broker.process.returncode}); restarting it")
            try:
                self.broker = infra.start_broker(broker.port, log_path=self.logs / "broker.log")
                self.state["broker_pid"] = self.broker.process.pid
                self._write_state()
                await provision.provision_topics(self.broker.bootstrap_servers)
            except (RuntimeError, OSError, KafkaError) as exc:
                console.say(f"the broker could not be restarted ({exc!r}); trying again in 5 s")
                await asyncio.sleep(5.0)

    def hurry(self) -> None:
        if self.supervisor is not None:
            self.supervisor.kill()

    async def _start(self, stack: contextlib.AsyncExitStack) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        stack.enter_context(datadir.lock(self.data_dir))
        if self.options.fresh:
            console.say(f"--fresh: removing the data in {self.data_dir}")
            datadir.wipe(self.data_dir)
        state_path = self.data_dir / run_state.FILE_NAME
        stack.callback(state_path.unlink, missing_ok=True)
        # A service being built has no __main__ yet: the platform runs without it.
        every = (*BACK_ENDS, *FOLLOWERS, *FRONT_ENDS)
        running = {name for name in every if has_main(f"stint_{name}")}
        o = self.options
        requested = PlatformPorts(
            gateway=o.gateway_port,
            broker=o.broker_port,
            listing=o.listing_port,
            application=o.application_port,
            matching=o.matching_port,
            notification=o.notification_port,
            reputation=o.reputation_port,
            smtp=o.smtp_port,
            web=o.web_port,
        )
        unused = {"broker"} if "KAFKA_BOOTSTRAP_SERVERS" in self.environ else set()
        unused |= set(BACK_ENDS) - running - {"listing"}
        if "notification" not in running:
            unused.add("smtp")
        if "web" not in running:
            unused.add("web")
        ports = choose_ports(requested, unused=unused)
        gateway_url = f"http://127.0.0.1:{ports.gateway}"
        analytics_db = self.data_dir / "analytics.duckdb"
        plans = plan_services(
            ports, running=running, public_url=gateway_url, analytics_db=str(analytics_db)
        )
        missing = [p.module for p in plans if not has_main(p.module)]
        if missing:
            raise StartupFailed(f"no __main__ module in {', '.join(missing)}: cannot run it")
        secrets = credentials.load_or_create(self.data_dir, provision.SERVICES, self.environ)
        mail = self._mail(stack, ports.smtp) if "notification" in running else None

        datadir.keep_previous_logs(self.logs)
        admin_dsn, database_kind = self._database(stack)
        bootstrap, broker_kind = self._broker(stack, ports.broker)
        dbs = await self._provision(admin_dsn, bootstrap, secrets)

        self.supervisor = supervisor = Supervisor(self.logs, on_change=self._write_state)
        stack.push_async_callback(self._stop_services, supervisor)
        for plan in plans:
            env = service_environment(
                plan,
                inherited=self.environ,
                database_url=dbs[plan.name].dsn if plan.database else "",
                bootstrap_servers=bootstrap,
                secrets=secrets,
            )
            command = [sys.executable, "-m", plan.module, *plan.args]
            supervisor.start(ChildSpec(plan.name, command, env))
        for name in sorted({*every} - running - {"listing"}):
            console.say(f"stint_{name} has no __main__ yet: the {name} service is off")

        self.state.update(gateway_url=gateway_url, ports=dataclasses.asdict(ports))
        self._write_state()
        try:
            ready_after = await wait_ready(gateway_url, timeout_s=self.options.ready_timeout_s)
        except NotReady as exc:
            raise StartupFailed(f"{exc}\n  service logs: {self.logs}") from exc
        loaded = await self._load_demo(gateway_url)
        info = banner.PlatformInfo(
            gateway_url=gateway_url,
            web_url=f"http://127.0.0.1:{ports.web}" if "web" in running else "",
            grpc_ports={p.name: p.grpc_port for p in plans if p.grpc_port is not None},
            broker=bootstrap,
            broker_kind=broker_kind,
            database=provision.with_database(admin_dsn, provision.DATABASE),
            database_kind=database_kind,
            logs=f"{datadir.shown(self.logs)}/<service>.log",
            ready_after_s=ready_after,
            demo_loaded=loaded,
            mail=(
                f"127.0.0.1:{mail.port} (SMTP), kept in {datadir.shown(mail.maildir)}"
                if mail is not None
                else ""
            ),
            analytics=(
                f"{datadir.shown(analytics_db)}  (report: .venv/bin/python -m stint_analytics "
                f"--db {datadir.shown(analytics_db)} report)"
                if "analytics" in running
                else ""
            ),
        )
        console.say(banner.render(info))

    async def _provision(
        self, admin_dsn: str, bootstrap: str, secrets: credentials.PlatformSecrets
    ) -> dict[str, provision.ServiceDatabase]:
        console.say("provisioning the database (roles, schemas) and topics")
        try:
            dbs = await provision.provision_database(
                admin_dsn, passwords=dict(secrets.role_passwords)
            )
        except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
            raise StartupFailed(f"could not provision Postgres: {exc}") from exc
        try:
            await provision.provision_topics(bootstrap)
        except (OSError, TimeoutError, KafkaError) as exc:
            raise StartupFailed(f"could not create the topics on {bootstrap}: {exc!r}") from exc
        return dbs

    def _database(self, stack: contextlib.AsyncExitStack) -> tuple[str, str]:
        external = self.environ.get("DATABASE_URL")
        if external:
            console.say("using the Postgres server named by DATABASE_URL")
            return external, "from DATABASE_URL"
        console.say(
            f"starting the embedded Postgres (data in {datadir.shown(self.data_dir / 'pg')})"
        )
        pg = infra.start_postgres(self.data_dir / "pg")
        stack.callback(self._stop_postgres, pg)
        self.state.update(postgres_pid=pg.pid, postgres_socket_dir=str(pg.socket_dir))
        return pg.admin_dsn, f"embedded, data in {datadir.shown(pg.data_dir)}"

    def _mail(self, stack: contextlib.AsyncExitStack, port: int) -> mail.MailCatcher:
        maildir = self.data_dir / "mail"
        console.say(f"starting the mail catcher on 127.0.0.1:{port} (kept in {maildir.name}/)")
        catcher = mail.start_mail_catcher(maildir, port)
        stack.callback(catcher.stop)
        return catcher

    def _broker(self, stack: contextlib.AsyncExitStack, port: int) -> tuple[str, str]:
        external = self.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if external:
            console.say(f"using the Kafka broker(s) named by KAFKA_BOOTSTRAP_SERVERS: {external}")
            return external, "from KAFKA_BOOTSTRAP_SERVERS"
        console.say(f"starting the embedded broker (Tansu) on 127.0.0.1:{port}")
        self.broker = broker = infra.start_broker(port, log_path=self.logs / "broker.log")
        stack.callback(self._stop_broker)
        self.state.update(broker_pid=broker.process.pid)
        return broker.bootstrap_servers, "embedded Tansu, in memory: topics reset at each start"

    async def _load_demo(self, gateway_url: str) -> bool:
        if not self.options.demo:
            return False
        console.say("loading demo data through the public API")
        try:
            summary = await demo.load_demo(gateway_url)
        except (public_api.ApiRefused, httpx.HTTPError, KeyError, ValueError) as exc:
            console.say(f"WARNING: demo data could not be loaded: {exc}")
            return False
        console.say(
            f"demo data: {summary.listings_created} listings created, {summary.listings_kept} "
            f"already there, {summary.applications_created} applications, {summary.hires} hires"
        )
        for note in summary.notes:
            console.say(f"demo data: {note}")
        return True

    def _write_state(self) -> None:
        if self.supervisor is not None:
            self.state["services"] = self.supervisor.pids()
            self.state["restarts"] = dict(self.supervisor.restarts)
        run_state.write(self.data_dir / run_state.FILE_NAME, self.state)

    async def _stop_services(self, supervisor: Supervisor) -> None:
        console.say("stopping the services (SIGTERM, then SIGKILL after 10 s)")
        await supervisor.stop()

    def _stop_broker(self) -> None:
        if self.broker is not None:
            console.say("stopping the broker")
            self.broker.stop()

    def _stop_postgres(self, pg: infra.EmbeddedPostgres) -> None:
        console.say("stopping Postgres")
        pg.stop()
