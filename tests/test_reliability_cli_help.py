"""Every command of `policykg` explains itself, and a mistyped command line gets a usage line, not a traceback."""
from __future__ import annotations

import click
import pytest

from ui.cli import _register, cli, main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under the group (nested groups included), found from the group itself so that a
    new command is checked without editing this test."""
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.append(prefix + (name,))
        if isinstance(command, click.Group):
            found += _commands(command, prefix + (name,))
    return found


_register()
COMMANDS = _commands(cli)


def test_the_command_list_is_complete():
    assert {"ingest", "ask", "search", "trace", "ui", "up", "sparql"} <= {c[0] for c in COMMANDS}


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_top_level_help_lists_every_command_and_setting(capsys, flag):
    assert main([flag]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: policykg")
    assert all(name in out for (name, *rest) in COMMANDS if not rest)
    assert "max_file_mb" in out   # the settings table of the epilog


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_each_command_has_help(capsys, path):
    assert main([*path, "--help"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Usage: policykg {' '.join(path)}")
    assert captured.err == ""
    summary = captured.out.split("\n\n", 2)[1].strip()
    assert len(summary) > 10   # a sentence saying what the command does, not only the usage line


@pytest.mark.parametrize("argv", [["no-such-command"], ["ask"], ["ingest", "--no-such-flag"]])
def test_a_mistyped_command_line_is_a_usage_error(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Usage: policykg" in err and "Traceback" not in err
