# SPDX-License-Identifier: GPL-2.0-or-later
"""janus-riscv64 running riscv64 programs built by tests/user/Build.mk
(static and dynamic), compared with their expected output, plus the
bad-input cases (one error line, exit status 1)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("O", ROOT / "build"))
JANUS = BUILD / "janus-riscv64"
PROGS = BUILD / "tests" / "user"
PREFIX = "/usr/riscv64-linux-gnu"
KINDS = ["static", "dynamic"]


def need(path):
    if not JANUS.exists():
        pytest.skip("SKIPPED: janus-riscv64 is not built "
                    "(CONFIG_USER_RISCV64=y)")
    if not Path(path).exists():
        pytest.skip(f"SKIPPED: {path} missing (riscv64-linux-gnu-gcc "
                    "not installed?)")
    return str(path)


def run(*args, env=None, timeout=60):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([str(JANUS), *map(str, args)], capture_output=True,
                          text=True, env=e, timeout=timeout)


def prog(name, kind):
    return need(PROGS / f"{name}-{kind}")


def dyn_args(kind):
    return ["-L", PREFIX] if kind == "dynamic" else []


def check(r, expected, status=0):
    detail = f"status {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert r.stdout == expected, detail
    assert r.returncode == status, detail


@pytest.mark.parametrize("kind", KINDS)
def test_hello(kind):
    r = run(*dyn_args(kind), prog("hello", kind))
    check(r, "Hello, world!\n")


@pytest.mark.parametrize("kind", KINDS)
def test_args_env_auxv(kind):
    p = prog("args", kind)
    r = run(*dyn_args(kind), "-E", "JANUS_TEST_VAR=hello there", "-U",
            "HOME", p, "one", "two words", "three")
    check(r, "argc=4\nargv[1]=one\nargv[2]=two words\nargv[3]=three\n"
             "JANUS_TEST_VAR=hello there\nHOME=(unset)\npagesz=4096\n"
             "hwcap_imafdc=yes\nplatform=riscv64\nrandom=yes\n"
             "execfn_matches=yes\nphdr=yes\nstack_aligned=yes\n")


@pytest.mark.parametrize("kind", KINDS)
def test_file_io(kind, tmp_path):
    r = run(*dyn_args(kind), prog("fileio", kind), tmp_path)
    check(r, "size=11 mode=640 regular=1\nread=hello file\npread=file\n"
             "readlink=sub/b.txt\ndir: . .. link sub\ndone\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_time(kind):
    r = run(*dyn_args(kind), prog("timetest", kind))
    check(r, "nanosleep_ok=yes\nclock_nanosleep_ok=yes\nrealtime_sane=yes\n"
             "time_sane=yes\n")


@pytest.mark.parametrize("kind", KINDS)
def test_memory(kind):
    r = run(*dyn_args(kind), prog("memory", kind))
    check(r, "sbrk_grow=yes\nsbrk_shrink=yes\nmmap=yes\nmprotect=yes\n"
             "mremap=yes kept=yes\nmunmap=yes\nmalloc64M=yes\n")


@pytest.mark.parametrize("kind", KINDS)
def test_fork_wait(kind):
    r = run(*dyn_args(kind), prog("forkwait", kind))
    check(r, "child said: from child\nexited=1 status=7\n")


def test_strace_lists_syscalls():
    r = run("-strace", prog("hello", "static"))
    check(r, "Hello, world!\n")
    assert " write(1," in r.stderr and " exit_group(0)" in r.stderr, r.stderr


# ---- bad input: one error line, exit status 1 ----------------------------

def assert_one_error(r, *words):
    lines = r.stderr.strip().splitlines()
    detail = f"status {r.returncode}\nstderr:\n{r.stderr}"
    assert r.returncode == 1, detail
    assert len(lines) == 1 and lines[0].startswith("janus-riscv64: "), detail
    for w in words:
        assert w in lines[0], detail


def test_not_elf(tmp_path):
    need(JANUS)
    f = tmp_path / "script.txt"
    f.write_text("just text\n")
    assert_one_error(run(f), "not an ELF file")


def test_other_machine():
    need(JANUS)
    host = shutil.which("true") or "/bin/true"
    assert_one_error(run(host), "x86-64", "not riscv64")


@pytest.mark.parametrize("cut", [20, 200, 4000])
def test_truncated(tmp_path, cut):
    data = Path(prog("hello", "static")).read_bytes()
    f = tmp_path / "trunc"
    f.write_bytes(data[:cut])
    assert_one_error(run(f), "truncated ELF file")


def test_missing_interpreter(tmp_path):
    data = bytearray(Path(prog("hello", "dynamic")).read_bytes())
    old = b"/lib/ld-linux-riscv64-lp64d.so.1"
    i = data.find(old)
    assert i >= 0
    data[i:i + 4] = b"/xxx"     # same length: /xxx/ld-linux-...
    f = tmp_path / "nointerp"
    f.write_bytes(bytes(data))
    assert_one_error(run("-L", tmp_path, f), "cannot find the ELF interpreter")


def test_missing_program():
    need(JANUS)
    assert_one_error(run("/nonexistent/program"), "No such file")


def test_no_program_and_bad_option():
    need(JANUS)
    assert_one_error(run(), "no program")
    assert_one_error(run("-bogus", "x"), "unknown option")
    assert_one_error(run("-d", "nonsense", "x"), "unknown log item")


def test_help_and_version():
    need(JANUS)
    r = run("-version")
    assert r.returncode == 0 and "janus-riscv64 version" in r.stdout
    r = run("-h")
    assert r.returncode == 0 and "-L path" in r.stdout
    r = run("-cpu", "help")
    assert r.returncode == 0 and "rv64" in r.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_jit_page_rewritten(kind):
    r = run(*dyn_args(kind), prog("jit", kind))
    check(r, "first=42\nsecond=7\n")
