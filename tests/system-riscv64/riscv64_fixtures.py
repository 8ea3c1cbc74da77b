# SPDX-License-Identifier: GPL-2.0-or-later
"""riscv64 boot fixtures: a Linux 6.1 Image built from Debian's
linux-source-6.1 and an initramfs whose /init is our own static program.

Both live in the fixture cache of tests/system/linux_fixtures.py, outside
the work tree, keyed by everything that goes into them:

  $XDG_CACHE_HOME/janus/fixtures/          (default ~/.cache/janus/fixtures)
      riscv64-linux-<key>/Image            key = hash of the config fragment,
      riscv64-linux-<key>/config           the linux-source-6.1 version and
      riscv64-linux-<key>/build.log        the cross gcc version
      riscv64-initramfs-<key>.cpio.gz      key = hash of init.c, the bench
                                           program and the cross gcc version

The kernel is configured with `make tinyconfig` and then the fragment
linux-riscv64.config (next to this file) merged on top; every option of
the fragment is checked against the final .config. It is built in a
scratch directory under the cache (never in the work tree) with
`nice -n 10 make -j2`, and the scratch directory is removed afterwards.
A lock file serialises concurrent callers: a second caller waits for the
first build instead of starting its own. Finished files are renamed into
place, so nobody ever sees a half-written fixture.

Run as a script to build (if needed) and print the paths:
    /usr/bin/python3 tests/system-riscv64/riscv64_fixtures.py [kernel|initramfs]
"""

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# The cache, its helpers and the initramfs packer are shared with the x86
# Linux fixtures.
sys.path.insert(0, str(REPO / "tests" / "system"))
import linux_fixtures  # noqa: E402

CONFIG_FRAGMENT = HERE / "linux-riscv64.config"
INIT_SOURCE = HERE / "init.c"
# The CPU-bound program `bench NAME` runs in the guest: bench/user-programs
# sources that bench/user-riscv64 also runs under janus-riscv64.
BENCH_SOURCES = REPO / "bench" / "user-programs"
BENCH_PROGRAMS = {
    "hash": BENCH_SOURCES / "hash.c",
}
BENCH_HEADER = BENCH_SOURCES / "bench.h"

LINUX_SOURCE_PACKAGE = "linux-source-6.1"
LINUX_SOURCE_TARBALL = Path("/usr/src/linux-source-6.1.tar.xz")
CROSS_COMPILE = "riscv64-linux-gnu-"
CROSS_GCC = CROSS_COMPILE + "gcc"
MAKE_JOBS = "2"

# Printed by /init once proc, sys and dev are mounted; the tests wait for it.
BOOT_MARKER = "JANUS-BOOT-OK"
# /init's prompt on the console.
GUEST_PROMPT = "janus# "

# Bump to re-key the cache when the build procedure (not its inputs) changes.
KERNEL_RECIPE = "2"
# Fixed identity for `uname -v` and the banner, so the Image is a function
# of the cache key alone, not of when and where it was built.
KBUILD_IDENTITY = {
    "KBUILD_BUILD_TIMESTAMP": "Thu Jan  1 00:00:00 UTC 2026",
    "KBUILD_BUILD_USER": "janus",
    "KBUILD_BUILD_HOST": "fixtures",
    "KBUILD_BUILD_VERSION": "1",
}
INITRAMFS_RECIPE = "1"


FixtureError = linux_fixtures.FixtureError
cache_dir = linux_fixtures.cache_dir
_run = linux_fixtures._run
_last_line = linux_fixtures._last_line
_install_atomically = linux_fixtures._install_file


def log(msg):
    print("riscv64-fixtures: " + msg, file=sys.stderr, flush=True)


def _package_version(package):
    r = _run(["dpkg-query", "-W", "-f=${Status}|${Version}", package])
    if r.returncode == 0 and r.stdout.startswith("install ok installed|"):
        return r.stdout.split("|", 1)[1].strip()
    return None


def _cross_gcc_version():
    if shutil.which(CROSS_GCC) is None:
        raise FixtureError("%s is not installed (scripts/setup.sh installs "
                           "gcc-riscv64-linux-gnu)" % CROSS_GCC)
    r = _run([CROSS_GCC, "--version"])
    if r.returncode != 0:
        raise FixtureError("%s --version failed: %s"
                           % (CROSS_GCC, _last_line(r.stderr)))
    return r.stdout.splitlines()[0].strip()


def _digest(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


class _Lock:
    """flock on a file in the cache: one builder per fixture at a time."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("another process is building %s; waiting for it"
                % self.path.name)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        os.close(self.fd)


# ---------------------------------------------------------------- kernel

def kernel_key():
    """Cache key of the kernel: fragment, source version, compiler."""
    if not CONFIG_FRAGMENT.is_file():
        raise FixtureError("%s is missing" % CONFIG_FRAGMENT)
    src_version = _package_version(LINUX_SOURCE_PACKAGE)
    if src_version is None or not LINUX_SOURCE_TARBALL.is_file():
        raise FixtureError("%s is not installed (scripts/setup.sh installs it)"
                           % LINUX_SOURCE_PACKAGE)
    return _digest(KERNEL_RECIPE, CONFIG_FRAGMENT.read_bytes(), src_version,
                   _cross_gcc_version())


def _kernel_dir():
    return cache_dir() / ("riscv64-linux-" + kernel_key())


def cached_kernel_image():
    """The kernel Image if it is already built (or overridden), else None."""
    override = os.environ.get("JANUS_RISCV64_KERNEL")
    if override:
        return Path(override) if os.path.isfile(override) else None
    try:
        image = _kernel_dir() / "Image"
    except FixtureError:
        return None
    return image if image.is_file() else None


def parse_fragment(text):
    """{option: value} of a config fragment; value 'n' for 'is not set'."""
    wanted = {}
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r"#\s*(CONFIG_\w+) is not set$", line)
        if m:
            wanted[m.group(1)] = "n"
            continue
        if not line or line.startswith("#"):
            continue
        m = re.match(r"(CONFIG_\w+)=(.*)$", line)
        if not m:
            raise FixtureError("%s: cannot parse %r" % (CONFIG_FRAGMENT.name,
                                                         line))
        wanted[m.group(1)] = m.group(2)
    return wanted


def check_config(fragment_text, config_text):
    """Lines of the fragment the final .config does not honour."""
    have = parse_fragment(config_text)
    bad = []
    for opt, val in parse_fragment(fragment_text).items():
        got = have.get(opt, "n")
        if got != val:
            bad.append("%s=%s (wanted %s)" % (opt, got, val))
    return bad


PROGRESS_SECONDS = 30


def _progress(log_path, start):
    """One line on what make is doing: objects so far and the last one."""
    try:
        lines = Path(log_path).read_text(errors="replace").splitlines()
    except OSError:
        return
    built = [ln.split()[-1] for ln in lines
             if ln.startswith(("  CC ", "  AS ", "  LD "))]
    log("still building (%.0f s): %d objects, last %s"
        % (time.monotonic() - start, len(built), built[-1] if built else "-"))


def _make(build, log_file, *targets):
    argv = ["nice", "-n", "10", "make", "-C", str(build / "src"),
            "O=" + str(build / "obj"), "ARCH=riscv",
            "CROSS_COMPILE=" + CROSS_COMPILE, "-j" + MAKE_JOBS] + list(targets)
    log_file.write("$ %s\n" % " ".join(argv))
    log_file.flush()
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=log_file, stderr=subprocess.STDOUT,
                            env=dict(os.environ, **KBUILD_IDENTITY))
    try:
        while True:
            try:
                status = proc.wait(timeout=PROGRESS_SECONDS)
                break
            except subprocess.TimeoutExpired:
                _progress(log_file.name, start)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    if status != 0:
        raise FixtureError("make %s failed (exit %d); see %s"
                           % (" ".join(targets), status, log_file.name))


def _build_kernel(dest_dir):
    fragment = CONFIG_FRAGMENT.read_text()
    build = Path(tempfile.mkdtemp(prefix=".riscv64-linux-build-",
                                  dir=cache_dir()))
    log_path = build / "build.log"
    start = time.monotonic()
    try:
        with open(log_path, "w") as lf:
            log("extracting %s into %s" % (LINUX_SOURCE_TARBALL, build))
            r = subprocess.run(["tar", "-xf", str(LINUX_SOURCE_TARBALL),
                                "-C", str(build)],
                               stdout=lf, stderr=subprocess.STDOUT)
            if r.returncode != 0:
                raise FixtureError("tar -xf %s failed; see %s"
                                   % (LINUX_SOURCE_TARBALL, log_path))
            tops = [p for p in build.iterdir() if p.is_dir()]
            if len(tops) != 1:
                raise FixtureError("%s does not hold exactly one directory"
                                   % LINUX_SOURCE_TARBALL)
            tops[0].rename(build / "src")
            (build / "obj").mkdir()
            log("configuring: tinyconfig + %s" % CONFIG_FRAGMENT.name)
            _make(build, lf, "tinyconfig")
            frag_copy = build / "fragment.config"
            frag_copy.write_text(fragment)
            r = subprocess.run(
                [str(build / "src" / "scripts" / "kconfig" / "merge_config.sh"),
                 "-m", "-O", str(build / "obj"),
                 str(build / "obj" / ".config"), str(frag_copy)],
                cwd=build / "src", stdout=lf, stderr=subprocess.STDOUT,
                env=dict(os.environ, ARCH="riscv",
                         CROSS_COMPILE=CROSS_COMPILE))
            if r.returncode != 0:
                raise FixtureError("merge_config.sh failed; see %s" % log_path)
            _make(build, lf, "olddefconfig")
            config = (build / "obj" / ".config").read_text()
            bad = check_config(fragment, config)
            if bad:
                raise FixtureError("the kernel config does not honour %s: %s"
                                   % (CONFIG_FRAGMENT.name, ", ".join(bad)))
            log("building Image (nice -n 10 make -j%s; log in %s)"
                % (MAKE_JOBS, log_path))
            _make(build, lf, "Image")
        image = build / "obj" / "arch" / "riscv" / "boot" / "Image"
        if not image.is_file():
            raise FixtureError("make Image produced no %s" % image)
        # Image last: its presence means the directory is complete.
        _install_atomically(build / "obj" / ".config", dest_dir / "config")
        _install_atomically(log_path, dest_dir / "build.log")
        _install_atomically(image, dest_dir / "Image")
        log("kernel built in %.0f s: %s" % (time.monotonic() - start,
                                             dest_dir / "Image"))
    except BaseException:
        if log_path.is_file():
            keep = cache_dir() / "riscv64-linux-failed-build.log"
            shutil.copyfile(log_path, keep)
            log("build log kept in %s" % keep)
        raise
    finally:
        shutil.rmtree(build, ignore_errors=True)


def kernel_image():
    """Path of the riscv64 Image, building it (4-15 minutes) if not cached.

    JANUS_RISCV64_KERNEL=<file> overrides."""
    override = os.environ.get("JANUS_RISCV64_KERNEL")
    if override:
        if not os.path.isfile(override):
            raise FixtureError("JANUS_RISCV64_KERNEL=%s: no such file"
                               % override)
        return Path(override)
    dest_dir = _kernel_dir()
    image = dest_dir / "Image"
    if image.is_file():
        return image
    for tool in ("make", "tar", "xz", "flex", "bison", "bc", "nice"):
        if shutil.which(tool) is None:
            raise FixtureError("%s is not installed (scripts/setup.sh "
                               "installs it)" % tool)
    with _Lock(cache_dir() / (".riscv64-linux-%s.lock" % kernel_key())):
        if image.is_file():
            return image
        _build_kernel(dest_dir)
    return image


# ------------------------------------------------------------- initramfs

def initramfs_key():
    parts = [INITRAMFS_RECIPE, INIT_SOURCE.read_bytes(), _cross_gcc_version(),
             BOOT_MARKER, GUEST_PROMPT, BENCH_HEADER.read_bytes()]
    for name, src in sorted(BENCH_PROGRAMS.items()):
        parts += [name, src.read_bytes()]
    return _digest(*parts)


def _cross_compile(src, out, extra=()):
    argv = [CROSS_GCC, "-static", "-std=gnu11", "-O2", "-Wall", "-Wextra",
            "-Werror"] + list(extra) + ["-o", str(out), str(src)]
    r = _run(argv)
    if r.returncode != 0:
        raise FixtureError("%s failed: %s" % (" ".join(argv[:2] + [str(src)]),
                                              _last_line(r.stderr)))


def _build_cpio(out):
    with tempfile.TemporaryDirectory(prefix="janus-rv-initramfs-") as tmp:
        stage = Path(tmp) / "stage"
        for d in ("bin", "proc", "sys", "dev", "tmp", "root"):
            (stage / d).mkdir(parents=True)
        _cross_compile(INIT_SOURCE, stage / "init",
                       ["-DBOOT_MARKER=\"%s\"" % BOOT_MARKER,
                        "-DGUEST_PROMPT=\"%s\"" % GUEST_PROMPT])
        for name, src in BENCH_PROGRAMS.items():
            # The flags bench/user-riscv64 uses, so the numbers compare.
            _cross_compile(src, stage / "bin" / name,
                           ["-ffp-contract=off", "-I", str(BENCH_SOURCES)])
        linux_fixtures.pack_initramfs(stage, out)


def initramfs():
    """Path of the riscv64 test initramfs, building it if not cached.

    JANUS_RISCV64_INITRD=<file> overrides (it must behave like init.c)."""
    override = os.environ.get("JANUS_RISCV64_INITRD")
    if override:
        if not os.path.isfile(override):
            raise FixtureError("JANUS_RISCV64_INITRD=%s: no such file"
                               % override)
        return Path(override)
    dest = cache_dir() / ("riscv64-initramfs-%s.cpio.gz" % initramfs_key())
    if dest.is_file():
        return dest
    for tool in ("cpio", "gzip"):
        if shutil.which(tool) is None:
            raise FixtureError("%s is not installed (scripts/setup.sh "
                               "installs it)" % tool)
    log("building " + dest.name)
    fd, tmp = tempfile.mkstemp(prefix="." + dest.name + ".", dir=dest.parent)
    os.close(fd)
    try:
        _build_cpio(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return dest


def main(argv):
    what = argv[1:] or ["kernel", "initramfs"]
    try:
        for w in what:
            if w == "kernel":
                print("kernel:    %s" % kernel_image(), flush=True)
            elif w == "initramfs":
                print("initramfs: %s" % initramfs(), flush=True)
            else:
                log("unknown fixture %r (kernel or initramfs)" % w)
                return 2
    except FixtureError as e:
        log(str(e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
