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

import pexpect
import pytest

import riscv64_fixtures as fx

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


class Guest:
    """One emulator process booting the riscv64 fixtures; everything the
    guest prints goes to log_path."""

    def __init__(self, argv, log_path):
        self.argv = argv
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8", errors="replace")
        self._log.write("$ %s\n" % " ".join(argv))
        self._log.flush()
        self.child = pexpect.spawn(argv[0], argv[1:], encoding="utf-8",
                                   codec_errors="replace", timeout=30,
                                   dimensions=(50, 250), echo=False)
        self.child.logfile_read = self._log
        self.harts_at_boot = None

    def console_tail(self, lines=40):
        self._log.flush()
        try:
            text = Path(self.log_path).read_text(errors="replace")
        except OSError:
            return ""
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1bc|\r", "", text)
        return "\n".join(text.splitlines()[-lines:])

    def fail(self, what):
        pytest.fail("%s\n--- console (last lines; full log %s) ---\n%s"
                    % (what, self.log_path, self.console_tail()),
                    pytrace=False)

    def expect(self, pattern, timeout, what):
        """Wait for pattern (regex); fail with the console tail otherwise."""
        try:
            return self.child.expect(pattern, timeout=timeout)
        except pexpect.TIMEOUT:
            problem = "not seen within %.0f s" % timeout
        except pexpect.EOF:
            self._reap(10)
            problem = ("the emulator exited first (status %s, signal %s)"
                       % (self.child.exitstatus, self.child.signalstatus))
        self.fail("%s: %s" % (what, problem))

    def wait_boot(self):
        """Wait for /init's marker, its hart count and the first prompt."""
        start = time.monotonic()
        self.expect(re.escape(fx.BOOT_MARKER), boot_timeout(),
                    "boot marker " + fx.BOOT_MARKER)
        self.boot_seconds = time.monotonic() - start
        self.expect(r"harts: (\d+)\r*\n", 30, "hart count after the marker")
        self.harts_at_boot = int(self.child.match.group(1))
        self.expect(re.escape(fx.GUEST_PROMPT), 30, "first prompt")

    def type_line(self, line):
        """Type a line in short bursts, closer to a person than a paste."""
        data = line + "\r"
        for i in range(0, len(data), 8):
            self.child.send(data[i:i + 8])
            time.sleep(0.02)

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

    def _reap(self, timeout):
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def wait_exit(self, timeout, what):
        """Wait for the emulator to exit by itself; return its exit status."""
        self.expect(pexpect.EOF, timeout, what)
        if not self._reap(10):
            self.fail("%s: the console closed but the emulator did not exit"
                      % what)
        if self.child.signalstatus is not None:
            self.fail("%s: the emulator was killed by signal %d"
                      % (what, self.child.signalstatus))
        return self.child.exitstatus

    def close(self):
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()
        self._log.close()
