#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""riscv64 Linux boot under janus-system-riscv64 against qemu-system-riscv64.

Both emulators boot the same fixtures (tests/system-riscv64: Linux 6.1
built from Debian's linux-source-6.1, and an initramfs whose /init is
tests/system-riscv64/init.c) on `-M virt -nographic -no-reboot` with TCG;
QEMU uses its default firmware (OpenSBI), Janus its built-in SBI. /init
takes its commands from the kernel command line (janus_init=...), so no
run needs console input. Two workloads, each run --runs times per variant,
round-robin (the starting variant rotates every round) after one untimed
warm-up round:

boot     janus_init=poweroff. Timed from the fork of the emulator to the
         arrival of the boot marker on our pipe (JANUS-BOOT-OK, printed by
         /init once proc, sys and dev are mounted) and to the emulator's
         exit, which must be status 0. Peak RSS is wait4()'s ru_maxrss;
         the emulator is forked by bench/spawn-rusage.c, a small static
         helper, so python's own image is not counted.
compute  janus_init=bench:hash:N,poweroff: bench/user-programs/hash.c
         (the program bench/user-riscv64 runs under linux-user), built
         static for riscv64 into the initramfs, runs N rounds in the guest;
         its time is /init's CLOCK_MONOTONIC around fork+exec+wait in the
         guest. Its checksum must equal the host build's; the host build is
         timed too (native), for scale.

The machines are noisy: read the ratios, not the absolute times. When
janus-system-riscv64 is not built only QEMU is measured, and the report
says so. Exit status: 0 when every run succeeded, 1 when some failed (the
tables show which), 2 when the benchmark cannot run (no QEMU, no fixtures).
"""

import argparse
import datetime
import os
import platform
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

PROG = "boot-riscv64"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
BUILD = os.path.abspath(os.environ.get("JANUS_BUILD", os.path.join(REPO, "build")))
JANUS = os.environ.get("JANUS_SYSTEM_RISCV64") or os.path.join(BUILD, "janus-system-riscv64")
SPAWN_RUSAGE_SRC = os.path.join(REPO, "bench", "spawn-rusage.c")
SPAWN_RUSAGE = os.path.join(BUILD, "bench", "spawn-rusage")
NATIVE_HASH = os.path.join(BUILD, "bench", "boot-riscv64", "hash-native")

sys.path.insert(0, os.path.join(REPO, "tests", "system-riscv64"))
import riscv64_fixtures as fx  # noqa: E402

MARKER = fx.BOOT_MARKER.encode()
CHECKSUM_LINE = re.compile(rb"hash checksum: (0x[0-9a-f]+)")
GUEST_BENCH_LINE = re.compile(rb"bench hash: (\d+) ms \(exit (\d+)\)")


def die(msg, status=2):
    print(f"{PROG}: {msg}", file=sys.stderr)
    sys.exit(status)


def out_of_date(target, *sources):
    return not os.path.exists(target) or any(
        os.path.getmtime(target) < os.path.getmtime(src) for src in sources)


def compile_or_die(cmd, what):
    os.makedirs(os.path.dirname(cmd[cmd.index("-o") + 1]), exist_ok=True)
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        die(f"cannot build {what}: {shlex.join(cmd)}\n{r.stdout}")


def build_spawn_rusage():
    """The small static process the emulators are forked from."""
    if not out_of_date(SPAWN_RUSAGE, SPAWN_RUSAGE_SRC):
        return
    cc = os.environ.get("CC", "cc")
    base = [cc, "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-o", SPAWN_RUSAGE,
            SPAWN_RUSAGE_SRC]
    os.makedirs(os.path.dirname(SPAWN_RUSAGE), exist_ok=True)
    r = subprocess.run(base + ["-static"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    if r.returncode != 0:  # no static libc: a dynamic helper raises the floor a bit
        compile_or_die(base, "bench/spawn-rusage.c")


def build_native_hash():
    """The host build of the guest's CPU-bound program (same flags)."""
    src = fx.BENCH_PROGRAMS["hash"]
    cc = os.environ.get("CC", "cc")
    cmd = [cc, "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-ffp-contract=off",
           "-I", str(fx.BENCH_SOURCES), "-o", NATIVE_HASH, str(src)]
    if out_of_date(NATIVE_HASH, src, fx.BENCH_HEADER):
        compile_or_die(cmd, "the native hash program")
    return cmd


class Run:
    """One spawned process: output with arrival times, exit status, peak RSS."""

    def __init__(self):
        self.chunks = []        # (ns since the helper's fork, end offset in out)
        self.out = b""
        self.status = None
        self.exit_ns = None
        self.maxrss_kib = None
        self.timed_out = False
        self.stderr = b""

    def arrival_ns(self, offset):
        for t, end in self.chunks:
            if offset < end:
                return t
        return None


def spawn_and_time(argv, timeout):
    """Run argv under spawn-rusage: stdout on a pipe, stdin /dev/null,
    stderr to a file. Times are CLOCK_MONOTONIC, from the helper's fork."""
    run = Run()
    rfd, wfd = os.pipe()
    rep_r, rep_w = os.pipe()
    os.set_inheritable(rep_w, True)
    with tempfile.TemporaryFile() as err:
        actions = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_DUP2, wfd, 1),
                   (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        helper = [SPAWN_RUSAGE, str(rep_w)] + argv
        pid = os.posix_spawn(SPAWN_RUSAGE, helper, os.environ, file_actions=actions)
        os.close(wfd)
        os.close(rep_w)
        arrivals = []
        deadline = time.monotonic() + timeout
        left = timeout
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 and not run.timed_out:
                    run.timed_out = True     # the helper kills and reaps it
                    os.kill(pid, signal.SIGTERM)
                    deadline = time.monotonic() + 10
                    continue
                if left <= 0:
                    os.kill(pid, signal.SIGKILL)  # PDEATHSIG ends its child
                    break
                ready, _, _ = select.select([rfd], [], [], left)
                if not ready:
                    continue
                data = os.read(rfd, 65536)
                now = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
                if not data:
                    break
                run.out += data
                arrivals.append((now, len(run.out)))
            report = b""
            if left > 0:
                while True:
                    data = os.read(rep_r, 4096)
                    if not data:
                        break
                    report += data
        finally:
            os.close(rfd)
            os.close(rep_r)
            os.waitpid(pid, 0)
        err.seek(0)
        run.stderr = err.read()
    fields = dict(f.split("=", 1) for f in report.decode().split())
    if not run.timed_out and "status" in fields:
        start = int(fields["start_ns"])
        run.chunks = [(t - start, end) for t, end in arrivals]
        run.exit_ns = int(fields["exit_ns"]) - start
        run.status = os.waitstatus_to_exitcode(int(fields["status"]))
        run.maxrss_kib = int(fields["maxrss_kib"])
    return run


class Variant:
    def __init__(self, name, argv, measure):
        self.name = name
        self.argv = argv
        self.measure = measure      # Run -> dict of figures, or str (failure)
        self.results = []
        self.failures = []          # (why, Run)


def measure_boot(run):
    i = run.out.find(MARKER)
    if i < 0:
        return "boot marker not printed"
    return {"marker_ms": run.arrival_ns(i + len(MARKER) - 1) / 1e6,
            "exit_ms": run.exit_ns / 1e6,
            "rss_kib": run.maxrss_kib}


def measure_compute(run):
    c = CHECKSUM_LINE.search(run.out)
    g = GUEST_BENCH_LINE.search(run.out)
    if not c or not g:
        return "the hash program's lines were not printed"
    if g.group(2) != b"0":
        return f"the hash program exited with status {g.group(2).decode()}"
    return {"compute_ms": float(g.group(1)),
            "exit_ms": run.exit_ns / 1e6,
            "rss_kib": run.maxrss_kib,
            "checksum": c.group(1).decode()}


def measure_native(run):
    c = CHECKSUM_LINE.search(run.out)
    if not c:
        return "no checksum printed"
    return {"compute_ms": run.exit_ns / 1e6, "exit_ms": run.exit_ns / 1e6,
            "rss_kib": run.maxrss_kib, "checksum": c.group(1).decode()}


def run_variant(v, timeout):
    run = spawn_and_time(v.argv, timeout)
    if run.timed_out:
        return f"timed out after {timeout:g} s", run, None
    if run.status != 0:
        return f"exit status {run.status}, expected 0", run, None
    figures = v.measure(run)
    if isinstance(figures, str):
        return figures, run, None
    return None, run, figures


def run_rounds(variants, runs, timeout, label):
    print(f"{label}: 1 warm-up round, then {runs} rounds of {len(variants)} variant(s)",
          file=sys.stderr)
    for v in variants:
        why, _, _ = run_variant(v, timeout)
        if why:
            print(f"  warm-up: {v.name}: {why}", file=sys.stderr)
    for r in range(runs):
        k = r % len(variants)
        for v in variants[k:] + variants[:k]:
            why, run, figures = run_variant(v, timeout)
            if why:
                v.failures.append((why, run))
                print(f"  round {r + 1}: {v.name}: {why}", file=sys.stderr)
            else:
                v.results.append(figures)


def median(v, key):
    vals = [x[key] for x in v.results]
    return statistics.median(vals) if vals else None


def spread(v, key):
    vals = [x[key] for x in v.results]
    return (min(vals), max(vals)) if vals else None


def fmt(x, nd=1):
    return "-" if x is None else f"{x:.{nd}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.3f}"


def mib(v, key="rss_kib"):
    m = median(v, key)
    return None if m is None else m / 1024


def table(rows, header):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]

    def line(r):
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def show_failures(variants):
    for v in variants:
        if v.failures:
            why, run = v.failures[0]
            print(f"\n{v.name}: {len(v.failures)} failed run(s); first: {why}")
            print(f"  command: {shlex.join(v.argv)}")
            for line in run.out.decode(errors="replace").splitlines()[-8:]:
                print(f"  stdout | {line}")
            for line in run.stderr.decode(errors="replace").splitlines()[-4:]:
                print(f"  stderr | {line}")


def report_boot(variants, runs):
    print("\n## boot: spawn -> marker, spawn -> exit (poweroff), peak RSS "
          "(medians; min..max)\n")
    rows = []
    for v in variants:
        mk, ex = spread(v, "marker_ms"), spread(v, "exit_ms")
        rows.append([v.name, f"{len(v.results)}/{runs}",
                     fmt(median(v, "marker_ms")), fmt(median(v, "exit_ms")), fmt(mib(v)),
                     f"{fmt(mk[0])}..{fmt(mk[1])}" if mk else "-",
                     f"{fmt(ex[0])}..{fmt(ex[1])}" if ex else "-"])
    table(rows, ["variant", "ok", "marker ms", "exit ms", "RSS MiB", "marker range",
                 "exit range"])
    if len(variants) > 1:
        a, b = variants[0], variants[1]
        print()
        table([[f"{a.name} / {b.name}",
                ratio(median(a, "marker_ms"), median(b, "marker_ms")),
                ratio(median(a, "exit_ms"), median(b, "exit_ms")),
                ratio(median(a, "rss_kib"), median(b, "rss_kib"))]],
              ["ratio of medians", "marker", "exit", "peak RSS"])


def report_compute(variants, runs, rounds):
    print(f"\n## compute: hash.c, {rounds} rounds over 1 MiB, timed in the guest "
          "(medians; min..max)\n")
    rows = []
    for v in variants:
        sp = spread(v, "compute_ms")
        rows.append([v.name, f"{len(v.results)}/{runs}", fmt(median(v, "compute_ms")),
                     f"{fmt(sp[0])}..{fmt(sp[1])}" if sp else "-",
                     fmt(median(v, "exit_ms")), fmt(mib(v))])
    table(rows, ["variant", "ok", "compute ms", "compute range", "exit ms", "RSS MiB"])
    native = variants[0]
    print()
    rows = [[f"{v.name} / {native.name}",
             ratio(median(v, "compute_ms"), median(native, "compute_ms"))]
            for v in variants[1:]]
    if len(variants) > 2:
        rows.append([f"{variants[1].name} / {variants[2].name}",
                     ratio(median(variants[1], "compute_ms"),
                           median(variants[2], "compute_ms"))])
    table(rows, ["ratio of medians", "compute time"])
    print("(native is the host build run directly: spawn to exit, so it includes "
          "~1 ms of process start-up)")
    sums = {x["checksum"] for v in variants for x in v.results}
    if len(sums) > 1:
        print(f"\nWARNING: the variants computed different checksums: {sorted(sums)}")
        return False
    return True


def host_description():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, {cpu}, Linux {platform.release()}"


def first_line(argv):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=10, stdin=subprocess.DEVNULL)
        return r.stdout.splitlines()[0] if r.stdout else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def main():
    ap = argparse.ArgumentParser(
        prog="bench/boot-riscv64/run.sh",
        description="riscv64 Linux boot and in-guest compute: Janus vs QEMU (TCG).")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per variant (5)")
    ap.add_argument("--only", choices=["boot", "compute"], help="run one workload")
    ap.add_argument("--smp", type=int, default=1, help="harts (-smp, 1)")
    ap.add_argument("--memory", default="256M", help="guest RAM (-m, 256M)")
    ap.add_argument("--rounds", type=int, default=200,
                    help="hash rounds over 1 MiB in the compute workload (200)")
    ap.add_argument("--timeout", type=float, default=600.0,
                    help="seconds before a run is killed and counted failed (600)")
    ap.add_argument("--qemu", default=os.environ.get("QEMU", "qemu-system-riscv64"),
                    help="QEMU binary ($QEMU, else qemu-system-riscv64 on PATH)")
    ap.add_argument("--qemu-only", action="store_true",
                    help="measure QEMU only even if Janus is built")
    args = ap.parse_args()
    if args.runs < 1 or args.rounds < 1 or args.smp < 1:
        die("--runs, --rounds and --smp must be at least 1")

    qemu = shutil.which(args.qemu)
    if not qemu:
        die(f"{args.qemu} not found (scripts/setup.sh installs Debian's qemu-system-misc)")
    janus = None if args.qemu_only else JANUS
    why_no_janus = "--qemu-only" if args.qemu_only else None
    if janus and not (os.path.isfile(janus) and os.access(janus, os.X_OK)):
        why_no_janus = f"{janus} is not built"
        janus = None
    try:
        kernel, initrd = fx.kernel_image(), fx.initramfs()
    except fx.FixtureError as e:
        die(f"cannot get the riscv64 fixtures: {e}")
    build_spawn_rusage()

    def variants(workload, measure):
        append = f"console=ttyS0 earlycon=sbi panic=-1 janus_init={workload}"
        common = ["-M", "virt", "-nographic", "-no-reboot", "-smp", str(args.smp),
                  "-m", args.memory, "-kernel", str(kernel), "-initrd", str(initrd),
                  "-append", append]
        vs = []
        if janus:
            vs.append(Variant("janus", [janus] + common, measure))
        vs.append(Variant("qemu-tcg", [qemu] + common, measure))
        return vs

    print(f"# bench/boot-riscv64, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"# host: {host_description()}")
    if janus:
        print(f"# janus: {janus} ({first_line([janus, '-version'])})")
    else:
        print(f"# janus: NOT MEASURED ({why_no_janus}): QEMU only")
    print(f"# qemu:  {qemu} ({first_line([qemu, '--version'])}), default firmware")
    print(f"# kernel: {kernel}")
    print(f"# initramfs: {initrd}")
    print(f"# runs per variant: {args.runs}, interleaved round-robin, after 1 warm-up "
          f"round; -smp {args.smp} -m {args.memory}")

    ok = True
    if args.only in (None, "boot"):
        boot = variants("poweroff", measure_boot)
        for v in boot:
            print(f"# {v.name}: {shlex.join(v.argv)}")
        run_rounds(boot, args.runs, args.timeout, "boot")
        report_boot(boot, args.runs)
        show_failures(boot)
        ok = ok and all(not v.failures for v in boot)

    if args.only in (None, "compute"):
        cmd = build_native_hash()
        print(f"\n# native: {shlex.join(cmd)}")
        compute = [Variant("native", [NATIVE_HASH, str(args.rounds)], measure_native)]
        compute += variants(f"bench:hash:{args.rounds},poweroff", measure_compute)
        for v in compute:
            print(f"# {v.name}: {shlex.join(v.argv)}")
        run_rounds(compute, args.runs, args.timeout, "compute")
        ok = report_compute(compute, args.runs, args.rounds) and ok
        show_failures(compute)
        ok = ok and all(not v.failures for v in compute)

    if not janus:
        print(f"\n(Janus not measured: {why_no_janus}; the figures above are QEMU's alone)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
