"""Library errors become one line `Error: …` and exit code 1, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable

import click


def one_line_errors(*kinds: type[Exception]) -> Callable[[Callable], Callable]:
    """A decorator for click commands: errors of `kinds` are reported as `Error: message`."""

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def wrapper(*args: object, **kwargs: object) -> object:
            try:
                return command(*args, **kwargs)
            except kinds as exc:
                raise click.ClickException(str(exc)) from None

        return wrapper

    return decorate
