# SPDX-License-Identifier: GPL-2.0-or-later
"""The x86 instruction test (tests/x86-insns, static and dynamic builds) run
natively and under the x86-64 user-mode emulator, group by group: stdout
must match byte for byte, and the exit status too. The real CPU is the
oracle. A group needing a CPUID feature runs only when both the real CPU
and the emulated one report it (`x86-insns --list`).

JANUS_X86_64 names another emulator (e.g. qemu-x86_64-static) to
validate the test itself; JANUS_TCG_BACKEND selects Janus's back end (the
Makefile runs this directory once with `interp`, once with the default);
JANUS_X86_INSNS_GROUPS limits the comparison to some groups."""

import difflib
import functools
import os
import platform
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("O", ROOT / "build"))
EMULATOR = Path(os.environ.get("JANUS_X86_64", BUILD / "janus-x86_64"))
PROGS = BUILD / "tests" / "x86-insns"
KINDS = ["static", "dynamic"]
GROUPS = ["int", "cx16", "popcnt", "lzcnt", "movbe", "bmi1", "bmi2", "adx",
          "mmx", "sse", "sse-int", "ssse3", "sse4.1", "sse4.2", "x87", "faults"]
TIMEOUT = int(os.environ.get("JANUS_X86_INSNS_TIMEOUT", "600"))
# JANUS_X86_INSNS_GROUPS="int sse" compares only these groups (the others
# are skipped, saying so); unset: every group
SELECTED = os.environ.get("JANUS_X86_INSNS_GROUPS", "").replace(",", " ")
SELECTED = SELECTED.split() or GROUPS
DIFF_LINES = 40


def program(kind):
    if platform.machine() != "x86_64":
        pytest.skip("SKIPPED: the native oracle needs an x86-64 host")
    path = PROGS / f"x86-insns-{kind}"
    if not path.exists():
        pytest.skip(f"SKIPPED: {path} is not built (make all)")
    return path


def emulator():
    if not EMULATOR.exists():
        pytest.skip(f"SKIPPED: {EMULATOR} is not built (set JANUS_X86_64 "
                    "to test another emulator)")
    return EMULATOR


@functools.lru_cache(maxsize=None)
def run(emulated, kind, *args):
    prog = str(program(kind))
    cmd = [str(emulator()), prog, *args] if emulated else [prog, *args]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return (f"timeout after {TIMEOUT} s", e.stdout or b"",
                (e.stderr or b"") + b"\n(killed: timeout)")
    return r.returncode, r.stdout, r.stderr


def groups_of(emulated, kind):
    status, out, err = run(emulated, kind, "--list")
    where = "emulated" if emulated else "native"
    assert status == 0, f"{where} --list: status {status}\n{err.decode()}"
    return out.decode().split()


def show_mismatch(native, emulated):
    diff = difflib.unified_diff(native.decode(errors="replace").splitlines(),
                                emulated.decode(errors="replace")
                                .splitlines(),
                                "native", "emulated", lineterm="", n=1)
    lines = list(diff)
    shown = "\n".join(lines[:DIFF_LINES])
    more = len(lines) - DIFF_LINES
    return shown + (f"\n... {more} more diff lines" if more > 0 else "")


@pytest.mark.parametrize("kind", KINDS)
def test_native_runs_clean_and_deterministic(kind):
    # the second run gets a longer environment: a different stack layout
    # and contents, so output depending on stray stack bytes shows up
    first = subprocess.run([str(program(kind)), "all"], capture_output=True,
                           timeout=TIMEOUT)
    padded = dict(os.environ, X86_INSNS_PADDING="x" * 4321)
    second = subprocess.run([str(program(kind)), "all"], capture_output=True,
                            env=padded, timeout=TIMEOUT)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stderr == b"", first.stderr.decode()
    assert first.stdout == second.stdout, show_mismatch(first.stdout,
                                                        second.stdout)
    # every group this CPU has ran and counted its cases
    for group in groups_of(False, kind):
        assert f"== {group}: ".encode() in first.stdout, group


def test_bad_group_is_an_error():
    r = subprocess.run([str(program("static")), "nonsense"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert "unknown group 'nonsense'" in r.stderr


@pytest.mark.parametrize("group", GROUPS)
@pytest.mark.parametrize("kind", KINDS)
def test_group_matches_native(kind, group):
    if group not in SELECTED:
        pytest.skip(f"SKIPPED: {group} is not in JANUS_X86_INSNS_GROUPS")
    emulator()
    if group not in groups_of(False, kind):
        pytest.skip(f"SKIPPED: this CPU's CPUID lacks the {group} feature")
    if group not in groups_of(True, kind):
        # Janus implements and reports every group; another emulator
        # (JANUS_X86_64) may lack some
        assert EMULATOR != BUILD / "janus-x86_64", \
            f"janus-x86_64's CPUID does not report {group}"
        pytest.skip(f"SKIPPED: the emulated CPUID does not report {group}")
    n_status, n_out, n_err = run(False, kind, group)
    assert n_status == 0, f"native run failed: {n_status}\n{n_err.decode()}"
    e_status, e_out, e_err = run(True, kind, group)
    if e_out != n_out:
        pytest.fail(f"{group} ({kind}): output differs from the native run "
                    f"(emulator exit status {e_status})\n"
                    f"{show_mismatch(n_out, e_out)}\n"
                    f"emulator stderr:\n{e_err.decode()[-2000:]}",
                    pytrace=False)
    if e_status != n_status:
        pytest.fail(f"exit status {e_status}, native {n_status}\n"
                    f"{e_err.decode()[-2000:]}", pytrace=False)
