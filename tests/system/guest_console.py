# SPDX-License-Identifier: GPL-2.0-or-later
"""A Linux guest driven through the emulator's stdio serial console."""

import re
import time
from pathlib import Path

import pexpect
import pytest

import linux_fixtures
from emulator_env import boot_timeout


class SerialConsole:
    """One emulator process driven through its stdio serial console with
    pexpect. Everything the guest prints goes to `log_path`. Shared by the
    x86 Linux guests here and the riscv64 ones (tests/system-riscv64)."""

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

    def _reap(self, timeout):
        """After EOF on the console, give the process time to exit by itself
        (closing the pty at once could kill it first); True if it did."""
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def type_line(self, line):
        """Type a line at the console in short bursts with pauses, closer to
        a person typing than a paste of the whole line at once."""
        data = line + "\r"
        for i in range(0, len(data), 8):
            self.child.send(data[i:i + 8])
            time.sleep(0.02)

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


class Guest(SerialConsole):
    """A Linux guest of the x86 fixtures: busybox shell on the console."""

    def __init__(self, argv, log_path):
        super().__init__(argv, log_path)
        self._seq = 0

    def wait_boot(self):
        """Wait for /init's marker and the first shell prompt."""
        t = boot_timeout()
        start = time.monotonic()
        self.expect(re.escape(linux_fixtures.BOOT_MARKER), t, "boot marker "
                    + linux_fixtures.BOOT_MARKER)
        self.boot_seconds = time.monotonic() - start
        self.expect(re.escape(linux_fixtures.GUEST_PROMPT), 30, "shell prompt")

    def run(self, command, timeout=30):
        """Run a shell command in the guest; return (status, output). The
        echoed command line cannot match the delimiters: they only appear
        once the shell has evaluated $((...))."""
        self._seq += 1
        n = self._seq
        self.type_line("echo @B$((%d+0))@; %s; echo @E$((%d+0))@$?@"
                       % (n, command, n))
        self.expect(r"(?s)@B%d@\r*\n(.*?)@E%d@(\d+)@" % (n, n), timeout,
                    "output of %r" % command)
        output = self.child.match.group(1).replace("\r", "")
        status = int(self.child.match.group(2))
        self.expect(re.escape(linux_fixtures.GUEST_PROMPT), timeout,
                    "prompt after %r" % command)
        return status, output
