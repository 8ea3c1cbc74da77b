# SPDX-License-Identifier: GPL-2.0-or-later
"""riscv64 Linux 6.1 boots under janus-system-riscv64 (-M virt, TCG):
marker, harts, serial console commands, guest time, poweroff and reboot,
built-in SBI and Debian's OpenSBI. JANUS_RISCV64_PEER=qemu runs the same
tests against qemu-system-riscv64 (see docs/testing.md)."""

import datetime
import re
import subprocess
import time

import pytest

import riscv64_fixtures as fx
from riscv64_guest import OPENSBI_DIR

pytestmark = pytest.mark.riscv64_boot


def poweroff(guest):
    guest.type_line("poweroff")
    status = guest.wait_exit(60, "exit after poweroff")
    if status != 0:
        guest.fail("poweroff: exit status %s, expected 0" % status)
    if "reboot: Power down" not in guest.console_tail(20):
        guest.fail("poweroff: the kernel did not say 'reboot: Power down'")


def test_boot_marker_and_poweroff(boot_riscv64):
    guest = boot_riscv64()
    assert guest.harts_at_boot == 1, "-smp 1 but the guest counts %d harts" \
        % guest.harts_at_boot
    poweroff(guest)


def test_smp2_sees_two_harts(boot_riscv64):
    guest = boot_riscv64(smp=2)
    assert guest.harts_at_boot == 2, "-smp 2 but the guest counts %d harts" \
        % guest.harts_at_boot
    guest.command("harts", r"harts: 2\r*\n")
    poweroff(guest)


def test_serial_console_command_and_answer(boot_riscv64):
    guest = boot_riscv64()
    token = "janus-%d" % (time.monotonic_ns() % 1000000007)
    # The answer starts a line; the echo of the typed line has "echo " first.
    guest.command("echo " + token, re.escape(token) + r"\r*\n")
    guest.command("frobnicate now", r"unknown command: frobnicate\r*\n")
    guest.command("cat /proc/cpuinfo", r"isa\s*: rv64\w*\r*\n")
    poweroff(guest)


def test_guest_sleep_takes_about_one_second(boot_riscv64):
    guest = boot_riscv64()
    start = time.monotonic()
    m = guest.command("sleep 1", r"slept (\d+) ms\r*\n")
    wall = time.monotonic() - start
    guest_ms = int(m.group(1))
    # Typing the line costs ~0.05 s, the prompt round trip a little more.
    assert 0.8 <= wall <= 2.5, "sleep 1 took %.2f s of wall time" % wall
    assert 990 <= guest_ms <= 2500, "the guest measured %d ms" % guest_ms
    poweroff(guest)


def test_guest_clock_follows_the_host(boot_riscv64):
    """The goldfish RTC sets the guest's clock at boot (RTC_HCTOSYS)."""
    guest = boot_riscv64()
    m = guest.command("date", r"date: [^\r\n]* \(epoch (\d+)\)\r*\n")
    skew = int(m.group(1)) - time.time()
    assert abs(skew) < 120, "guest clock is %+.0f s off the host's (%s UTC)" \
        % (skew, datetime.datetime.utcnow().strftime("%H:%M:%S"))
    poweroff(guest)


def test_reboot_with_no_reboot_exits(boot_riscv64):
    guest = boot_riscv64()
    guest.type_line("reboot")
    status = guest.wait_exit(60, "exit after reboot with -no-reboot")
    if status != 0:
        guest.fail("reboot with -no-reboot: exit status %s, expected 0"
                   % status)
    if "reboot: Restarting system" not in guest.console_tail(20):
        guest.fail("reboot: the kernel did not say 'reboot: Restarting "
                   "system'")


@pytest.mark.parametrize("firmware", ["fw_jump.bin", "fw_dynamic.bin"])
def test_boots_with_debian_opensbi(boot_riscv64, firmware):
    bios = OPENSBI_DIR / firmware
    if not bios.is_file():
        pytest.skip("SKIPPED: %s is missing (scripts/setup.sh installs "
                    "opensbi)" % bios)
    guest = boot_riscv64("-bios", str(bios), smp=2)
    if "OpenSBI v" not in guest.console_tail(100000):
        guest.fail("-bios %s: no OpenSBI banner before the boot marker"
                   % firmware)
    assert guest.harts_at_boot == 2, "-smp 2 with %s but the guest counts " \
        "%d harts" % (firmware, guest.harts_at_boot)
    guest.command("echo via-opensbi", r"via-opensbi\r*\n")
    poweroff(guest)


def _native_hash_checksum(tmp_path, rounds):
    exe = tmp_path / "hash-native"
    src = fx.BENCH_PROGRAMS["hash"]
    r = subprocess.run(["cc", "-std=gnu11", "-O2", "-ffp-contract=off",
                        "-I", str(fx.BENCH_SOURCES), "-o", str(exe), str(src)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("SKIPPED: cannot build %s for the host: %s"
                    % (src.name, r.stderr.strip().splitlines()[-1:]))
    out = subprocess.run([str(exe), str(rounds)], capture_output=True,
                         text=True, check=True).stdout
    return re.search(r"hash checksum: (0x[0-9a-f]+)", out).group(1)


def test_guest_program_computes_the_native_result(boot_riscv64, tmp_path):
    """bench/user-programs/hash.c in the guest prints the host's checksum."""
    rounds = 20
    expected = _native_hash_checksum(tmp_path, rounds)
    guest = boot_riscv64()
    guest.type_line("bench hash %d" % rounds)
    guest.expect(r"hash checksum: (0x[0-9a-f]+)\r*\n", 300, "hash checksum")
    got = guest.child.match.group(1)
    guest.expect(r"bench hash: \d+ ms \(exit 0\)\r*\n", 30, "bench result")
    assert got == expected, "guest checksum %s, native %s" % (got, expected)
    poweroff(guest)
