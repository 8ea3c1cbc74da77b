/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * poll, select and epoll. struct pollfd and fd_set are the same on both
 * sides; struct epoll_event is packed (12 bytes) on x86-64 but naturally
 * aligned (16 bytes) on riscv64, so it is converted.
 */
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/user-signal.h"
#include "util/cutils.h"

/* struct target_epoll_event is per target (target-structs.h). */
_Static_assert(sizeof(struct epoll_event) == 12, "host epoll_event");
/* EPOLL_CTL_* and the EPOLL* event bits are generic (eventpoll.h). */
_Static_assert(EPOLL_CTL_ADD == 1 && EPOLL_CTL_DEL == 2 &&
               EPOLL_CTL_MOD == 3 && EPOLLIN == 1 && EPOLLOUT == 4 &&
               EPOLLERR == 8 && EPOLLHUP == 0x10 && EPOLLRDHUP == 0x2000 &&
               EPOLLEXCLUSIVE == 1u << 28 && EPOLLWAKEUP == 1u << 29 &&
               EPOLLONESHOT == 1u << 30 && EPOLLET == 1u << 31 &&
               EPOLL_CLOEXEC == 02000000, "EPOLL* values");

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

/*
 * The temporary signal mask of ppoll, pselect6 and epoll_pwait{,2}: an
 * 8-byte set, like the host's. The host call runs with it (minus the
 * fault signals the emulator must always see); a guest handler's host
 * handler queues what arrives meanwhile.
 */
typedef struct TempMask {
    bool active;
    uint64_t guest, host;
} TempMask;

static abi_long temp_mask_get(abi_ulong addr, abi_ulong size, TempMask *m)
{
    m->active = false;
    if (!addr) {
        return 0;
    }
    if (size != sizeof(m->guest)) {
        return -EINVAL;
    }
    if (user_copy_from_guest(&m->guest, addr, sizeof(m->guest)) < 0) {
        return -EFAULT;
    }
    m->host = m->guest;
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
            sig == SIGFPE || sig == SIGTRAP) {
            m->host &= ~(1ull << (sig - 1));
        }
    }
    m->active = true;
    return 0;
}

static uint64_t *temp_mask_host(TempMask *m)
{
    return m->active ? &m->host : NULL;
}

/*
 * After the host call: if it was interrupted by a signal the temporary
 * mask let through but the guest's own mask blocks, the handler must
 * still run now, with the temporary mask, and the guest's mask come back
 * when it returns (Linux's pselect/ppoll contract). rt_sigsuspend's
 * machinery does exactly that: with such a signal pending it returns at
 * once, leaving the temporary mask in place and the original saved for
 * the frame, and the CPU loop then delivers the signal.
 */
/* A signal already pending (blocked by the guest's mask, so queued by
 * the emulator or the host) that the temporary mask lets through and
 * that has a guest handler: the wait must not start. */
static bool temp_mask_ready(const TempMask *m)
{
    uint64_t ready;

    if (!m->active) {
        return false;
    }
    ready = user_signal_pending() & ~m->guest;
    for (int sig = 1; sig <= 64; sig++) {
        /* Only a guest handler's host handler ends the wait at once. */
        if ((ready & (1ull << (sig - 1))) && user_signal_has_handler(sig)) {
            return true;
        }
    }
    return false;
}

static abi_long temp_mask_finish(const TempMask *m, abi_long ret)
{
    if (ret == -EINTR && temp_mask_ready(m)) {
        user_signal_suspend(m->guest);
    }
    return ret;
}

static abi_long sys_ppoll(const UserSyscallArgs *a)
{
    struct timespec ts, *tsp;
    TempMask mask;
    abi_long r = timespec_ptr(a->a[2], &ts, &tsp);

    if (r == 0) {
        r = temp_mask_get(a->a[3], a->a[4], &mask);
    }
    if (r < 0) {
        return r;
    }
    r = temp_mask_ready(&mask) ? -EINTR
        : user_host_ret(syscall(SYS_ppoll, g2h(a->a[0]), (nfds_t)a->a[1], tsp,
                                temp_mask_host(&mask), (size_t)8));
    /* Linux writes back the remaining time (also when interrupted). */
    if ((r >= 0 || r == -EINTR) && tsp) {
        struct target_timespec t = { ts.tv_sec, ts.tv_nsec };

        user_copy_to_guest(a->a[2], &t, sizeof(t));
    }
    return temp_mask_finish(&mask, r);
}

static abi_long sys_pselect6(const UserSyscallArgs *a)
{
    struct timespec ts, *tsp;
    uint64_t sm[2];
    TempMask mask = { .active = false };
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
        r = temp_mask_get(sm[0], sm[1], &mask);
        if (r < 0) {
            return r;
        }
        sig.set = temp_mask_host(&mask);
    }
    r = temp_mask_ready(&mask) ? -EINTR
        : user_host_ret(syscall(SYS_pselect6, (int)a->a[0], g2h(a->a[1]),
                                g2h(a->a[2]), g2h(a->a[3]), tsp,
                                a->a[5] ? &sig : NULL));
    if ((r >= 0 || r == -EINTR) && tsp) {
        struct target_timespec t = { ts.tv_sec, ts.tv_nsec };

        user_copy_to_guest(a->a[4], &t, sizeof(t));
    }
    return temp_mask_finish(&mask, r);
}

static abi_long sys_epoll_create1(const UserSyscallArgs *a)
{
    /* EPOLL_CLOEXEC is O_CLOEXEC, 02000000 on riscv64 and x86-64 */
    if (a->a[0] & ~(abi_ulong)02000000) {
        return -EINVAL;
    }
    return user_host_ret(epoll_create1(a->a[0] ? EPOLL_CLOEXEC : 0));
}

static abi_long sys_epoll_ctl(const UserSyscallArgs *a)
{
    struct target_epoll_event t;
    struct epoll_event h = { 0 };

    /* EPOLL_CTL_DEL ignores the event, as Linux */
    if ((int)a->a[1] != EPOLL_CTL_DEL && a->a[3]) {
        if (user_copy_from_guest(&t, a->a[3], sizeof(t)) < 0) {
            return -EFAULT;
        }
        h.events = t.events;
        h.data.u64 = t.data;
    }
    return user_host_ret(epoll_ctl((int)a->a[0], (int)a->a[1], (int)a->a[2],
                                   (int)a->a[1] != EPOLL_CTL_DEL && a->a[3]
                                   ? &h : NULL));
}

/*
 * Events are collected in a host array of at most EPOLL_HOST_MAX (epoll
 * may return fewer than maxevents) and converted one by one.
 */
#define EPOLL_HOST_MAX 1024

static abi_long do_epoll_pwait(const UserSyscallArgs *a, bool timespec)
{
    int max = (int)a->a[2], timeout_ms = (int)a->a[3];
    struct timespec ts, *tsp = NULL;
    struct epoll_event *h;
    struct target_epoll_event t = { 0 };
    TempMask mask;
    abi_long r;

    /* Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event) */
    if (max <= 0 || (size_t)max > INT_MAX / sizeof(struct epoll_event)) {
        return -EINVAL;
    }
    max = MIN(max, EPOLL_HOST_MAX);
    r = temp_mask_get(a->a[4], a->a[5], &mask);
    if (r == 0 && timespec) {
        r = timespec_ptr(a->a[3], &ts, &tsp);
    }
    if (r < 0) {
        return r;
    }
    if (temp_mask_ready(&mask)) {
        return temp_mask_finish(&mask, -EINTR);
    }
    h = xzalloc(sizeof(*h) * max);
    if (timespec) {
        r = syscall(SYS_epoll_pwait2, (int)a->a[0], h, max, tsp,
                    temp_mask_host(&mask), (size_t)8);
    } else {
        r = syscall(SYS_epoll_pwait, (int)a->a[0], h, max, timeout_ms,
                    temp_mask_host(&mask), (size_t)8);
    }
    r = user_host_ret(r);
    for (abi_long i = 0; i < r; i++) {
        t.events = h[i].events;
        t.data = h[i].data.u64;
        if (user_copy_to_guest(a->a[1] + i * sizeof(t), &t, sizeof(t)) < 0) {
            r = -EFAULT;
            break;
        }
    }
    free(h);
    return temp_mask_finish(&mask, r);
}

static abi_long sys_epoll_pwait(const UserSyscallArgs *a)
{
    return do_epoll_pwait(a, false);
}

static abi_long sys_epoll_pwait2(const UserSyscallArgs *a)
{
    return do_epoll_pwait(a, true);
}

#ifdef TARGET_NR_poll
/* poll(fds, n, timeout_ms): ppoll's wait without a mask (< 0: forever). */
static abi_long sys_poll(const UserSyscallArgs *a)
{
    int ms = (int)a->a[2];
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

    return user_host_ret(syscall(SYS_ppoll, g2h(a->a[0]), (nfds_t)a->a[1],
                                 ms < 0 ? NULL : &ts, NULL, (size_t)8));
}

/* select(n, r, w, e, struct timeval *): the remaining time is written
 * back, as Linux does. */
static abi_long sys_select(const UserSyscallArgs *a)
{
    struct target_timeval tv;
    struct timespec ts, *tsp = NULL;
    abi_long r;

    if (a->a[4]) {
        if (user_copy_from_guest(&tv, a->a[4], sizeof(tv)) < 0) {
            return -EFAULT;
        }
        if (tv.tv_sec < 0 || tv.tv_usec < 0) {
            return -EINVAL;
        }
        ts.tv_sec = tv.tv_sec + tv.tv_usec / 1000000;
        ts.tv_nsec = (tv.tv_usec % 1000000) * 1000;
        tsp = &ts;
    }
    r = user_host_ret(syscall(SYS_pselect6, (int)a->a[0], g2h(a->a[1]),
                              g2h(a->a[2]), g2h(a->a[3]), tsp, NULL));
    if ((r >= 0 || r == -EINTR) && tsp) {
        tv.tv_sec = ts.tv_sec;
        tv.tv_usec = ts.tv_nsec / 1000;
        user_copy_to_guest(a->a[4], &tv, sizeof(tv));
    }
    return r;
}

static abi_long sys_epoll_create(const UserSyscallArgs *a)
{
    if ((int)a->a[0] <= 0) {
        return -EINVAL;
    }
    return user_host_ret(epoll_create1(0));
}

/* epoll_wait: epoll_pwait without a mask. */
static abi_long sys_epoll_wait(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_epoll_pwait, a->a[0], a->a[1], a->a[2],
                           a->a[3], 0);
}
#endif

const UserSyscallDef user_syscalls_poll[] = {
    { TARGET_NR_ppoll, sys_ppoll, "puppu" },
    { TARGET_NR_pselect6, sys_pselect6, "dppppp" },
    { TARGET_NR_epoll_create1, sys_epoll_create1, "x" },
    { TARGET_NR_epoll_ctl, sys_epoll_ctl, "dddp" },
    { TARGET_NR_epoll_pwait, sys_epoll_pwait, "dpddpu" },
    { TARGET_NR_epoll_pwait2, sys_epoll_pwait2, "dpdppu" },
#ifdef TARGET_NR_poll
    { TARGET_NR_poll, sys_poll, "pud" },
    { TARGET_NR_select, sys_select, "dpppp" },
    { TARGET_NR_epoll_create, sys_epoll_create, "d" },
    { TARGET_NR_epoll_wait, sys_epoll_wait, "dpdd" },
#endif
    { 0, NULL, NULL }
};
