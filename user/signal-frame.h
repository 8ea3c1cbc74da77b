/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The per-target signal frame (user/<target>/signal-frame.c): what the
 * target's Linux pushes for a handler and what rt_sigreturn reads back.
 * signal.c (shared) decides when and on which stack; the target decides
 * the layout.
 */
#ifndef USER_SIGNAL_FRAME_H
#define USER_SIGNAL_FRAME_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "user/user-signal.h"

/*
 * Push a frame for signal sig below stack_top (the guest sp, or the top
 * of the alternate stack) and point the CPU at the handler of ka with
 * the target's handler arguments (sig, &info, &ucontext). tramp is the
 * signal return trampoline signal.c mapped (targets that use
 * sa_restorer ignore it). mask is the blocked mask to restore on
 * return, altstack the uc_stack to save. 0 or -EFAULT (the target's
 * Linux then kills with SIGSEGV).
 */
int target_signal_frame_setup(CPUArchState *env, int sig,
                              const TargetSiginfo *info,
                              const struct target_sigaction *ka,
                              uint64_t tramp, uint64_t stack_top,
                              uint64_t mask, const TargetStack *altstack);

/*
 * rt_sigreturn: read the frame at the guest sp, restore the registers,
 * and return the saved mask and uc_stack. 0 or -EFAULT (a bad frame:
 * the guest registers may be partly restored; the caller kills).
 */
int target_signal_frame_restore(CPUArchState *env, uint64_t *mask,
                                TargetStack *altstack);

/* Bytes a frame takes on the stack (before alignment). */
uint64_t target_signal_frame_size(void);

/* The code of the signal return trampoline, for targets that define
 * TARGET_SIGRETURN_TRAMPOLINE. */
extern const uint8_t target_sigreturn_code[];
extern const unsigned target_sigreturn_code_size;

#endif
