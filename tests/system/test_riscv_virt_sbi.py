# SPDX-License-Identifier: GPL-2.0-or-later
"""The built-in SBI as Linux sees it: janus-system-riscv64 boots a riscv64
Linux Image with earlycon=sbi and -smp 4, and the kernel must print through
the legacy SBI console, detect SBI v1.0 with Janus's implementation ID and
the TIME, IPI, RFENCE, SRST and HSM extensions, and bring all four harts up
(HSM hart_start). No initramfs is needed: the emulator is stopped once the
markers are seen. Needs a kernel Image: $JANUS_RISCV64_KERNEL, else the one
the riscv64 boot fixtures cached in ~/.cache/janus/fixtures; skipped
without one (nothing is downloaded or built here).
"""

import os
from pathlib import Path

import pytest

from riscv64_console import console_until, find_kernel

REPO = Path(__file__).resolve().parents[2]
BOOT_TIMEOUT = 300

MARKERS = [
    "bootconsole [sbi0] enabled",
    "SBI specification v1.0 detected",
    "SBI implementation ID=0x4a414e55 Version=0x1",
    "SBI TIME extension detected",
    "SBI IPI extension detected",
    "SBI RFENCE extension detected",
    "SBI SRST extension detected",
    "SBI HSM extension detected",
    "smp: Brought up 1 node, 4 CPUs",
    "10000000.serial: ttyS0 at MMIO 0x10000000",
]


def test_linux_finds_the_builtin_sbi(tmp_path):
    emu = Path(os.environ.get("JANUS_SYSTEM_RISCV64")
               or REPO / "build" / "janus-system-riscv64")
    assert emu.exists(), "%s is not built" % emu
    kernel = find_kernel()
    if not kernel:
        pytest.skip("SKIPPED: no riscv64 kernel Image (set "
                    "JANUS_RISCV64_KERNEL or run the riscv64 boot tests "
                    "once to cache one)")
    seen = console_until([str(emu), "-M", "virt", "-smp", "4", "-m", "256M",
                          "-nographic", "-no-reboot", "-kernel", kernel,
                          "-append", "console=ttyS0 earlycon=sbi panic=-1"],
                         MARKERS, BOOT_TIMEOUT, tmp_path / "console.log")
    missing = [m for m in MARKERS if m not in seen]
    assert not missing, "never printed %s; console (%s) ends:\n%s" % (
        missing, tmp_path / "console.log", seen[-3000:])
    # earlycon=sbi: the first lines came through the legacy putchar
    assert seen.index("bootconsole [sbi0] enabled") < \
        seen.index("SBI specification v1.0 detected")
