/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * futex: guest futex words are host memory (guest_base = 0), so the host
 * kernel waits and wakes on them directly, across guest threads (host
 * threads of this process) and, without FUTEX_PRIVATE_FLAG, processes.
 * The command numbers and flags (PRIVATE, CLOCK_REALTIME) are the same
 * generic values on both sides; only the timeout is converted (relative
 * for WAIT, absolute for WAIT_BITSET and the PI ones). For the REQUEUE
 * and WAKE_OP commands the fourth argument is a count, passed as is.
 * Threads exiting with CLONE_CHILD_CLEARTID wake their word in threads.c.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"

static abi_long sys_futex(const UserSyscallArgs *a)
{
    int op = (int)a->a[1];
    int cmd = op & FUTEX_CMD_MASK;
    struct target_timespec tt;
    struct timespec ts, *tsp = NULL;
    void *timeout_or_val2 = (void *)(uintptr_t)a->a[3];

    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (a->a[3]) {
            if (user_copy_from_guest(&tt, a->a[3], sizeof(tt)) < 0) {
                return -EFAULT;
            }
            ts.tv_sec = tt.tv_sec;
            ts.tv_nsec = tt.tv_nsec;
            tsp = &ts;
        }
        timeout_or_val2 = tsp;
        break;
    default:
        break;   /* a[3] is a count (val2), not a pointer */
    }
    return user_host_ret(syscall(SYS_futex, g2h(a->a[0]), op, (int)a->a[2],
                                 timeout_or_val2, g2h(a->a[4]),
                                 (int)a->a[5]));
}

const UserSyscallDef user_syscalls_futex[] = {
    { TARGET_NR_futex, sys_futex, "pxdppd" },
    { 0, NULL, NULL }
};
