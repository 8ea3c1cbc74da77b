# SPDX-License-Identifier: GPL-2.0-or-later
"""The linux-user benchmark shared by bench/user-riscv64 and
bench/user-x86_64: the CPU-bound programs of bench/user-programs/*.c,
built for the host and for a guest architecture, each timed in one run
natively, under Janus and under Debian's QEMU user-mode emulator, with
medians, ratios and their geometric means. A Target says what differs
between the two scripts (guest compiler, emulator names, library
prefix); the method is described in each script's docstring and in
docs/performance.md."""

import argparse
import datetime
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Optional

REPO = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
BUILD = os.path.abspath(os.environ.get("JANUS_BUILD", os.path.join(REPO, "build")))
SRC = os.path.join(REPO, "bench", "user-programs")

# name, default size (argv[1] of the program), what the size counts
PROGRAMS = [
    ("hash", 2000, "rounds over 1 MiB"),
    ("sort", 1200000, "ints"),
    ("interp", 12000000, "VM loop iterations"),
    ("fp", 1200000, "n-body steps"),
    ("strings", 2000000, "iterations"),
    ("threads", 900000, "items"),
]
CFLAGS = ["-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror", "-ffp-contract=off",
          "-pthread"]
LIBS = ["-lm"]
CHECKSUM = re.compile(r"^(\w+) checksum: (0x[0-9a-f]{16})$", re.M)
VARIANTS = ("native", "janus", "qemu")


@dataclass(frozen=True)
class Target:
    prog: str                   # "user-riscv64": the script's name under bench/
    guest: str                  # "riscv64": the guest build's name in the output
    description: str            # argparse description
    guest_cc_var: str           # environment variable naming the guest compiler
    guest_cc_default: str
    guest_cc_what: str          # what it is, for the "not found" message
    janus_name: str             # build/<janus_name>
    qemu_default: str           # QEMU binary on PATH
    prefix: Optional[str]       # guest library prefix for dynamic builds (-L)
    prefix_package: str = ""    # the Debian package providing the prefix
    # -L for Janus with a dynamic build (None: Janus's default prefix)
    janus_prefix: Optional[str] = None
    # the native variant runs the guest build itself (same architecture)
    native_is_guest: bool = False
    # --without-janus exists: time native and QEMU only
    janus_optional: bool = False


def die(target, msg, status=2):
    print(f"{target.prog}: {msg}", file=sys.stderr)
    sys.exit(status)


def out_of_date(target, *sources):
    return not os.path.exists(target) or any(
        os.path.getmtime(target) < os.path.getmtime(src) for src in sources)


def build(target, cc, extra, subdir, name):
    """Compile bench/user-programs/NAME.c with cc into OUT/subdir/NAME."""
    src = os.path.join(SRC, f"{name}.c")
    out = os.path.join(BUILD, "bench", target.prog, subdir, name)
    cmd = [cc] + CFLAGS + extra + ["-o", out, src] + LIBS
    stamp = out + ".cmd"
    old = open(stamp).read() if os.path.exists(stamp) else None
    if old != shlex.join(cmd) or out_of_date(out, src, os.path.join(SRC, "bench.h")):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            die(target, f"cannot build {name}: {shlex.join(cmd)}\n{r.stdout}")
        with open(stamp, "w") as f:
            f.write(shlex.join(cmd))
    return out, cmd


def tail_line(text):
    lines = [line for line in text.decode(errors="replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def run_once(argv, timeout, expect):
    """One timed run: (seconds, None, checksum) or (None, why it failed, output)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None, f"timed out after {timeout:g} s", ""
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        how = (f"killed by signal {-proc.returncode}" if proc.returncode < 0
               else f"exit status {proc.returncode}")
        last = tail_line(err) or tail_line(out)
        return None, f"{how}: {last}" if last else how, out
    m = CHECKSUM.search(out.decode(errors="replace"))
    if not m:
        return None, "no checksum line in its output", out
    if expect is not None and m.group(2) != expect:
        return None, f"wrong checksum {m.group(2)} (native: {expect})", out
    return secs, None, m.group(2)


class Cell:
    """The runs of one program under one variant."""

    def __init__(self, argv):
        self.argv = argv
        self.times = []
        self.failures = []      # reasons

    def median(self):
        return statistics.median(self.times) if self.times else None

    def failed(self):
        return bool(self.failures)

    def reason(self):
        """The failure as shown in the table: the first reason, and how often."""
        n = len(self.failures)
        total = n + len(self.times)
        first = self.failures[0]
        return f"fails: {first}" if n == total else f"fails ({n}/{total} runs): {first}"


def fmt_s(x):
    return "-" if x is None else f"{x:.3f}"


def fmt_r(x):
    return "-" if x is None else (f"{x:.2f}" if x < 100 else f"{x:.0f}")


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def md_table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")


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
                           text=True, timeout=10)
        return r.stdout.splitlines()[0] if r.stdout else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def parse_args(target):
    names = [p[0] for p in PROGRAMS]
    ap = argparse.ArgumentParser(prog=f"bench/{target.prog}",
                                 description=target.description)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per variant (5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up rounds (1)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply every program's work size (1.0)")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds before a run is killed and counted failed (300)")
    ap.add_argument("--only", help=f"comma-separated programs ({','.join(names)})")
    if target.prefix:
        ap.add_argument("--dynamic", action="store_true",
                        help=f"run a dynamically linked {target.guest} build (prefix "
                             f"{target.prefix}) instead of the static one")
    else:
        ap.add_argument("--dynamic", action="store_true",
                        help=f"run a dynamically linked {target.guest} build (the "
                             "host's own libraries) instead of the static one")
    ap.add_argument("--janus", default=os.path.join(BUILD, target.janus_name),
                    help=f"the Janus binary (build/{target.janus_name})")
    if target.janus_optional:
        ap.add_argument("--without-janus", action="store_true",
                        help="time native and QEMU only (while Janus is not built)")
    ap.add_argument("--qemu", default=os.environ.get("QEMU", target.qemu_default),
                    help=f"QEMU binary ($QEMU, else {target.qemu_default} on PATH)")
    args = ap.parse_args()
    if args.runs < 1 or args.warmup < 0:
        die(target, "--runs must be at least 1 and --warmup at least 0")
    if not args.scale > 0:
        die(target, "--scale must be positive")
    only = names
    if args.only:
        only = args.only.split(",")
        bad = [n for n in only if n not in names]
        if bad:
            die(target, f"unknown program(s): {', '.join(bad)} (known: {', '.join(names)})")
    args.programs = [p for p in PROGRAMS if p[0] in only]
    return args


def main(target):
    args = parse_args(target)
    programs = args.programs
    without_janus = getattr(args, "without_janus", False)
    variants = tuple(v for v in VARIANTS if v != "janus" or not without_janus)

    cc = os.environ.get("CC", "cc")
    cross = os.environ.get(target.guest_cc_var, target.guest_cc_default)
    tools = [(cc, "the host C compiler")]
    if cross != cc:
        tools.append((cross, target.guest_cc_what))
    for tool, what in tools:
        if not shutil.which(tool):
            die(target, f"{tool} not found: {what} is needed (scripts/setup.sh installs it)")
    qemu = shutil.which(args.qemu)
    if not qemu:
        die(target, f"{args.qemu} not found (scripts/setup.sh installs Debian's "
                    "qemu-user-static)")
    janus = os.path.abspath(args.janus)
    if not without_janus and not os.access(janus, os.X_OK):
        hint = " or --without-janus" if target.janus_optional else ""
        die(target, f"{janus} is missing: run `make -j2` first (or set JANUS_BUILD / "
                    f"--janus{hint})")
    if args.dynamic and target.prefix and not os.path.isdir(target.prefix):
        die(target, f"{target.prefix} is missing: --dynamic needs Debian's "
                    f"{target.guest} libc ({target.prefix_package})")

    guest = target.guest
    print(f"# bench/{target.prog}, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"# host: {host_description()}")
    if without_janus:
        print("# janus: not run (--without-janus): the janus columns read \"not run\"")
    else:
        print(f"# janus: {janus} ({first_line([janus, '-version'])})")
    print(f"# qemu:  {qemu} ({first_line([qemu, '--version'])})")
    print(f"# native cc: {first_line([cc, '--version'])}")
    if target.native_is_guest:
        print(f"# {guest} cc: the native cc; the native runs use the {guest} "
              "build itself")
    else:
        print(f"# {guest} cc: {first_line([cross, '--version'])}")
    print(f"# runs per variant: {args.runs}, interleaved (starting variant rotates), "
          f"after {args.warmup} warm-up round(s); scale {args.scale:g}; "
          f"timeout {args.timeout:g} s; {guest} build "
          f"{'dynamic' if args.dynamic else 'static'}")

    cells = {}
    sizes = {}
    for name, size, unit in programs:
        sizes[name] = max(1, round(size * args.scale))
        if args.dynamic:
            gb, gb_cmd = build(target, cross, [], f"{guest}-dynamic", name)
            qemu_argv = [qemu, "-L", target.prefix, gb] if target.prefix else [qemu, gb]
        else:
            gb, gb_cmd = build(target, cross, ["-static"], guest, name)
            qemu_argv = [qemu, gb]
        if target.native_is_guest:
            nat, nat_cmd = gb, None
        else:
            nat, nat_cmd = build(target, cc, [], "native", name)
        arg = [str(sizes[name])]
        janus_argv = [janus, gb]
        if args.dynamic and target.janus_prefix:
            janus_argv = [janus, "-L", target.janus_prefix, gb]
        cells[name] = {"native": Cell([nat] + arg), "janus": Cell(janus_argv + arg),
                       "qemu": Cell(qemu_argv + arg)}
        print(f"# {name}: size {sizes[name]} ({unit})")
        if name == programs[0][0]:
            if nat_cmd:
                print(f"#   native build: {shlex.join(nat_cmd)}")
            print(f"#   {guest} build: {shlex.join(gb_cmd)}")
        for v in variants:
            print(f"#   {v}: {shlex.join(cells[name][v].argv)}")
    sys.stdout.flush()

    # The native checksum is the reference for every run of the program.
    expect = {}
    for name, _, _ in programs:
        secs, why, out = run_once(cells[name]["native"].argv, args.timeout, None)
        if why:
            die(target, f"{name}: the native build fails ({why}): "
                        f"{shlex.join(cells[name]['native'].argv)}", 1)
        expect[name] = out

    rounds = args.warmup + args.runs
    n = len(variants)
    for r in range(rounds):
        warm = r < args.warmup
        label = "warm-up" if warm else f"round {r - args.warmup + 1}/{args.runs}"
        order = variants[r % n:] + variants[:r % n]
        for name, _, _ in programs:
            for v in order:
                cell = cells[name][v]
                secs, why, _ = run_once(cell.argv, args.timeout, expect[name])
                note = f"{secs:.3f} s" if why is None else why
                print(f"  {label}: {name} {v}: {note}", file=sys.stderr, flush=True)
                if warm:
                    continue
                if why:
                    cell.failures.append(why)
                else:
                    cell.times.append(secs)

    print(f"\n## medians of {args.runs} runs (seconds) and ratios of medians\n")
    rows = []
    ratios = {"janus/qemu": [], "janus/native": [], "qemu/native": []}
    excluded = []
    for name, _, _ in programs:
        c = cells[name]
        row = [name, sizes[name]]
        for v in VARIANTS:
            if v not in variants:
                row.append("not run")
            else:
                row.append(c[v].reason() if c[v].failed() else fmt_s(c[v].median()))
        med = {v: (None if v not in variants or c[v].failed() else c[v].median())
               for v in VARIANTS}
        for key in ratios:
            a, b = key.split("/")
            x = med[a] / med[b] if med[a] and med[b] else None
            row.append(fmt_r(x))
            if all(med[v] for v in variants) and x is not None:
                ratios[key].append(x)
        if not all(med[v] for v in variants):
            excluded.append(name)
        rows.append(row)
    md_table(["program", "size", "native s", "janus s", "qemu s",
              "janus/qemu", "janus/native", "qemu/native"], rows)

    counted = len(programs) - len(excluded)
    g = {k: geomean(v) for k, v in ratios.items()}
    print(f"\ngeometric means over {counted} of {len(programs)} programs: "
          + ", ".join(f"{k} {fmt_r(v)}" for k, v in g.items()))
    if excluded:
        print(f"excluded from the geometric means (a variant failed): {', '.join(excluded)}")

    print("\n## goals (judged on medians)\n")
    if without_janus:
        print("- not judged: Janus was not run (--without-janus)")
    else:
        faster = [name for name, _, _ in programs
                  if not cells[name]["janus"].failed() and not cells[name]["qemu"].failed()
                  and cells[name]["janus"].median() < cells[name]["qemu"].median()]
        janus_ok = [name for name, _, _ in programs if not cells[name]["janus"].failed()]
        print(f"- Janus faster than QEMU on every program: "
              f"{'met' if len(faster) == len(programs) else 'MISSED'} "
              f"(faster on {len(faster)} of {len(programs)}; Janus completes "
              f"{len(janus_ok)} of {len(programs)} with the right checksum in every run)")
        gm = g["janus/native"]
        print(f"- geometric mean Janus/native within 3x: "
              f"{'no data' if gm is None else ('met' if gm <= 3 else 'MISSED')} "
              f"({'-' if gm is None else fmt_r(gm) + 'x'} over {counted} programs"
              f"{'' if not excluded else ', failing programs excluded'})")

    failed = [(name, v) for name, _, _ in programs for v in variants
              if cells[name][v].failed()]
    for name, v in failed:
        print(f"\n{name} under {v}: {cells[name][v].reason()}")
        print(f"  command: {shlex.join(cells[name][v].argv)}")
    return 1 if failed else 0
