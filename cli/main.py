"""Entry point: `vnarchive COMMAND ...`."""

from __future__ import annotations

import click

from cli import archive_cmd, convert_cmd, search_cmd, solr_cmd, users_cmd, web_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vnarchive")
def cli() -> None:
    """vnarchive: repair, archive and search legacy Vietnamese documents.

    \b
    Example:
        vnarchive convert old/*.doc -o converted/
        vnarchive ingest corpus/ && vnarchive search "báo cáo"
    """


for _module in (convert_cmd, archive_cmd, search_cmd, web_cmd, users_cmd, solr_cmd):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
