/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * poll, select and epoll. struct pollfd and fd_set are the same on both
 * sides; struct epoll_event is packed (12 bytes) on x86-64 but naturally
 * aligned (16 bytes) on riscv64, so it is converted.
 */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "user/riscv64/syscall-numbers.h"
#include "user/riscv64/target-structs.h"
#include "user/syscall.h"
#include "util/cutils.h"

struct target_epoll_event {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};

static abi_long timespec_ptr(abi_ulong addr, struct timespec *ts,
                             struct timespec **out)
{
    struct target_timespec t;

    *out = NULL;
    if (!addr) {
        return 0;
    }
    if (user_copy_from_guest(&t, addr, sizeof(t)) < 0) {
        return -EFAULT;
    }
    ts->tv_sec = t.tv_sec;
    ts->tv_nsec = t.tv_nsec;
    *out = ts;
    return 0;
}

/* The guest's temporary signal mask: a 64-bit set, like the host's. */
static abi_long sigmask_ptr(abi_ulong addr, uint64_t *mask, uint64_t **out)
{
    *out = NULL;
    if (!addr) {
        return 0;
    }
    if (user_copy_from_guest(mask, addr, sizeof(*mask)) < 0) {
        return -EFAULT;
    }
    /* Never block the faults the emulator handles. */
    *mask &= ~((1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)));
    *out = mask;
    return 0;
}

static abi_long sys_ppoll(const UserSyscallArgs *a)
{
    struct timespec ts, *tsp;
    uint64_t mask, *maskp;
    abi_long r = timespec_ptr(a->a[2], &ts, &tsp);

    if (r == 0) {
        r = sigmask_ptr(a->a[3], &mask, &maskp);
    }
    if (r < 0) {
        return r;
    }
    r = user_host_ret(syscall(SYS_ppoll, g2h(a->a[0]), (nfds_t)a->a[1], tsp,
                              maskp, (size_t)8));
    /* Linux writes back the remaining time. */
    if (r >= 0 && tsp) {
        struct target_timespec t = { ts.tv_sec, ts.tv_nsec };

        user_copy_to_guest(a->a[2], &t, sizeof(t));
    }
    return r;
}

static abi_long sys_pselect6(const UserSyscallArgs *a)
{
    struct timespec ts, *tsp;
    uint64_t sm[2], mask, *maskp = NULL;
    abi_long r = timespec_ptr(a->a[4], &ts, &tsp);
    struct { void *set; size_t size; } sig = { NULL, 8 };

    if (r < 0) {
        return r;
    }
    /* The sixth argument points at { const sigset_t *ss; size_t len; }. */
    if (a->a[5]) {
        if (user_copy_from_guest(sm, a->a[5], sizeof(sm)) < 0) {
            return -EFAULT;
        }
        r = sigmask_ptr(sm[0], &mask, &maskp);
        if (r < 0) {
            return r;
        }
        sig.set = maskp;
    }
    r = user_host_ret(syscall(SYS_pselect6, (int)a->a[0], g2h(a->a[1]),
                              g2h(a->a[2]), g2h(a->a[3]), tsp,
                              a->a[5] ? &sig : NULL));
    if (r >= 0 && tsp) {
        struct target_timespec t = { ts.tv_sec, ts.tv_nsec };

        user_copy_to_guest(a->a[4], &t, sizeof(t));
    }
    return r;
}

static abi_long sys_epoll_create1(const UserSyscallArgs *a)
{
    return user_host_ret(epoll_create1((int)a->a[0]));
}

static abi_long sys_epoll_ctl(const UserSyscallArgs *a)
{
    struct target_epoll_event t;
    struct epoll_event h = { 0 };

    if (a->a[3]) {
        if (user_copy_from_guest(&t, a->a[3], sizeof(t)) < 0) {
            return -EFAULT;
        }
        h.events = t.events;
        h.data.u64 = t.data;
    }
    return user_host_ret(epoll_ctl((int)a->a[0], (int)a->a[1], (int)a->a[2],
                                   a->a[3] ? &h : NULL));
}

static abi_long sys_epoll_pwait(const UserSyscallArgs *a)
{
    int max = (int)a->a[2];
    struct epoll_event *h;
    struct target_epoll_event t;
    uint64_t mask, *maskp;
    abi_long r;

    if (max <= 0 || max > 65536) {
        return -EINVAL;
    }
    r = sigmask_ptr(a->a[4], &mask, &maskp);
    if (r < 0) {
        return r;
    }
    h = xzalloc(sizeof(*h) * max);
    r = user_host_ret(syscall(SYS_epoll_pwait, (int)a->a[0], h, max,
                              (int)a->a[3], maskp, (size_t)8));
    for (abi_long i = 0; i < r; i++) {
        t.events = h[i].events;
        t.pad = 0;
        t.data = h[i].data.u64;
        if (user_copy_to_guest(a->a[1] + i * sizeof(t), &t, sizeof(t)) < 0) {
            r = -EFAULT;
            break;
        }
    }
    free(h);
    return r;
}

const UserSyscallDef user_syscalls_poll[] = {
    { TARGET_NR_ppoll, sys_ppoll, "pupp" },
    { TARGET_NR_pselect6, sys_pselect6, "dppppp" },
    { TARGET_NR_epoll_create1, sys_epoll_create1, "x" },
    { TARGET_NR_epoll_ctl, sys_epoll_ctl, "dddp" },
    { TARGET_NR_epoll_pwait, sys_epoll_pwait, "dpddp" },
    { 0, NULL, NULL }
};
