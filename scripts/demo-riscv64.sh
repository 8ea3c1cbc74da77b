#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `make demo-riscv64`: boot riscv64 Linux 6.1 (built from Debian's
# linux-source-6.1 on first use and cached, 10+ minutes once) with our
# own small init, on janus-system-riscv64 under TCG, with two harts and
# the built-in SBI. Type `help` at the janus# prompt; `poweroff` ends it
# (exit 0), as does C-a x.
set -eu
O=${1:-build}
fixtures=tests/system-riscv64/riscv64_fixtures.py
echo "demo: preparing the kernel and initramfs (cached after the first run)"
kernel=$(/usr/bin/python3 "$fixtures" kernel | tail -n 1 | awk '{print $NF}')
initrd=$(/usr/bin/python3 "$fixtures" initramfs | tail -n 1 | awk '{print $NF}')
cmd="$O/janus-system-riscv64 -M virt -smp 2 -m 256M -nographic -kernel $kernel -initrd $initrd -append console=ttyS0"
echo "demo: $cmd"
# shellcheck disable=SC2086
exec $cmd
