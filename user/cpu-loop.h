/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest CPU loop of linux-user: the loop itself is shared
 * (user/cpu-loop.c); each target (user/<target>/cpu-loop.c) makes its CPU
 * and says what its exceptions mean.
 */
#ifndef USER_CPU_LOOP_H
#define USER_CPU_LOOP_H

#include <stdbool.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "user/elfload.h"
#include "user/syscall.h"

typedef struct UserCpuOptions {
    bool one_insn_per_tb;
} UserCpuOptions;

/*
 * Create the guest CPU, point it at the image's entry and stack, and run
 * it, dispatching system calls and guest faults, until the guest exits.
 * Returns only on an emulator setup error (negative errno, reported).
 */
int user_cpu_loop_run(const UserImage *img, const UserCpuOptions *opts);

/*
 * Shared (user/cpu-loop.c): give cpu (its arch state set up for the
 * program's entry) its TCG state for ops and run it as the main thread;
 * guest threads run the same loop. Returns only on a setup error.
 */
int user_cpu_loop_start(CPU *cpu, const TCGTargetOps *ops,
                        const UserCpuOptions *opts);

/* ---- per target (user/<target>/cpu-loop.c), called by the loop ---- */
/*
 * If excp is the target's system-call exception: its number and six
 * arguments, the pc already past the instruction (a forked child resumes
 * there too); true. False for any other exception.
 */
bool target_cpu_syscall_args(CPU *cpu, int excp, int *nr,
                             abi_ulong args[6]);
/* Any other guest exception (but EXCP_INTERRUPT/HALTED): the signal
 * Linux sends for it, delivered at once. */
void target_cpu_loop_fault(CPU *cpu, int excp);

#endif
