# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures for tests/system: the emulator, the skip decision (made before
any download), the boot fixtures and a factory of booted guests.

Environment:
  JANUS_SYSTEM   emulator binary (default <repo>/build/janus-system-x86_64);
                 any binary with QEMU's command line works, e.g.
                 /usr/bin/qemu-system-x86_64
  JANUS_ACCEL    accelerator passed to -accel (default kvm)
  JANUS_BOOT_TIMEOUT  seconds to wait for the boot marker (default 60 under
                 kvm, 120 otherwise)
  JANUS_LINUX_KERNEL, JANUS_LINUX_INITRD  use these files instead of the
                 cached Debian kernel / busybox initramfs

A JANUS_SYSTEM that is not one of our binaries makes every test here carry
the `qemu` marker, and such tests run only when selected with `-m qemu`, so
`make check` never runs against another emulator by accident.
"""

import os
from pathlib import Path

import pytest

import linux_fixtures
from emulator_env import (accel_name, emulator_is_janus, emulator_path,
                          kvm_skip_reason, tcg_skip_reason)
from guest_console import Guest

SYSTEM_DIR = Path(__file__).resolve().parent


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "qemu: runs against a non-Janus emulator ($JANUS_SYSTEM); "
        "selected only with -m qemu, never part of make check")
    config.addinivalue_line(
        "markers", "linux_boot: boots Debian's kernel with a busybox initramfs")


def pytest_collection_modifyitems(config, items):
    if emulator_is_janus():
        return
    mine = [it for it in items if SYSTEM_DIR in Path(it.path).parents]
    for item in mine:
        item.add_marker(pytest.mark.qemu)
    if "qemu" in (config.option.markexpr or ""):
        return
    # Not asked for: leave them out instead of running another emulator.
    deselected = set(id(it) for it in mine)
    if deselected:
        config.hook.pytest_deselected(items=mine)
        items[:] = [it for it in items if id(it) not in deselected]


@pytest.fixture(scope="session")
def emulator():
    """Path of the emulator; a missing binary is a failure, not a skip."""
    emu = emulator_path()
    if not (emu.is_file() and os.access(emu, os.X_OK)):
        pytest.fail("emulator %s not found or not executable (run make, or "
                    "set JANUS_SYSTEM)" % emu, pytrace=False)
    return emu


@pytest.fixture(scope="session")
def boot_ready(emulator):
    """Skip unless this host and binary can boot Linux with $JANUS_ACCEL."""
    accel = accel_name()
    reason = None
    if accel == "kvm":
        reason = kvm_skip_reason()
    elif accel == "tcg":
        reason = tcg_skip_reason(emulator)
    if reason:
        pytest.skip("SKIPPED: " + reason)
    return accel


@pytest.fixture(scope="session")
def linux_kernel(boot_ready):
    try:
        return linux_fixtures.kernel_image()
    except linux_fixtures.FixtureError as e:
        pytest.fail("cannot get the Debian kernel fixture: %s" % e,
                    pytrace=False)


@pytest.fixture(scope="session")
def linux_initrd(boot_ready):
    try:
        return linux_fixtures.initramfs()
    except linux_fixtures.FixtureError as e:
        pytest.fail("cannot build the busybox initramfs fixture: %s" % e,
                    pytrace=False)


@pytest.fixture
def boot_linux(emulator, boot_ready, linux_kernel, linux_initrd, tmp_path):
    """Factory: boot_linux(*extra_args, memory="512M") starts a guest and
    waits for its shell. The process is always ended at teardown."""
    guests = []

    def start(*extra, memory="512M", append="console=ttyS0 panic=-1 quiet"):
        argv = [str(emulator), "-M", "pc", "-accel", boot_ready,
                "-m", memory, "-nographic", "-no-reboot",
                "-kernel", str(linux_kernel), "-initrd", str(linux_initrd),
                "-append", append] + list(extra)
        guest = Guest(argv, str(tmp_path / ("console-%d.log" % len(guests))))
        guests.append(guest)
        guest.wait_boot()
        return guest

    yield start
    for guest in guests:
        guest.close()
