"""Running the command line in-process in a test: exit status, standard output and error, never a traceback."""

from __future__ import annotations

from plandiff.cli import main


def run(capsys, *args):
    """`plandiff ARGS…` (paths may be Path objects); what an earlier call printed is discarded first."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err
