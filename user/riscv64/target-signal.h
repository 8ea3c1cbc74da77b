/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 signal frame (user/riscv64/signal-frame.c): what Linux's
 * arch/riscv/kernel/signal.c pushes for a handler and what rt_sigreturn
 * reads back.
 */
#ifndef USER_RISCV64_TARGET_SIGNAL_H
#define USER_RISCV64_TARGET_SIGNAL_H

#include <stdint.h>

#include "cpu/riscv/cpu-state.h"
#include "user/user-signal.h"

/*
 * Push a frame for signal sig below stack_top (the guest sp, or the top
 * of the alternate stack) and point the CPU at handler with a0 = sig,
 * a1 = &info, a2 = &ucontext, ra = restorer. mask is the blocked mask to
 * restore on return, altstack the uc_stack to save. 0 or -EFAULT.
 */
int riscv_signal_frame_setup(CPUArchState *env, int sig,
                             const TargetSiginfo *info, uint64_t handler,
                             uint64_t restorer, uint64_t stack_top,
                             uint64_t mask, const TargetStack *altstack);

/*
 * rt_sigreturn: read the frame at the guest sp, restore the integer and
 * FP registers and pc, and return the saved mask and uc_stack. 0 or
 * -EFAULT (the guest registers are then unchanged).
 */
int riscv_signal_frame_restore(CPUArchState *env, uint64_t *mask,
                               TargetStack *altstack);

/* Bytes a frame takes on the stack (before alignment). */
uint64_t riscv_signal_frame_size(void);

/* The code of the signal return trampoline: li a7, 139; ecall. */
extern const uint32_t riscv_sigreturn_code[2];

#endif
