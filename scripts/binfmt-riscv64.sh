#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Register (or unregister) janus-riscv64 with the kernel's binfmt_misc, so
# riscv64 Linux programs run directly: ./prog is started as
# "janus-riscv64 /path/to/prog args...". See --help.
set -eu

PROG=binfmt-riscv64.sh
NAME=janus-riscv64
BINFMT_DIR=/proc/sys/fs/binfmt_misc
INTERP=
FLAGS=F
ACTION=register
DRY_RUN=0

# ELF header bytes 0-19: "\177ELF", ELFCLASS64, ELFDATA2LSB, EV_CURRENT,
# OS ABI (any: masked), ABI version and padding 0, e_type ET_EXEC (2) or
# ET_DYN (3) (mask 0xfe keeps bit 0 free), e_machine EM_RISCV (0xf3).
MAGIC='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

usage() {
    cat <<EOF
usage: $PROG [options] [register|unregister|status]

Register janus-riscv64 as the binfmt_misc handler for riscv64 ELF
executables (ELF64 little-endian, e_machine 0xf3, ET_EXEC and ET_DYN),
remove the registration, or show it. Needs root and a mounted
binfmt_misc ($BINFMT_DIR) except with --dry-run.

Options:
  --interpreter PATH  absolute path of janus-riscv64 (default: the one
                      found in PATH)
  --name NAME         entry name (default: $NAME)
  --credentials       add flag C: run setuid/setgid riscv64 programs with
                      their own credentials (implies O: the kernel passes
                      an open fd; only for programs you trust)
  --no-fix-binary     drop flag F. With F (the default, as
                      qemu-user-static does) the kernel opens the
                      interpreter now, so it works inside chroots and
                      containers that do not contain it.
  --dry-run           print the registration string; change nothing
  -h, --help          this text

Flag P (preserve argv[0]) is not offered: janus-riscv64 does not read
the kernel's AT_FLAGS hint, so the program sees its full path as argv[0].
Dynamic programs find their libraries through the default prefix
/usr/riscv64-linux-gnu (or QEMU_LD_PREFIX in the environment).
EOF
}

die() {
    echo "$PROG: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
    -h|--help) usage; exit 0 ;;
    --interpreter)
        [ $# -ge 2 ] || die "--interpreter needs a path"
        INTERP=$2; shift ;;
    --interpreter=*) INTERP=${1#--interpreter=} ;;
    --name)
        [ $# -ge 2 ] || die "--name needs a value"
        NAME=$2; shift ;;
    --name=*) NAME=${1#--name=} ;;
    --credentials) case "$FLAGS" in *C*) ;; *) FLAGS="${FLAGS}C" ;; esac ;;
    --no-fix-binary) FLAGS=$(printf '%s' "$FLAGS" | tr -d F) ;;
    --dry-run) DRY_RUN=1 ;;
    register|unregister|status) ACTION=$1 ;;
    *) die "unknown argument '$1' (--help for usage)" ;;
    esac
    shift
done

case "$NAME" in
''|*/*|*:*|.|..) die "invalid entry name '$NAME'" ;;
esac

registration() {
    printf ':%s:M::%s:%s:%s:%s\n' "$NAME" "$MAGIC" "$MASK" "$INTERP" "$FLAGS"
}

if [ "$ACTION" = register ]; then
    if [ -z "$INTERP" ]; then
        INTERP=$(command -v janus-riscv64 2>/dev/null || true)
        [ -n "$INTERP" ] ||
            die "janus-riscv64 is not in PATH; give --interpreter PATH"
    fi
    case "$INTERP" in
    /*) ;;
    *) die "--interpreter must be an absolute path: $INTERP" ;;
    esac
    case "$INTERP" in
    *:*) die "the interpreter path must not contain ':'" ;;
    esac
    if [ "$DRY_RUN" = 1 ]; then
        registration
        exit 0
    fi
    [ -x "$INTERP" ] || die "$INTERP is not an executable file"
fi

if [ "$DRY_RUN" = 1 ]; then
    case "$ACTION" in
    unregister) echo "echo -1 > $BINFMT_DIR/$NAME" ;;
    status) echo "cat $BINFMT_DIR/$NAME" ;;
    esac
    exit 0
fi

if [ ! -e "$BINFMT_DIR/register" ]; then
    die "binfmt_misc is not mounted at $BINFMT_DIR" \
        "(mount -t binfmt_misc binfmt_misc $BINFMT_DIR)"
fi

case "$ACTION" in
status)
    if [ -e "$BINFMT_DIR/$NAME" ]; then
        cat "$BINFMT_DIR/$NAME"
    else
        echo "$NAME: not registered"
    fi
    exit 0 ;;
esac

[ "$(id -u)" = 0 ] || die "must be run as root to $ACTION (try --dry-run)"

case "$ACTION" in
register)
    [ ! -e "$BINFMT_DIR/$NAME" ] ||
        die "$NAME is already registered (unregister it first)"
    registration > "$BINFMT_DIR/register" ||
        die "the kernel refused the registration"
    echo "registered $NAME: $INTERP (flags $FLAGS)" ;;
unregister)
    [ -e "$BINFMT_DIR/$NAME" ] || die "$NAME is not registered"
    echo -1 > "$BINFMT_DIR/$NAME" || die "cannot remove $NAME"
    echo "unregistered $NAME" ;;
esac
