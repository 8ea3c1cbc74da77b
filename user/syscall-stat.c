/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stat family. The host's x86-64 struct stat and the guest's
 * asm-generic one differ (field order, nlink width, padding), so every
 * field is copied by name. statx has one layout on every architecture and
 * is written by the kernel directly into guest memory.
 */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/user-process.h"
#include "user/user-stat.h"

void user_stat_to_target(struct target_stat *t, const struct stat *h)
{
    memset(t, 0, sizeof(*t));
    t->st_dev = h->st_dev;
    t->st_ino = h->st_ino;
    t->st_mode = h->st_mode;
    /* the fields' widths are the target's (32 bits on riscv64) */
    t->st_nlink = (__typeof__(t->st_nlink))h->st_nlink;
    t->st_uid = h->st_uid;
    t->st_gid = h->st_gid;
    t->st_rdev = h->st_rdev;
    t->st_size = h->st_size;
    t->st_blksize = (__typeof__(t->st_blksize))h->st_blksize;
    t->st_blocks = h->st_blocks;
    t->st_atime_sec = h->st_atim.tv_sec;
    t->st_atime_nsec = h->st_atim.tv_nsec;
    t->st_mtime_sec = h->st_mtim.tv_sec;
    t->st_mtime_nsec = h->st_mtim.tv_nsec;
    t->st_ctime_sec = h->st_ctim.tv_sec;
    t->st_ctime_nsec = h->st_ctim.tv_nsec;
}

static abi_long stat_to_guest(abi_ulong addr, const struct stat *h)
{
    struct target_stat t;

    user_stat_to_target(&t, h);
    return user_copy_to_guest(addr, &t, sizeof(t));
}

/* A path argument that may be "" with AT_EMPTY_PATH. */
static const char *stat_path(abi_ulong addr, char *buf, size_t size,
                             int *err)
{
    return user_path_from_guest(addr, buf, size, err);
}

static abi_long sys_newfstatat(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    struct stat st;
    int err;
    const char *path = stat_path(a->a[1], buf, sizeof(buf), &err);

    if (!path) {
        return err;
    }
    if (fstatat((int)a->a[0], path, &st, (int)a->a[3]) < 0) {
        return -errno;
    }
    return stat_to_guest(a->a[2], &st);
}

#ifdef TARGET_NR_stat
/* stat and lstat: newfstatat at AT_FDCWD (x86-64 keeps them). */
static abi_long sys_stat(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_newfstatat, USER_AT_FDCWD, a->a[0],
                           a->a[1], 0, 0);
}

static abi_long sys_lstat(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_newfstatat, USER_AT_FDCWD, a->a[0],
                           a->a[1], AT_SYMLINK_NOFOLLOW, 0);
}
#endif

static abi_long sys_fstat(const UserSyscallArgs *a)
{
    struct stat st;

    if (fstat((int)a->a[0], &st) < 0) {
        return -errno;
    }
    return stat_to_guest(a->a[1], &st);
}

static abi_long sys_statx(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    int err;
    const char *path = stat_path(a->a[1], buf, sizeof(buf), &err);

    if (!path) {
        return err;
    }
    return user_host_ret(syscall(SYS_statx, (int)a->a[0], path, (int)a->a[2],
                                 (unsigned)a->a[3], g2h(a->a[4])));
}

/* asm-generic struct statfs for 64-bit targets. */
struct target_statfs {
    int64_t f_type;
    int64_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_frsize;
    int64_t f_flags;
    int64_t f_spare[4];
};
_Static_assert(sizeof(struct target_statfs) == 120, "riscv64 statfs");

static abi_long statfs_to_guest(abi_ulong addr, const struct statfs *h)
{
    struct target_statfs t;

    memset(&t, 0, sizeof(t));
    t.f_type = h->f_type;
    t.f_bsize = h->f_bsize;
    t.f_blocks = h->f_blocks;
    t.f_bfree = h->f_bfree;
    t.f_bavail = h->f_bavail;
    t.f_files = h->f_files;
    t.f_ffree = h->f_ffree;
    memcpy(t.f_fsid, &h->f_fsid, sizeof(t.f_fsid));
    t.f_namelen = h->f_namelen;
    t.f_frsize = h->f_frsize;
    t.f_flags = h->f_flags;
    return user_copy_to_guest(addr, &t, sizeof(t));
}

static abi_long sys_statfs(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    struct statfs st;
    int err;
    const char *path = stat_path(a->a[0], buf, sizeof(buf), &err);

    if (!path) {
        return err;
    }
    if (statfs(path, &st) < 0) {
        return -errno;
    }
    return statfs_to_guest(a->a[1], &st);
}

static abi_long sys_fstatfs(const UserSyscallArgs *a)
{
    struct statfs st;

    if (fstatfs((int)a->a[0], &st) < 0) {
        return -errno;
    }
    return statfs_to_guest(a->a[1], &st);
}

const UserSyscallDef user_syscalls_stat[] = {
    { TARGET_NR_newfstatat, sys_newfstatat, "fspx" },
    { TARGET_NR_fstat, sys_fstat, "dp" },
#ifdef TARGET_NR_stat
    { TARGET_NR_stat, sys_stat, "sp" },
    { TARGET_NR_lstat, sys_lstat, "sp" },
#endif
    { TARGET_NR_statx, sys_statx, "fsxxp" },
    { TARGET_NR_statfs, sys_statfs, "sp" },
    { TARGET_NR_fstatfs, sys_fstatfs, "dp" },
    { 0, NULL, NULL }
};
