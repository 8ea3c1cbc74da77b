# SPDX-License-Identifier: GPL-2.0-or-later
"""The command line refuses what it does not accept, clearly (design.md,
contract 9): for each bad command line, exit status 1 and exactly one line on
stderr, "<program>: ..." naming the offending option, value or file; no
traceback, no core, no second line. And the informational options work.

Message texts are not fixed, so only that structure is asserted. Lines
"<program>: warning: ..." (e.g. about this host's KVM) are not errors and are
not counted. These need no download: they always run, against $JANUS_SYSTEM
(our binary by default). A missing binary is a failure.

Each bad command line is otherwise valid, so the error under test is the only
one: a usable accelerator ($JANUS_ACCEL, else kvm when /dev/kvm opens, else
tcg), -nographic, and a tiny hand-made bzImage as -kernel.

Against QEMU (JANUS_SYSTEM=/usr/bin/qemu-system-x86_64, with -m qemu) the
cases where QEMU's own messages break the rule are expected failures.
"""

import os
import re
import struct
import subprocess

import pytest

from emulator_env import emulator_path

TIMEOUT = 15  # seconds; a bad command line must fail long before this

IS_QEMU = emulator_path().name.startswith("qemu-")


def default_accel():
    """An accelerator the emulator can at least set a machine up with."""
    if os.environ.get("JANUS_ACCEL"):
        return os.environ["JANUS_ACCEL"]
    return "kvm" if os.access("/dev/kvm", os.R_OK | os.W_OK) else "tcg"


def tiny_bzimage():
    """A minimal well-formed bzImage (Linux boot protocol 2.15, 64-bit entry,
    relocatable) whose every entry point is a halt loop: enough for a loader
    to accept, and 8 KiB so any RAM size fits it."""
    setup_sects = 1
    setup = bytearray((setup_sects + 1) * 512)
    pm = bytearray(8192)
    halt = b"\xfa\xf4\xeb\xfd"           # cli; hlt; jmp back to hlt
    pm[0:4] = halt                          # 32-bit entry (code32_start)
    pm[0x200:0x204] = halt                  # 64-bit entry (+0x200)
    struct.pack_into("<B", setup, 0x1F1, setup_sects)
    struct.pack_into("<I", setup, 0x1F4, len(pm) // 16)     # syssize
    struct.pack_into("<H", setup, 0x1FE, 0xAA55)            # boot_flag
    setup[0x200:0x202] = b"\xeb\x66"                       # jmp to 0x268
    setup[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", setup, 0x206, 0x020F)            # version
    struct.pack_into("<B", setup, 0x211, 0x01)              # LOADED_HIGH
    struct.pack_into("<I", setup, 0x214, 0x100000)          # code32_start
    struct.pack_into("<I", setup, 0x22C, 0x7FFFFFFF)        # initrd_addr_max
    struct.pack_into("<I", setup, 0x230, 0x200000)          # kernel_alignment
    struct.pack_into("<B", setup, 0x234, 1)                 # relocatable
    struct.pack_into("<B", setup, 0x235, 21)                # min_alignment
    struct.pack_into("<H", setup, 0x236, 0x0003)            # KERNEL_64, >4G
    struct.pack_into("<I", setup, 0x238, 2047)              # cmdline_size
    struct.pack_into("<Q", setup, 0x258, 0x1000000)         # pref_address
    struct.pack_into("<I", setup, 0x260, 0x100000)          # init_size
    setup[0x268:0x26C] = halt                               # real-mode entry
    return bytes(setup + pm)


def run(emulator, args, timeout=TIMEOUT):
    try:
        return subprocess.run([str(emulator)] + args, capture_output=True,
                              text=True, errors="replace", timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail("%s %s did not exit within %d s"
                    % (emulator.name, " ".join(args), timeout), pytrace=False)


def assert_one_line_error(emulator, args, mentions):
    """Run emulator with args; check the error's shape. mentions: strings of
    which the line must contain at least one (case-insensitive)."""
    r = run(emulator, args)
    shown = "%s %s\n  exit status %d\n  stderr: %r\n  stdout: %r" % (
        emulator.name, " ".join(args), r.returncode, r.stderr, r.stdout[:300])
    assert r.returncode >= 0, "killed by signal %d: %s" % (-r.returncode,
                                                           shown)
    for bad in ("Traceback", "core dumped", "Sanitizer",
                "runtime error:", "Assertion", "internal error"):
        assert bad not in r.stderr, shown
    assert r.returncode == 1, shown
    prefix = emulator.name + ": "
    lines = [ln for ln in r.stderr.splitlines()
             if not ln.startswith(prefix + "warning:")]
    assert len(lines) == 1, "want exactly one error line: " + shown
    assert lines[0].startswith(prefix), "want prefix %r: %s" % (prefix, shown)
    text = lines[0][len(prefix):].lower()
    assert any(m.lower() in text for m in mentions), (
        "want a mention of one of %s: %s" % (mentions, shown))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files bad command lines name, by placeholder."""
    d = tmp_path_factory.mktemp("cmdline")
    (d / "tiny-bzImage").write_bytes(tiny_bzimage())
    (d / "not-a-kernel.txt").write_text(
        "This is a text file, not a bzImage or an ELF.\n" * 64)
    with open(d / "initrd-100M.img", "wb") as f:
        f.truncate(100 * 1024 * 1024)      # sparse: costs no disk
    return {"kernel": str(d / "tiny-bzImage"),
            "text": str(d / "not-a-kernel.txt"),
            "big": str(d / "initrd-100M.img"),
            "missing": str(d / "no-such-vmlinuz")}


def qemu_differs(why):
    """Mark a case whose QEMU message breaks the one-line rule."""
    return pytest.mark.xfail(IS_QEMU, reason="QEMU: " + why, strict=False)


def accel_usable():
    """Whether the default accelerator can set a machine up here: KVM needs
    /dev/kvm, and Janus has no x86 TCG yet."""
    return default_accel() == "kvm" or IS_QEMU


def case(name, args, mentions, kernel=True, accel=True, qemu=None,
         needs_machine=False):
    """One bad command line: the arguments after the valid base, and the
    strings of which the error line must contain at least one ({kernel},
    {text}, {big}, {missing} name the files above). kernel/accel: whether
    the base has -kernel <tiny bzImage> / -accel. qemu: why QEMU fails.
    needs_machine: the error can only show once a machine exists (device
    properties are checked as the device is created)."""
    marks = [qemu_differs(qemu)] if qemu else []
    if needs_machine:
        marks.append(pytest.mark.skipif(
            not accel_usable(),
            reason="SKIPPED: needs an accelerator to create the device: "
                   "/dev/kvm is not usable and Janus has no x86 TCG yet"))
    return pytest.param(args, mentions, kernel, accel, id=name, marks=marks)


BAD_COMMAND_LINES = [
    case("unknown-option", ["-frobnicate"], ["-frobnicate"]),
    case("missing-argument", ["-m"], ["-m"]),
    case("malformed-m", ["-m", "lots"], ["lots", "-m"],
         qemu="explains size suffixes on 2 more lines"),
    case("m-beyond-host", ["-m", "100T"], ["100T", "-m", "memory", "ram"]),
    case("smp-zero", ["-smp", "0"], ["smp", "cpu"],
         qemu="7.2 accepts -smp 0 with a warning"),
    case("smp-not-a-number", ["-smp", "abc"], ["smp", "abc"]),
    case("missing-kernel-file", ["-kernel", "{missing}"], ["{missing}"],
         kernel=False, qemu="prefix 'qemu:'"),
    case("kernel-neither-bzimage-nor-elf", ["-kernel", "{text}"],
         ["{text}", "-kernel"], kernel=False,
         qemu="prefix 'qemu:', no file name"),
    case("initrd-larger-than-ram", ["-m", "64M", "-initrd", "{big}"],
         ["{big}", "initrd"], qemu="prefix 'qemu:'"),
    case("append-without-kernel", ["-append", "console=ttyS0"],
         ["-append", "-kernel"], kernel=False),
    case("initrd-without-kernel", ["-initrd", "{big}"],
         ["-initrd", "-kernel"], kernel=False),
    case("unknown-machine", ["-M", "frob"], ["frob", "machine"],
         qemu="two lines, the name not mentioned"),
    case("unknown-device", ["-device", "frob"], ["frob"]),
    case("device-bad-property-value", ["-device", "isa-debug-exit,iobase=zz"],
         ["iobase", "zz"], needs_machine=True),
    case("device-unknown-property", ["-device", "isa-debug-exit,frob=1"],
         ["frob"], needs_machine=True),
    case("unknown-accelerator", ["-accel", "frob"], ["frob"], accel=False),
    case("bad-serial", ["-serial", "frob:"], ["frob"], qemu="two lines"),
]


@pytest.mark.parametrize("args,mentions,kernel,accel", BAD_COMMAND_LINES)
def test_bad_command_line(emulator, files, args, mentions, kernel, accel):
    base = ["-nographic"]
    if accel:
        base = ["-accel", default_accel()] + base
    if kernel:
        base += ["-kernel", files["kernel"]]
    args = [a.format(**files) for a in args]
    mentions = [m.format(**files) for m in mentions]
    # A file may be named with or without its directory.
    mentions += [os.path.basename(m) for m in mentions if "/" in m]
    assert_one_line_error(emulator, base + args, mentions)


# ---- the good ones ---------------------------------------------------------

def test_help_prints_usage(emulator):
    r = run(emulator, ["-h"])
    assert r.returncode == 0, r.stderr
    assert re.search(r"usage", r.stdout, re.I), r.stdout[:500]
    assert re.search(r"^\s*-kernel\b", r.stdout, re.M), \
        "-h does not list -kernel"


def test_version_prints_a_version(emulator):
    r = run(emulator, ["-version"])
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0] if r.stdout.strip() else ""
    assert re.search(r"version\s+\S*\d", first, re.I), repr(r.stdout[:300])


@pytest.mark.parametrize("args,wanted", [
    pytest.param(["-M", "help"], "pc", id="machine-help"),
    pytest.param(["-device", "help"], "isa-debug-exit", id="device-help"),
])
def test_help_lists(emulator, args, wanted):
    r = run(emulator, args)
    assert r.returncode == 0, r.stderr
    # A whole word: "pc" must not be satisfied by "pc-i440fx" alone.
    assert re.search(r'(^|[\s"])%s($|[\s",])' % re.escape(wanted), r.stdout,
                     re.M), "%s does not list %s:\n%s" % (
                         " ".join(args), wanted, r.stdout[:1000])
