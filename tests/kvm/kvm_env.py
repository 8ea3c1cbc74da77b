# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared helpers for tests/kvm: where the build is, whether /dev/kvm can
be used, how to run a guest with a timeout.

Environment: JANUS_BUILD (default <repo>/build) holds janus-system-x86_64,
tests/kvm/guests/*.elf|bin and tests/kvm/test-kick (built by `make all`).
"""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("JANUS_BUILD", REPO / "build"))
JANUS = BUILD / "janus-system-x86_64"
GUESTS = BUILD / "tests" / "kvm" / "guests"

# isa-debug-exit: status = (value << 1) | 1; guests write 0x10 / 0x11.
EXIT_PASS = 33
EXIT_FAIL = 35

EMULATED_CPL0_WARNING = ("warning: this host's KVM emulates guest kernel "
                         "(CPL0) code in software; guest kernels will be "
                         "very slow")


def kvm_skip_if_unavailable():
    """pytest.skip with the reason when /dev/kvm cannot be opened."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError as e:
        pytest.skip(f"SKIPPED: /dev/kvm not available: {e.strerror}")
    os.close(fd)


def host_has_hardware_kvm():
    """Same rule as kvm_host_kind(): vmx/svm and kvm_intel/kvm_amd."""
    try:
        flags = [line.split() for line in open("/proc/cpuinfo")
                 if line.startswith("flags")]
    except OSError:
        return False
    virt = any("vmx" in f or "svm" in f for f in flags)
    mod = any(Path("/sys/module", m).exists() for m in ("kvm_intel", "kvm_amd"))
    return virt and mod


def require(path):
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make all` first")
    return path


def run_janus(*args, timeout=60, smp=1):
    """Run the emulator on a guest; a timeout is a failure (a hang)."""
    cmd = [str(require(JANUS)), "-M", "pc", "-accel", "kvm", "-m", "32M",
           "-smp", str(smp), "-nographic",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", *args]
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True,
                              errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if e.stdout else ""
        pytest.fail(f"janus hung (no exit within {timeout} s): {cmd}\n"
                    f"stdout so far:\n{out}")
