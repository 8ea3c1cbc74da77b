/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 guest CPU loop: run translated code until it raises an
 * exception, then act for the kernel: ecall is a system call (number in
 * a7, arguments a0..a5, result in a0), faults become guest signals.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/cpu.h"
#include "user/cpu-loop.h"
#include "user/syscall.h"
#include "user/user-signal.h"
#include "util/cutils.h"
#include "util/error.h"

enum { REG_SP = 2, REG_A0 = 10, REG_A7 = 17 };

static void cpu_loop_fault(CPUArchState *env, int sig)
{
    /* Guest handlers need the signal frame (not done): the guest dies
     * as it would by the default action. */
    user_signal_fatal(sig, env->pc, env->badaddr);
}

int user_cpu_loop_run(const UserImage *img, const UserCpuOptions *opts)
{
    CPU *cpu = xzalloc(sizeof(*cpu));
    CPUArchState *env = xzalloc(sizeof(*env));
    int ret;

    cpu->arch = env;
    riscv_cpu_reset(env);
    ret = tcg_cpu_init(cpu, &riscv64_tcg_ops);
    if (ret < 0) {
        error_report("cannot start the translator: %d", ret);
        return ret;
    }
    if (opts->one_insn_per_tb) {
        ((TCGCPUState *)cpu->accel_state)->one_insn_per_tb = 1;
    }
    /*
     * The ELF entry ABI: sp at argc, a0 = 0 (no rtld_fini for the
     * program to register), everything else zero.
     */
    env->pc = img->entry;
    env->gpr[REG_SP] = img->sp;
    env->gpr[REG_A0] = 0;

    for (;;) {
        int excp = tcg_cpu_exec(cpu);
        abi_ulong args[6];

        switch (excp) {
        case RISCV_EXCP_U_ECALL:
            for (int i = 0; i < 6; i++) {
                args[i] = env->gpr[REG_A0 + i];
            }
            /* pc past the ecall first: a forked child resumes there too. */
            env->pc += 4;
            env->gpr[REG_A0] = user_syscall_dispatch(cpu, (int)env->gpr[REG_A7],
                                                     args);
            break;
        case EXCP_INTERRUPT:
        case EXCP_HALTED:
            break;
        case RISCV_EXCP_ILLEGAL_INST:
            cpu_loop_fault(env, SIGILL);
            break;
        case RISCV_EXCP_BREAKPOINT:
            cpu_loop_fault(env, SIGTRAP);
            break;
        case RISCV_EXCP_INST_ADDR_MIS:
        case RISCV_EXCP_LOAD_ADDR_MIS:
        case RISCV_EXCP_STORE_AMO_ADDR_MIS:
            cpu_loop_fault(env, SIGBUS);
            break;
        case RISCV_EXCP_INST_ACCESS_FAULT:
        case RISCV_EXCP_LOAD_ACCESS_FAULT:
        case RISCV_EXCP_STORE_AMO_ACCESS_FAULT:
        case RISCV_EXCP_INST_PAGE_FAULT:
        case RISCV_EXCP_LOAD_PAGE_FAULT:
        case RISCV_EXCP_STORE_PAGE_FAULT:
            cpu_loop_fault(env, SIGSEGV);
            break;
        default:
            error_report("unexpected guest exception %d at pc 0x%llx", excp,
                         (unsigned long long)env->pc);
            cpu_loop_fault(env, SIGILL);
            break;
        }
    }
}
