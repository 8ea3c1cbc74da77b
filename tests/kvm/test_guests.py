# SPDX-License-Identifier: GPL-2.0-or-later
"""Our own small guests under -accel kvm (kvm-unit-tests style): each
checks something about the KVM path from inside the guest and reports
over COM1 and isa-debug-exit (0x10 -> exit status 33 = pass)."""

import subprocess

import pytest

from kvm_env import (EMULATED_CPL0_WARNING, EXIT_PASS, GUESTS, JANUS,
                     host_has_hardware_kvm, kvm_skip_if_unavailable, require,
                     run_janus)


@pytest.fixture(autouse=True)
def kvm_available():
    kvm_skip_if_unavailable()


def guest(name):
    return str(require(GUESTS / name))


def assert_passed(r, *markers):
    detail = f"status {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    for m in markers:
        assert m in r.stdout, f"missing {m!r}; {detail}"
    assert "PASS" in r.stdout and "FAIL" not in r.stdout, detail
    assert r.returncode == EXIT_PASS, detail


def lcg(n, x=1, a=1664525, c=1013904223):
    """n steps of x = a*x + c mod 2^32, in closed form."""
    m = (a - 1) << 32
    an = pow(a, n, m)
    return (an * x + c * (((an - 1) % m) // (a - 1))) % (1 << 32)


def test_pvh_hello():
    r = run_janus("-kernel", guest("hello.elf"))
    assert_passed(r, "janus-kvm-test: hello from a PVH guest",
                  "hypervisor signature: KVMKVMKVM")


def test_emulated_cpl0_warning_once():
    r = run_janus("-kernel", guest("hello.elf"))
    count = r.stderr.count(EMULATED_CPL0_WARNING)
    assert count == (0 if host_has_hardware_kvm() else 1), r.stderr


def test_realmode_bios():
    r = run_janus("-bios", guest("realmode.bin"))
    assert_passed(r, "janus-kvm-test: hello from real mode",
                  "ROM write ignored")


def test_pio_mmio_round_trips():
    r = run_janus("-kernel", guest("pio-mmio.elf"))
    assert_passed(r, "CMOS round trip ok", "string I/O through rep outsb",
                  "string I/O ok", "unmapped MMIO reads all-ones ok",
                  "LAPIC MMIO ok")


def test_timer_interrupts_wake_hlt():
    r = run_janus("-kernel", guest("timer.elf"))
    assert_passed(r, "PIT ticks through IOAPIC pin 2: ", "LAPIC timer fired")


def test_smp_init_sipi():
    r = run_janus("-kernel", guest("smp.elf"), smp=2)
    assert_passed(r, "AP started, APIC ID 1")


@pytest.mark.parametrize("iterations", [12345, 300000000])
def test_cpl3_compute_loop(iterations):
    r = run_janus("-kernel", guest("cpl3.elf"),
                  "-append", f"iterations={iterations}")
    assert_passed(r, f"entering ring 3 for {iterations} iterations",
                  f"cpl3 result: 0x{lcg(iterations):08x}",
                  "back in ring 0 from CPL 3")


def test_error_exit_on_unrunnable_guest():
    """KVM cannot fetch code from unmapped memory: exit 1, one message."""
    r = run_janus("-kernel", guest("error-mmio-exec.elf"), timeout=30)
    assert "jumping to unmapped memory" in r.stdout
    assert r.returncode == 1, r.stderr
    errors = [l for l in r.stderr.splitlines() if "CPU 0 stopped" in l]
    assert len(errors) == 1, r.stderr
    assert "exit reason" in errors[0] and "RIP 0xd0000000" in errors[0]


def test_triple_fault_no_reboot_exits():
    """A triple fault resets; with -no-reboot Janus exits 0, as QEMU does."""
    r = run_janus("-no-reboot", "-kernel", guest("triple-fault.elf"),
                  timeout=30)
    assert r.stdout.count("janus-kvm-test: triple fault now") == 1, r.stdout
    assert r.returncode == 0, r.stderr


def test_triple_fault_resets_guest():
    """Without -no-reboot the machine resets and the guest boots again."""
    cmd = [str(require(JANUS)), "-M", "pc", "-accel", "kvm", "-m", "32M",
           "-nographic", "-kernel", guest("triple-fault.elf")]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = b""
    try:
        while seen.count(b"triple fault now") < 3:
            chunk = p.stdout.read1(4096)
            if not chunk:
                break
            seen += chunk
    finally:
        p.terminate()
        p.wait(timeout=10)
    assert seen.count(b"triple fault now") >= 3, seen


@pytest.mark.parametrize("smp,mem", [(1, 64), (3, 256)])
def test_demo_guest_acpi_poweroff(smp, mem):
    """The `make demo` guest reads the MADT and the PVH memory map, then
    powers off through ACPI PM1a_CNT (S5): the process ends with status 0
    and the guest runs no further."""
    r = run_janus("-kernel", guest("demo.elf"), "-m", f"{mem}M", smp=smp)
    detail = f"status {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert f"CPUs (ACPI MADT):        {smp}\n" in r.stdout, detail
    # e820 usable RAM: everything but the EBDA, BIOS area and ACPI tables.
    ram = int(r.stdout.split("usable RAM (e820):")[1].split()[0])
    assert mem - 2 <= ram <= mem, detail
    assert "Powering off through ACPI S5." in r.stdout, detail
    assert "FAIL" not in r.stdout, detail
    assert r.returncode == 0, detail
