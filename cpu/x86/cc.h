/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Lazy condition codes of the x86 TCG front end. A flag-setting
 * instruction records what it did (cc_op: operation kind and operand
 * size) and its operands (cc_dst, cc_src, cc_src2) instead of computing
 * CF PF AF ZF SF OF; the flags are computed only when something reads
 * them (Jcc, SETcc, CMOVcc, ADC, PUSHF, ...), and a later flag-setting
 * instruction simply overwrites the record. docs/x86.md has the table of
 * what each kind keeps.
 */
#ifndef CPU_X86_CC_H
#define CPU_X86_CC_H

#include <stdint.h>

#include "cpu/x86/cpu-state.h"

typedef enum X86CCOpKind {
    CC_K_EFLAGS,   /* cc_src holds the six flags, already computed */
    CC_K_ADD,      /* dst = result, src = second operand */
    CC_K_ADC,      /* as ADD, src2 = carry in (0/1) */
    CC_K_SUB,      /* dst = result, src = subtrahend */
    CC_K_SBB,      /* as SUB, src2 = borrow in */
    CC_K_LOGIC,    /* dst = result; CF = OF = AF = 0 */
    CC_K_INC,      /* dst = result, src2 = CF before (kept) */
    CC_K_DEC,
    CC_K_SHL,      /* dst = result, src = operand << (count - 1) */
    CC_K_SHR,      /* dst = result, src = operand >> (count - 1) (logical) */
    CC_K_SAR,      /* as SHR with an arithmetic shift; OF = 0 */
    CC_K_MUL,      /* dst = low result, src = non-zero if CF = OF = 1 */
    CC_K_BMI,      /* dst = result; CF = (src != 0), OF = 0 (BMI1 forms) */
    CC_K_NR,
} X86CCOpKind;

/* cc_op = kind << 2 | size (OT_B..OT_Q). */
typedef uint32_t X86CCOp;
#define CC_OP(kind, ot) ((X86CCOp)(kind) << 2 | (X86CCOp)(ot))
#define CC_OP_KIND(op) ((X86CCOpKind)((op) >> 2))
#define CC_OP_SIZE(op) ((int)((op) & 3))
#define CC_OP_EFLAGS CC_OP(CC_K_EFLAGS, 3)
/* Not a real cc_op: the translator does not know the global's value. */
#define CC_OP_DYNAMIC 0xffffffffu

/* Exception numbers the front end raises (the vector numbers), and the
 * user-mode ones beyond the architectural vectors. */
enum {
    X86_EXCP_DE = 0, X86_EXCP_DB = 1, X86_EXCP_BP = 3, X86_EXCP_UD = 6,
    X86_EXCP_GP = 13, X86_EXCP_PF = 14,
    X86_EXCP_MF = 16,          /* x87 floating-point (SIGFPE in user mode) */
    X86_EXCP_XM = 19,          /* SIMD floating-point (SIGFPE in user mode) */
    X86_EXCP_SYSCALL = 0x100,   /* SYSCALL in user mode: the loop emulates */
};

/* The six arithmetic flags (rflags positions) of the record. */
uint64_t x86_cc_compute_all(uint32_t cc_op, uint64_t dst, uint64_t src,
                            uint64_t src2);

/* Architectural rflags of a TCG-run CPU, and setting it (cc_op becomes
 * EFLAGS, df follows DF). */
uint64_t x86_cpu_get_eflags(const X86CPUState *env);
void x86_cpu_set_eflags(X86CPUState *env, uint64_t val);

#endif
