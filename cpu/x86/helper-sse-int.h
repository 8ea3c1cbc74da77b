/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time helpers of the x86 SSE/MMX integer group (sse-int-helper.c,
 * used by trans-sse-int.c). Vector operations work on env: the
 * destination register at an env offset (an XMM register or an MMX
 * register's significand), the source operand passed by value as two
 * 64-bit halves (already loaded from a register or from memory).
 */
#ifndef CPU_X86_HELPER_SSE_INT_H
#define CPU_X86_HELPER_SSE_INT_H

#include <stdint.h>

#include "accel/tcg/tcg.h"
#include "cpu/x86/cpu-state.h"

/* Operations of helper_x86_vec. */
enum X86VecOp {
    /* the unpacks, PCMPGT/PCMPEQ, PMIN/PMAX, PADDUS/PSUBUS, PSHUFD/W/LW/HW,
     * PALIGNR, PSLLDQ/PSRLDQ and PTEST are inline IR (trans-sse-int.c) */
    VOP_PACKSSWB, VOP_PACKUSWB, VOP_PACKSSDW, VOP_PACKUSDW,
    VOP_PADDSB, VOP_PADDSW, VOP_PSUBSB, VOP_PSUBSW,
    VOP_PMULLW, VOP_PMULHW, VOP_PMULHUW, VOP_PMULLD, VOP_PMULUDQ,
    VOP_PMULDQ, VOP_PMADDWD, VOP_PMADDUBSW, VOP_PMULHRSW,
    VOP_PAVGB, VOP_PAVGW, VOP_PSADBW, VOP_MPSADBW,
    /* shifts: the count is the source's low quadword */
    VOP_PSRLW, VOP_PSRLD, VOP_PSRLQ, VOP_PSRAW, VOP_PSRAD,
    VOP_PSLLW, VOP_PSLLD, VOP_PSLLQ,
    VOP_PSHUFB, VOP_PHADDW, VOP_PHADDD, VOP_PHADDSW,
    VOP_PHSUBW, VOP_PHSUBD, VOP_PHSUBSW,
    VOP_PSIGNB, VOP_PSIGNW, VOP_PSIGND, VOP_PABSB, VOP_PABSW, VOP_PABSD,
    VOP_PBLENDW, VOP_PBLENDVB, VOP_PCLMULQDQ,
    VOP_PMOVSXBW, VOP_PMOVSXBD, VOP_PMOVSXBQ, VOP_PMOVSXWD, VOP_PMOVSXWQ,
    VOP_PMOVSXDQ,
    VOP_PMOVZXBW, VOP_PMOVZXBD, VOP_PMOVZXBQ, VOP_PMOVZXWD, VOP_PMOVZXWQ,
    VOP_PMOVZXDQ,
    VOP_PHMINPOSUW,
    VOP_AESENC, VOP_AESENCLAST, VOP_AESDEC, VOP_AESDECLAST, VOP_AESIMC,
    VOP_AESKEYGENASSIST,
    VOP_NR,
};

/*
 * dst (env + doff, len bytes: 8 MMX, 16 XMM) = op(dst, src = hi:lo);
 * desc = imm8 | len << 8. Returns 0.
 */
uint64_t helper_x86_vec(X86CPUState *env, uint32_t op, uint32_t doff,
                        uint64_t lo, uint64_t hi, uint32_t desc);

/* Flags of helper_x86_pcmpstr's desc, above the imm8. */
enum {
    X86_PCMPSTR_EXPLICIT = 1 << 8,  /* PCMPESTRx: lengths in rAX, rDX */
    X86_PCMPSTR_REXW = 1 << 9,      /* 64-bit lengths */
    X86_PCMPSTR_MASK = 1 << 10,     /* xSTRM: the mask to XMM0 */
    X86_PCMPSTR_AREG_SHIFT = 12,    /* the first operand's XMM number */
};
/*
 * PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM with the second operand hi:lo
 * and the explicit lengths la, lb (rAX, rDX): returns the rflags bits
 * (CF ZF SF OF; the others 0) in the low 32 bits and the index (the
 * xSTRI forms' ECX) in the high 32; xSTRM writes XMM0.
 */
uint64_t helper_x86_pcmpstr(X86CPUState *env, uint64_t lo, uint64_t hi,
                            uint64_t la, uint64_t lb, uint32_t desc);

/* CRC32 (CRC-32C, the instruction's bit order, no inversion) of the low
 * bits bits of val into crc; returns the 32-bit result. */
uint64_t helper_x86_crc32(uint64_t crc, uint64_t val, uint32_t bits);

extern const TCGHelperInfo helper_info_x86_vec, helper_info_x86_pcmpstr,
    helper_info_x86_crc32;

#endif
