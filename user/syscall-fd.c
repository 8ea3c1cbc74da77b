/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File descriptors for events: eventfd, timerfd, signalfd, inotify and
 * pidfds. Flags are checked and converted; struct itimerspec is
 * converted. What the guest then read()s from these fds goes through
 * plain read(): the records are fixed-width little-endian structures of
 * one layout on every Linux arch (a u64 counter for eventfd and timerfd,
 * struct signalfd_siginfo, struct inotify_event), and the signal numbers
 * in signalfd_siginfo and the inotify IN_* bits are the same on both
 * sides (asserted below), so they need no rewriting.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/user-signal.h"

/* EFD_*, TFD_*, SFD_*, IN_* and PIDFD_NONBLOCK creation flags. */
#define TARGET_FD_NONBLOCK 00004000
#define TARGET_FD_CLOEXEC 02000000
#define TARGET_EFD_SEMAPHORE 1
#define TARGET_TFD_TIMER_ABSTIME 1
#define TARGET_TFD_TIMER_CANCEL_ON_SET 2

struct target_itimerspec {
    struct target_timespec it_interval;
    struct target_timespec it_value;
};

/* signalfd_siginfo: 128 bytes of fixed-width fields on every arch. */
_Static_assert(sizeof(struct signalfd_siginfo) == 128 &&
               offsetof(struct signalfd_siginfo, ssi_signo) == 0 &&
               offsetof(struct signalfd_siginfo, ssi_pid) == 12 &&
               offsetof(struct signalfd_siginfo, ssi_int) == 44 &&
               offsetof(struct signalfd_siginfo, ssi_addr) == 72,
               "struct signalfd_siginfo");
/* Host signal numbers are the asm-generic ones riscv64 uses. */
_Static_assert(SIGHUP == 1 && SIGINT == 2 && SIGQUIT == 3 && SIGILL == 4 &&
               SIGTRAP == 5 && SIGABRT == 6 && SIGBUS == 7 && SIGFPE == 8 &&
               SIGKILL == 9 && SIGUSR1 == 10 && SIGSEGV == 11 &&
               SIGUSR2 == 12 && SIGPIPE == 13 && SIGALRM == 14 &&
               SIGTERM == 15 && SIGSTKFLT == 16 && SIGCHLD == 17 &&
               SIGCONT == 18 && SIGSTOP == 19 && SIGTSTP == 20 &&
               SIGTTIN == 21 && SIGTTOU == 22 && SIGURG == 23 &&
               SIGXCPU == 24 && SIGXFSZ == 25 && SIGVTALRM == 26 &&
               SIGPROF == 27 && SIGWINCH == 28 && SIGIO == 29 &&
               SIGPWR == 30 && SIGSYS == 31, "host signal numbers");
/* struct inotify_event: int wd; u32 mask, cookie, len; char name[]. */
_Static_assert(sizeof(struct inotify_event) == 16 &&
               offsetof(struct inotify_event, len) == 12 &&
               IN_ACCESS == 1 && IN_MODIFY == 2 && IN_CREATE == 0x100 &&
               IN_DELETE == 0x200 && IN_MOVED_TO == 0x80 &&
               IN_ONLYDIR == 0x01000000 && IN_MASK_ADD == 0x20000000 &&
               IN_ISDIR == 0x40000000 && IN_ONESHOT == 0x80000000,
               "struct inotify_event and IN_* bits");

/*
 * NONBLOCK/CLOEXEC (and extra, the call's own bits, kept as they are)
 * as host flags; -EINVAL for any other bit, as the kernel.
 */
static int fd_flags_to_host(abi_ulong flags, abi_ulong extra)
{
    if (flags & ~(abi_ulong)(TARGET_FD_NONBLOCK | TARGET_FD_CLOEXEC |
                             extra)) {
        return -EINVAL;
    }
    return (int)(flags & extra) |
           (flags & TARGET_FD_NONBLOCK ? O_NONBLOCK : 0) |
           (flags & TARGET_FD_CLOEXEC ? O_CLOEXEC : 0);
}

static abi_long sys_eventfd2(const UserSyscallArgs *a)
{
    int flags = fd_flags_to_host(a->a[1], TARGET_EFD_SEMAPHORE);

    _Static_assert(EFD_SEMAPHORE == TARGET_EFD_SEMAPHORE, "EFD_SEMAPHORE");
    if (flags < 0) {
        return flags;
    }
    return user_host_ret(eventfd((unsigned)a->a[0], flags));
}

static abi_long sys_timerfd_create(const UserSyscallArgs *a)
{
    int flags = fd_flags_to_host(a->a[1], 0);

    if (flags < 0) {
        return flags;
    }
    /* clock ids are the generic CLOCK_* numbers on both sides */
    return user_host_ret(timerfd_create((clockid_t)a->a[0], flags));
}

static void itimerspec_to_target(struct target_itimerspec *t,
                                 const struct itimerspec *h)
{
    t->it_interval.tv_sec = h->it_interval.tv_sec;
    t->it_interval.tv_nsec = h->it_interval.tv_nsec;
    t->it_value.tv_sec = h->it_value.tv_sec;
    t->it_value.tv_nsec = h->it_value.tv_nsec;
}

static abi_long sys_timerfd_settime(const UserSyscallArgs *a)
{
    abi_ulong tflags = a->a[1];
    struct target_itimerspec t;
    struct itimerspec nv, ov;
    int flags = 0;

    if (tflags & ~(abi_ulong)(TARGET_TFD_TIMER_ABSTIME |
                              TARGET_TFD_TIMER_CANCEL_ON_SET)) {
        return -EINVAL;
    }
    flags |= tflags & TARGET_TFD_TIMER_ABSTIME ? TFD_TIMER_ABSTIME : 0;
    flags |= tflags & TARGET_TFD_TIMER_CANCEL_ON_SET ?
             TFD_TIMER_CANCEL_ON_SET : 0;
    if (user_copy_from_guest(&t, a->a[2], sizeof(t)) < 0) {
        return -EFAULT;
    }
    nv.it_interval.tv_sec = t.it_interval.tv_sec;
    nv.it_interval.tv_nsec = t.it_interval.tv_nsec;
    nv.it_value.tv_sec = t.it_value.tv_sec;
    nv.it_value.tv_nsec = t.it_value.tv_nsec;
    if (timerfd_settime((int)a->a[0], flags, &nv, &ov) < 0) {
        return -errno;
    }
    if (a->a[3]) {
        itimerspec_to_target(&t, &ov);
        if (user_copy_to_guest(a->a[3], &t, sizeof(t)) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

static abi_long sys_timerfd_gettime(const UserSyscallArgs *a)
{
    struct target_itimerspec t;
    struct itimerspec cur;

    if (timerfd_gettime((int)a->a[0], &cur) < 0) {
        return -errno;
    }
    itimerspec_to_target(&t, &cur);
    return user_copy_to_guest(a->a[1], &t, sizeof(t)) < 0 ? -EFAULT : 0;
}

/*
 * The guest's signals are the host's (same numbers, and a signal the
 * guest blocks is blocked on the host thread, where it stays pending for
 * the signalfd to read). The sigset is 8 bytes on both sides.
 */
static abi_long sys_signalfd4(const UserSyscallArgs *a)
{
    int flags = fd_flags_to_host(a->a[3], 0);
    uint64_t mask;

    if (flags < 0 || a->a[2] != sizeof(mask)) {
        return -EINVAL;
    }
    if (user_copy_from_guest(&mask, a->a[1], sizeof(mask)) < 0) {
        return -EFAULT;
    }
    return user_host_ret(syscall(SYS_signalfd4, (int)a->a[0], &mask,
                                 sizeof(mask), flags));
}

static abi_long sys_inotify_init1(const UserSyscallArgs *a)
{
    int flags = fd_flags_to_host(a->a[0], 0);

    if (flags < 0) {
        return flags;
    }
    return user_host_ret(inotify_init1(flags));
}

static abi_long sys_inotify_add_watch(const UserSyscallArgs *a)
{
    char buf[PATH_MAX];
    int err;
    const char *path = user_path_from_guest(a->a[1], buf, sizeof(buf), &err);

    if (!path) {
        return err;
    }
    return user_host_ret(inotify_add_watch((int)a->a[0], path,
                                           (uint32_t)a->a[2]));
}

static abi_long sys_inotify_rm_watch(const UserSyscallArgs *a)
{
    return user_host_ret(inotify_rm_watch((int)a->a[0], (int)a->a[1]));
}

static abi_long sys_pidfd_open(const UserSyscallArgs *a)
{
    /* PIDFD_NONBLOCK is O_NONBLOCK; there is no CLOEXEC flag (always) */
    if (a->a[1] & ~(abi_ulong)TARGET_FD_NONBLOCK) {
        return -EINVAL;
    }
    return user_host_ret(syscall(SYS_pidfd_open, (pid_t)a->a[0],
                                 a->a[1] ? O_NONBLOCK : 0));
}

static abi_long sys_pidfd_send_signal(const UserSyscallArgs *a)
{
    TargetSiginfo info;     /* same layout as the host's (user-signal.h) */

    if (a->a[2] && user_copy_from_guest(&info, a->a[2], sizeof(info)) < 0) {
        return -EFAULT;
    }
    return user_host_ret(syscall(SYS_pidfd_send_signal, (int)a->a[0],
                                 (int)a->a[1], a->a[2] ? &info : NULL,
                                 (unsigned)a->a[3]));
}

static abi_long sys_pidfd_getfd(const UserSyscallArgs *a)
{
    return user_host_ret(syscall(SYS_pidfd_getfd, (int)a->a[0],
                                 (int)a->a[1], (unsigned)a->a[2]));
}

#ifdef TARGET_NR_eventfd
/* The flag-less forms x86-64 keeps. */
static abi_long sys_eventfd(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_eventfd2, a->a[0], 0, 0, 0, 0);
}

static abi_long sys_signalfd(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_signalfd4, a->a[0], a->a[1], a->a[2], 0,
                           0);
}

static abi_long sys_inotify_init(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_inotify_init1, 0, 0, 0, 0, 0);
}
#endif

const UserSyscallDef user_syscalls_fd[] = {
    { TARGET_NR_eventfd2, sys_eventfd2, "ux" },
    { TARGET_NR_timerfd_create, sys_timerfd_create, "dx" },
    { TARGET_NR_timerfd_settime, sys_timerfd_settime, "dxpp" },
    { TARGET_NR_timerfd_gettime, sys_timerfd_gettime, "dp" },
    { TARGET_NR_signalfd4, sys_signalfd4, "dpux" },
    { TARGET_NR_inotify_init1, sys_inotify_init1, "x" },
    { TARGET_NR_inotify_add_watch, sys_inotify_add_watch, "dsx" },
    { TARGET_NR_inotify_rm_watch, sys_inotify_rm_watch, "dd" },
    { TARGET_NR_pidfd_open, sys_pidfd_open, "dx" },
    { TARGET_NR_pidfd_send_signal, sys_pidfd_send_signal, "ddpx" },
    { TARGET_NR_pidfd_getfd, sys_pidfd_getfd, "ddx" },
#ifdef TARGET_NR_eventfd
    { TARGET_NR_eventfd, sys_eventfd, "u" },
    { TARGET_NR_signalfd, sys_signalfd, "dpu" },
    { TARGET_NR_inotify_init, sys_inotify_init, "" },
#endif
    { 0, NULL, NULL }
};
