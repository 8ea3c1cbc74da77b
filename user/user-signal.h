/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest signals. Dispositions are per process, the blocked mask, the
 * pending set and the alternate stack per thread (one host thread per
 * guest thread). Asynchronous host signals for which the guest has a
 * handler are queued by a host handler that also sets cpu->exit_request;
 * the CPU loop delivers them at its safe point (after tcg_cpu_exec
 * returns or a system call finishes) by building the target's signal
 * frame. Synchronous guest faults are delivered at once. Design notes in
 * docs/linux-user.md ("Signals").
 */
#ifndef USER_USER_SIGNAL_H
#define USER_USER_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "user/guest-access.h"
#include "target-structs.h"

/*
 * The value a system call handler returns when it rewrote the guest
 * registers itself (rt_sigreturn): the CPU loop must not store it in a0.
 * Outside the errno range the kernel ABI can return.
 */
#define USER_ESIGRETURN 4200

/* stack_t as riscv64 (and every 64-bit asm-generic target) lays it out. */
typedef struct TargetStack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
} TargetStack;

/*
 * siginfo_t: 128 bytes, si_signo/si_errno/si_code then a union at offset
 * 16 (si_addr for faults). x86-64 uses the same layout, so host siginfo
 * is copied as is.
 */
typedef struct TargetSiginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    int32_t pad;
    uint64_t fields[14];
} TargetSiginfo;
_Static_assert(sizeof(TargetSiginfo) == 128, "siginfo_t is 128 bytes");

/* What a host SIGSEGV/SIGBUS in guest code was (target_cpu_raise_mem_fault
 * in user/<target>/target-cpu.h turns it into the guest's exception). */
typedef enum UserMemFault {
    USER_MEM_FAULT_PAGE,            /* SIGSEGV at an address */
    USER_MEM_FAULT_BUS,             /* SIGBUS (beyond a file's end...) */
    USER_MEM_FAULT_NONCANONICAL,    /* SIGSEGV SI_KERNEL: no address */
} UserMemFault;

/* si_code values of synchronous faults (asm-generic siginfo.h). */
#define TARGET_SEGV_MAPERR 1
#define TARGET_SEGV_ACCERR 2
#define TARGET_ILL_ILLOPC 1
#define TARGET_BUS_ADRALN 1
#define TARGET_TRAP_BRKPT 1

/* Install the host handlers for faults in guest code; set up the main
 * thread's signal state. */
void user_signal_init(void);
/* fork(): hold the disposition table's lock (a leaf: taken last). */
void user_signal_fork_prepare(void);
void user_signal_fork_parent(void);
void user_signal_fork_child(void);
/*
 * Called by every guest thread's CPU loop before its first instruction
 * (pooled host threads call it again for each new guest thread): gives
 * the host thread an alternate stack for the fault handler, disables the
 * guest alternate stack, and takes the guest blocked mask from the host
 * thread's mask, which the creator set to its own. (A fault signal the
 * creator blocked is not inherited: those are never blocked on the host.)
 */
void user_signal_thread_start(void);
/* The calling thread's guest blocked mask. */
uint64_t user_signal_mask_get(void);

/* rt_sigaction: old/new may be NULL. 0 or -errno. */
int user_signal_action(int sig, const struct target_sigaction *act,
                       struct target_sigaction *old);
/* rt_sigprocmask on the guest's 64-bit mask. 0 or -errno. */
int user_signal_procmask(int how, const uint64_t *set, uint64_t *old);
/* sigaltstack for the guest thread whose stack pointer is sp. */
int user_signal_altstack(const TargetStack *ss, TargetStack *old,
                         uint64_t sp);
/* rt_sigpending: pending signals that are blocked. */
uint64_t user_signal_pending(void);
/* rt_sigsuspend: wait with mask blocked; always -EINTR (or -errno). */
abi_long user_signal_suspend(uint64_t mask);
/*
 * rt_sigtimedwait: take one signal of set (host timespec pointer or
 * NULL); fills *info; returns the signal number or -errno.
 */
abi_long user_signal_timedwait(uint64_t set, TargetSiginfo *info,
                               const void *host_timeout);
/* rt_sigreturn: restore the context of the frame at the guest sp.
 * Returns -USER_ESIGRETURN (registers are already set). */
abi_long user_signal_sigreturn(CPU *cpu);

/* True if the guest installed a handler for sig. */
bool user_signal_has_handler(int sig);

/*
 * The CPU loop's hooks. user_signal_syscall_return stores the result of
 * guest system call nr in the guest's return register (unless it is
 * -USER_ESIGRETURN) and remembers an -EINTR so the delivery can restart
 * it (SA_RESTART). user_signal_deliver_pending, called after every exit
 * from translated code, clears the exit request and delivers the pending
 * unblocked signals. user_signal_raise_fault delivers a synchronous guest
 * fault now (or kills the process if it is not handled).
 */
void user_signal_syscall_return(CPU *cpu, int nr, abi_long ret,
                                abi_ulong arg0);
void user_signal_deliver_pending(CPU *cpu);
void user_signal_raise_fault(CPU *cpu, int sig, int code, uint64_t addr);

/*
 * An unhandled synchronous guest fault (SIGSEGV, SIGILL, ...) at pc:
 * one line, then the process dies by sig on the host, as the guest would.
 * Never returns.
 */
void user_signal_fatal(int sig, uint64_t pc, uint64_t addr)
    __attribute__((noreturn));

#endif
