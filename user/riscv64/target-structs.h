/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 Linux ABI as the guest sees it: structure layouts and flag
 * values from the kernel's asm-generic uapi headers, spelled with fixed
 * width types so the syscall layer converts field by field instead of
 * trusting that the host (x86-64) happens to agree. riscv64 is
 * little-endian like every host we build for (checked in guest-access.h).
 */
#ifndef USER_RISCV64_TARGET_STRUCTS_H
#define USER_RISCV64_TARGET_STRUCTS_H

#include <stddef.h>
#include <stdint.h>

#include "user/abi-generic.h"

#define TARGET_ELF_MACHINE 243          /* EM_RISCV */
#define TARGET_ELF_PLATFORM "riscv64"
#define TARGET_UNAME_MACHINE "riscv64"

/* asm-generic/stat.h, 64-bit: 128 bytes. */
struct target_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};
_Static_assert(sizeof(struct target_stat) == 128, "riscv64 struct stat");
_Static_assert(offsetof(struct target_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct target_stat, st_blksize) == 56, "st_blksize");
_Static_assert(offsetof(struct target_stat, st_atime_sec) == 72, "st_atime");

/* struct epoll_event: naturally aligned (16 bytes), unlike x86-64's. */
struct target_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};
_Static_assert(sizeof(struct target_epoll_event) == 16, "epoll_event");


/* The kernel's struct sigaction for riscv64 (no sa_restorer). */
struct target_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t mask;
};

#endif
