/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest signals: dispositions, per-thread mask/pending/alternate stack,
 * the host handlers and delivery at the CPU loop's safe point. Guest and
 * host use the same (asm-generic) signal numbers 1..64, so dispositions
 * and masks map one to one.
 *
 * How a host signal reaches a guest handler: the guest's handler is
 * mirrored by host_async_handler on the host (no SA_RESTART: a blocking
 * host system call must return EINTR so the guest sees its signal). It
 * records the siginfo, sets the thread's pending bit and exit_request
 * (async-signal-safe stores only); the TB prologue sees exit_request and
 * returns to the CPU loop, which calls user_signal_deliver_pending().
 * SIG_IGN and SIG_DFL are left to the host kernel: it ignores, stops or
 * kills the process exactly as it would the guest. The guest's blocked
 * mask is the host thread's mask, so the host keeps blocked signals
 * pending for us.
 */
#include "user/user-signal.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/guest-mem.h"
#include "target-cpu.h"
#include "syscall-numbers.h"
#include "user/signal-frame.h"
#include "user/user-log.h"
#include "user/user-mmap.h"
#include "user/user-process.h"
#include "util/error.h"

#define SIGBIT(sig) (1ull << ((sig) - 1))
#define UNBLOCKABLE (SIGBIT(TARGET_SIGKILL) | SIGBIT(TARGET_SIGSTOP))
#define HOST_ALTSTACK_SIZE (64 * 1024)
/* Linux queues every instance of signals 32..64; 1..31 coalesce. */
#define SIGNAL_RT_FIRST 32
/* Real-time instances held here between the host handler and delivery;
 * the kernel keeps the rest (see signal_queue). */
#define SIGNAL_RTQ_MAX 32

static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static struct target_sigaction guest_actions[TARGET_NSIG + 1];

/* Guest address of the rt_sigreturn trampoline page (the return address
 * of handlers on targets without sa_restorer; 0 on the others). */
static uint64_t sigreturn_tramp;
#ifdef TARGET_SIGRETURN_TRAMPOLINE
static pthread_once_t tramp_once = PTHREAD_ONCE_INIT;
#endif

typedef struct SignalThreadState {
    _Atomic uint64_t pending;   /* set by the host handler (or a kill to
                                   ourselves of a fault signal) */
    TargetSiginfo info[TARGET_NSIG + 1];    /* signals 1..31 */
    /* Real-time instances in arrival order (pending bit set while one
     * of that number is here). */
    unsigned rtq_len;
    uint8_t rtq_sig[SIGNAL_RTQ_MAX];
    TargetSiginfo rtq_info[SIGNAL_RTQ_MAX];
    uint64_t mask;              /* the guest's blocked mask */
    /* alternate stack: size 0 = disabled; flags keeps SS_AUTODISARM */
    uint64_t alt_sp, alt_size;
    uint32_t alt_flags;
    /* rt_sigsuspend: the mask to put back once a handler is set up */
    bool suspend_active;
    uint64_t suspend_saved_mask;
    /* the last system call returned -EINTR: maybe restart it */
    bool restart_pending;
    int restart_nr;
    abi_ulong restart_arg0;
} SignalThreadState;

static __thread SignalThreadState sts;

/* Signals the emulator needs for itself: the guest may not block them on
 * the host (a guest fault in a blocked state still has to reach us). */
static bool signal_is_synchronous(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
           sig == SIGFPE || sig == SIGTRAP;
}

static bool signal_default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
           sig == SIGWINCH;
}

static bool signal_default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
           sig == SIGTTOU;
}

static bool signal_default_dumps_core(int sig)
{
    return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP ||
           sig == SIGABRT || sig == SIGBUS || sig == SIGFPE ||
           sig == SIGSEGV || sig == SIGXCPU || sig == SIGXFSZ ||
           sig == SIGSYS;
}

/* Put the host thread's mask in line with the guest mask. */
static void signal_host_mask_apply(uint64_t mask)
{
    uint64_t host_mask = mask;

    for (int sig = 1; sig <= 64; sig++) {
        if (signal_is_synchronous(sig)) {
            host_mask &= ~SIGBIT(sig);
        }
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &host_mask, NULL, 8);
}

static void signal_mask_set(uint64_t mask)
{
    sts.mask = mask & ~UNBLOCKABLE;
    signal_host_mask_apply(sts.mask);
}

/*
 * Queue sig for the guest thread running here (async-signal-safe; host
 * handlers run with every signal blocked, so nothing here nests).
 * A real-time signal is appended to the thread's queue and returns
 * false when the queue is full: the caller then hands it back to the
 * kernel.
 */
static bool signal_queue(int sig, const siginfo_t *info)
{
    CPU *cpu = tcg_current_cpu();

    if (sig >= SIGNAL_RT_FIRST) {
        if (sts.rtq_len == SIGNAL_RTQ_MAX) {
            return false;
        }
        memcpy(&sts.rtq_info[sts.rtq_len], info, sizeof(TargetSiginfo));
        sts.rtq_sig[sts.rtq_len++] = (uint8_t)sig;
    } else {
        memcpy(&sts.info[sig], info, sizeof(TargetSiginfo));
    }
    atomic_fetch_or(&sts.pending, SIGBIT(sig));
    if (cpu) {
        /* The kick: the next TB entry returns to the CPU loop. */
        atomic_store_explicit(&cpu->exit_request, 1, memory_order_release);
    }
    return true;
}

/*
 * A real-time signal stays blocked on the host once one instance is here
 * (the handler's return restores uc_sigmask): the kernel keeps the other
 * instances queued, in order, until delivery re-applies the guest mask.
 * Without that, unblocking a signal queued N times would run this
 * handler N times before the guest could take one.
 */
static void host_async_handler(int sig, siginfo_t *info, void *uc_v)
{
    ucontext_t *uc = uc_v;
    int saved_errno = errno;    /* the interrupted code may be reading it */

    if (sig >= SIGNAL_RT_FIRST) {
        sigaddset(&uc->uc_sigmask, sig);
        if (!signal_queue(sig, info) &&
            syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), sig, info)) {
            /*
             * Our queue is full and so is the kernel's (RLIMIT_SIGPENDING):
             * this instance is lost. Say so (async-signal-safe write); a
             * guest that floods itself with queued signals sees fewer.
             */
            static const char msg[] = "janus: a queued real-time signal "
                                      "was lost (signal queues full)\n";

            if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
                /* nothing more to do from a signal handler */
            }
        }
        errno = saved_errno;
        return;
    }
    signal_queue(sig, info);
    errno = saved_errno;
}

/*
 * A host SIGSEGV/SIGBUS while this thread runs guest code is a guest
 * fault: record the address and raise the matching guest exception, which
 * restores the precise guest pc. One sent by kill() is queued like any
 * asynchronous signal. Anything else is an emulator bug: die of it.
 */
static void host_fault_handler(int sig, siginfo_t *info, void *uc_v)
{
    ucontext_t *uc = uc_v;
    CPU *cpu = tcg_current_cpu();
    bool write = false;
    uint64_t addr = (uintptr_t)info->si_addr - guest_base;

#ifdef __x86_64__
    write = uc->uc_mcontext.gregs[REG_ERR] & 2;
#else
    (void)uc;
#endif
    if (info->si_code <= 0) {
        signal_queue(sig, info);
        return;
    }
    if (!cpu || !tcg_cpu_in_guest_code()) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    if (sig == SIGSEGV && write && info->si_code == SEGV_ACCERR &&
        user_mmap_smc_fault(addr)) {
        /* A store into translated code: drop the page's TBs, retry. */
        tb_invalidate_range(USER_PAGE_TRUNC(addr),
                            USER_PAGE_TRUNC(addr) + USER_PAGE_SIZE);
        return;
    }
#ifdef __x86_64__
    /*
     * The kernel ran this handler with a fresh MXCSR and we leave it by
     * siglongjmp, not sigreturn: put back the interrupted one, which may
     * hold guest FP state (SSE fast mode: the guest's control and the
     * flags it gathered; riscv64's lazily accrued fflags).
     */
    if (uc->uc_mcontext.fpregs) {
        uint32_t mxcsr = uc->uc_mcontext.fpregs->mxcsr;

        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    }
#endif
    /* SI_KERNEL: the host CPU took a #GP (a non-canonical address), so
     * there is no fault address. */
    target_cpu_raise_mem_fault(cpu, addr, write,
                               sig == SIGBUS ? USER_MEM_FAULT_BUS
                               : info->si_code == SI_KERNEL
                               ? USER_MEM_FAULT_NONCANONICAL
                               : USER_MEM_FAULT_PAGE);
}

void user_signal_thread_start(void)
{
    static __thread void *host_altstack;
    uint64_t host_mask = 0;

    if (!host_altstack) {
        /* The host handlers run here: a guest with a broken sp must not
         * take the emulator down with it. */
        stack_t ss = { .ss_size = HOST_ALTSTACK_SIZE };

        host_altstack = ss.ss_sp = malloc(HOST_ALTSTACK_SIZE);
        if (ss.ss_sp) {
            sigaltstack(&ss, NULL);
        }
    }
    sts.alt_sp = 0;
    sts.alt_size = 0;
    sts.alt_flags = 0;
    sts.suspend_active = false;
    sts.restart_pending = false;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &host_mask, 8);
    sts.mask = host_mask & ~UNBLOCKABLE;
}

uint64_t user_signal_mask_get(void)
{
    return sts.mask;
}

void user_signal_fork_prepare(void)
{
    pthread_mutex_lock(&sig_lock);
}

void user_signal_fork_parent(void)
{
    pthread_mutex_unlock(&sig_lock);
}

void user_signal_fork_child(void)
{
    pthread_mutex_init(&sig_lock, NULL);
    /* fork(2): the child starts with no pending signals. */
    atomic_store(&sts.pending, 0);
    sts.rtq_len = 0;
    /* a real-time signal the parent held back on the host is not held
     * in the child: its host mask follows the guest's again */
    signal_host_mask_apply(sts.mask);
}

void user_signal_init(void)
{
    struct sigaction sa;

    user_signal_thread_start();
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    /* NODEFER: the handler leaves by siglongjmp into the exec loop. */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

/* Mirror the guest's disposition of sig on the host (sig_lock held). */
static void signal_host_action_apply(int sig, uint64_t handler)
{
    struct sigaction sa;

    if (sig == SIGSEGV || sig == SIGBUS) {
        return;     /* host_fault_handler forwards what is the guest's */
    }
    memset(&sa, 0, sizeof(sa));
    if (handler == TARGET_SIG_IGN) {
        /* Also auto-reaps children for SIGCHLD, as the guest asked. */
        sa.sa_handler = SIG_IGN;
    } else if (handler == TARGET_SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else {
        sa.sa_sigaction = host_async_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigfillset(&sa.sa_mask);
    }
    /* glibc's own signals (32, 33) are refused: documented limitation. */
    sigaction(sig, &sa, NULL);
}

int user_signal_action(int sig, const struct target_sigaction *act,
                       struct target_sigaction *old)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (act && (sig == TARGET_SIGKILL || sig == TARGET_SIGSTOP)) {
        return -EINVAL;
    }
    pthread_mutex_lock(&sig_lock);
    if (old) {
        *old = guest_actions[sig];
    }
    if (act) {
        guest_actions[sig] = *act;
        signal_host_action_apply(sig, act->handler);
    }
    pthread_mutex_unlock(&sig_lock);
    return 0;
}

bool user_signal_has_handler(int sig)
{
    bool ret;

    if (sig < 1 || sig > TARGET_NSIG) {
        return false;
    }
    pthread_mutex_lock(&sig_lock);
    ret = guest_actions[sig].handler > TARGET_SIG_IGN;
    pthread_mutex_unlock(&sig_lock);
    return ret;
}

int user_signal_procmask(int how, const uint64_t *set, uint64_t *old)
{
    uint64_t mask = sts.mask;

    if (old) {
        *old = mask;
    }
    if (!set) {
        return 0;
    }
    switch (how) {
    case TARGET_SIG_BLOCK:
        mask |= *set;
        break;
    case TARGET_SIG_UNBLOCK:
        mask &= ~*set;
        break;
    case TARGET_SIG_SETMASK:
        mask = *set;
        break;
    default:
        return -EINVAL;
    }
    /* Unblocking makes queued or host-pending signals deliverable: the
     * host handler runs right here, the CPU loop delivers after the
     * system call. */
    signal_mask_set(mask);
    return 0;
}

/* --- alternate stack ------------------------------------------------ */

static bool signal_on_altstack(uint64_t sp)
{
    return sp > sts.alt_sp && sp - sts.alt_sp <= sts.alt_size;
}

/* ss_flags as the kernel reports them for stack pointer sp. */
static int32_t signal_altstack_flags(uint64_t sp)
{
    if (!sts.alt_size) {
        return TARGET_SS_DISABLE;
    }
    return signal_on_altstack(sp) ? TARGET_SS_ONSTACK : 0;
}

static void signal_altstack_save(TargetStack *ss, uint64_t sp)
{
    memset(ss, 0, sizeof(*ss));
    ss->ss_sp = sts.alt_sp;
    ss->ss_size = sts.alt_size;
    ss->ss_flags = signal_altstack_flags(sp) | (int32_t)sts.alt_flags;
}

int user_signal_altstack(const TargetStack *ss, TargetStack *old,
                         uint64_t sp)
{
    if (old) {
        signal_altstack_save(old, sp);
    }
    if (ss) {
        uint32_t mode = (uint32_t)ss->ss_flags & ~TARGET_SS_AUTODISARM;

        if (signal_on_altstack(sp)) {
            return -EPERM;
        }
        if (mode != 0 && mode != TARGET_SS_DISABLE &&
            mode != TARGET_SS_ONSTACK) {
            return -EINVAL;
        }
        if (mode == TARGET_SS_DISABLE) {
            sts.alt_sp = 0;
            sts.alt_size = 0;
        } else {
            if (ss->ss_size < TARGET_MINSIGSTKSZ) {
                return -ENOMEM;
            }
            sts.alt_sp = ss->ss_sp;
            sts.alt_size = ss->ss_size;
        }
        sts.alt_flags = (uint32_t)ss->ss_flags & TARGET_SS_AUTODISARM;
    }
    return 0;
}

/* --- death by a signal ---------------------------------------------- */

/*
 * The default action "terminate" (or "core"): die of sig on the host so
 * the parent sees the same wait status. The emulator's own core would
 * be no use to anyone debugging the guest: core size limit 0.
 */
static void signal_die(int sig) __attribute__((noreturn));
static void signal_die(int sig)
{
    struct sigaction sa;
    sigset_t set;

    fflush(stdout);
    fflush(user_log_file());
    if (signal_default_dumps_core(sig)) {
        struct rlimit rl = { 0, 0 };

        setrlimit(RLIMIT_CORE, &rl);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* glibc's reserved signals cannot be raised with their default
     * action; end with the status a shell shows for a signal death. */
    _exit(128 + sig);
}

void user_signal_fatal(int sig, uint64_t pc, uint64_t addr)
{
    const char *name = strsignal(sig);

    error_report("guest got signal %d (%s) at pc 0x%" PRIx64
                 ", address 0x%" PRIx64, sig, name ? name : "?", pc, addr);
    signal_die(sig);
}

/* The default action of a signal with no handler (not a fault). */
static void signal_default_action(int sig)
{
    if (signal_default_ignores(sig)) {
        return;
    }
    if (signal_default_stops(sig)) {
        /* Stop for real; put our disposition back once continued. */
        signal(sig, SIG_DFL);
        raise(sig);
        pthread_mutex_lock(&sig_lock);
        signal_host_action_apply(sig, guest_actions[sig].handler);
        pthread_mutex_unlock(&sig_lock);
        return;
    }
    signal_die(sig);
}

/* --- delivery ------------------------------------------------------- */

#ifdef TARGET_SIGRETURN_TRAMPOLINE
static void signal_tramp_map(void)
{
    abi_long addr = user_mmap_host(0, USER_PAGE_SIZE, PROT_READ | PROT_EXEC,
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    /* The guest sees the page read+exec; only we write it, once. */
    if (addr < 0 || mprotect(g2h(addr), USER_PAGE_SIZE,
                             PROT_READ | PROT_WRITE) < 0) {
        error_report("cannot map the signal return trampoline");
        return;
    }
    memcpy(g2h(addr), target_sigreturn_code, target_sigreturn_code_size);
    mprotect(g2h(addr), USER_PAGE_SIZE, PROT_READ);
    sigreturn_tramp = (uint64_t)addr;
}
#endif

/* System calls Linux restarts after a handler with SA_RESTART (they
 * return -ERESTARTSYS there); the others fail with EINTR. */
static bool signal_syscall_restartable(int nr)
{
    switch (nr) {
    case TARGET_NR_read: case TARGET_NR_write:
    case TARGET_NR_readv: case TARGET_NR_writev:
    case TARGET_NR_pread64: case TARGET_NR_pwrite64:
    case TARGET_NR_preadv: case TARGET_NR_pwritev:
    case TARGET_NR_ioctl: case TARGET_NR_openat:
    case TARGET_NR_wait4: case TARGET_NR_waitid:
    case TARGET_NR_fcntl: case TARGET_NR_flock:
    case TARGET_NR_futex:
    case TARGET_NR_accept: case TARGET_NR_accept4:
    case TARGET_NR_connect:
    case TARGET_NR_recvfrom: case TARGET_NR_sendto:
    case TARGET_NR_recvmsg: case TARGET_NR_sendmsg:
#ifdef TARGET_NR_open
    case TARGET_NR_open: case TARGET_NR_creat:
#endif
        return true;
    default:
        return false;
    }
}

void user_signal_syscall_return(CPU *cpu, int nr, abi_long ret,
                                abi_ulong arg0)
{
    if (ret == -USER_ESIGRETURN) {
        return;
    }
    target_cpu_set_syscall_ret(cpu->arch, (uint64_t)ret);
    if (ret == -EINTR && signal_syscall_restartable(nr)) {
        sts.restart_pending = true;
        sts.restart_nr = nr;
        sts.restart_arg0 = arg0;
    }
}

/* Re-execute the interrupted system call. */
static void signal_syscall_restart(CPUArchState *env)
{
    target_cpu_syscall_restart(env, sts.restart_nr, sts.restart_arg0);
}

/* Run the guest's action for sig (info filled in). */
static void signal_deliver_one(CPU *cpu, int sig, const TargetSiginfo *info)
{
    CPUArchState *env = cpu->arch;
    struct target_sigaction ka;
    uint64_t sp = target_cpu_get_sp(env), top = sp, frame_mask, new_mask;
    TargetStack saved_stack;
    bool restart = sts.restart_pending;

    sts.restart_pending = false;
    pthread_mutex_lock(&sig_lock);
    ka = guest_actions[sig];
    if (ka.handler > TARGET_SIG_IGN && (ka.flags & TARGET_SA_RESETHAND)) {
        guest_actions[sig].handler = TARGET_SIG_DFL;
        guest_actions[sig].flags &= ~TARGET_SA_SIGINFO;
        signal_host_action_apply(sig, TARGET_SIG_DFL);
    }
    pthread_mutex_unlock(&sig_lock);

    if (ka.handler == TARGET_SIG_IGN || ka.handler == TARGET_SIG_DFL) {
        if (restart) {
            signal_syscall_restart(env);   /* no handler ran: restart */
        }
        if (ka.handler == TARGET_SIG_DFL) {
            signal_default_action(sig);
        }
        return;
    }
    if (restart && (ka.flags & TARGET_SA_RESTART)) {
        signal_syscall_restart(env);
    }
#ifdef TARGET_SIGRETURN_TRAMPOLINE
    pthread_once(&tramp_once, signal_tramp_map);
    if (!sigreturn_tramp) {
        signal_die(SIGSEGV);
    }
#endif
    if (signal_on_altstack(sp) &&
        !signal_on_altstack(sp - target_signal_frame_size())) {
        /* The alternate stack overflowed: Linux gives up on the frame. */
        user_signal_fatal(SIGSEGV, target_cpu_get_pc(env), sp);
    }
    if ((ka.flags & TARGET_SA_ONSTACK) && signal_altstack_flags(sp) == 0) {
        top = sts.alt_sp + sts.alt_size;
    }
    signal_altstack_save(&saved_stack, sp);
    frame_mask = sts.suspend_active ? sts.suspend_saved_mask : sts.mask;
    sts.suspend_active = false;
    if (target_signal_frame_setup(env, sig, info, &ka, sigreturn_tramp,
                                  top, frame_mask, &saved_stack) < 0) {
        /* Linux: an unwritable frame is a SIGSEGV the guest cannot catch. */
        user_signal_fatal(SIGSEGV, target_cpu_get_pc(env), top);
    }
    if (sts.alt_flags & TARGET_SS_AUTODISARM) {
        sts.alt_sp = 0;
        sts.alt_size = 0;
    }
    new_mask = sts.mask | ka.mask;
    if (!(ka.flags & TARGET_SA_NODEFER)) {
        new_mask |= SIGBIT(sig);
    }
    signal_mask_set(new_mask);
}

/* Take sig off the pending set, with its siginfo. */
static void signal_take(int sig, TargetSiginfo *info)
{
    sigset_t all, old;

    /* The host handler must not rewrite the info while we copy it. */
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    if (sig >= SIGNAL_RT_FIRST) {
        unsigned i, left = 0;

        for (i = 0; i < sts.rtq_len && sts.rtq_sig[i] != sig; i++) {
        }
        if (i < sts.rtq_len) {
            *info = sts.rtq_info[i];
            sts.rtq_len--;
            memmove(&sts.rtq_sig[i], &sts.rtq_sig[i + 1],
                    (sts.rtq_len - i) * sizeof(sts.rtq_sig[0]));
            memmove(&sts.rtq_info[i], &sts.rtq_info[i + 1],
                    (sts.rtq_len - i) * sizeof(sts.rtq_info[0]));
        } else {
            memset(info, 0, sizeof(*info));
            info->si_signo = sig;
        }
        for (i = 0; i < sts.rtq_len; i++) {
            left += sts.rtq_sig[i] == sig;
        }
        if (!left) {
            atomic_fetch_and(&sts.pending, ~SIGBIT(sig));
        }
    } else {
        *info = sts.info[sig];
        atomic_fetch_and(&sts.pending, ~SIGBIT(sig));
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    /* Let the host hand us the next real-time instances it held back
     * (see host_async_handler); the handler queues them. */
    if (sig >= SIGNAL_RT_FIRST) {
        signal_host_mask_apply(sts.mask);
    }
}

void user_signal_deliver_pending(CPU *cpu)
{
    atomic_store_explicit(&cpu->exit_request, 0, memory_order_relaxed);
    for (;;) {
        uint64_t ready = atomic_load(&sts.pending) & ~sts.mask;
        TargetSiginfo info;
        int sig;

        if (!ready) {
            break;
        }
        sig = __builtin_ctzll(ready) + 1;
        signal_take(sig, &info);
        signal_deliver_one(cpu, sig, &info);
    }
    if (sts.restart_pending) {
        /* EINTR without a signal for a handler: restart, as Linux does
         * for -ERESTARTSYS when no handler runs. */
        sts.restart_pending = false;
        signal_syscall_restart(cpu->arch);
    }
    if (sts.suspend_active) {
        sts.suspend_active = false;
        signal_mask_set(sts.suspend_saved_mask);
    }
}

void user_signal_raise_fault(CPU *cpu, int sig, int code, uint64_t addr)
{
    CPUArchState *env = cpu->arch;
    TargetSiginfo info;
    uint64_t handler;

    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = code;
    info.fields[0] = addr;      /* si_addr */
    pthread_mutex_lock(&sig_lock);
    handler = guest_actions[sig].handler;
    pthread_mutex_unlock(&sig_lock);
    /* A fault that is blocked or ignored kills, as Linux's force_sig. */
    if (handler <= TARGET_SIG_IGN || (sts.mask & SIGBIT(sig))) {
        user_signal_fatal(sig, target_cpu_get_pc(env), addr);
    }
    signal_deliver_one(cpu, sig, &info);
}

/* --- system calls that wait or return ------------------------------- */

uint64_t user_signal_pending(void)
{
    uint64_t host = 0;

    syscall(SYS_rt_sigpending, &host, 8);
    return (host | atomic_load(&sts.pending)) & sts.mask;
}

abi_long user_signal_suspend(uint64_t mask)
{
    sigset_t all, old;
    uint64_t host_mask;

    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    sts.suspend_saved_mask = sts.mask;
    sts.suspend_active = true;
    sts.mask = mask & ~UNBLOCKABLE;
    if (!(atomic_load(&sts.pending) & ~sts.mask)) {
        host_mask = sts.mask;
        for (int sig = 1; sig <= 64; sig++) {
            if (signal_is_synchronous(sig)) {
                host_mask &= ~SIGBIT(sig);
            }
        }
        /* Atomically unblock and wait; our handler queues and returns. */
        syscall(SYS_rt_sigsuspend, &host_mask, 8);
    }
    signal_host_mask_apply(sts.mask);
    return -EINTR;
}

abi_long user_signal_timedwait(uint64_t set, TargetSiginfo *info,
                               const void *host_timeout)
{
    uint64_t host_set = set & ~UNBLOCKABLE, ready;
    long r;

    ready = atomic_load(&sts.pending) & host_set;
    if (!ready) {
        r = syscall(SYS_rt_sigtimedwait, &host_set, info, host_timeout, 8);
        if (r >= 0 || errno != EINTR) {
            return r < 0 ? -errno : r;
        }
        /* Our handler took it (the guest had it unblocked). */
        ready = atomic_load(&sts.pending) & host_set;
        if (!ready) {
            return -EINTR;
        }
    }
    r = __builtin_ctzll(ready) + 1;
    signal_take((int)r, info);
    return r;
}

abi_long user_signal_sigreturn(CPU *cpu)
{
    CPUArchState *env = cpu->arch;
    TargetStack ss;
    uint64_t mask;

    if (target_signal_frame_restore(env, &mask, &ss) < 0) {
        user_signal_fatal(SIGSEGV, target_cpu_get_pc(env),
                          target_cpu_get_sp(env));
    }
    signal_mask_set(mask);
    /* As Linux's restore_altstack: only a bad pointer is an error, and
     * the frame was readable. */
    user_signal_altstack(&ss, NULL, target_cpu_get_sp(env));
    return -USER_ESIGRETURN;
}
