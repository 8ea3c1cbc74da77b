# SPDX-License-Identifier: GPL-2.0-or-later
"""Which emulator and accelerator tests/system use, and whether this host can
boot Linux with them. Decided from the environment and the host alone, with
no download, so a run that must skip skips fast (see docs/testing.md)."""

import os
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PVM_REASON = ("this host's KVM emulates guest kernel code (nested "
              "page-table-based KVM without VT-x/SVM), so Linux cannot boot "
              "under KVM here")


def emulator_path():
    """The emulator under test: $JANUS_SYSTEM or our own build."""
    return Path(os.environ.get("JANUS_SYSTEM")
                or REPO / "build" / "janus-system-x86_64")


def emulator_is_janus():
    return emulator_path().name.startswith("janus-")


def accel_name():
    return os.environ.get("JANUS_ACCEL") or "kvm"


def boot_timeout():
    value = os.environ.get("JANUS_BOOT_TIMEOUT")
    if value:
        return float(value)
    return 60.0 if accel_name() == "kvm" else 120.0


# ---- skipping: decided before any download -------------------------------

def _cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def kvm_skip_reason():
    """Why Linux cannot boot under KVM on this host, or None if it can."""
    if not os.path.exists("/dev/kvm"):
        return "/dev/kvm is missing (no KVM on this host)"
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "/dev/kvm is not readable and writable by this user"
    if os.path.exists("/sys/module/kvm_pvm"):
        return PVM_REASON
    flags = _cpu_flags()
    if not flags & {"vmx", "svm"}:
        return PVM_REASON
    return None


def tcg_skip_reason(emu):
    """Why emu has no TCG for x86, or None if it has. If `-accel help` does
    not list tcg, a machine with no kernel is started with -accel tcg to get
    the binary's own words for the skip reason (it is killed after 3 s)."""
    listed = None
    try:
        r = subprocess.run([str(emu), "-accel", "help"], capture_output=True,
                           text=True, timeout=20, stdin=subprocess.DEVNULL)
        if r.returncode == 0 and r.stdout.strip():
            listed = "tcg" in r.stdout.split()
    except subprocess.TimeoutExpired:
        pass
    if listed:
        return None
    try:
        r = subprocess.run([str(emu), "-M", "pc", "-accel", "tcg", "-m", "16M",
                            "-nographic", "-no-reboot"],
                           capture_output=True, text=True, timeout=3,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None  # still running under TCG after 3 s: it has TCG
    errors = [ln for ln in r.stderr.splitlines()
              if ln.strip() and "warning:" not in ln]
    if r.returncode != 0 and errors and re.search(r"tcg|accel", errors[0],
                                                   re.I):
        return "TCG is not available for x86 in %s: %s" % (emu.name,
                                                           errors[0])
    if listed is False:
        return "%s -accel help does not list tcg" % emu.name
    return None
