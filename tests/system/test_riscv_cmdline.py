# SPDX-License-Identifier: GPL-2.0-or-later
"""janus-system-riscv64's command line (the virt board): each bad command
line fails with exit status 1 and exactly one error line "<program>: ...",
as tests/system/test_cmdline_errors.py asks of the PC; and
-M virt,dumpdtb=FILE writes a device tree that dtc decodes, with the nodes
Linux needs. None of this runs a hart, so it needs no accelerator and no
download. The binary is $JANUS_SYSTEM_RISCV64, else our build; a missing
binary is a failure.
"""

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 15


def riscv_emulator():
    return Path(os.environ.get("JANUS_SYSTEM_RISCV64")
                or REPO / "build" / "janus-system-riscv64")


@pytest.fixture(scope="module")
def emu():
    path = riscv_emulator()
    assert path.exists(), "%s is not built (make)" % path
    return path


def run(emu, args):
    try:
        return subprocess.run([str(emu)] + args, capture_output=True,
                              text=True, errors="replace", timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail("%s %s did not exit within %d s"
                    % (emu.name, " ".join(args), TIMEOUT), pytrace=False)


def tiny_image(image_size=0x10000):
    """A riscv64 Linux Image header (Documentation/riscv/boot-image-header):
    code0/code1, text_offset 2 MiB, image_size, flags, version 0.2, magic
    "RISCV\\0\\0\\0" and magic2 "RSC\\x05", then a little body."""
    hdr = struct.pack("<IIQQQIIQ8sI4s", 0x0000006f, 0, 0x200000, image_size,
                      0, 2, 0, 0, b"RISCV\0\0\0", 0, b"RSC\x05")
    assert len(hdr) == 64
    return hdr + b"\0" * 4032


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("riscv-cmdline")
    (d / "Image").write_bytes(tiny_image())
    (d / "huge-Image").write_bytes(tiny_image(image_size=512 << 20))
    (d / "not-a-kernel.txt").write_text("not a kernel\n" * 64)
    (d / "vmlinux").write_bytes(b"\x7fELF\x02\x01\x01" + b"\0" * 200)
    (d / "junk.dtb").write_bytes(b"\x5a" * 256)
    with open(d / "initrd-100M.img", "wb") as f:
        f.truncate(100 << 20)
    (d / "initrd.img").write_bytes(b"\x1f\x8b" + b"\0" * 3000)
    return {"image": str(d / "Image"), "huge": str(d / "huge-Image"),
            "text": str(d / "not-a-kernel.txt"), "elf": str(d / "vmlinux"),
            "junk": str(d / "junk.dtb"), "big": str(d / "initrd-100M.img"),
            "initrd": str(d / "initrd.img"),
            "missing": str(d / "no-such-file"),
            "dir": str(d)}


def assert_one_line_error(emu, args, mentions):
    r = run(emu, args)
    shown = "%s %s\n  exit status %d\n  stderr: %r\n  stdout: %r" % (
        emu.name, " ".join(args), r.returncode, r.stderr, r.stdout[:300])
    assert r.returncode == 1, shown
    for bad in ("Traceback", "core dumped", "Sanitizer", "runtime error:",
                "Assertion", "internal error"):
        assert bad not in r.stderr, shown
    prefix = emu.name + ": "
    lines = [ln for ln in r.stderr.splitlines()
             if not ln.startswith(prefix + "warning:")]
    assert len(lines) == 1, "want exactly one error line: " + shown
    assert lines[0].startswith(prefix), shown
    text = lines[0][len(prefix):].lower()
    assert any(m.lower() in text for m in mentions), (
        "want a mention of one of %s: %s" % (mentions, shown))


BAD = [
    ("kernel-is-text", ["-kernel", "{text}"], ["{text}"]),
    ("kernel-is-elf", ["-kernel", "{elf}"], ["{elf}", "elf"]),
    ("kernel-missing", ["-kernel", "{missing}"], ["{missing}"]),
    ("kernel-larger-than-ram", ["-m", "128M", "-kernel", "{huge}"],
     ["{huge}"]),
    ("initrd-missing", ["-kernel", "{image}", "-initrd", "{missing}"],
     ["{missing}"]),
    ("initrd-larger-than-ram", ["-m", "64M", "-kernel", "{image}",
                                "-initrd", "{big}"], ["{big}", "initrd"]),
    ("unknown-machine", ["-M", "frob", "-kernel", "{image}"], ["frob"]),
    ("pc-machine-not-here", ["-M", "pc", "-kernel", "{image}"], ["pc"]),
    ("smp-beyond-max", ["-smp", "600", "-kernel", "{image}"], ["smp", "600"]),
    ("bad-cpu-model", ["-cpu", "host", "-kernel", "{image}"], ["host"]),
    ("no-kernel-no-bios", [], ["-kernel", "-bios"]),
    ("bios-none", ["-bios", "none", "-kernel", "{image}"], ["-bios"]),
    ("bios-missing", ["-bios", "{missing}"], ["{missing}"]),
    ("dtb-missing", ["-kernel", "{image}", "-dtb", "{missing}"],
     ["{missing}"]),
    ("dtb-not-a-tree", ["-kernel", "{image}", "-dtb", "{junk}"], ["{junk}"]),
    ("dumpdtb-unwritable", ["-M", "virt,dumpdtb={dir}/no/such/dir/x.dtb"],
     ["dumpdtb"]),
    ("m-too-small", ["-m", "8M", "-kernel", "{image}"], ["-m"]),
    ("accel-kvm-cannot-run-riscv", ["-accel", "kvm", "-kernel", "{image}"],
     ["kvm"]),
    ("machine-bad-property", ["-M", "virt,frob=1", "-kernel", "{image}"],
     ["frob"]),
]


@pytest.mark.parametrize("args,mentions", [pytest.param(a, m, id=n)
                                           for n, a, m in BAD])
def test_bad_command_line(emu, files, args, mentions):
    args = ["-nographic"] + [a.format(**files) for a in args]
    mentions = [m.format(**files) for m in mentions]
    mentions += [os.path.basename(m) for m in mentions if "/" in m]
    assert_one_line_error(emu, args, mentions)


def test_machine_help_lists_virt_only(emu):
    r = run(emu, ["-M", "help"])
    assert r.returncode == 0, r.stderr
    assert re.search(r"^virt\s.*\(default\)", r.stdout, re.M), r.stdout
    assert not re.search(r"^pc\s", r.stdout, re.M), r.stdout


def test_cpu_help(emu):
    r = run(emu, ["-cpu", "help"])
    assert r.returncode == 0, r.stderr
    assert re.search(r"^rv64\b", r.stdout, re.M), r.stdout


# ---- dumpdtb -----------------------------------------------------------------

def dtc_decode(path):
    if not shutil.which("dtc"):
        pytest.skip("SKIPPED: dtc (device-tree-compiler) is not installed")
    r = subprocess.run(["dtc", "-I", "dtb", "-O", "dts", str(path)],
                       capture_output=True, text=True, timeout=TIMEOUT)
    assert r.returncode == 0, r.stderr
    return r.stdout


def dump(emu, tmp_path, extra):
    out = tmp_path / "virt.dtb"
    r = run(emu, ["-M", "virt,dumpdtb=%s" % out] + extra)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr
    assert out.stat().st_size > 0
    return dtc_decode(out)


def test_dumpdtb_has_the_board(emu, files, tmp_path):
    dts = dump(emu, tmp_path, ["-smp", "2", "-m", "256M",
                               "-kernel", files["image"],
                               "-initrd", files["initrd"],
                               "-append", "console=ttyS0 earlycon=sbi"])
    for node in ("cpus {", "cpu@0 {", "cpu@1 {", "cpu-map {",
                 "memory@80000000 {", "soc {", "clint@2000000 {",
                 "plic@c000000 {", "serial@10000000 {", "test@100000 {",
                 "rtc@101000 {", "virtio_mmio@10001000 {",
                 "virtio_mmio@10008000 {", "poweroff {", "reboot {",
                 "chosen {"):
        assert node in dts, "no %r in:\n%s" % (node, dts)
    assert "cpu@2 {" not in dts
    assert 'bootargs = "console=ttyS0 earlycon=sbi";' in dts
    assert 'stdout-path = "/soc/serial@10000000";' in dts
    assert "linux,initrd-start" in dts and "linux,initrd-end" in dts
    assert "timebase-frequency = <0x989680>;" in dts
    assert 'riscv,isa = "rv64imafdc' in dts
    assert 'compatible = "sifive,plic-1.0.0\\0riscv,plic0";' in dts
    assert 'compatible = "sifive,clint0\\0riscv,clint0";' in dts
    assert 'compatible = "ns16550a";' in dts
    assert "riscv,ndev = <0x5f>;" in dts
    assert 'compatible = "syscon-poweroff";' in dts
    assert "reg = <0x00 0x80000000 0x00 0x10000000>;" in dts


def test_dumpdtb_needs_no_kernel(emu, tmp_path):
    dts = dump(emu, tmp_path, [])
    assert "bootargs" not in dts and "linux,initrd-start" not in dts
    assert "memory@80000000 {" in dts


def test_dtb_file_is_used_and_completed(emu, files, tmp_path):
    """-dtb: our tree is replaced by the user's, with /chosen filled in."""
    if not shutil.which("dtc"):
        pytest.skip("SKIPPED: dtc (device-tree-compiler) is not installed")
    src = tmp_path / "mine.dts"
    src.write_text('/dts-v1/;\n/ { model = "my-board"; #address-cells = <2>;'
                   ' #size-cells = <2>; };\n')
    blob = tmp_path / "mine.dtb"
    subprocess.run(["dtc", "-I", "dts", "-O", "dtb", "-o", str(blob),
                    str(src)], check=True, timeout=TIMEOUT)
    dts = dump(emu, tmp_path, ["-dtb", str(blob), "-kernel", files["image"],
                               "-append", "root=/dev/vda"])
    assert 'model = "my-board";' in dts
    assert 'bootargs = "root=/dev/vda";' in dts
    assert "plic@c000000" not in dts
