#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `make demo`: boot the demo guest of ours under KVM with 2 vCPUs. It prints
# what it finds (CPUs from ACPI, RAM from e820, the CMOS date) and powers
# off through ACPI, so the emulator exits 0.
set -eu
O=${1:-build}
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
    echo "demo: /dev/kvm is not usable here (missing, or no permission);" \
         "the demo needs KVM until TCG runs x86 guests" >&2
    exit 1
fi
cmd="$O/janus-system-x86_64 -accel kvm -smp 2 -m 256M -nographic -kernel $O/tests/kvm/guests/demo.elf"
echo "demo: $cmd"
# shellcheck disable=SC2086
exec $cmd
