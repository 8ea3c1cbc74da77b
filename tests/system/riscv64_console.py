# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers of the riscv64 tests in tests/system that boot a kernel Image
without an initramfs and only watch the console for markers."""

import glob
import os
import select
import subprocess
import time


def find_kernel():
    """$JANUS_RISCV64_KERNEL, else the newest Image the riscv64 boot
    fixtures cached, else None (nothing is downloaded or built here)."""
    env = os.environ.get("JANUS_RISCV64_KERNEL")
    if env:
        return env
    cached = sorted(glob.glob(os.path.expanduser(
        "~/.cache/janus/fixtures/riscv64-linux-*/Image")),
        key=os.path.getmtime)
    return cached[-1] if cached else None


def console_until(argv, markers, timeout, log_path):
    """Run argv, read its console until every marker was printed, the
    console closed or timeout seconds passed; kill it, write what it
    printed to log_path and return that text."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = ""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if all(m in seen for m in markers):
                break
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                seen += chunk.decode("utf-8", "replace")
    finally:
        proc.kill()
        proc.wait()
        log_path.write_text(seen)
    return seen
