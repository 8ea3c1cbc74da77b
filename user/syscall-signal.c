/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signal system calls: dispositions, masks, the alternate stack, waiting
 * for signals, rt_sigreturn, sending with siginfo and interval timers
 * (see user-signal.h). sigset is 8 bytes on both sides; siginfo_t,
 * struct timespec and struct itimerval have one layout on riscv64 and
 * x86-64 (64-bit asm-generic), so they are copied unchanged.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "target-cpu.h"
#include "syscall-numbers.h"
#include "target-structs.h"
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

static abi_long sys_sigaltstack(const UserSyscallArgs *a)
{
    TargetStack ss, old;
    uint64_t sp = target_cpu_get_sp(a->cpu->arch);
    int ret;

    if (a->a[0] && user_copy_from_guest(&ss, a->a[0], sizeof(ss)) < 0) {
        return -EFAULT;
    }
    ret = user_signal_altstack(a->a[0] ? &ss : NULL, &old, sp);
    if (ret == 0 && a->a[1] &&
        user_copy_to_guest(a->a[1], &old, sizeof(old)) < 0) {
        return -EFAULT;
    }
    return ret;
}

static abi_long sys_rt_sigpending(const UserSyscallArgs *a)
{
    uint64_t set = user_signal_pending();

    if (a->a[1] != 8) {
        return -EINVAL;
    }
    return user_copy_to_guest(a->a[0], &set, sizeof(set)) < 0 ? -EFAULT : 0;
}

static abi_long sys_rt_sigsuspend(const UserSyscallArgs *a)
{
    uint64_t set;

    if (a->a[1] != 8) {
        return -EINVAL;
    }
    if (user_copy_from_guest(&set, a->a[0], sizeof(set)) < 0) {
        return -EFAULT;
    }
    return user_signal_suspend(set);
}

#ifdef TARGET_NR_pause
/* pause: sleep until a signal, with the current mask; -EINTR. */
static abi_long sys_pause(const UserSyscallArgs *a)
{
    (void)a;
    return user_signal_suspend(user_signal_mask_get());
}
#endif

static abi_long sys_rt_sigtimedwait(const UserSyscallArgs *a)
{
    uint64_t set;
    struct timespec ts;
    TargetSiginfo info;
    abi_long ret;

    if (a->a[3] != 8) {
        return -EINVAL;
    }
    if (user_copy_from_guest(&set, a->a[0], sizeof(set)) < 0 ||
        (a->a[2] && user_copy_from_guest(&ts, a->a[2], sizeof(ts)) < 0)) {
        return -EFAULT;
    }
    ret = user_signal_timedwait(set, &info, a->a[2] ? &ts : NULL);
    if (ret > 0 && a->a[1] &&
        user_copy_to_guest(a->a[1], &info, sizeof(info)) < 0) {
        return -EFAULT;
    }
    return ret;
}

static abi_long sys_rt_sigreturn(const UserSyscallArgs *a)
{
    return user_signal_sigreturn(a->cpu);
}

static abi_long sys_rt_sigqueueinfo(const UserSyscallArgs *a)
{
    TargetSiginfo info;

    if (user_copy_from_guest(&info, a->a[2], sizeof(info)) < 0) {
        return -EFAULT;
    }
    return user_host_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)a->a[0],
                                 (int)a->a[1], &info));
}

static abi_long sys_rt_tgsigqueueinfo(const UserSyscallArgs *a)
{
    TargetSiginfo info;

    if (user_copy_from_guest(&info, a->a[3], sizeof(info)) < 0) {
        return -EFAULT;
    }
    return user_host_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a->a[0],
                                 (pid_t)a->a[1], (int)a->a[2], &info));
}

/* SIGALRM, SIGVTALRM and SIGPROF come from the host's timers directly. */
static abi_long sys_setitimer(const UserSyscallArgs *a)
{
    struct itimerval nv, ov;
    long r;

    if (a->a[1] && user_copy_from_guest(&nv, a->a[1], sizeof(nv)) < 0) {
        return -EFAULT;
    }
    r = syscall(SYS_setitimer, (int)a->a[0], a->a[1] ? &nv : NULL, &ov);
    if (r < 0) {
        return -errno;
    }
    if (a->a[2] && user_copy_to_guest(a->a[2], &ov, sizeof(ov)) < 0) {
        return -EFAULT;
    }
    return 0;
}

static abi_long sys_getitimer(const UserSyscallArgs *a)
{
    struct itimerval v;

    if (syscall(SYS_getitimer, (int)a->a[0], &v) < 0) {
        return -errno;
    }
    return user_copy_to_guest(a->a[1], &v, sizeof(v)) < 0 ? -EFAULT : 0;
}

const UserSyscallDef user_syscalls_signal[] = {
    { TARGET_NR_rt_sigaction, sys_rt_sigaction, "dppu" },
    { TARGET_NR_rt_sigprocmask, sys_rt_sigprocmask, "dppu" },
#ifdef TARGET_NR_pause
    { TARGET_NR_pause, sys_pause, "" },
#endif
    { TARGET_NR_sigaltstack, sys_sigaltstack, "pp" },
    { TARGET_NR_rt_sigpending, sys_rt_sigpending, "pu" },
    { TARGET_NR_rt_sigsuspend, sys_rt_sigsuspend, "pu" },
    { TARGET_NR_rt_sigtimedwait, sys_rt_sigtimedwait, "pppu" },
    { TARGET_NR_rt_sigreturn, sys_rt_sigreturn, "" },
    { TARGET_NR_rt_sigqueueinfo, sys_rt_sigqueueinfo, "ddp" },
    { TARGET_NR_rt_tgsigqueueinfo, sys_rt_tgsigqueueinfo, "dddp" },
    { TARGET_NR_setitimer, sys_setitimer, "dpp" },
    { TARGET_NR_getitimer, sys_getitimer, "dp" },
    { 0, NULL, NULL }
};
