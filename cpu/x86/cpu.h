/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 TCG front end as the rest of Janus sees it (docs/x86.md).
 */
#ifndef CPU_X86_CPU_H
#define CPU_X86_CPU_H

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/x86/cc.h"
#include "cpu/x86/cpu-state.h"

/* TB flags: the code segment is 64-bit (CS.L in long mode). */
enum { X86_TB_CODE64 = 1 };

/* User mode, 64-bit. The exec loop returns X86_EXCP_* (cc.h): #UD for
 * undefined or unimplemented instructions (SIGILL), #DE, #GP, #PF (with
 * env->fault_addr), and X86_EXCP_SYSCALL with rip past the SYSCALL. */
extern const TCGTargetOps x86_64_tcg_ops;

/* A 64-bit user-mode CPU: all registers 0, CS.L, rflags 0x202. */
void x86_tcg_cpu_reset_user(X86CPUState *env);

#endif
