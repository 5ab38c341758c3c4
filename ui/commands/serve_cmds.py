"""`policykg up` (ingest the corpus if needed, then serve) and `policykg ui` (serve a built workspace)."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import click

from ingest.errors import ConfigError, WorkspaceError
from ui.settings import Settings

APP = Path(__file__).resolve().parents[1] / "app.py"


def app_args(settings: Settings) -> list[str]:
    """Every setting as `--setting name=value`, so the app process sees exactly the CLI's settings."""
    args: list[str] = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if isinstance(value, Path):
            value = value.resolve()   # the app must not depend on its working directory
        args += ["--setting", f"{f.name}={value}"]
    return args


def streamlit_command(settings: Settings, host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            "--server.port", str(port), "--server.address", host,
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            # A served app, not a development session: no source watching, no deploy menu.
            "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal",
            "--", *app_args(settings)]


def check_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port") from None


def serve(settings: Settings, host: str | None, port: int | None) -> int:
    """Run the Streamlit server until it exits or this process is interrupted or terminated."""
    host = host or settings.host
    port = port or settings.port
    check_port_free(host, port)
    click.echo(f"PolicyKG UI: http://{host}:{port}  (workspace {settings.workspace}; Ctrl+C to stop)", err=True)
    server = subprocess.Popen(streamlit_command(settings, host, port))
    # A terminated `policykg ui` must take its server with it (Ctrl+C reaches both; SIGTERM only reaches us).
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return server.wait()
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop(server)


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)


def stop(server: subprocess.Popen, grace: float = 10.0) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(grace)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _open_workspace(settings: Settings):
    from ui.workspace import Workspace   # deferred: keeps `policykg --help` fast

    return Workspace(settings)


host_option = click.option("--host", default=None,
                           help="Address to listen on (default 127.0.0.1; use another only on a trusted network).")
port_option = click.option("--port", type=int, default=None, help="Port to listen on (default 8501).")


@click.command()
@host_option
@port_option
@click.pass_obj
def up(settings: Settings, host: str | None, port: int | None) -> None:
    """Ingest the corpus (only new or changed documents), then serve the web UI."""
    workspace = _open_workspace(settings)
    corpus = Path(settings.corpus)
    if corpus.exists():
        report = workspace.ingest([corpus])
        click.echo(f"ingested {corpus}: {len(report.added)} added, {len(report.updated)} updated, "
                   f"{len(report.unchanged)} unchanged, {len(report.removed)} removed, "
                   f"{len(report.failed)} failed", err=True)
        for path, problem in report.failed:
            click.echo(f"  skipped {path}: {problem}", err=True)
        workspace.close()   # the server's uploads need the store's write lock
    elif not workspace.is_built():
        raise WorkspaceError(f"corpus {corpus} not found and workspace {settings.workspace} is not built; "
                             "set `corpus` or pass --workspace")
    click.get_current_context().exit(serve(settings, host, port))


@click.command()
@host_option
@port_option
@click.pass_obj
def ui(settings: Settings, host: str | None, port: int | None) -> None:
    """Serve the web UI over an existing workspace (no ingesting)."""
    if not _open_workspace(settings).is_built():
        raise WorkspaceError(f"workspace {settings.workspace} is not built: run `policykg up` or "
                             "`policykg ingest` first")
    click.get_current_context().exit(serve(settings, host, port))


COMMANDS = [up, ui]
