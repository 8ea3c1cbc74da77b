# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs the cmocka KVM tests (tests/kvm/test-*.c) built by `make all`."""

import subprocess

import pytest

from kvm_env import BUILD, kvm_skip_if_unavailable, require


@pytest.mark.parametrize("name", ["test-kick"])
def test_c_program(name):
    kvm_skip_if_unavailable()
    binary = require(BUILD / "tests" / "kvm" / name)
    r = subprocess.run([str(binary)], capture_output=True, text=True,
                       timeout=120)
    if "SKIPPED:" in r.stdout and r.returncode == 0:
        pytest.skip(r.stdout.split("SKIPPED:", 1)[1].strip().splitlines()[0])
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
