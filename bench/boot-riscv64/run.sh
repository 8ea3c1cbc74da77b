#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# riscv64 Linux boot benchmark: Janus vs qemu-system-riscv64 (see
# boot_riscv64.py for what is measured and how). Options: --help.
exec /usr/bin/python3 "$(dirname "$0")/boot_riscv64.py" "$@"
