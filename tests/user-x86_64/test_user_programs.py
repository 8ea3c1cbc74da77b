# SPDX-License-Identifier: GPL-2.0-or-later
"""The linux-user test programs of tests/user/*.c, built for x86-64 by the
host compiler (static and dynamic, -O2; tests/user-x86_64/Build.mk), each
run natively and under the x86-64 emulator (build/janus-x86_64 or
$JANUS_X86_64) with the same arguments, environment and signals as the
riscv64 tests (the table in tests/user/user_programs.py): the same stdout
and exit status. Programs whose riscv64 machine code has an x86-64 branch
(jit, fork-threads, fork-flush, signals, signals-fault) run that branch."""

import os
import re
import signal
import subprocess
import sys

import pytest

from x86_64_emulator import IS_QEMU, PROGS, ROOT, describe, diff, emulated, \
    need_program, run_both

sys.path.insert(0, str(ROOT / "tests" / "user"))
from user_programs import HELLO, RUNS, resolve_args  # noqa: E402

KINDS = ["static", "dynamic"]

# Programs not built for x86-64 (tests/user-x86_64/Build.mk lists the same).
EXCLUDED = {
    "fetch-fault": "riscv64-only: fetch faults of 4-byte riscv64 instructions "
                   "straddling pages, written as riscv64 machine code",
}

# Runs of the table that only make sense under Janus.
NOT_COMPARED = {
    "threads-badclone": "Janus refuses clone flag sets (CLONE_VM without "
                        "CLONE_THREAD, ...) that native Linux accepts",
}


# Where Debian's qemu-x86_64-static 7.2 (the stand-in used to validate
# these tests) differs from Linux; expected failures only when
# $JANUS_X86_64 names a QEMU, never for Janus.
QEMU_DIFFERS = {
    "signals-stack": "QEMU 7.2 crashes (SIGSEGV) in an SA_ONSTACK handler",
    "sockets": "QEMU 7.2: TCP_INFO length, socket() with bad type flags "
               "returns a descriptor",
    "eventfds": "QEMU 7.2 lacks epoll_pwait2",
}


def hwcap_line(out):
    # args prints whether AT_HWCAP has riscv64's IMAFDC bits; on x86-64
    # AT_HWCAP is CPUID.1:EDX of the CPU the program runs on (the host's
    # natively, the emulated CPU's under the emulator), so that line may
    # differ and is left out of the comparison
    return re.sub(rb"^hwcap_imafdc=.*$", b"hwcap_imafdc=(not compared)",
                  out, flags=re.M)


# key -> a filter applied to both outputs before comparing them
BY_PROPERTY = {
    "args": hwcap_line,
}


def environment(r):
    env = dict(os.environ)
    env.update(r.env)
    for name in r.unset:
        env.pop(name, None)
    return env


def interrupted(argv, env, timeout):
    """Start argv, wait for its "ready" line, send SIGINT, collect."""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env)
    try:
        first = p.stdout.readline()
        if first == b"ready\n":
            p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=timeout)
    finally:
        p.kill()
        p.wait()
    return subprocess.CompletedProcess(argv, p.returncode, first + out, err)


def test_every_program_is_run_or_excluded():
    built = {p.stem for p in (ROOT / "tests" / "user").glob("*.c")}
    run = {r.program for r in RUNS.values()}
    assert built - run - set(EXCLUDED) == set(), \
        "tests/user programs missing from user_programs.RUNS"
    mk = (ROOT / "tests" / "user-x86_64" / "Build.mk").read_text()
    listed = re.search(r"^USER_X86_64_EXCLUDED := (.*)$", mk, re.M)
    assert listed and set(listed.group(1).split()) == set(EXCLUDED), \
        "Build.mk's USER_X86_64_EXCLUDED differs from EXCLUDED"


CASES = [pytest.param(key, kind, marks=pytest.mark.xfail(
              reason=QEMU_DIFFERS[r.program], strict=False)
              if IS_QEMU and r.program in QEMU_DIFFERS else ())
         for key, r in RUNS.items()
         if r.program not in EXCLUDED and key not in NOT_COMPARED
         for kind in KINDS]


@pytest.mark.parametrize("key,kind", CASES)
def test_program(key, kind, tmp_path):
    r = RUNS[key]
    path = need_program(PROGS / f"{r.program}-{kind}")
    hello = need_program(PROGS / f"hello-{kind}") if HELLO in r.args else None
    # native and emulated runs get a temporary directory each
    dirs = [tmp_path / "native", tmp_path / "emulated"]
    for d in dirs:
        d.mkdir()
    argvs = [[path, *resolve_args(r, d, hello)] for d in dirs]
    env = environment(r)
    filt = BY_PROPERTY.get(key)
    if r.interrupt:
        nat = interrupted(argvs[0], env, r.timeout)
        emu = interrupted(emulated(argvs[1]), env, r.timeout)
        detail = f"{describe(nat, 'native')}\n{describe(emu, 'emulated')}"
        assert emu.stdout == nat.stdout, \
            "stdout differs:\n" + diff(nat.stdout, emu.stdout) + detail
        assert emu.returncode == nat.returncode, detail
    else:
        nat, emu = run_both(argvs[0], emu_argv=argvs[1], stderr=False,
                            filter_out=filt, env=env, timeout=r.timeout)
    # the native run itself went as on Linux: the comparison means something
    assert nat.returncode == r.status, describe(nat, "native")
