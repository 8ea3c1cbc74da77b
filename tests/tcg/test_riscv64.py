# SPDX-License-Identifier: GPL-2.0-or-later
"""riscv64 instruction tests: each program in tests/tcg/riscv64/ (built by
tests/tcg/Build.mk into build/tests/tcg/riscv64/) runs under
build/janus-riscv64 and must print PASS and exit 0."""

import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, os.environ.get("O", "build"))
JANUS = os.path.join(BUILD, "janus-riscv64")
TEST_DIR = os.path.join(BUILD, "tests", "tcg", "riscv64")
CROSS_CC = os.environ.get("RISCV64_CROSS_CC", "riscv64-linux-gnu-gcc")
def not_yet(name, why):
    """A program that needs a part of issue 3 not built yet: it must fail
    today (strict), so the day it passes the mark has to go."""
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=why))


NAMES = ["alu", "muldiv", "atomic", "atomic-threads",
         "compressed", "bitmanip", "csr", "smc",
         "illegal", "fp-arith", "fp-cvt", "fp-random", "fp-illegal"]


def config_enabled(option):
    try:
        with open(os.path.join(BUILD, "config.mk")) as f:
            return any(line.strip() == f"{option}=y" for line in f)
    except OSError:
        return False


def skip_reason():
    if not config_enabled("CONFIG_USER_RISCV64"):
        return "SKIPPED: janus-riscv64 is not configured (CONFIG_USER_RISCV64=n)"
    if not os.access(JANUS, os.X_OK):
        return f"SKIPPED: {JANUS} is not built (run make)"
    if shutil.which(CROSS_CC) is None:
        return f"SKIPPED: cross compiler {CROSS_CC} not installed"
    return None


@pytest.mark.parametrize("name", NAMES)
def test_riscv64_program(name):
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    prog = os.path.join(TEST_DIR, name)
    if not os.path.exists(prog):
        pytest.skip(f"SKIPPED: {prog} is not built (run make)")
    proc = subprocess.run([JANUS, prog], capture_output=True, text=True,
                          timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{name} exited {proc.returncode}:\n{out}"
    assert "PASS" in proc.stdout.splitlines(), f"{name} did not pass:\n{out}"
