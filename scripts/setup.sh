#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what building, testing and benchmarking Janus needs on Debian 12.
# Safe to run again: it installs only packages that are missing.
set -eu

PACKAGES="
gcc make binutils libc6-dev
python3 python3-kconfiglib
libcmocka-dev
python3-pytest python3-pexpect
busybox-static cpio gzip
qemu-system-x86
libffi-dev
gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user-static
libcapstone-dev libfdt-dev device-tree-compiler
qemu-system-misc opensbi
linux-source-6.1 xz-utils flex bison bc perl
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

echo "setup: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup: missing packages:$missing (run as root or install sudo)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
