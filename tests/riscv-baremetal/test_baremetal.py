# SPDX-License-Identifier: GPL-2.0-or-later
"""Bare-metal riscv64 programs (tests/riscv-baremetal/*.c, built by
Build.mk into build/tests/riscv-baremetal/) run as firmware:
`janus-system-riscv64 -M virt -nographic -bios X.bin`. Each program prints
`ok: NAME` or `FAIL: NAME ...` per check, a `checks: N passed: P failed: F`
line, then PASS/FAIL, and exits through the sifive,test device (0 = pass).

JANUS_BAREMETAL_EMULATOR=qemu-system-riscv64 runs them against QEMU
instead (how the expectations were validated; see docs/testing.md for the
checks where QEMU 7.2 departs from the privileged spec)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("O", ROOT / "build"))
PROGS = BUILD / "tests" / "riscv-baremetal"
EMULATOR = os.environ.get("JANUS_BAREMETAL_EMULATOR",
                          str(BUILD / "janus-system-riscv64"))
CROSS_CC = os.environ.get("RISCV64_CC", "riscv64-linux-gnu-gcc")
TIMEOUT = 30

# program: (extra options, number of checks, checks that must be among
# the passed ones)
PROGRAMS = {
    "traps": ([], 114, [
        "ecall M: mcause", "ecall S: mcause", "ecall U: mcause",
        "ecall U: MPIE = old MIE (1), MIE = 0",
        "deleg ecall U: scause", "deleg ecall U: sepc",
        "deleg ecall U: stval", "deleg illegal S: stval",
        "illegal U: mtval = instruction", "ebreak S: mcause",
        "jalr odd target lands on target & ~1", "load 0x0: mcause",
        "store 0x8: mcause", "amo 0x10: mcause (AMOs report store faults)",
        "fetch 0x0: mcause", "mret: MPP = U", "sret SPP=U: ecall cause",
        "sret: SIE = old SPIE", "U reads mstatus: mcause",
        "M writes mhartid: mcause", "M writes cycle: mtval",
        "WFI in S, TW=1: mcause", "SRET in S, TSR=1: mcause",
        "satp in S, TVM=1: mcause", "sfence.vma in S, TVM=1: mcause",
        "medeleg[11] (ECALL from M) is read-only 0",
        "nothing delegated: sie reads 0", "SSI, STI, SEI delegated: sie = 0x222",
        "  MIE was not set through sstatus (MPIE = 0)",
        "mepc drops bit 0", "rewritten code + fence.i runs the new version",
    ]),
    "paging": ([], 254, [
        "satp reads back", "U runs its page", "U loads its data page",
        "S loads a read-only page", "S runs an execute-only page",
        "S loads an execute-only page, MXR=1", "  the hart set A, not D",
        "S stores to it: the hart set D", "S loads a U page, SUM=1",
        "2 MiB superpage", "1 GiB superpage",
        "PTE change + sfence.vma in M: new page",
        "PTE change + sfence.vma in S: new page",
        "delegated load page fault: stval",
        "satp write with MODE 7 leaves satp unchanged",
        "M load, MPRV=1 MPP=S: S page", "M load, MPRV=1 MPP=U: U page",
        "  after mapping the second page X: it runs",
        "  its second half rewritten + fence.i: new code runs",
    ]),
    "interrupts": ([], 62, [
        "mtimecmp <= mtime: MTIP set", "timer interrupt taken",
        "msip = 1: MSIP set", "software interrupt taken",
        "delegated STIP is never taken in M", "scause",
        "undelegated STIP in S: M takes it, S resumes",
        "S with SIE = 0 does not take it", "U takes it with SIE = 0: run ends",
        "STCE=0: S reading stimecmp is illegal", "stimecmp fires in S: run ends",
        "stimecmp moved to max lowers STIP",
        "woke with MTIP pending, at or after mtimecmp",
        "1st: MSI", "2nd: MTI", "3rd: SSI", "4th: STI",
        "THRE interrupt enabled: MEIP set", "external interrupt taken",
        "claim returned the UART's source",
        "after complete, UART quiet: MEIP clear",
        "MEI and MSI pending: 1st MEI",
        "entered at base + 4 * 3", "exceptions enter at base",
    ]),
    "multihart": (["-smp", "2"], 12, [
        "hart 1 idle before the IPI", "hart 1 woke on its MSIP",
        "hart 1 saw mip.MSIP", "amoadd.w count", "lr.w/sc.w count",
        "hart 1's mtimecmp = 0: its MTIP set", "hart 0's MTIP still clear",
    ]),
}

OK_RE = re.compile(r"^ok: (.*?)(?: = 0x[0-9a-f]{16})?$")
SUMMARY_RE = re.compile(r"^checks: (\d+) passed: (\d+) failed: (\d+)$")


def run_program(name, extra):
    if shutil.which(CROSS_CC) is None:
        pytest.skip(f"SKIPPED: {CROSS_CC} is not installed, so the "
                    "bare-metal programs cannot be built")
    binary = PROGS / f"{name}.bin"
    assert binary.exists(), f"{binary} missing: run make first"
    emulator = shutil.which(EMULATOR) or EMULATOR
    assert Path(emulator).exists(), f"{EMULATOR} missing: run make first"
    proc = subprocess.run(
        [emulator, "-M", "virt", "-nographic", *extra, "-bios", str(binary)],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    out = proc.stdout.decode(errors="replace").replace("\r\n", "\n")
    return proc.returncode, out, proc.stderr.decode(errors="replace")


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program(name):
    extra, count, must_pass = PROGRAMS[name]
    rc, out, err = run_program(name, extra)
    lines = out.splitlines()
    failed = [line for line in lines if line.startswith("FAIL")]
    passed = {m.group(1) for m in map(OK_RE.match, lines) if m}
    summary = [m for m in map(SUMMARY_RE.match, lines) if m]

    assert not failed, "\n".join(failed) + "\n--- stderr:\n" + err
    assert summary, f"no summary line; output:\n{out}\n--- stderr:\n{err}"
    total, npassed, nfailed = map(int, summary[-1].groups())
    assert (total, npassed, nfailed) == (count, count, 0), summary[-1].group(0)
    missing = [c for c in must_pass if c not in passed]
    assert not missing, f"checks not reported as ok: {missing}"
    assert lines[-1] == "PASS", out
    assert rc == 0, f"exit status {rc}\n{out}\n--- stderr:\n{err}"
