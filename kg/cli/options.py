"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def store_option(fn: F) -> F:
    return click.option(
        "--store",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        envvar="KG_STORE",
        show_envvar=True,
        help="Oxigraph store directory  [default: ./.kg/store]",
    )(fn)


def base_option(fn: F) -> F:
    from kg.namespaces import DEFAULT_BASE

    return click.option(
        "--base-iri",
        default=DEFAULT_BASE,
        envvar="KG_BASE_IRI",
        show_default=True,
        show_envvar=True,
        help="Base of the IRIs minted for articles, events and mentions.",
    )(fn)
