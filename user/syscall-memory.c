/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Memory system calls: thin wrappers over the guest address space. */
#include <sys/mman.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "syscall-numbers.h"
#include "user/syscall.h"
#include "user/user-mmap.h"

static abi_long sys_brk(const UserSyscallArgs *a)
{
    return user_target_brk(a->a[0]);
}

static abi_long sys_mmap(const UserSyscallArgs *a)
{
    return user_target_mmap(a->a[0], a->a[1], (int)a->a[2], (int)a->a[3],
                            (int)a->a[4], (off_t)a->a[5]);
}

static abi_long sys_munmap(const UserSyscallArgs *a)
{
    return user_target_munmap(a->a[0], a->a[1]);
}

static abi_long sys_mprotect(const UserSyscallArgs *a)
{
    return user_target_mprotect(a->a[0], a->a[1], (int)a->a[2]);
}

static abi_long sys_mremap(const UserSyscallArgs *a)
{
    return user_target_mremap(a->a[0], a->a[1], a->a[2], (int)a->a[3],
                              a->a[4]);
}

static abi_long sys_madvise(const UserSyscallArgs *a)
{
    /* MADV_* values are asm-generic on both sides. */
    return user_target_madvise(a->a[0], a->a[1], (int)a->a[2]);
}

static abi_long sys_msync(const UserSyscallArgs *a)
{
    if (!user_range_is_guest(a->a[0], a->a[0] + a->a[1])) {
        return -ENOMEM;
    }
    return user_host_ret(msync(g2h(a->a[0]), a->a[1], (int)a->a[2]));
}

static abi_long sys_mlock(const UserSyscallArgs *a)
{
    return user_host_ret(mlock(g2h(a->a[0]), a->a[1]));
}

static abi_long sys_munlock(const UserSyscallArgs *a)
{
    return user_host_ret(munlock(g2h(a->a[0]), a->a[1]));
}


/* mincore(addr, len, vec): one byte per page, as the host writes it. */
static abi_long sys_mincore(const UserSyscallArgs *a)
{
    return user_host_ret(mincore(g2h(a->a[0]), a->a[1], g2h(a->a[2])));
}

const UserSyscallDef user_syscalls_memory[] = {
    { TARGET_NR_brk, sys_brk, "p" },
    { TARGET_NR_mmap, sys_mmap, "puxxdx" },
    { TARGET_NR_munmap, sys_munmap, "pu" },
    { TARGET_NR_mprotect, sys_mprotect, "pux" },
    { TARGET_NR_mremap, sys_mremap, "puuxp" },
    { TARGET_NR_madvise, sys_madvise, "pud" },
    { TARGET_NR_msync, sys_msync, "pux" },
    { TARGET_NR_mlock, sys_mlock, "pu" },
    { TARGET_NR_munlock, sys_munlock, "pu" },
    { TARGET_NR_mincore, sys_mincore, "pup" },
    { 0, NULL, NULL }
};
