"""kg serve"""

from __future__ import annotations

import asyncio
import errno
import re
import secrets
import socket
import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import base_option, store_option
from kg.store import open_store, serving, store_path, writer_active

SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


class ByteSize(click.ParamType):  # type: ignore[type-arg]
    """A size such as 1048576, 512K, 100M or 1G."""

    name = "size"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size such as 1048576, 512K, 100M or 1G", param, ctx)
        factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
        return int(float(match.group(1)) * factor)


@cli.command("serve")
@store_option
@base_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on. The default only accepts connections from this machine; "
    "use --host 0.0.0.0 to accept them from the network (put a proxy with TLS in front).",
)
@click.option(
    "--port",
    "-p",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run; then it is stopped and the client gets HTTP 503.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Query worker processes; up to twice as many run while slow queries hold them all  "
    "[default: one per core plus one, at least 3]",
)
@click.option(
    "--max-result-size",
    default="512M",
    show_default=True,
    type=ByteSize(),
    help="Largest serialized result; a larger one is cut off with an error.",
)
@click.option(
    "--max-request-size",
    default="1M",
    show_default=True,
    type=ByteSize(),
    help="Largest request body or URL (HTTP 413 / 414 beyond).",
)
@click.option(
    "--max-connections",
    default=256,
    show_default=True,
    type=click.IntRange(min=1),
    help="Open connections beyond this are answered 503 with Retry-After.",
)
@click.option(
    "--max-queued",
    default=64,
    show_default=True,
    type=click.IntRange(min=0),
    help="Queries waiting for a free worker beyond this are answered 503 with Retry-After.",
)
@click.option(
    "--request-timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a client has to send a whole request (headers and body); then 408 and closed.",
)
@click.option(
    "--cors",
    "cors",
    multiple=True,
    default=["none"],
    show_default=True,
    metavar="ORIGIN",
    help="Origin allowed to query from a browser page on another site; repeat for several, "
    "'*' for any site (then any page a user opens can read this server), 'none' (the default) for "
    "same-origin only.",
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL Update (by POST, with the bearer token); the store is read-only otherwise.",
)
@click.option(
    "--token",
    envvar="KG_SERVE_TOKEN",
    show_envvar=True,
    default=None,
    help="Bearer token for updates (with --allow-update); a random one is printed if not given.",
)
@click.option(
    "--public-url",
    default=None,
    metavar="URL",
    help="The URL clients use, when a proxy sits in front (used in the service description).",
)
@click.option(
    "--get",
    "get_path",
    default=None,
    metavar="PATH",
    help="Make one request for PATH in-process, print the response body and exit (1 on HTTP >= 400).",
)
@click.option(
    "--header",
    "-H",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="A request header for --get, e.g. -H 'Accept: text/csv'.",
)
def serve_cmd(
    store: Path | None,
    base_iri: str,
    host: str,
    port: int,
    timeout: float,
    workers: int | None,
    max_result_size: int,
    max_request_size: int,
    max_connections: int,
    max_queued: int,
    request_timeout: float,
    cors: tuple[str, ...],
    allow_update: bool,
    token: str | None,
    public_url: str | None,
    get_path: str | None,
    headers: tuple[str, ...],
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint, with a query page for people.

    \b
    http://HOST:PORT/                  query page (example queries, results table, downloads)
    http://HOST:PORT/sparql            SPARQL 1.1 Protocol endpoint; its service description on GET
    http://HOST:PORT/.well-known/void  VoID description of the dataset
    http://HOST:PORT/data/...          the graph's resources (HTML, Turtle, JSON-LD by Accept)
    http://HOST:PORT/about             URL scheme and limits

    Queries run in worker processes on the store opened read-only; a query that passes --timeout
    is stopped. SERVICE and LOAD are refused.

    \b
    Examples:
      kg serve --store ./my.store
      kg serve --host 0.0.0.0 --port 8080 --timeout 60
      kg serve --get '/sparql?query=ASK%7B%7D'
      kg serve --get '/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%203' -H 'Accept: text/csv'
    """
    from kg.server import ServerConfig, create_app

    where = store_path(store)
    open_store(where, read_only=True)  # a clear error now if there is no store there
    if allow_update and not token:
        token = secrets.token_urlsafe(24)
        if get_path is None:
            click.echo(f"Updates need: Authorization: Bearer {token}", err=True)
    config = ServerConfig(
        store=where.resolve(),
        base_iri=base_iri,
        timeout=timeout,
        workers=workers,
        max_result_bytes=max_result_size,
        max_request_bytes=max_request_size,
        cors_origins=() if cors == ("none",) else cors,
        update_token=token if allow_update else None,
        public_url=public_url,
        max_connections=max_connections,
        max_queued=max_queued,
        request_timeout=request_timeout,
    )
    app = create_app(config)
    if get_path is not None:
        _get(app, get_path, headers)
        return
    import uvicorn

    _check_port(host, port)
    if writer_active(config.store):
        raise click.ClickException(
            f"{where}: another process (a `kg build`, `kg load` or `kg link`?) is writing this store; "
            "Oxigraph cannot serve a store while it is written. Start kg serve once it has finished."
        )
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(
            f"Warning: --host {host} accepts connections from other machines, over plain HTTP and with "
            "no authentication for queries; put a proxy with TLS in front, or use 127.0.0.1.",
            err=True,
        )
    click.echo(
        f"Serving {where} at http://{host}:{port}/ (SPARQL endpoint: /sparql); Ctrl+C to stop", err=True
    )
    from kg.server.http_limits import HttpLimits, protocol_class

    limits = HttpLimits(
        max_connections=config.max_connections,
        request_timeout=config.request_timeout,
        max_url_bytes=config.max_request_bytes + 8192,  # the query string and a path
        max_body_bytes=config.max_request_bytes,
    )
    with serving(config.store):  # `kg build` on this store refuses while this runs
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            http=protocol_class(limits),
            timeout_keep_alive=config.idle_timeout,
        )


def _check_port(host: str, port: int) -> None:
    """A one-line error now if HOST:PORT cannot be listened on, rather than uvicorn's after the banner."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is already in use (another kg serve?): stop that server "
                    f"or choose another port with --port {port + 1 if port < 65535 else 8000}"
                ) from err
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {err.strerror}; check --host and --port"
            ) from err


def _get(app: object, path: str, headers: tuple[str, ...]) -> None:
    from kg.server.inprocess import request

    parsed = {}
    for header in headers:
        name, sep, value = header.partition(":")
        if not sep:
            raise click.BadParameter(f"{header!r} is not 'Name: value'", param_hint="--header")
        parsed[name.strip()] = value.strip()
    response = asyncio.run(request(app, path, headers=parsed))  # type: ignore[arg-type]
    sys.stdout.buffer.write(response.body)
    sys.stdout.buffer.flush()
    if response.status >= 400:
        click.echo(f"HTTP {response.status}", err=True)
        raise click.exceptions.Exit(1)
