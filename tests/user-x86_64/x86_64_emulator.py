# SPDX-License-Identifier: GPL-2.0-or-later
"""Which x86-64 user-mode emulator the tests in tests/user-x86_64 run, and
running one command natively and under it for comparison.

The emulator is $JANUS_X86_64 when set (e.g. /usr/bin/qemu-x86_64-static,
which is how these tests were validated before janus-x86_64 existed),
else build/janus-x86_64. It is started as `EMU -L / PROGRAM ARGS...`:
a dynamic program must get the host's ld.so and libraries. "-L /" is
QEMU's default already, but Janus's linux-user front end defaults to
/usr/riscv64-linux-gnu when that exists (it does wherever the riscv64
tests run), so it is passed explicitly. $JANUS_X86_64_ARGS replaces
"-L /" with other emulator options."""

import difflib
import os
import platform
import shlex
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("O", ROOT / "build"))
PROGS = BUILD / "tests" / "user-x86_64"
EMU = Path(os.environ.get("JANUS_X86_64") or BUILD / "janus-x86_64")
EMU_ARGS = shlex.split(os.environ.get("JANUS_X86_64_ARGS", "-L /"))
IS_QEMU = "qemu" in EMU.name


def need_emulator():
    if platform.machine() != "x86_64":
        pytest.skip(f"SKIPPED: the host is {platform.machine()}, not x86_64: "
                    "no native runs to compare with")
    if not EMU.exists():
        pytest.skip(f"SKIPPED: {EMU} is not built (CONFIG_USER_X86_64=y; or "
                    "set JANUS_X86_64 to another x86-64 user-mode emulator)")
    return str(EMU)


def need_program(path):
    need_emulator()
    if not Path(path).exists():
        pytest.skip(f"SKIPPED: {path} is missing (built by "
                    "tests/user-x86_64/Build.mk: run `make -j2`)")
    return str(path)


def emulated(argv):
    """The command line that runs argv under the emulator."""
    return [need_emulator(), *EMU_ARGS, *map(str, argv)]


def run(argv, *, env=None, stdin=None, cwd=None, timeout=120):
    """Run argv (bytes in and out); env replaces the environment."""
    return subprocess.run(list(map(str, argv)), input=stdin,
                          capture_output=True, env=env, cwd=cwd,
                          timeout=timeout)


def describe(r, what):
    def text(b, limit=3000):
        s = b.decode(errors="replace")
        return s if len(s) <= limit else s[:limit] + f"... ({len(s)} chars)"
    return (f"{what}: status {r.returncode}\nstdout:\n{text(r.stdout)}\n"
            f"stderr:\n{text(r.stderr)}")


def diff(native, emulated, limit=40):
    """The first lines of a native -> emulated diff of two outputs."""
    lines = list(difflib.unified_diff(
        native.decode(errors="replace").splitlines(),
        emulated.decode(errors="replace").splitlines(),
        "native", "emulated", lineterm="", n=1))
    more = f"... ({len(lines) - limit} more diff lines)\n" \
        if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + "\n" + more


def run_both(argv, *, stderr=True, filter_out=None, emu_argv=None, **kw):
    """Run argv natively and under the emulator (emu_argv instead of argv
    there if given, e.g. with another temporary directory); assert the
    same exit status and stdout (and stderr unless stderr=False).
    filter_out maps both outputs before comparing (for lines that
    legitimately differ). Returns (native, emulated) CompletedProcess
    objects."""
    emu_argv = emulated(emu_argv or argv)
    nat = run(argv, **kw)
    emu = run(emu_argv, **kw)
    detail = (f"command: {shlex.join(map(str, argv))}\n"
              f"{describe(nat, 'native')}\n{describe(emu, 'emulated')}")
    out_n, out_e = nat.stdout, emu.stdout
    if filter_out:
        out_n, out_e = filter_out(out_n), filter_out(out_e)
    assert out_e == out_n, "stdout differs:\n" + diff(out_n, out_e) + detail
    if stderr:
        assert emu.stderr == nat.stderr, "stderr differs\n" + detail
    assert emu.returncode == nat.returncode, "exit status differs\n" + detail
    return nat, emu
