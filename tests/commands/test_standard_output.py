"""What reaches standard output, byte for byte, and what happens when standard output fails.

These run the real console entry point in a subprocess: the guard, the
stream's encoding and the exit status are those a shell user gets.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plandiff.guard import GuardedStream, guard
from tests.support.paths import PLANS, REPO

TIMEOUT = 300  # only guards against a hang; every run here takes seconds


def plandiff(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "plandiff", *map(str, args)],
        cwd=REPO,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
        **kwargs,
    )


# --- line ends ------------------------------------------------------------------------------


def test_export_to_standard_output_is_exactly_the_provisions_file(tmp_path):
    """`plandiff export > p.csv` must give the file `export -o DIR` writes, CRLF line ends included."""
    written = plandiff("export", "--plans", PLANS, "-o", tmp_path / "out")
    assert written.returncode == 0, written.stderr
    printed = plandiff("export", "--plans", PLANS)
    assert printed.returncode == 0, printed.stderr
    expected = (tmp_path / "out" / "provisions.csv").read_bytes()
    assert b"\r\n" in expected
    assert printed.stdout == expected


def test_a_crlf_line_end_passes_the_guard_but_a_lone_carriage_return_does_not():
    assert guard("a,b\r\nc,d\r\n") == "a,b\r\nc,d\r\n"
    assert guard("safe\rEVIL") == "safe\\u000dEVIL"
    assert guard("ends in CR\r") == "ends in CR\\u000d"  # nothing follows it in this write: it could overwrite
    assert guard("\r\r\n") == "\\u000d\r\n"
    assert guard("Київ\r\nEVIL\r\x1b[2J", style=True) == "Київ\r\nEVIL\\u000d\\u001b[2J"


def test_a_lone_carriage_return_written_through_the_stream_stays_escaped():
    raw = io.StringIO()
    stream = GuardedStream(raw)
    stream.write("row 1\r\nrow 2\rrow 3\r\n")
    assert raw.getvalue() == "row 1\r\nrow 2\\u000drow 3\r\n"


# --- a standard output that refuses -----------------------------------------------------------

ARTICLE = PLANS / "sources" / "002_7ded3184a7ecd17b.txt"
EVERY_PRINTING_COMMAND = [
    ["diff", "us-28-point", "ua-20-point"],
    ["diff", "us-28-point", "ua-20-point", "--format", "json"],
    ["versions"],
    ["history", "military.troop_cap"],
    ["matrix"],
    ["export"],
    ["export", "--format", "json"],
    ["schema"],
    ["html", "us-28-point", "ua-20-point", "-o", "-"],
    ["extract", ARTICLE],
    ["extract", ARTICLE, "--emit-text"],
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", EVERY_PRINTING_COMMAND, ids=lambda a: " ".join(Path(str(x)).name for x in a))
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(argv):
    with open("/dev/full", "w") as full:
        proc = plandiff(*argv, stdout=full)
    assert proc.stderr.decode() == "plandiff: error: cannot write output: No space left on device\n"
    assert proc.returncode == 2  # trouble; 1 would say "the plans differ"


@pytest.mark.parametrize("argv", [["diff", "us-28-point", "ua-20-point", "--all"], ["export"]])
def test_a_reader_that_has_gone_away_gets_silence(argv):
    """`plandiff diff … | head -1`: no traceback and no message once the reader closes the pipe."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        proc = plandiff(*argv, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.stderr == b""
    assert proc.returncode == 1
