/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time helpers of the x86 front end (op-helper.c, cc-helper.c): what
 * is long, rare, or must be atomic on the host. Helpers that may raise an
 * exception expect env->rip to be exact (the front end syncs it before
 * the call) and raise with host_pc 0.
 */
#ifndef CPU_X86_HELPER_H
#define CPU_X86_HELPER_H

#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "cpu/x86/cpu-state.h"

/* LOCK read-modify-write operations (x86_lock_rmw_helper). */
enum {
    X86_RMW_ADD = 0, X86_RMW_OR = 1, X86_RMW_ADC = 2, X86_RMW_SBB = 3,
    X86_RMW_AND = 4, X86_RMW_SUB = 5, X86_RMW_XOR = 6,
    X86_RMW_XCHG = 8, X86_RMW_NEG = 9,
};

void helper_x86_raise_exception(X86CPUState *env, uint32_t excp)
    __attribute__((noreturn));
uint64_t helper_x86_cc_compute_all(uint32_t cc_op, uint64_t dst,
                                   uint64_t src, uint64_t src2);
/* DIV/IDIV r/m of size ot (low 2 bits; bit 2: signed): rAX/rDX updated;
 * #DE on a zero divisor or a quotient that does not fit. */
void helper_x86_div(X86CPUState *env, uint64_t divisor, uint32_t op);
/*
 * Atomic read-modify-write of guest memory (LOCK prefix, XCHG), one
 * helper per operation and size: x86_lock_rmw_helper(op, ot) is the
 * helper of one X86_RMW_* operation at size ot, called as
 * old = f(addr, val, carry) (carry: ADC/SBB's carry in); x86_cmpxchg_infos[ot] is CMPXCHG's,
 * old = f(addr, expected, newval). Both may fault on addr.
 */
const TCGHelperInfo *x86_lock_rmw_helper(int op, int ot);
extern const TCGHelperInfo x86_cmpxchg_infos[4];
/* CMPXCHG8B (ot 2) / CMPXCHG16B (ot 3) at addr: rDX:rAX, rCX:rBX, ZF. */
void helper_x86_cmpxchg_double(X86CPUState *env, uint64_t addr, uint32_t ot);
/* ROL/ROR/RCL/RCR (op: /r field 0-3 << 2 | ot): result; CF/OF updated
 * in env as an EFLAGS record. */
uint64_t helper_x86_rotate(X86CPUState *env, uint64_t val, uint64_t count,
                           uint32_t op);
/* SHLD (op bit 2 clear) / SHRD (set), size ot in op's low 2 bits. */
uint64_t helper_x86_shld(X86CPUState *env, uint64_t dst, uint64_t src,
                         uint64_t count, uint32_t op);
/* BEXTR (op 0), BZHI (1), PDEP (2), PEXT (3) of size ot (op << 2 | ot) */
uint64_t helper_x86_bmi(uint64_t a, uint64_t b, uint32_t op);
/* RDRAND/RDSEED: 64 random bits from the host (getrandom). */
uint64_t helper_x86_rdrand(X86CPUState *env);
void helper_x86_cpuid(X86CPUState *env);
uint64_t helper_x86_rdtsc(X86CPUState *env);
uint64_t helper_x86_read_eflags(X86CPUState *env);
void helper_x86_write_eflags(X86CPUState *env, uint64_t val, uint32_t size);

extern const TCGHelperInfo helper_info_x86_raise_exception,
    helper_info_x86_cc_compute_all, helper_info_x86_div,
    helper_info_x86_cmpxchg_double, helper_info_x86_rotate,
    helper_info_x86_shld, helper_info_x86_cpuid, helper_info_x86_rdtsc,
    helper_info_x86_read_eflags, helper_info_x86_write_eflags,
    helper_info_x86_bmi, helper_info_x86_rdrand;

#endif
