# SPDX-License-Identifier: GPL-2.0-or-later
"""Our own small guests under -accel kvm (kvm-unit-tests style): each
checks something about the KVM path from inside the guest and reports
over COM1 and isa-debug-exit (0x10 -> exit status 33 = pass)."""

import os
import select
import shutil
import socket
import subprocess
import tempfile
import time

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


# ---- uart-rx: host input -> 16550A RX FIFO -> IRQ 4 -> IOAPIC -> handler ----

UART_RX_TIMEOUT = 30
# The second line is longer than the 16-byte FIFO (and than the mux's
# 32-byte read-ahead queue in the long case): the backend must stop reading
# while the FIFO is full and resume once the guest drained it, losing and
# reordering nothing.
UART_RX_LINE1 = "hello"
UART_RX_LINE2 = "world-0123456789abcdefghijklmnopqrstuvwxyz"
UART_RX_LINE2_LONG = "".join(chr(0x21 + i % 94) for i in range(200))


class GuestStream:
    """Reads a guest's serial output from a pipe or socket fd with a
    deadline; a missing marker is a test failure, not a hang."""

    def __init__(self, fd, deadline, what):
        self.fd, self.deadline, self.what = fd, deadline, what
        self.data = b""
        self.eof = False

    def text(self):
        return self.data.decode(errors="replace")

    def read_some(self, timeout):
        if self.eof:
            return False
        r, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not r:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.eof = True
            return False
        self.data += chunk
        return True

    def wait_for(self, marker, detail):
        while marker.encode() not in self.data:
            left = self.deadline - time.monotonic()
            if left <= 0 or self.eof:
                pytest.fail(f"{'EOF' if self.eof else 'timeout'} waiting for "
                            f"{marker!r} on {self.what}; {detail()}\n"
                            f"output so far:\n{self.text()}")
            self.read_some(min(left, 0.5))

    def read_to_eof(self):
        while not self.eof and time.monotonic() < self.deadline:
            self.read_some(self.deadline - time.monotonic())


def uart_rx_start(tmp_dir, serial, append):
    """Start janus on the uart-rx guest with stdin and stdout as pipes.
    serial None: -nographic's default COM1, mon:stdio. Otherwise -serial
    serial with -display none (QEMU's -nographic would also want stdio for
    its monitor)."""
    display = (["-nographic"] if serial is None
               else ["-display", "none", "-serial", serial])
    cmd = [str(require(JANUS)), "-M", "pc", "-accel", "kvm", "-m", "32M",
           "-smp", "1", *display,
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-kernel", guest("uart-rx.elf"), "-append", append]
    err = open(os.path.join(tmp_dir, "stderr"), "w+b")
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=err)
    return p, err


def uart_rx_stop(p, err):
    """Kill janus if still running; return (status, stderr text)."""
    if p.poll() is None:
        p.kill()
    status = p.wait(timeout=10)
    for f in (p.stdin, p.stdout):
        if f:
            try:
                f.close()
            except OSError:
                pass
    err.seek(0)
    text = err.read().decode(errors="replace")
    err.close()
    return status, text


def uart_rx_wait_exit(p, deadline):
    try:
        return p.wait(timeout=max(deadline - time.monotonic(), 0.1))
    except subprocess.TimeoutExpired:
        return None


def uart_rx_check(out, status, stderr, lines):
    detail = f"status {status}\noutput:\n{out}\nstderr:\n{stderr}"
    got = [l[len("uart-rx: got "):].rstrip("\r")
           for l in out.splitlines() if l.startswith("uart-rx: got ")]
    assert got == list(lines), detail
    counts = [int(l.split(":")[-1]) for l in out.splitlines()
              if l.startswith("uart-rx: interrupts so far:")]
    # A new interrupt for each line: the second line was sent only after
    # the guest had reported the first.
    assert len(counts) == len(lines) and counts[0] >= 1, detail
    assert all(a < b for a, b in zip(counts, counts[1:])), detail
    assert "PASS" in out and "FAIL" not in out, detail
    assert status == EXIT_PASS, detail


@pytest.mark.parametrize("serial,trigger,line2", [
    (None, 4, UART_RX_LINE2),
    (None, 1, UART_RX_LINE2),
    (None, 4, UART_RX_LINE2_LONG),
    ("stdio", 4, UART_RX_LINE2_LONG),
], ids=["mon-stdio-trigger4", "mon-stdio-trigger1", "mon-stdio-200-chars",
        "stdio-200-chars"])
def test_uart_rx_interrupts_from_stdin(tmp_path, serial, trigger, line2):
    """Lines written to janus's stdin (a pipe, not a tty) reach the guest's
    IRQ 4 handler through the 16550A FIFO and the in-kernel IOAPIC."""
    lines = (UART_RX_LINE1, line2)
    deadline = time.monotonic() + UART_RX_TIMEOUT
    p, err = uart_rx_start(tmp_path, serial, f"lines=2 trigger={trigger}")
    out = GuestStream(p.stdout.fileno(), deadline, "stdout")
    status = None
    try:
        def detail():
            return f"janus status {p.poll()}"
        out.wait_for("uart-rx: ready", detail)
        p.stdin.write(lines[0].encode() + b"\n")
        p.stdin.flush()
        out.wait_for(f"uart-rx: got {lines[0]}", detail)
        time.sleep(0.2)
        p.stdin.write(lines[1].encode() + b"\n")
        p.stdin.flush()
        out.read_to_eof()
        status = uart_rx_wait_exit(p, deadline)
    finally:
        killed_status, stderr = uart_rx_stop(p, err)
    if status is None:
        pytest.fail(f"janus hung (status {killed_status} after kill)\n"
                    f"output:\n{out.text()}\nstderr:\n{stderr}")
    uart_rx_check(out.text(), status, stderr, lines)


@pytest.fixture
def socket_dir():
    """A short directory for a unix socket path (at most 107 bytes; pytest's
    tmp_path may be longer), removed after the test."""
    d = tempfile.mkdtemp(prefix="janus-uart-rx-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.mark.parametrize("options", ["server,nowait", "server"])
def test_uart_rx_interrupts_from_unix_socket(socket_dir, options):
    """The same path with -serial unix:PATH,server[,nowait]: the socket
    backend's input also honours the FIFO's back-pressure. With nowait the
    guest may print before we connect (that output is dropped), so we ping
    with empty lines until it answers "ready"."""
    lines = (UART_RX_LINE1, UART_RX_LINE2)
    tmp_dir = socket_dir
    path = os.path.join(tmp_dir, "com1.sock")
    deadline = time.monotonic() + UART_RX_TIMEOUT
    p, err = uart_rx_start(tmp_dir, f"unix:{path},{options}",
                           "lines=2 trigger=4")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    status = None
    out = None
    try:
        def detail():
            return f"janus status {p.poll()}"
        while True:
            try:
                sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline or p.poll() is not None:
                    pytest.fail(f"cannot connect to {path}; {detail()}")
                time.sleep(0.05)
        out = GuestStream(sock.fileno(), deadline, path)
        while b"uart-rx: ready" not in out.data:
            if time.monotonic() > deadline or out.eof:
                out.wait_for("uart-rx: ready", detail)  # reports the failure
            sock.sendall(b"\n")
            out.read_some(0.2)
        sock.sendall(lines[0].encode() + b"\n")
        out.wait_for(f"uart-rx: got {lines[0]}", detail)
        time.sleep(0.2)
        sock.sendall(lines[1].encode() + b"\n")
        out.read_to_eof()
        status = uart_rx_wait_exit(p, deadline)
    finally:
        sock.close()
        killed_status, stderr = uart_rx_stop(p, err)
    if status is None:
        pytest.fail(f"janus hung (status {killed_status} after kill)\n"
                    f"output:\n{out.text() if out else ''}\nstderr:\n{stderr}")
    uart_rx_check(out.text(), status, stderr, lines)


@pytest.mark.parametrize("serial", [None, "stdio"],
                         ids=["mon-stdio", "stdio"])
def test_uart_rx_burst_then_stdin_eof(tmp_path, serial):
    """Both lines in one write, then EOF on stdin: what the FIFO could not
    take yet is still delivered after the end of input was read."""
    lines = (UART_RX_LINE2_LONG, UART_RX_LINE2)
    deadline = time.monotonic() + UART_RX_TIMEOUT
    p, err = uart_rx_start(tmp_path, serial, "lines=2 trigger=1")
    out = GuestStream(p.stdout.fileno(), deadline, "stdout")
    status = None
    try:
        out.wait_for("uart-rx: ready", lambda: f"janus status {p.poll()}")
        p.stdin.write("".join(l + "\n" for l in lines).encode())
        p.stdin.close()
        out.read_to_eof()
        status = uart_rx_wait_exit(p, deadline)
    finally:
        killed_status, stderr = uart_rx_stop(p, err)
    if status is None:
        pytest.fail(f"janus hung (status {killed_status} after kill)\n"
                    f"output:\n{out.text()}\nstderr:\n{stderr}")
    out_text = out.text()
    detail = f"status {status}\noutput:\n{out_text}\nstderr:\n{stderr}"
    got = [l[len("uart-rx: got "):].rstrip("\r")
           for l in out_text.splitlines() if l.startswith("uart-rx: got ")]
    assert got == list(lines), detail
    assert "PASS" in out_text and "FAIL" not in out_text, detail
    assert status == EXIT_PASS, detail


def test_uart_rx_unix_socket_reconnect(socket_dir):
    """A second client of a server socket gets the serial input path back:
    line 1 from the first client, line 2 from the next one."""
    lines = (UART_RX_LINE1, UART_RX_LINE2)
    tmp_dir = socket_dir
    path = os.path.join(tmp_dir, "com1.sock")
    deadline = time.monotonic() + UART_RX_TIMEOUT
    p, err = uart_rx_start(tmp_dir, f"unix:{path},server,nowait",
                           "lines=2 trigger=4")
    socks = []
    status = None
    seen = ""

    def detail():
        return f"janus status {p.poll()}"

    def connect():
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        socks.append(sock)
        while True:
            try:
                sock.connect(path)
                return sock
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline or p.poll() is not None:
                    pytest.fail(f"cannot connect to {path}; {detail()}")
                time.sleep(0.05)

    try:
        first = connect()
        out = GuestStream(first.fileno(), deadline, path)
        while b"uart-rx: ready" not in out.data:
            if time.monotonic() > deadline or out.eof:
                out.wait_for("uart-rx: ready", detail)
            first.sendall(b"\n")
            out.read_some(0.2)
        first.sendall(lines[0].encode() + b"\n")
        out.wait_for(f"uart-rx: got {lines[0]}", detail)
        seen = out.text()
        first.close()
        # Janus serves one client at a time; the next one is accepted once
        # it has seen the first one go (EOF on its input).
        second = connect()
        out = GuestStream(second.fileno(), deadline, path)
        second.sendall(lines[1].encode() + b"\n")
        out.read_to_eof()
        seen += "\n--- reconnected ---\n" + out.text()
        status = uart_rx_wait_exit(p, deadline)
    finally:
        for s in socks:
            s.close()
        killed_status, stderr = uart_rx_stop(p, err)
    detail_text = f"status {status}\noutput:\n{seen}\nstderr:\n{stderr}"
    assert status is not None, f"janus hung ({killed_status})\n{detail_text}"
    assert f"uart-rx: got {lines[1]}\r\n" in out.text(), detail_text
    assert "PASS" in out.text() and "FAIL" not in seen, detail_text
    assert status == EXIT_PASS, detail_text


def test_serial_output_waits_for_a_slow_socket_reader(tmp_path):
    """Back-pressure: a unix-socket client that stops reading for a while
    loses nothing; the guest's UART stays busy (THRE clear) until the
    socket drains, as a real UART behind a slow line would."""
    path = str(tmp_path / "console.sock")
    n = 600    # ~45 KB in one-byte sends: far beyond the socket buffer
    proc = subprocess.Popen(
        [str(require(JANUS)), "-M", "pc", "-accel", "kvm", "-m", "32M",
         "-display", "none", "-serial", f"unix:{path},server",
         "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-kernel", guest("hello.elf"), "-append", f"lines={n}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + 10
        while True:
            try:
                sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                assert time.monotonic() < deadline, "no console socket"
                time.sleep(0.02)
        time.sleep(1.5)                  # a reader that does not read
        data = b""
        sock.settimeout(30)
        while b"PASS" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        status = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = data.decode(errors="replace")
    lines = [ln for ln in text.splitlines() if ln.startswith("bulk line ")]
    assert [int(ln.split()[2]) for ln in lines] == list(range(n)), \
        f"lost or reordered output: got {len(lines)} of {n} lines"
    assert "PASS" in text
    assert status == EXIT_PASS, proc.stderr.read().decode(errors="replace")
