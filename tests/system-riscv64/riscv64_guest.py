# SPDX-License-Identifier: GPL-2.0-or-later
"""Which riscv64 system emulator the tests run, and a guest driven through
its stdio serial console with pexpect.

Environment:
  JANUS_SYSTEM_RISCV64  emulator under test (default <repo>/build/
                        janus-system-riscv64)
  JANUS_RISCV64_PEER=qemu  run the same tests against Debian's
                        qemu-system-riscv64 instead (proves the tests)
  JANUS_BOOT_TIMEOUT    seconds to wait for the boot marker (default 300
                        for Janus, 60 for QEMU)
"""

import os
import re
import shutil
import time
from pathlib import Path


import riscv64_fixtures as fx
from guest_console import SerialConsole  # tests/system, on the path via fx

OPENSBI_DIR = Path("/usr/lib/riscv64-linux-gnu/opensbi/generic")


def peer():
    """'qemu' when the tests run against QEMU, else None (Janus)."""
    value = os.environ.get("JANUS_RISCV64_PEER", "").strip()
    return value or None


def emulator_path():
    """The binary under test, or None with peer() unknown/missing."""
    if peer() is None:
        return Path(os.environ.get("JANUS_SYSTEM_RISCV64")
                    or fx.REPO / "build" / "janus-system-riscv64")
    if peer() == "qemu":
        found = shutil.which("qemu-system-riscv64")
        return Path(found) if found else None
    return None


def emulator_skip_reason():
    """Why the tests cannot run here (a missing binary), or None."""
    p = peer()
    if p not in (None, "qemu"):
        return "JANUS_RISCV64_PEER=%s is not known (only 'qemu')" % p
    emu = emulator_path()
    if emu is None:
        return ("qemu-system-riscv64 is not installed (scripts/setup.sh "
                "installs qemu-system-misc)")
    if not (emu.is_file() and os.access(emu, os.X_OK)):
        return ("%s is not built yet (set JANUS_SYSTEM_RISCV64, or "
                "JANUS_RISCV64_PEER=qemu to run the tests against QEMU)" % emu)
    return None


def boot_timeout():
    value = os.environ.get("JANUS_BOOT_TIMEOUT")
    if value:
        return float(value)
    return 60.0 if peer() == "qemu" else 300.0


class Guest(SerialConsole):
    """One emulator process booting the riscv64 fixtures; everything the
    guest prints goes to log_path."""

    def __init__(self, argv, log_path):
        super().__init__(argv, log_path)
        self.harts_at_boot = None

    def wait_boot(self):
        """Wait for /init's marker, its hart count and the first prompt."""
        start = time.monotonic()
        self.expect(re.escape(fx.BOOT_MARKER), boot_timeout(),
                    "boot marker " + fx.BOOT_MARKER)
        self.boot_seconds = time.monotonic() - start
        self.expect(r"harts: (\d+)\r*\n", 30, "hart count after the marker")
        self.harts_at_boot = int(self.child.match.group(1))
        self.expect(re.escape(fx.GUEST_PROMPT), 30, "first prompt")

    def command(self, line, answer, timeout=30):
        """Type a command, wait for answer (a regex matched on output
        lines, so the echo of the typed line cannot match) and the next
        prompt; return the match."""
        self.type_line(line)
        self.expect(r"\n" + answer, timeout, "answer to %r" % line)
        match = self.child.match
        self.expect(re.escape(fx.GUEST_PROMPT), timeout,
                    "prompt after %r" % line)
        return match
