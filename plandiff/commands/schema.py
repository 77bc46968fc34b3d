"""`plandiff schema`: the JSON Schema of the plan format, generated from the taxonomy."""

from __future__ import annotations

import click

from plandiff.commands.common import emit, plans_option


@click.command("schema")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of standard output (never into the plans directory).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@plans_option
def schema(output: str | None, force: bool, plans_dir: str) -> int:
    """Print the JSON Schema of the plan format, generated from the taxonomy.

    Point your editor's YAML language server at it to validate and complete
    plan files as you type (see docs/editor-setup.md).
    """
    from plandiff.output import dumps_json
    from plandiff.schema import plan_schema

    return emit(dumps_json(plan_schema()) + "\n", output, plans_dir, force)
