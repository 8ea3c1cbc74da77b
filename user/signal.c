/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest signal dispositions and the host handler for faults raised by
 * guest memory accesses. Guest and host use the same (asm-generic)
 * signal numbers 1..64, so dispositions map one to one.
 */
#include "user/user-signal.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/guest-mem.h"
#include "cpu/riscv/cpu-state.h"
#include "user/user-mmap.h"
#include "user/user-process.h"
#include "util/error.h"

static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static struct target_sigaction guest_actions[TARGET_NSIG + 1];
static __thread uint64_t guest_mask;

/* Signals the emulator needs for itself: the guest may not block them. */
static bool signal_is_synchronous(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
           sig == SIGFPE || sig == SIGTRAP;
}

/*
 * A host SIGSEGV/SIGBUS while this thread runs guest code is a guest
 * fault: record the address and raise the matching guest exception, which
 * restores the precise guest pc. Anywhere else it is an emulator bug.
 */
static void host_fault_handler(int sig, siginfo_t *info, void *uc_v)
{
    ucontext_t *uc = uc_v;
    CPU *cpu = tcg_current_cpu();
    bool write = false;
    CPUArchState *env;
    uint64_t addr = (uintptr_t)info->si_addr - guest_base;

#ifdef __x86_64__
    write = uc->uc_mcontext.gregs[REG_ERR] & 2;
#else
    (void)uc;
#endif
    if (!cpu || info->si_code <= 0 || !tcg_cpu_in_guest_code()) {
        /* Not from guest execution (or sent by kill): die as the host
         * would, with the default action. */
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
    env = cpu->arch;
    env->badaddr = addr;
    tcg_raise_exception(cpu, sig == SIGBUS
                        ? (write ? RISCV_EXCP_STORE_AMO_ADDR_MIS
                                 : RISCV_EXCP_LOAD_ADDR_MIS)
                        : (write ? RISCV_EXCP_STORE_PAGE_FAULT
                                 : RISCV_EXCP_LOAD_PAGE_FAULT),
                        1 /* restore from the current insn_start (the
                             interpreter); the code generator will pass
                             REG_RIP */);
}

void user_signal_init(void)
{
    struct sigaction sa;
    static char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    /* NODEFER: the handler leaves by siglongjmp into the exec loop. */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
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
        /*
         * Ignore and default act on the host too (a guest ignoring
         * SIGPIPE must see EPIPE, not die). Handlers need the signal
         * frame, not written yet: the host keeps its default action.
         * Faults stay ours whatever the guest asks.
         */
        if (!signal_is_synchronous(sig) && sig != SIGCHLD &&
            (act->handler == TARGET_SIG_IGN ||
             act->handler == TARGET_SIG_DFL)) {
            signal(sig, act->handler == TARGET_SIG_IGN ? SIG_IGN : SIG_DFL);
        }
        if (sig == SIGCHLD && act->handler == TARGET_SIG_IGN) {
            signal(SIGCHLD, SIG_IGN);   /* auto-reap, as the guest asked */
        }
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
    uint64_t mask = guest_mask, host_mask;

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
    /* SIGKILL and SIGSTOP cannot be blocked. */
    mask &= ~((1ull << (TARGET_SIGKILL - 1)) | (1ull << (TARGET_SIGSTOP - 1)));
    guest_mask = mask;
    /* Block on the host what the guest blocks, except the signals the
     * emulator needs to see. */
    host_mask = mask;
    for (int sig = 1; sig <= 64; sig++) {
        if (signal_is_synchronous(sig)) {
            host_mask &= ~(1ull << (sig - 1));
        }
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &host_mask, NULL, 8);
    return 0;
}

void user_signal_fatal(int sig, uint64_t pc, uint64_t addr)
{
    const char *name = strsignal(sig);

    error_report("guest got signal %d (%s) at pc 0x%" PRIx64
                 ", address 0x%" PRIx64, sig, name ? name : "?", pc, addr);
    user_process_exit(128 + sig);
}
