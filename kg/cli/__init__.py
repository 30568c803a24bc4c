"""The ``kg`` command: one click group, one module per command, errors translated once here.

Commands are thin: they parse options, call the library and print. Data goes to stdout, messages
to stderr, one line each naming the fix. Exit codes: 0 ok, 1 error, 2 usage, 3 the graph does not
conform to the shapes, 4 kg diff --exit-code found differences (README "Exit codes").
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import click

from kg import __version__
from kg.errors import KgError


class KgGroup(click.Group):
    """Turns a KgError anywhere below into a one-line ``Error: ...`` and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as err:
            raise click.ClickException(str(err)) from err


class UsageProblem(click.ClickException):
    """A usage error in one line (``Error: ...``), exit status 2, where click's own would print the
    usage text too."""

    exit_code = 2


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Turn news articles about armed conflict into a knowledge graph you can query, check and merge.

    \b
    Quick start:
      kg build examples/articles          # read articles into ./.kg/store
      kg query events --format table      # run a bundled query (queries/*.rq)
      kg dump -o graph.trig               # the whole graph, one named graph per article

    Every command takes --store PATH (default: $KG_STORE, else ./.kg/store).
    """


def main() -> None:
    _main_as_module()
    cli()


def _main_as_module() -> None:
    """Let the ``kg`` script's ``__main__`` pass for ``python -m kg``'s, which it is in all but name.

    A child process started by ``forkserver`` or ``spawn`` (a query worker replacing a stopped
    one, a build worker) first runs a main *script* again, in case its code lives there, but
    skips a ``__main__`` module of a package; none of kg's children needs the script, and running
    it imports all of kg.cli: 0.2-0.3 s of CPU per query worker, just when runaway queries are
    stopped and a quick query is waiting for the CPU.
    """
    script = sys.modules.get("__main__")
    if (
        script is not None
        and getattr(script, "__spec__", None) is None
        and getattr(script, "main", None) is main
    ):
        script.__spec__ = importlib.util.find_spec("kg.__main__")


# Each command module registers itself on import; keep this list sorted.
from kg.cli import (  # noqa: E402
    build,
    diff,
    dump,
    explain,
    export,
    link,
    load,
    ontology,
    push,
    query,
    report,
    serve,
    stats,
    validate,
)

__all__ = [
    "build",
    "cli",
    "diff",
    "dump",
    "explain",
    "export",
    "link",
    "load",
    "main",
    "ontology",
    "push",
    "query",
    "report",
    "serve",
    "stats",
    "validate",
]
