# SPDX-License-Identifier: GPL-2.0-or-later
"""Boot fixtures for tests/system: Debian's kernel and a busybox initramfs.

Both are cached outside the work tree, keyed by version, so a second run
(or a fresh clone) reuses them:

  $XDG_CACHE_HOME/janus/fixtures/          (default ~/.cache/janus/fixtures)
      linux-image-<pkg>_<version>/vmlinuz   from the package linux-image-amd64
                                           depends on (apt-get download)
      busybox-static-<version>/busybox     only when busybox-static is not
                                           installed on the host
      initramfs-<busybox version>-<hash of init and layout>.cpio.gz

Every file is written under a temporary name in its final directory and
renamed into place, so concurrent runs never see (or leave) a half-written
fixture; the loser of a race simply discards its copy.

Run as a script to fetch everything and print the paths:
    python3 tests/system/linux_fixtures.py
"""

import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# Printed by /init once proc, sys and dev are mounted; the tests wait for it.
BOOT_MARKER = "JANUS-BOOT-OK"
# The guest shell's prompt, set by /init.
GUEST_PROMPT = "janus-guest# "

# Our /init. Kept small: the tests drive everything else through the shell.
INIT_SCRIPT = """#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Janus test initramfs: mount the pseudo file systems, say we are up, then
# give the tests a shell on the console with job control (cttyhack).
/bin/busybox mkdir -p /proc /sys /dev /tmp /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "%(marker)s"
export PS1='%(prompt)s'
export HOME=/root
cd /root
exec setsid cttyhack sh
""" % {"marker": BOOT_MARKER, "prompt": GUEST_PROMPT}

# Bump when the initramfs layout (not the script) changes, to re-key the cache.
INITRAMFS_LAYOUT = "1"

KERNEL_META_PACKAGE = "linux-image-amd64"
BUSYBOX_PACKAGE = "busybox-static"


class FixtureError(Exception):
    """A fixture could not be produced; the message says why, in one line."""


def log(msg):
    print("linux-fixtures: " + msg, file=sys.stderr, flush=True)


def cache_dir():
    """Root of the fixture cache (created on demand)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache")
    d = Path(base) / "janus" / "fixtures"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _safe(name):
    """A package version as a file-name component (epochs have colons)."""
    return re.sub(r"[^A-Za-z0-9.+~_-]", "_", name)


def _run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


def _last_line(text):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else "(no output)"


def _install_file(src, dest, mode=0o644):
    """Copy src to dest atomically (temp file in dest's directory + rename)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + dest.name + ".", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out)
        os.chmod(tmp, mode)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return dest


_apt_updated = False


def _apt_update():
    """Run apt-get update once per process; return an error string or None."""
    global _apt_updated
    if _apt_updated:
        return None
    _apt_updated = True
    log("running apt-get update")
    try:
        r = _run(["apt-get", "update", "-qq"], timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return "apt-get update failed: %s" % e
    if r.returncode != 0:
        why = _last_line(r.stderr or r.stdout)
        if os.geteuid() != 0:
            why += " (not root: run 'apt-get update' as root once)"
        return "apt-get update failed: " + why
    return None


def _apt_candidate(package):
    """(version) apt would download for package, or None if apt does not know it."""
    r = _run(["apt-cache", "show", "--no-all-versions", package])
    m = re.search(r"^Version:\s*(\S+)", r.stdout, re.M)
    return m.group(1) if r.returncode == 0 and m else None


def _kernel_package():
    """(package, version) of the concrete kernel linux-image-amd64 depends on."""
    for attempt in (0, 1):
        r = _run(["apt-cache", "depends", KERNEL_META_PACKAGE])
        m = re.search(r"Depends:\s*(linux-image-\S+)", r.stdout)
        if m:
            ver = _apt_candidate(m.group(1))
            if ver:
                return m.group(1), ver
        if attempt == 0:
            err = _apt_update()
            if err:
                raise FixtureError("apt does not know %s and %s"
                                   % (KERNEL_META_PACKAGE, err))
    raise FixtureError("apt-cache depends %s names no linux-image package"
                       % KERNEL_META_PACKAGE)


def _apt_download_extract(package, version, workdir):
    """apt-get download package=version into workdir and extract it; return
    the extraction root. Retries once after apt-get update (stale lists)."""
    reasons = []
    for attempt in (0, 1):
        r = _run(["apt-get", "download", "-q", "%s=%s" % (package, version)],
                 cwd=workdir, timeout=900)
        debs = list(Path(workdir).glob(package + "_*.deb"))
        if r.returncode == 0 and debs:
            root = Path(workdir) / "root"
            x = _run(["dpkg-deb", "-x", str(debs[0]), str(root)])
            if x.returncode != 0:
                raise FixtureError("dpkg-deb -x %s failed: %s"
                                   % (debs[0].name, _last_line(x.stderr)))
            return root
        reasons.append("apt-get download %s=%s failed: %s"
                       % (package, version, _last_line(r.stderr or r.stdout)))
        if attempt == 0:
            err = _apt_update()
            if err:
                reasons.append(err)
                break
    raise FixtureError("; ".join(reasons))


def _newest_cached(pattern, filename):
    """Most recently made cached fixture matching pattern, or None."""
    found = [p / filename for p in cache_dir().glob(pattern)
             if (p / filename).is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def kernel_image():
    """Path of Debian's current amd64 vmlinuz, downloading it if not cached.

    JANUS_LINUX_KERNEL=<file> overrides. If apt cannot say which kernel is
    current (no network, no lists), the newest cached one is used."""
    override = os.environ.get("JANUS_LINUX_KERNEL")
    if override:
        if not os.path.isfile(override):
            raise FixtureError("JANUS_LINUX_KERNEL=%s: no such file" % override)
        return Path(override)
    try:
        package, version = _kernel_package()
    except FixtureError as e:
        cached = _newest_cached("linux-image-*", "vmlinuz")
        if cached:
            log("%s; using cached %s" % (e, cached))
            return cached
        raise
    dest = cache_dir() / ("%s_%s" % (package, _safe(version))) / "vmlinuz"
    if dest.is_file():
        return dest
    log("downloading %s %s" % (package, version))
    with tempfile.TemporaryDirectory(prefix="janus-kernel-") as tmp:
        try:
            root = _apt_download_extract(package, version, tmp)
        except FixtureError as e:
            cached = _newest_cached("linux-image-*", "vmlinuz")
            if cached:
                log("%s; using cached %s" % (e, cached))
                return cached
            raise
        images = sorted((root / "boot").glob("vmlinuz-*"))
        if not images:
            raise FixtureError("%s has no boot/vmlinuz-*" % package)
        return _install_file(images[0], dest)


def _is_static_elf(path):
    """True if path is an ELF64 executable without a PT_INTERP header."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2:
                return False
            phoff, = struct.unpack_from("<Q", head, 0x20)
            phentsize, phnum = struct.unpack_from("<HH", head, 0x36)
            f.seek(phoff)
            table = f.read(phentsize * phnum)
    except OSError:
        return False
    for i in range(phnum):
        p_type, = struct.unpack_from("<I", table, i * phentsize)
        if p_type == 3:  # PT_INTERP: dynamically linked
            return False
    return True


def busybox_binary():
    """(path, version) of a static busybox: the installed busybox-static's,
    else one downloaded into the cache."""
    r = _run(["dpkg-query", "-W", "-f=${Status}|${Version}", BUSYBOX_PACKAGE])
    if r.returncode == 0 and r.stdout.startswith("install ok installed|"):
        version = r.stdout.split("|", 1)[1].strip()
        if _is_static_elf("/bin/busybox"):
            return Path("/bin/busybox"), version
    version = _apt_candidate(BUSYBOX_PACKAGE)
    if version is None:
        err = _apt_update()
        version = _apt_candidate(BUSYBOX_PACKAGE)
        if version is None:
            cached = _newest_cached("busybox-static-*", "busybox")
            if cached:
                return cached, cached.parent.name[len("busybox-static-"):]
            raise FixtureError("%s is not installed and apt does not know it%s"
                               % (BUSYBOX_PACKAGE, "; " + err if err else ""))
    dest = cache_dir() / ("busybox-static-" + _safe(version)) / "busybox"
    if dest.is_file():
        return dest, _safe(version)
    log("downloading %s %s" % (BUSYBOX_PACKAGE, version))
    with tempfile.TemporaryDirectory(prefix="janus-busybox-") as tmp:
        root = _apt_download_extract(BUSYBOX_PACKAGE, version, tmp)
        src = root / "bin" / "busybox"
        if not _is_static_elf(src):
            raise FixtureError("%s's bin/busybox is not a static ELF"
                               % BUSYBOX_PACKAGE)
        return _install_file(src, dest, 0o755), _safe(version)


def pack_initramfs(stage, out):
    """Write the tree at stage to out as a gzip'd newc cpio archive.

    /dev/console comes from the kernel's built-in initramfs, which is
    unpacked before ours, so no device node (and no root) is needed.
    Fixed times and owners make the archive a function of its inputs."""
    for p in [stage] + list(stage.rglob("*")):
        os.utime(p, (0, 0), follow_symlinks=False)
    names = sorted(str(p.relative_to(stage)) for p in stage.rglob("*"))
    listing = "".join(n + "\n" for n in names)
    with open(out, "wb") as f:
        cpio = subprocess.Popen(
            ["cpio", "--create", "--format=newc", "--owner=0:0",
             "--reproducible", "--quiet"],
            cwd=stage, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        gz = subprocess.Popen(["gzip", "-9", "-n"], stdin=cpio.stdout,
                              stdout=f, stderr=subprocess.PIPE)
        cpio.stdout.close()
        _, cpio_err = cpio.communicate(listing.encode())
        _, gz_err = gz.communicate()
    if cpio.returncode != 0:
        raise FixtureError("cpio failed: " + _last_line(cpio_err.decode()))
    if gz.returncode != 0:
        raise FixtureError("gzip failed: " + _last_line(gz_err.decode()))


def _build_cpio(busybox, out):
    """Write a gzipped newc cpio with /init and /bin/busybox to out."""
    with tempfile.TemporaryDirectory(prefix="janus-initramfs-") as tmp:
        stage = Path(tmp) / "stage"
        for d in ("bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev",
                  "tmp", "root", "etc"):
            (stage / d).mkdir(parents=True)
        shutil.copyfile(busybox, stage / "bin" / "busybox")
        os.chmod(stage / "bin" / "busybox", 0o755)
        (stage / "init").write_text(INIT_SCRIPT)
        os.chmod(stage / "init", 0o755)
        pack_initramfs(stage, out)


def initramfs():
    """Path of the test initramfs, building it if not cached.

    JANUS_LINUX_INITRD=<file> overrides (it must print BOOT_MARKER and give
    a shell with GUEST_PROMPT on the serial console)."""
    override = os.environ.get("JANUS_LINUX_INITRD")
    if override:
        if not os.path.isfile(override):
            raise FixtureError("JANUS_LINUX_INITRD=%s: no such file" % override)
        return Path(override)
    busybox, version = busybox_binary()
    digest = hashlib.sha256(
        (INITRAMFS_LAYOUT + "\0" + INIT_SCRIPT).encode()).hexdigest()[:16]
    dest = cache_dir() / ("initramfs-%s-%s.cpio.gz" % (_safe(version), digest))
    if dest.is_file():
        return dest
    for tool in ("cpio", "gzip"):
        if shutil.which(tool) is None:
            raise FixtureError("%s is not installed (scripts/setup.sh installs it)"
                               % tool)
    log("building " + dest.name)
    fd, tmp = tempfile.mkstemp(prefix="." + dest.name + ".", dir=dest.parent)
    os.close(fd)
    try:
        _build_cpio(busybox, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return dest


def cached_kernel_image():
    """The kernel if it is already available without any download, else None."""
    override = os.environ.get("JANUS_LINUX_KERNEL")
    if override:
        return Path(override) if os.path.isfile(override) else None
    return _newest_cached("linux-image-*", "vmlinuz")


def main():
    try:
        print("kernel:    %s" % kernel_image())
        print("initramfs: %s" % initramfs())
    except FixtureError as e:
        log(str(e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
