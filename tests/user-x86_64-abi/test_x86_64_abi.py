# SPDX-License-Identifier: GPL-2.0-or-later
"""janus-x86_64's Linux ABI: freestanding x86-64 programs built by
tests/user-x86_64-abi/Build.mk (no SSE, so they run on the integer front
end) run under Janus and natively; every check line must say ok, and the
output must equal the native run's (the host CPU and kernel are the
oracle). Plus the bad-input cases: one error line, exit status 1."""

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("O", ROOT / "build"))
JANUS = BUILD / "janus-x86_64"
PROGS = BUILD / "tests" / "user-x86_64-abi"


def prog(name):
    if not JANUS.exists():
        pytest.skip("SKIPPED: janus-x86_64 is not built "
                    "(CONFIG_USER_X86_64=y)")
    path = PROGS / name
    if not path.exists():
        pytest.skip(f"SKIPPED: {path} missing (make all builds it)")
    return str(path)


def run(argv, janus=True, timeout=60):
    cmd = [str(JANUS), *map(str, argv)] if janus else list(map(str, argv))
    return subprocess.run(cmd, capture_output=True, text=True,
                          timeout=timeout)


def detail(r):
    return f"status {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"


def all_ok(r):
    lines = r.stdout.splitlines()
    assert lines, detail(r)
    bad = [l for l in lines if "FAIL" in l]
    assert not bad, detail(r)
    assert r.returncode == 0, detail(r)


def same_as_native(argv, native_argv=None, fix=lambda s: s):
    """Run under Janus and natively; both must pass their own checks and
    print the same thing (if the native run works on this host)."""
    r = run(argv)
    all_ok(r)
    n = run(native_argv or argv, janus=False)
    if n.returncode == 0:
        assert fix(r.stdout) == fix(n.stdout), \
            detail(r) + "\nnative:\n" + n.stdout
    return r


def test_hello_and_exit_status():
    p = prog("hello")
    r = run([p, "42", "two words"])
    assert r.stdout == "hello from x86-64\nargc=3\n42\ntwo words\n", detail(r)
    assert r.returncode == 42, detail(r)
    assert r.stderr == "", detail(r)


def test_in_asm_log(tmp_path):
    """-d in_asm: each new TB's guest instructions, disassembled by
    capstone, bytes in memory order; the program's output unchanged."""
    log = tmp_path / "in_asm.log"
    r = run(["-d", "in_asm", "-D", log, prog("hello")])
    assert r.returncode == 0 and "hello from x86-64" in r.stdout, detail(r)
    text = log.read_text()
    assert text.startswith("----------------\nIN:\n"), text[:300]
    # SYSCALL is 0f 05 in memory order, as objdump shows it
    assert re.search(r"^0x[0-9a-f]{16}:  0f05 +syscall", text, re.M), \
        text[:2000]


def test_static_pie():
    r = run([prog("hello-pie"), "7"])
    assert r.stdout == "hello from x86-64\nargc=2\n7\n", detail(r)
    assert r.returncode == 7, detail(r)


def test_arch_prctl_fs_gs():
    same_as_native([prog("fs-base")])


def test_signal_frames():
    r = same_as_native([prog("signals")])
    assert "signals: all ok" in r.stdout


def test_sigreturn_bad_mxcsr_kills():
    p = prog("signals")
    r = run([p, "bad-mxcsr"])
    n = run([p, "bad-mxcsr"], janus=False)
    assert r.returncode == n.returncode == -signal.SIGSEGV, detail(r)
    assert r.stdout == n.stdout, detail(r) + "\nnative:\n" + n.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "signal 11" in lines[0], detail(r)


def test_traps_to_signals():
    r = same_as_native([prog("traps")])
    assert "traps: all ok" in r.stdout


def test_unhandled_fault_kills():
    p = prog("traps")
    r = run([p, "die"])
    n = run([p, "die"], janus=False)
    assert r.returncode == n.returncode == -signal.SIGILL, detail(r)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "signal 4" in lines[0], detail(r)


def test_vsyscall_page():
    # A host booted with vsyscall=none cannot run it natively; Janus
    # emulates the page regardless.
    same_as_native([prog("vsyscall")])


def test_clone_thread_settls_cleartid():
    same_as_native([prog("clone-thread")])


def test_legacy_syscalls(tmp_path):
    jdir, ndir = tmp_path / "janus", tmp_path / "native"
    jdir.mkdir()
    ndir.mkdir()
    p = prog("legacy")
    same_as_native([p, jdir], native_argv=[p, ndir])
    assert list(jdir.iterdir()) == []


def test_sa_restart():
    same_as_native([prog("restart")])


def test_auxv():
    r = same_as_native([prog("auxv")],
                       fix=lambda s: s.replace("vdso: yes", "vdso: no"))
    assert "vdso: no" in r.stdout     # no AT_SYSINFO_EHDR under Janus


def one_error_line(r, *words):
    assert r.returncode == 1, detail(r)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, detail(r)
    for w in words:
        assert w in lines[0], detail(r)


def test_missing_program(tmp_path):
    prog("hello")
    one_error_line(run([tmp_path / "nope"]), "nope")


def test_not_an_elf(tmp_path):
    prog("hello")
    f = tmp_path / "text"
    f.write_text("just text, long enough to be read as a header\n" * 4)
    f.chmod(0o755)
    one_error_line(run([f]), "not an ELF file")


def test_riscv64_elf_refused():
    prog("hello")
    rv = BUILD / "tests" / "user" / "hello-static"
    if not rv.exists():
        pytest.skip(f"SKIPPED: {rv} missing (riscv64 cross compiler)")
    one_error_line(run([rv]), "riscv", "not x86_64")


def test_execve_program_and_script(tmp_path):
    auxv, hello = prog("auxv"), prog("hello")
    script = tmp_path / "script"
    script.write_text(f"#!{hello} interp-arg\n")
    script.chmod(0o755)
    p = prog("exec")
    r = same_as_native([p, auxv, script],
                       fix=lambda s: s.replace("vdso: yes", "vdso: no"))
    # the exec'd x86-64 program ran under Janus (no vDSO there)
    assert "vdso: no" in r.stdout, detail(r)
    # the kernel's #! rule: interpreter, its argument, the script, args
    assert f"interp-arg\n{script}\nscript-arg\n" in r.stdout, detail(r)


def test_misc_syscalls():
    same_as_native([prog("misc")])


def test_self_emulation(tmp_path):
    """janus-x86_64 running janus-x86_64 running our programs: the inner
    Janus is a glibc program (x87/SSE front end, CPUID glibc accepts)."""
    prog("hello")
    r = run(["/bin/true"])
    assert r.returncode == 0, "janus-x86_64 cannot run /bin/true\n" + detail(r)
    r = run([JANUS, prog("hello"), "5"])
    assert r.stdout == "hello from x86-64\nargc=2\n5\n", detail(r)
    assert r.returncode == 5, detail(r)
    for name in ["fs-base", "signals", "traps", "clone-thread", "vsyscall"]:
        all_ok(run([JANUS, prog(name)]))
    all_ok(run([JANUS, prog("legacy"), tmp_path]))
