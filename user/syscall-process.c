/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process identity, limits, exit, clone (fork-style here, threads in
 * threads.c), execve and wait.
 */
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "target-cpu.h"
#include "syscall-numbers.h"
#include "target-structs.h"
#include "user/syscall.h"
#include "user/user-log.h"
#include "user/user-process.h"
#include "util/cutils.h"

/* Guest pointer registered with set_robust_list (not walked at exit). */
static __thread abi_ulong robust_list_head;

#define SIMPLE(name, expr)                               \
    static abi_long sys_##name(const UserSyscallArgs *a) \
    {                                                    \
        (void)a;                                         \
        return user_host_ret(expr);                      \
    }

SIMPLE(getpid, getpid())
SIMPLE(getppid, getppid())
SIMPLE(gettid, gettid())
SIMPLE(getuid, getuid())
SIMPLE(geteuid, geteuid())
SIMPLE(getgid, getgid())
SIMPLE(getegid, getegid())
SIMPLE(setuid, setuid((uid_t)a->a[0]))
SIMPLE(setgid, setgid((gid_t)a->a[0]))
SIMPLE(setsid, setsid())
SIMPLE(getpgid, getpgid((pid_t)a->a[0]))
SIMPLE(setpgid, setpgid((pid_t)a->a[0], (pid_t)a->a[1]))
SIMPLE(getsid, getsid((pid_t)a->a[0]))
SIMPLE(sched_yield, sched_yield())
SIMPLE(kill, kill((pid_t)a->a[0], (int)a->a[1]))
SIMPLE(tkill, syscall(SYS_tkill, (pid_t)a->a[0], (int)a->a[1]))
SIMPLE(tgkill, syscall(SYS_tgkill, (pid_t)a->a[0], (pid_t)a->a[1],
                       (int)a->a[2]))

/* The kernel's getpriority returns 20 - nice (glibc converts back). */
SIMPLE(getpriority, syscall(SYS_getpriority, (int)a->a[0], (id_t)a->a[1]))
SIMPLE(setpriority, setpriority((int)a->a[0], (id_t)a->a[1],
                                (int)a->a[2]))
SIMPLE(sched_getscheduler, sched_getscheduler((pid_t)a->a[0]))
SIMPLE(sched_get_priority_max, sched_get_priority_max((int)a->a[0]))
SIMPLE(sched_get_priority_min, sched_get_priority_min((int)a->a[0]))

/* struct sched_param is one int on every Linux. */
static abi_long sys_sched_getparam(const UserSyscallArgs *a)
{
    struct sched_param p;

    if (sched_getparam((pid_t)a->a[0], &p) < 0) {
        return -errno;
    }
    return user_copy_to_guest(a->a[1], &p.sched_priority, 4) < 0 ? -EFAULT
                                                                 : 0;
}

static abi_long sys_getresuid(const UserSyscallArgs *a)
{
    uid_t r, e, s;

    if (getresuid(&r, &e, &s) < 0) {
        return -errno;
    }
    if (user_copy_to_guest(a->a[0], &r, 4) || user_copy_to_guest(a->a[1], &e, 4)
        || user_copy_to_guest(a->a[2], &s, 4)) {
        return -EFAULT;
    }
    return 0;
}

static abi_long sys_getresgid(const UserSyscallArgs *a)
{
    gid_t r, e, s;

    if (getresgid(&r, &e, &s) < 0) {
        return -errno;
    }
    if (user_copy_to_guest(a->a[0], &r, 4) || user_copy_to_guest(a->a[1], &e, 4)
        || user_copy_to_guest(a->a[2], &s, 4)) {
        return -EFAULT;
    }
    return 0;
}

static abi_long sys_getgroups(const UserSyscallArgs *a)
{
    gid_t groups[256];
    int n = (int)a->a[0];

    if (n < 0) {
        return -EINVAL;
    }
    n = getgroups(n > 256 ? 256 : n, groups);
    if (n < 0) {
        return -errno;
    }
    if (a->a[0] && user_copy_to_guest(a->a[1], groups, n * sizeof(gid_t))) {
        return -EFAULT;
    }
    return n;
}

static abi_long sys_uname(const UserSyscallArgs *a)
{
    struct utsname u;
    struct target_utsname t;

    if (uname(&u) < 0) {
        return -errno;
    }
    memset(&t, 0, sizeof(t));
    snprintf(t.sysname, sizeof(t.sysname), "%s", u.sysname);
    snprintf(t.nodename, sizeof(t.nodename), "%s", u.nodename);
    snprintf(t.release, sizeof(t.release), "%s", u.release);
    snprintf(t.version, sizeof(t.version), "%s", u.version);
    snprintf(t.machine, sizeof(t.machine), "%s", TARGET_UNAME_MACHINE);
    snprintf(t.domainname, sizeof(t.domainname), "%s", u.domainname);
    return user_copy_to_guest(a->a[0], &t, sizeof(t));
}

static abi_long sys_exit_group(const UserSyscallArgs *a)
{
    if (user_log_enabled(USER_LOG_STRACE)) {
        user_log("\n");
    }
    user_process_exit((int)a->a[0] & 0xff);
}

static abi_long sys_exit(const UserSyscallArgs *a)
{
    if (user_log_enabled(USER_LOG_STRACE)) {
        user_log("\n");
    }
    user_thread_exit((int)a->a[0] & 0xff);
}

static abi_long sys_set_tid_address(const UserSyscallArgs *a)
{
    user_thread_set_clear_tid(a->a[0]);
    return gettid();
}

static abi_long sys_set_robust_list(const UserSyscallArgs *a)
{
    if (a->a[1] != 24) {    /* sizeof(struct robust_list_head) */
        return -EINVAL;
    }
    robust_list_head = a->a[0];
    return 0;
}

static abi_long sys_prlimit64(const UserSyscallArgs *a)
{
    struct target_rlimit64 t;
    struct rlimit hnew, hold;
    int res = (int)a->a[1];

    /* RLIMIT_* numbers are asm-generic on both sides. */
    if (a->a[2]) {
        if (user_copy_from_guest(&t, a->a[2], sizeof(t)) < 0) {
            return -EFAULT;
        }
        hnew.rlim_cur = t.rlim_cur;
        hnew.rlim_max = t.rlim_max;
    }
    if (prlimit((pid_t)a->a[0], res, a->a[2] ? &hnew : NULL,
                a->a[3] ? &hold : NULL) < 0) {
        return -errno;
    }
    if (a->a[3]) {
        t.rlim_cur = hold.rlim_cur;
        t.rlim_max = hold.rlim_max;
        if (user_copy_to_guest(a->a[3], &t, sizeof(t)) < 0) {
            return -EFAULT;
        }
    }
    return 0;
}

static abi_long sys_getrandom(const UserSyscallArgs *a)
{
    return user_host_ret(getrandom(g2h(a->a[0]), a->a[1],
                                   (unsigned)a->a[2]));
}

static abi_long sys_sched_getaffinity(const UserSyscallArgs *a)
{
    return user_host_ret(syscall(SYS_sched_getaffinity, (pid_t)a->a[0],
                                 (size_t)a->a[1], g2h(a->a[2])));
}

static abi_long sys_sched_setaffinity(const UserSyscallArgs *a)
{
    return user_host_ret(syscall(SYS_sched_setaffinity, (pid_t)a->a[0],
                                 (size_t)a->a[1], g2h(a->a[2])));
}

static abi_long sys_prctl(const UserSyscallArgs *a)
{
    int op = (int)a->a[0];

    switch (op) {
    case PR_SET_NAME:
    case PR_GET_NAME:
        return user_host_ret(prctl(op, g2h(a->a[1]), 0, 0, 0));
    case PR_SET_PDEATHSIG:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
        return user_host_ret(prctl(op, a->a[1], a->a[2], a->a[3], a->a[4]));
    default:
        return -EINVAL;
    }
}

/* struct rusage: two timevals and fourteen longs on riscv64. */
struct target_rusage {
    struct target_timeval ru_utime, ru_stime;
    int64_t rest[14];
};

static abi_long rusage_to_guest(abi_ulong addr, const struct rusage *h)
{
    struct target_rusage t;

    t.ru_utime.tv_sec = h->ru_utime.tv_sec;
    t.ru_utime.tv_usec = h->ru_utime.tv_usec;
    t.ru_stime.tv_sec = h->ru_stime.tv_sec;
    t.ru_stime.tv_usec = h->ru_stime.tv_usec;
    t.rest[0] = h->ru_maxrss;
    t.rest[1] = h->ru_ixrss;
    t.rest[2] = h->ru_idrss;
    t.rest[3] = h->ru_isrss;
    t.rest[4] = h->ru_minflt;
    t.rest[5] = h->ru_majflt;
    t.rest[6] = h->ru_nswap;
    t.rest[7] = h->ru_inblock;
    t.rest[8] = h->ru_oublock;
    t.rest[9] = h->ru_msgsnd;
    t.rest[10] = h->ru_msgrcv;
    t.rest[11] = h->ru_nsignals;
    t.rest[12] = h->ru_nvcsw;
    t.rest[13] = h->ru_nivcsw;
    return user_copy_to_guest(addr, &t, sizeof(t));
}

static abi_long sys_getrusage(const UserSyscallArgs *a)
{
    struct rusage ru;

    if (getrusage((int)a->a[0], &ru) < 0) {
        return -errno;
    }
    return rusage_to_guest(a->a[1], &ru);
}

static abi_long sys_wait4(const UserSyscallArgs *a)
{
    struct rusage ru;
    int status;
    pid_t pid = wait4((pid_t)a->a[0], &status, (int)a->a[2],
                      a->a[3] ? &ru : NULL);

    if (pid < 0) {
        return -errno;
    }
    /* The wait status encoding is the same generic one on both sides. */
    if (pid > 0 && a->a[1] &&
        user_copy_to_guest(a->a[1], &status, sizeof(status)) < 0) {
        return -EFAULT;
    }
    if (pid > 0 && a->a[3] && rusage_to_guest(a->a[3], &ru) < 0) {
        return -EFAULT;
    }
    return pid;
}

/*
 * clone(flags, stack, ptid, tls, ctid) on riscv64
 * (TARGET_CLONE_TLS_BEFORE_CTID), (flags, stack, ptid, ctid, tls) on
 * x86-64. CLONE_THREAD makes a guest thread (threads.c). Otherwise this
 * is a fork: CLONE_VM|CLONE_VFORK (posix_spawn, vfork) is run as a plain fork too, since a second guest
 * sharing our address space on a separate stack would race with us; the
 * child gets its own copy and the parent does not wait for its exec.
 */
static abi_long sys_clone(const UserSyscallArgs *a)
{
    uint64_t flags = a->a[0];
#ifdef TARGET_CLONE_TLS_BEFORE_CTID
    abi_ulong stack = a->a[1], ptid = a->a[2], tls = a->a[3], ctid = a->a[4];
#else
    abi_ulong stack = a->a[1], ptid = a->a[2], ctid = a->a[3], tls = a->a[4];
#endif
    pid_t pid;

    if (flags & (USER_CLONE_THREAD | USER_CLONE_SIGHAND)) {
        return user_thread_clone(a->cpu, flags, stack, ptid, tls, ctid);
    }
    if ((flags & USER_CLONE_VM) && !(flags & USER_CLONE_VFORK)) {
        if (user_log_enabled(USER_LOG_UNIMP)) {
            user_log("unimplemented: clone flags 0x%llx (CLONE_VM without "
                     "a thread)\n", (unsigned long long)flags);
        }
        return -EINVAL;
    }
    pid = fork();
    if (pid < 0) {
        return -errno;
    }
    if (pid == 0) {
        CPUArchState *env = a->cpu->arch;
        pid_t tid = gettid();

        user_thread_after_fork();
        target_cpu_clone_child(env, stack);
        if (flags & USER_CLONE_SETTLS) {
            target_cpu_set_tls(env, tls);
        }
        if (flags & USER_CLONE_CHILD_SETTID) {
            user_copy_to_guest(ctid, &tid, sizeof(tid));
        }
        if (flags & USER_CLONE_CHILD_CLEARTID) {
            /* the kernel clears it at our exit; so do we (exit) */
            user_thread_set_clear_tid(ctid);
            syscall(SYS_set_tid_address, g2h(ctid));
        }
        return 0;
    }
    if (flags & USER_CLONE_PARENT_SETTID) {
        user_copy_to_guest(ptid, &pid, sizeof(pid));
    }
    return pid;
}

/*
 * clone3(args, size): struct clone_args (flags, pidfd, child_tid,
 * parent_tid, exit_signal, stack, stack_size, tls, set_tid,
 * set_tid_size, cgroup; 64 bytes in its first version, 88 now) run as
 * the clone it describes; the stack pointer is stack + stack_size.
 * CLONE_PIDFD, set_tid and cgroups are not implemented (EINVAL, logged).
 */
#define CLONE3_ARGS_MAX 88
#define CLONE3_ARGS_MIN 64
#define USER_CLONE_PIDFD 0x00001000ull

static abi_long sys_clone3(const UserSyscallArgs *a)
{
    uint64_t ca[CLONE3_ARGS_MAX / 8] = { 0 };
    abi_ulong size = a->a[1];
    uint64_t flags, stack;

    if (size < CLONE3_ARGS_MIN || size > 4096) {
        return size > 4096 ? -E2BIG : -EINVAL;
    }
    if (user_copy_from_guest(ca, a->a[0], MIN(size, sizeof(ca))) < 0) {
        return -EFAULT;
    }
    /* a larger structure from a newer libc: its extra fields must be 0 */
    for (abi_ulong off = sizeof(ca); off < size; off++) {
        uint8_t b;

        if (user_copy_from_guest(&b, a->a[0] + off, 1) < 0) {
            return -EFAULT;
        }
        if (b) {
            return -E2BIG;
        }
    }
    flags = ca[0];
    if ((flags & (USER_CLONE_THREAD | USER_CLONE_PARENT)) && ca[4]) {
        return -EINVAL;     /* a thread or sibling has no exit signal */
    }
    if ((flags & USER_CLONE_PIDFD) || (flags >> 32) || ca[8] || ca[9] ||
        ca[4] > 64 || (ca[5] && !ca[6]) || (!ca[5] && ca[6])) {
        if (user_log_enabled(USER_LOG_UNIMP)) {
            user_log("unimplemented: clone3 flags 0x%llx (pidfd, set_tid, "
                     "cgroup) or bad stack/exit signal\n",
                     (unsigned long long)flags);
        }
        return -EINVAL;
    }
    flags |= ca[4];                     /* the exit signal, as in clone */
    stack = ca[5] ? ca[5] + ca[6] : 0;
#ifdef TARGET_CLONE_TLS_BEFORE_CTID
    return user_syscall_as(a, sys_clone, flags, stack, ca[3], ca[7], ca[2]);
#else
    return user_syscall_as(a, sys_clone, flags, stack, ca[3], ca[2], ca[7]);
#endif
}

#ifdef TARGET_NR_fork
/* fork and vfork: clone with SIGCHLD as the exit signal (vfork is run as
 * a fork, see sys_clone). */
static abi_long sys_fork(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_clone, SIGCHLD, 0, 0, 0, 0);
}

static abi_long sys_vfork(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_clone,
                           USER_CLONE_VM | USER_CLONE_VFORK | SIGCHLD, 0, 0,
                           0, 0);
}
#endif

#ifdef TARGET_NR_getpgrp
SIMPLE(getpgrp, getpgrp())
#endif

/* getcpu(cpu, node, cache): the host's CPU and node. */
static abi_long sys_getcpu(const UserSyscallArgs *a)
{
    unsigned cpu, node;

    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0) {
        return -errno;
    }
    if ((a->a[0] && user_copy_to_guest(a->a[0], &cpu, sizeof(cpu)) < 0) ||
        (a->a[1] && user_copy_to_guest(a->a[1], &node, sizeof(node)) < 0)) {
        return -EFAULT;
    }
    return 0;
}

/* getrlimit/setrlimit: prlimit64 on ourselves (same struct rlimit). */
static abi_long sys_getrlimit(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_prlimit64, 0, a->a[0], 0, a->a[1], 0);
}

static abi_long sys_setrlimit(const UserSyscallArgs *a)
{
    return user_syscall_as(a, sys_prlimit64, 0, a->a[0], a->a[1], 0, 0);
}

static abi_long sys_execve(const UserSyscallArgs *a)
{
    return user_process_execve(a->cpu, a->a[0], a->a[1], a->a[2]);
}

static abi_long sys_rseq(const UserSyscallArgs *a)
{
    (void)a;
    return -ENOSYS;     /* glibc copes; restartable sequences need hooks
                           in the exec loop */
}

static abi_long sys_sysinfo(const UserSyscallArgs *a)
{
    struct sysinfo si;

    /* struct sysinfo has the same 64-bit layout on both (asm-generic). */
    if (sysinfo(&si) < 0) {
        return -errno;
    }
    return user_copy_to_guest(a->a[0], &si, sizeof(si));
}

const UserSyscallDef user_syscalls_process[] = {
    { TARGET_NR_getpid, sys_getpid, "" },
    { TARGET_NR_getppid, sys_getppid, "" },
    { TARGET_NR_gettid, sys_gettid, "" },
    { TARGET_NR_getuid, sys_getuid, "" },
    { TARGET_NR_geteuid, sys_geteuid, "" },
    { TARGET_NR_getgid, sys_getgid, "" },
    { TARGET_NR_getegid, sys_getegid, "" },
    { TARGET_NR_setuid, sys_setuid, "d" },
    { TARGET_NR_setgid, sys_setgid, "d" },
    { TARGET_NR_getresuid, sys_getresuid, "ppp" },
    { TARGET_NR_getresgid, sys_getresgid, "ppp" },
    { TARGET_NR_getgroups, sys_getgroups, "dp" },
    { TARGET_NR_setsid, sys_setsid, "" },
    { TARGET_NR_getpgid, sys_getpgid, "d" },
    { TARGET_NR_setpgid, sys_setpgid, "dd" },
    { TARGET_NR_getsid, sys_getsid, "d" },
    { TARGET_NR_sched_yield, sys_sched_yield, "" },
    { TARGET_NR_kill, sys_kill, "dd" },
    { TARGET_NR_tkill, sys_tkill, "dd" },
    { TARGET_NR_tgkill, sys_tgkill, "ddd" },
    { TARGET_NR_uname, sys_uname, "p" },
    { TARGET_NR_exit, sys_exit, "d" },
    { TARGET_NR_exit_group, sys_exit_group, "d" },
    { TARGET_NR_set_tid_address, sys_set_tid_address, "p" },
    { TARGET_NR_set_robust_list, sys_set_robust_list, "pu" },
    { TARGET_NR_prlimit64, sys_prlimit64, "ddpp" },
    { TARGET_NR_getrandom, sys_getrandom, "pux" },
    { TARGET_NR_sched_getaffinity, sys_sched_getaffinity, "dup" },
    { TARGET_NR_sched_setaffinity, sys_sched_setaffinity, "dup" },
    { TARGET_NR_prctl, sys_prctl, "dxxxx" },
    { TARGET_NR_getrusage, sys_getrusage, "dp" },
    { TARGET_NR_wait4, sys_wait4, "dpxp" },
    { TARGET_NR_clone, sys_clone, "xpppp" },
    { TARGET_NR_clone3, sys_clone3, "pu" },
    { TARGET_NR_execve, sys_execve, "spp" },
    { TARGET_NR_rseq, sys_rseq, "puxx" },
    { TARGET_NR_sysinfo, sys_sysinfo, "p" },
    { TARGET_NR_getcpu, sys_getcpu, "ppp" },
    { TARGET_NR_getpriority, sys_getpriority, "dd" },
    { TARGET_NR_setpriority, sys_setpriority, "ddd" },
    { TARGET_NR_sched_getscheduler, sys_sched_getscheduler, "d" },
    { TARGET_NR_sched_getparam, sys_sched_getparam, "dp" },
    { TARGET_NR_sched_get_priority_max, sys_sched_get_priority_max, "d" },
    { TARGET_NR_sched_get_priority_min, sys_sched_get_priority_min, "d" },
    { TARGET_NR_getrlimit, sys_getrlimit, "dp" },
    { TARGET_NR_setrlimit, sys_setrlimit, "dp" },
#ifdef TARGET_NR_fork
    { TARGET_NR_fork, sys_fork, "" },
    { TARGET_NR_vfork, sys_vfork, "" },
#endif
#ifdef TARGET_NR_getpgrp
    { TARGET_NR_getpgrp, sys_getpgrp, "" },
#endif
    { 0, NULL, NULL }
};
