/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Memory system calls: thin wrappers over the guest address space. */
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uio.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "syscall-numbers.h"
#include "target-structs.h"
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

/*
 * process_vm_readv/writev(pid, local_iov, n, remote_iov, m, flags): the
 * local iovecs are ours (guest addresses made host ones); the remote
 * ones are addresses in pid's guest space, which with guest_base = 0 in
 * every Janus (and natively) are its host addresses: passed unchanged.
 * An emulated Janus reads its own guest memory this way.
 */
#define VM_IOV_MAX 1024

static abi_long do_process_vm(const UserSyscallArgs *a, bool write)
{
    abi_ulong n = a->a[2], m = a->a[4];
    struct target_iovec *tv;
    struct iovec *hv;
    abi_long r = 0;

    if (n > VM_IOV_MAX || m > VM_IOV_MAX) {
        return -EINVAL;
    }
    tv = calloc(n + m + 1, sizeof(*tv));
    hv = calloc(n + m + 1, sizeof(*hv));
    if (!tv || !hv) {
        r = -ENOMEM;
        goto out;
    }
    if (user_copy_from_guest(tv, a->a[1], n * sizeof(*tv)) < 0 ||
        user_copy_from_guest(tv + n, a->a[3], m * sizeof(*tv)) < 0) {
        r = -EFAULT;
        goto out;
    }
    for (abi_ulong i = 0; i < n + m; i++) {
        hv[i].iov_base = i < n ? g2h(tv[i].iov_base)
                               : (void *)(uintptr_t)tv[i].iov_base;
        hv[i].iov_len = tv[i].iov_len;
    }
    r = user_host_ret(write
        ? process_vm_writev((pid_t)a->a[0], hv, n, hv + n, m, a->a[5])
        : process_vm_readv((pid_t)a->a[0], hv, n, hv + n, m, a->a[5]));
out:
    free(tv);
    free(hv);
    return r;
}

static abi_long sys_process_vm_readv(const UserSyscallArgs *a)
{
    return do_process_vm(a, false);
}

static abi_long sys_process_vm_writev(const UserSyscallArgs *a)
{
    return do_process_vm(a, true);
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
    { TARGET_NR_process_vm_readv, sys_process_vm_readv, "dpupux" },
    { TARGET_NR_process_vm_writev, sys_process_vm_writev, "dpupux" },
    { 0, NULL, NULL }
};
