# SPDX-License-Identifier: GPL-2.0-or-later
"""The device tree janus-system-riscv64 builds is one Linux and OpenSBI
accept: dump it (-M virt,dumpdtb=) and boot Debian's qemu-system-riscv64
-M virt with it (-dtb), whose devices sit at the same addresses. Linux must
bring up both harts and find the PLIC, the UART and the RTC through our
nodes. Needs qemu-system-riscv64 and a riscv64 kernel Image: $JANUS_RISCV64_KERNEL,
else the one the riscv64 boot fixtures cached in ~/.cache/janus/fixtures;
skipped when either is missing (nothing is downloaded or built here).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from riscv64_console import console_until, find_kernel

REPO = Path(__file__).resolve().parents[2]
BOOT_TIMEOUT = 180

MARKERS = [
    "smp: Brought up 1 node, 2 CPUs",
    "plic@c000000: mapped 95 interrupts with 2 handlers for 4 contexts",
    "10000000.serial: ttyS0 at MMIO 0x10000000",
    "goldfish_rtc 101000.rtc: registered as rtc0",
]


def test_our_device_tree_boots_linux_under_qemu(tmp_path):
    emu = Path(os.environ.get("JANUS_SYSTEM_RISCV64")
               or REPO / "build" / "janus-system-riscv64")
    assert emu.exists(), "%s is not built" % emu
    qemu = shutil.which("qemu-system-riscv64")
    if not qemu:
        pytest.skip("SKIPPED: qemu-system-riscv64 is not installed")
    kernel = find_kernel()
    if not kernel:
        pytest.skip("SKIPPED: no riscv64 kernel Image (set "
                    "JANUS_RISCV64_KERNEL or run the riscv64 boot tests "
                    "once to cache one)")
    dtb = tmp_path / "virt.dtb"
    common = ["-smp", "2", "-m", "256M", "-kernel", kernel,
              "-append", "console=ttyS0 panic=-1"]
    r = subprocess.run([str(emu), "-M", "virt,dumpdtb=%s" % dtb] + common,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr

    log = tmp_path / "console.log"
    seen = console_until([qemu, "-M", "virt", "-nographic", "-no-reboot",
                          "-dtb", str(dtb)] + common,
                         MARKERS, BOOT_TIMEOUT, log)
    missing = [m for m in MARKERS if m not in seen]
    assert not missing, "Linux under QEMU with our tree never printed %s; " \
        "console (%s) ends:\n%s" % (missing, log, seen[-3000:])
