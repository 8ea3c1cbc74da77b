# SPDX-License-Identifier: GPL-2.0-or-later
"""Debian's own amd64 binaries, unmodified, run natively and under the
x86-64 user-mode emulator (build/janus-x86_64, or $JANUS_X86_64): the same
stdout, stderr and exit status, and files they write byte-identical.

Covered: the static busybox (busybox-static: echo, sh arithmetic loops,
sort, md5sum, sha256sum, wc, sed, awk, tar), coreutils (ls -la with fixed
mtimes, sort, sha256sum, md5sum over a few MB), gzip and xz round trips,
python3 running a script (big ints, floats, json, hashlib, re, sorting,
generators) and a pthreads program of ours (mutex, condition variables,
C11 atomics) with a scheduling-independent checksum. Every input is
generated here from a fixed seed; LC_ALL=C and TZ=UTC."""

import hashlib
import os
import random
import subprocess

import pytest

from x86_64_emulator import PROGS, emulated, need_emulator, need_program, \
    run, run_both

BUSYBOX = "/bin/busybox"


def tool(path, package):
    """A Debian program the test needs; scripts/setup.sh installs it."""
    need_emulator()
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is missing: install the Debian package "
                    f"{package} (scripts/setup.sh lists it)")
    return path


def environment(home):
    return {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "TZ": "UTC",
            "HOME": str(home)}


def words(rng, n):
    syll = ["ka", "lo", "mi", "ne", "ru", "sta", "x", "qu", "ze", "bo", "th"]
    return ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4)))
            for _ in range(n)]


def text_file(path, lines, seed):
    rng = random.Random(seed)
    w = words(rng, 500)
    with open(path, "w") as f:
        for i in range(lines):
            f.write(f"{rng.choice(w)} {rng.randint(-99999, 999999)} "
                    f"{rng.choice(w)}{i % 97} {rng.random() * 1000:.4f}\n")
    return path


def mixed_data(size, seed):
    """Bytes that compress some but not all: text runs, repeats, noise."""
    rng = random.Random(seed)
    w = words(rng, 300)
    out = bytearray()
    while len(out) < size:
        kind = rng.random()
        if kind < 0.6:
            out += " ".join(rng.choice(w) for _ in range(40)).encode() + b"\n"
        elif kind < 0.8 and len(out) > 1000:
            start = rng.randrange(len(out) - 500)
            out += out[start:start + rng.randint(50, 500)]
        else:
            out += rng.randbytes(rng.randint(16, 256))
    return bytes(out[:size])


# ---- busybox (static) ---------------------------------------------------

@pytest.fixture
def bb_files(tmp_path):
    text_file(tmp_path / "data.txt", 3000, 1)
    (tmp_path / "blob").write_bytes(mixed_data(300_000, 2))
    return tmp_path


BB_SCRIPT = r"""
i=0; s=0; p=1
while [ $i -lt 3000 ]; do
  s=$(( s + (i * i) % 7919 - (i >> 2) ))
  p=$(( (p * 31 + i) & 0xffffffff ))
  i=$(( i + 1 ))
done
echo "sum=$s hash=$p"
printf '%x %o %d\n' $(( p ^ 0x5a5a5a5a )) $(( s % 4096 )) $(( -s / 7 ))
for w in alpha beta gamma; do echo "${w}:${#w}"; done
x=abcdef; echo "${x#ab} ${x%ef} ${x:-none}"
case "$s" in *[13579]) echo odd ;; *) echo even ;; esac
"""

BB_CASES = {
    "echo": (["echo", "hello", "busybox", "world"], None),
    "sh": (["sh", "-c", BB_SCRIPT], None),
    "sort": (["sort", "-k2,2n", "-k1,1", "data.txt"], None),
    "sort-stdin": (["sort", "-r", "-u"], "data.txt"),
    "md5sum": (["md5sum", "data.txt", "blob"], None),
    "sha256sum": (["sha256sum", "data.txt", "blob"], None),
    "wc": (["wc", "-l", "-w", "-c", "data.txt", "blob"], None),
    "sed": (["sed", "-e", r"s/^\([a-z]*\) \(-*[0-9]*\)/\2=\1/",
             "-e", "/^-/d", "-e", "100q", "data.txt"], None),
    "awk": (["awk", r'{ n++; s += $2; if ($2 > m) m = $2; c[substr($1,1,1)]++ }'
             r' END { printf "%d %d %d %.3f\n", n, s, m, s / n;'
             r' for (k in c) t = t + c[k] * length(k); print t, length(c) }',
             "data.txt"], None),
}


@pytest.mark.parametrize("case", sorted(BB_CASES))
def test_busybox_applet(case, bb_files):
    bb = tool(BUSYBOX, "busybox-static")
    argv, stdin_file = BB_CASES[case]
    stdin = (bb_files / stdin_file).read_bytes() if stdin_file else None
    run_both([bb, *argv], stdin=stdin, cwd=bb_files,
             env=environment(bb_files))


def test_busybox_tar(tmp_path):
    bb = tool(BUSYBOX, "busybox-static")
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_bytes(mixed_data(20_000, 3))
    (src / "sub" / "b.bin").write_bytes(mixed_data(70_000, 4))
    (src / "sub" / "empty").write_bytes(b"")
    os.symlink("a.txt", src / "link")
    env = environment(tmp_path)
    # create: the archive (to stdout) is byte-identical
    nat, _ = run_both([bb, "tar", "-cf", "-", "-C", str(src), "."],
                      cwd=tmp_path, env=env)
    archive = tmp_path / "src.tar"
    archive.write_bytes(nat.stdout)
    run_both([bb, "tar", "-tvf", str(archive)], cwd=tmp_path, env=env)
    # extract under the emulator: the same tree comes out
    out = tmp_path / "out"
    out.mkdir()
    r = run(emulated([bb, "tar", "-xf", str(archive), "-C", str(out)]),
            env=env)
    assert r.returncode == 0 and r.stderr == b"", r
    for rel in ("a.txt", "sub/b.bin", "sub/empty"):
        assert (out / rel).read_bytes() == (src / rel).read_bytes(), rel
    assert os.readlink(out / "link") == "a.txt"


# ---- coreutils (dynamic) ------------------------------------------------

def test_coreutils_ls(tmp_path):
    ls = tool("/usr/bin/ls", "coreutils")
    d = tmp_path / "dir"
    (d / "subdir").mkdir(parents=True)
    files = {"alpha.txt": 10, "beta.bin": 4096, "Gamma": 0, "delta-long-name": 123457}
    for i, (name, size) in enumerate(sorted(files.items())):
        (d / name).write_bytes(b"x" * size)
        os.chmod(d / name, [0o644, 0o600, 0o755, 0o444][i])
    os.symlink("alpha.txt", d / "link")
    env = environment(tmp_path)
    for i, p in enumerate(["alpha.txt", "beta.bin", "Gamma", "delta-long-name",
                           "subdir", "."]):
        subprocess.run(["touch", "-d", f"2021-0{i + 1}-1{i} 12:3{i}:00",
                        str(d / p)], check=True, env=env)
    subprocess.run(["touch", "-h", "-d", "2020-12-31 23:59:59",
                    str(d / "link")], check=True, env=env)
    run_both([ls, "-la", str(d)], env=env)
    run_both([ls, "-la", "--time-style=full-iso", "-S", "-r", str(d)], env=env)
    run_both([ls, "-1", "-R", "-F", str(d)], env=env)


def test_coreutils_sort(tmp_path):
    sort = tool("/usr/bin/sort", "coreutils")
    f = text_file(tmp_path / "big.txt", 40_000, 5)
    env = environment(tmp_path)
    # one thread: the same code path natively and emulated
    nat, _ = run_both([sort, "--parallel=1", "-k2,2n", "-k4,4g", str(f)],
                      env=env)
    assert len(nat.stdout.splitlines()) == 40_000
    run_both([sort, "--parallel=1", "-u", "-t", " ", "-k3,3", "-k1,1r",
              str(f)], env=env)


@pytest.mark.parametrize("prog,algo", [("sha256sum", "sha256"),
                                       ("md5sum", "md5")])
def test_coreutils_checksums(tmp_path, prog, algo):
    exe = tool(f"/usr/bin/{prog}", "coreutils")
    data = mixed_data(3 << 20, 6)
    f = tmp_path / "data.bin"
    f.write_bytes(data)
    nat, _ = run_both([exe, str(f)], env=environment(tmp_path))
    # and the native one is right, so the comparison means something
    assert nat.stdout.split()[0].decode() == hashlib.new(algo, data).hexdigest()


# ---- gzip and xz round trips -----------------------------------------

COMPRESSORS = {
    # name: (program, package, compress options, decompress options)
    "gzip": ("/usr/bin/gzip", "gzip", ["-c", "-n", "-6"], ["-d", "-c"]),
    "xz": ("/usr/bin/xz", "xz-utils", ["-c", "-T1", "-3"], ["-d", "-c"]),
}


@pytest.mark.parametrize("name", sorted(COMPRESSORS))
def test_compress_round_trip(tmp_path, name):
    exe, pkg, comp, decomp = COMPRESSORS[name]
    tool(exe, pkg)
    data = mixed_data(2 << 20, 7)
    f = tmp_path / "data"
    f.write_bytes(data)
    env = environment(tmp_path)
    # compress under the emulator: the native compressor's bytes
    nat, emu = run_both([exe, *comp, str(f)], env=env)
    assert len(emu.stdout) < len(data)
    packed = tmp_path / "data.packed"
    packed.write_bytes(emu.stdout)
    # decompress under the emulator: the original bytes
    _, emu = run_both([exe, *decomp, str(packed)], env=env)
    assert emu.stdout == data
    # and from a pipe, and the integrity check
    run_both([exe, *decomp], stdin=nat.stdout, env=env)
    run_both([exe, "-t", "-v", str(packed)], env=env)


# ---- python3 ---------------------------------------------------------

PY_SCRIPT = r'''
import hashlib, json, math, re, struct, sys
from collections import Counter
from fractions import Fraction
from decimal import Decimal, getcontext

# big ints
f = math.factorial(300)
print("fact300 digits", len(str(f)), f % (10**9 + 7), f.bit_length())
print("pow", pow(3, 10**5, 2**127 - 1), (2**521 - 1) % 1000003)
a, b = 0, 1
for _ in range(2000):
    a, b = b, a + b
print("fib2000", str(a)[:20], len(str(a)), a.bit_count())
print("divmod", divmod(-7**80, 13**17), (-(10**30)) // 7, -(10**30) % 7)

# floats
xs = [math.sin(i * 0.37) * 1e3 / (i + 1) for i in range(1, 200)]
print("fsum %.17g sum %.17g" % (math.fsum(xs), sum(xs)))
print(repr(0.1 + 0.2), repr(1e16 + 1.0), repr(2.0 ** -1074), 1e308 * 10)
print("%.3e %.10f %g %a" % (math.pi * 1e-7, math.e, 1 / 3, 0.1))
print(format(12345.6789, ",.2f"), format(-0.0, "+.1f"), round(2.675, 2))
print(math.sqrt(2), math.log(10), math.exp(-3.5), math.atan2(-1, -1))
print(math.floor(-2.5), math.ceil(2.1), math.hypot(3e200, 4e200))
print(struct.pack("<dfq", math.pi, 1.5, -2).hex(), float.fromhex("0x1.8p1"))
print("frac", Fraction(355, 113) - Fraction(22, 7), float(Fraction(1, 3)))
getcontext().prec = 50
print("dec", Decimal(2).sqrt(), Decimal(1) / Decimal(7))

# json
doc = {"name": "janus", "n": [1, 2.5, -3e-8, None, True],
       "nested": {"k%d" % i: list(range(i)) for i in range(6)},
       "text": "caf\u00e9 \u2603 \"quoted\"\n"}
s = json.dumps(doc, sort_keys=True)
print(s)
print(json.dumps(json.loads(s), indent=1, ensure_ascii=False)[:120])
print(json.loads(s) == doc)

# hashlib
blob = bytes(range(256)) * 4000
for algo in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2b"):
    print(algo, hashlib.new(algo, blob).hexdigest())

# re
text = " ".join("word%d-%s" % (i, "xyz"[i % 3] * (i % 5)) for i in range(400))
print(len(re.findall(r"\bword\d+-(x+|y+)\b", text)))
print(re.sub(r"(\d+)-(z+)", lambda m: m.group(2).upper() + m.group(1), text)[:100])
print(re.split(r"[13579]-", text)[5:8], bool(re.fullmatch(r"(a|b)*c", "abba" * 50 + "c")))

# sorting
words = text.split()
print(sorted(words, key=lambda w: (len(w), w[::-1]))[:8])
print(sorted(range(-20, 20), key=lambda x: (x * x) % 17, reverse=True)[:10])
print(Counter(w[-1] for w in words).most_common(4))

# a generator
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1
g = primes()
ps = [next(g) for _ in range(1500)]
print("primes", ps[-3:], sum(ps), sum(x * x for x in ps if x % 4 == 1))
print("done", sys.version_info[:2] >= (3, 0))
'''


def test_python3_script(tmp_path):
    py = tool("/usr/bin/python3", "python3")
    script = tmp_path / "script.py"
    script.write_text(PY_SCRIPT)
    # -I: isolated (no user site, no PYTHON* variables), -S: no site module
    nat, _ = run_both([py, "-I", "-S", str(script)],
                      env=environment(tmp_path), timeout=300)
    assert nat.stdout.endswith(b"done True\n"), nat.stdout[-200:]


# ---- a threaded program of ours ---------------------------------------

@pytest.mark.parametrize("kind", ["static", "dynamic"])
def test_pthreads_checksum(kind):
    p = need_program(PROGS / f"pthreads-checksum-{kind}")
    for _ in range(3):      # races show up as a wrong line now and then
        nat, _ = run_both([p], timeout=300)
        assert b"matches=1" in nat.stdout, nat.stdout
