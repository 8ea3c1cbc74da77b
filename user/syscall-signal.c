/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal system calls: dispositions and masks (see user-signal.h). */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "user/riscv64/syscall-numbers.h"
#include "user/riscv64/target-structs.h"
#include "user/syscall.h"
#include "user/user-signal.h"

static abi_long sys_rt_sigaction(const UserSyscallArgs *a)
{
    struct target_sigaction act, old;
    int ret;

    if (a->a[3] != 8) {
        return -EINVAL;
    }
    if (a->a[1] && user_copy_from_guest(&act, a->a[1], sizeof(act)) < 0) {
        return -EFAULT;
    }
    ret = user_signal_action((int)a->a[0], a->a[1] ? &act : NULL,
                             a->a[2] ? &old : NULL);
    if (ret == 0 && a->a[2] &&
        user_copy_to_guest(a->a[2], &old, sizeof(old)) < 0) {
        return -EFAULT;
    }
    return ret;
}

static abi_long sys_rt_sigprocmask(const UserSyscallArgs *a)
{
    uint64_t set, old;
    int ret;

    if (a->a[3] != 8) {
        return -EINVAL;
    }
    if (a->a[1] && user_copy_from_guest(&set, a->a[1], sizeof(set)) < 0) {
        return -EFAULT;
    }
    ret = user_signal_procmask((int)a->a[0], a->a[1] ? &set : NULL, &old);
    if (ret == 0 && a->a[2] &&
        user_copy_to_guest(a->a[2], &old, sizeof(old)) < 0) {
        return -EFAULT;
    }
    return ret;
}

/* stack_t on riscv64: ss_sp, ss_flags (int, padded), ss_size. */
struct target_stack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};

static __thread struct target_stack guest_altstack = {
    .ss_flags = TARGET_SS_DISABLE,
};

static abi_long sys_sigaltstack(const UserSyscallArgs *a)
{
    struct target_stack ss;

    /* Recorded for the signal-frame code; nothing runs on it yet. */
    if (a->a[1] && user_copy_to_guest(a->a[1], &guest_altstack,
                                      sizeof(guest_altstack)) < 0) {
        return -EFAULT;
    }
    if (a->a[0]) {
        if (user_copy_from_guest(&ss, a->a[0], sizeof(ss)) < 0) {
            return -EFAULT;
        }
        if (ss.ss_flags & ~(TARGET_SS_DISABLE | TARGET_SS_AUTODISARM)) {
            return -EINVAL;
        }
        if (!(ss.ss_flags & TARGET_SS_DISABLE) &&
            ss.ss_size < TARGET_MINSIGSTKSZ) {
            return -ENOMEM;
        }
        guest_altstack = ss;
    }
    return 0;
}

const UserSyscallDef user_syscalls_signal[] = {
    { TARGET_NR_rt_sigaction, sys_rt_sigaction, "dppu" },
    { TARGET_NR_rt_sigprocmask, sys_rt_sigprocmask, "dppu" },
    { TARGET_NR_sigaltstack, sys_sigaltstack, "pp" },
    { 0, NULL, NULL }
};
