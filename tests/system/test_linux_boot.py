# SPDX-License-Identifier: GPL-2.0-or-later
"""Boot Debian's amd64 kernel with our busybox initramfs on the pc machine and
check what a user would: the shell answers, poweroff and reboot end the
process cleanly, and -smp, -m and the RTC reach the guest.

The emulator and accelerator come from $JANUS_SYSTEM and $JANUS_ACCEL (see
conftest.py); the command line is QEMU's, so the same tests run on QEMU.
"""

import time

import pytest

pytestmark = pytest.mark.linux_boot


def test_poweroff_exits_zero(boot_linux):
    """busybox `poweroff -f` powers off through ACPI; the process exits 0."""
    guest = boot_linux()
    guest.type_line("poweroff -f")
    status = guest.wait_exit(30, "exit after poweroff -f")
    assert status == 0, "exit status after poweroff: %s" % status


def test_shell_runs_a_command(boot_linux):
    guest = boot_linux()
    status, out = guest.run("echo $((6*7))")
    assert (status, out.strip()) == (0, "42")
    status, out = guest.run("cat /proc/cmdline")
    assert status == 0 and "console=ttyS0" in out, out


def test_smp4_shows_four_processors(boot_linux):
    guest = boot_linux("-smp", "4")
    status, out = guest.run("grep -c ^processor /proc/cpuinfo")
    assert status == 0, out
    assert out.strip() == "4", "guest sees %r processors" % out.strip()


def test_memory_1g_reaches_the_guest(boot_linux):
    guest = boot_linux(memory="1G")
    status, out = guest.run("grep ^MemTotal: /proc/meminfo")
    assert status == 0, out
    fields = out.split()
    assert len(fields) >= 3 and fields[2] == "kB", out
    kib = int(fields[1])
    # The kernel keeps some for itself, so a bit less than 1 GiB, never more.
    assert 900000 < kib <= 1048576, "MemTotal %d kB with -m 1G" % kib


def test_guest_clock_matches_host(boot_linux):
    """The guest sets its clock from the CMOS RTC at boot."""
    guest = boot_linux()
    status, out = guest.run("date +%s")
    host = time.time()
    assert status == 0, out
    guest_time = int(out.strip())
    assert abs(guest_time - host) < 60, (
        "guest clock %d, host clock %d: %+d s apart"
        % (guest_time, host, guest_time - host))


def test_reboot_with_no_reboot_exits_zero(boot_linux):
    """`reboot -f` under -no-reboot ends the process with status 0."""
    guest = boot_linux()
    guest.type_line("reboot -f")
    status = guest.wait_exit(30, "exit after reboot -f with -no-reboot")
    assert status == 0, "exit status after reboot: %s" % status
