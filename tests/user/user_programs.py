# SPDX-License-Identifier: GPL-2.0-or-later
"""How each linux-user test program (tests/user/*.c) is run: its
arguments, environment and whether the harness interrupts it. One table
for tests/user/test_linux_user.py (the riscv64 builds under janus-riscv64,
against expected output) and tests/user-x86_64/test_user_programs.py (the
x86-64 builds under janus-x86_64, against their native runs)."""

import signal
from dataclasses import dataclass, field

# placeholders in Run.args, replaced by resolve_args()
TMP = "{tmp}"           # the test's temporary directory
HELLO = "{hello}"       # the hello program of the same build (static/dynamic)


@dataclass(frozen=True)
class Run:
    program: str
    args: tuple = ()
    env: dict = field(default_factory=dict)     # variables set
    unset: tuple = ()                           # variables removed
    # the harness waits for "ready\n" on stdout, then sends SIGINT
    interrupt: bool = False
    timeout: int = 60
    status: int = 0     # exit status on Linux (negative: killed by that signal)


# key -> Run: the key is the program's name, with its mode (argv[1])
# appended for a program run once per mode.
def _runs(*runs):
    table = {}
    for r in runs:
        modal = r.args and r.args[0] not in (TMP, HELLO) and \
            sum(x.program == r.program for x in runs) > 1
        key = f"{r.program}-{r.args[0]}" if modal else r.program
        assert key not in table, key
        table[key] = r
    return table


RUNS = _runs(
    Run("hello"),
    Run("args", args=("one", "two words", "three"),
        env={"JANUS_TEST_VAR": "hello there"}, unset=("HOME",)),
    Run("fileio", args=(TMP,)),
    Run("timetest"),
    Run("memory"),
    Run("forkwait"),
    Run("jit"),
    Run("threads", timeout=120),
    Run("threads", args=("exitgroup",), status=3),
    Run("threads", args=("mainexit",)),
    Run("threads", args=("badclone",)),
    Run("threads-futex"),
    Run("exec", args=(HELLO, TMP)),
    Run("signals"),
    Run("signals-fault"),
    Run("signals-stack"),
    Run("signals-restart"),
    Run("signals-ext", args=("wait",), interrupt=True),
    Run("signals-ext", args=("spin",), interrupt=True),
    Run("signals-ext", args=("term",), status=-signal.SIGTERM),
    Run("signals-ext", args=("segv",), status=-signal.SIGSEGV),
    Run("signals-rt"),
    Run("fetch-fault"),
    Run("sockets", args=(TMP,)),
    Run("eventfds", args=(TMP,)),
    Run("fork-threads", timeout=120),
    Run("fork-flush"),
    Run("fork-flush", args=("flush",)),
)

def resolve_args(run, tmp=None, hello=None):
    """run.args with the placeholders replaced by strings."""
    out = []
    for a in run.args:
        if a == TMP:
            assert tmp is not None, f"{run.program} needs a temporary directory"
            a = tmp
        elif a == HELLO:
            assert hello is not None, f"{run.program} needs the hello program"
            a = hello
        out.append(str(a))
    return out
