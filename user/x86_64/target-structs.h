/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 Linux ABI as the guest sees it, where it differs from the
 * asm-generic parts in user/abi-generic.h: struct stat (arch/x86 uapi
 * asm/stat.h), the packed struct epoll_event, struct sigaction with
 * sa_restorer, MAP_32BIT, and the ELF identity. Fixed-width types, so
 * nothing silently depends on the host's (also x86-64) headers.
 */
#ifndef USER_X86_64_TARGET_STRUCTS_H
#define USER_X86_64_TARGET_STRUCTS_H

#include <stddef.h>
#include <stdint.h>

#include "user/abi-generic.h"

#define TARGET_ELF_MACHINE 62           /* EM_X86_64 */
#define TARGET_ELF_PLATFORM "x86_64"
#define TARGET_UNAME_MACHINE "x86_64"

/* asm/stat.h, x86-64: 144 bytes, nlink before mode, long blksize. */
struct target_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint64_t st_nlink;
    uint32_t st_mode;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t pad0;
    uint64_t st_rdev;
    int64_t st_size;
    int64_t st_blksize;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    int64_t unused[3];
};
_Static_assert(sizeof(struct target_stat) == 144, "x86-64 struct stat");
_Static_assert(offsetof(struct target_stat, st_mode) == 24, "st_mode");
_Static_assert(offsetof(struct target_stat, st_size) == 48, "st_size");
_Static_assert(offsetof(struct target_stat, st_atime_sec) == 72, "st_atime");

/* struct epoll_event is packed on x86-64: 12 bytes, data at offset 4. */
struct target_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));
_Static_assert(sizeof(struct target_epoll_event) == 12, "epoll_event");

/* mmap: below 2 GiB (the first 31 bits), x86-64 only. */
#define TARGET_MAP_32BIT 0x40


/* The kernel's struct sigaction on x86-64: sa_restorer before the mask;
 * glibc always sets SA_RESTORER and points it at __restore_rt. */
struct target_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};
#define TARGET_SA_RESTORER 0x04000000

#endif
