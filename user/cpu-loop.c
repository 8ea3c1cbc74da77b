/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest CPU loop of linux-user, shared by every target: run
 * translated code until it raises an exception, then act for the kernel
 * (a system call, or a fault the target turns into a signal), and deliver
 * pending signals at that safe point.
 */
#include "user/cpu-loop.h"
#include "user/user-process.h"
#include "user/user-signal.h"

static void cpu_loop(CPU *cpu) __attribute__((noreturn));

int user_cpu_loop_start(CPU *cpu, const TCGTargetOps *ops,
                        const UserCpuOptions *opts)
{
    int ret = tcg_cpu_init(cpu, ops);

    if (ret < 0) {
        return ret;     /* tcg_cpu_init said why */
    }
    if (opts->one_insn_per_tb) {
        ((TCGCPUState *)cpu->accel_state)->one_insn_per_tb = 1;
    }
    user_thread_set_cpu_loop(cpu_loop);    /* guest threads run it too */
    cpu_loop(cpu);
}

/* Run one guest thread's CPU forever (exit and exit_group leave). */
static void cpu_loop(CPU *cpu)
{
    user_signal_thread_start();
    for (;;) {
        int excp = tcg_cpu_exec(cpu);
        abi_ulong args[6];
        int nr;

        if (target_cpu_syscall_args(cpu, excp, &nr, args)) {
            /* the result goes to the return register, except after
             * rt_sigreturn; EINTR may be restarted by the delivery
             * below (SA_RESTART) */
            user_signal_syscall_return(cpu, nr,
                                       user_syscall_dispatch(cpu, nr, args),
                                       args[0]);
        } else if (excp != EXCP_INTERRUPT && excp != EXCP_HALTED) {
            target_cpu_loop_fault(cpu, excp);
        }
        /* The safe point: signals queued by the host handler (which set
         * exit_request) or made deliverable by the system call. */
        user_signal_deliver_pending(cpu);
    }
}
