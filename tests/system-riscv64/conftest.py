# SPDX-License-Identifier: GPL-2.0-or-later
"""Fixtures for tests/system-riscv64: the emulator (skip when it is not
built), the kernel and initramfs (built once, cached; see
riscv64_fixtures.py) and a factory of booted guests."""

import pytest

import riscv64_fixtures as fx
from riscv64_guest import Guest, emulator_path, emulator_skip_reason


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "riscv64_boot: boots the riscv64 Linux fixtures under "
        "$JANUS_SYSTEM_RISCV64 (or QEMU with JANUS_RISCV64_PEER=qemu)")


@pytest.fixture(scope="session")
def rv_emulator():
    """The emulator binary; decided before any fixture is built."""
    reason = emulator_skip_reason()
    if reason:
        pytest.skip("SKIPPED: " + reason)
    return emulator_path()


def _build_visibly(request, build, what):
    """Build a fixture with pytest's output capture off, so the progress of
    a first kernel build (minutes) shows on the terminal."""
    capture = request.config.pluginmanager.getplugin("capturemanager")
    try:
        if capture is None:
            return build()
        with capture.global_and_fixture_disabled():
            return build()
    except fx.FixtureError as e:
        pytest.fail("cannot build the riscv64 %s fixture: %s" % (what, e),
                    pytrace=False)


@pytest.fixture(scope="session")
def rv_kernel(rv_emulator, request):
    return _build_visibly(request, fx.kernel_image, "kernel")


@pytest.fixture(scope="session")
def rv_initrd(rv_emulator, request):
    return _build_visibly(request, fx.initramfs, "initramfs")


@pytest.fixture
def boot_riscv64(rv_emulator, rv_kernel, rv_initrd, tmp_path):
    """Factory: boot_riscv64(*extra_args, smp=1, memory="256M") starts
    `-M virt -nographic -no-reboot` with the fixtures and waits for the
    first prompt. Every process is ended at teardown."""
    guests = []

    def start(*extra, smp=1, memory="256M",
              append="console=ttyS0 earlycon=sbi panic=-1"):
        argv = [str(rv_emulator), "-M", "virt", "-nographic", "-no-reboot",
                "-smp", str(smp), "-m", memory,
                "-kernel", str(rv_kernel), "-initrd", str(rv_initrd),
                "-append", append] + list(extra)
        guest = Guest(argv, str(tmp_path / ("console-%d.log" % len(guests))))
        guests.append(guest)
        guest.wait_boot()
        return guest

    yield start
    for guest in guests:
        guest.close()
