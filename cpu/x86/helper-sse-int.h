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
    VOP_PUNPCKLBW, VOP_PUNPCKLWD, VOP_PUNPCKLDQ, VOP_PUNPCKLQDQ,
    VOP_PUNPCKHBW, VOP_PUNPCKHWD, VOP_PUNPCKHDQ, VOP_PUNPCKHQDQ,
    VOP_PACKSSWB, VOP_PACKUSWB, VOP_PACKSSDW, VOP_PACKUSDW,
    VOP_PCMPGTB, VOP_PCMPGTW, VOP_PCMPGTD, VOP_PCMPGTQ,
    VOP_PCMPEQQ,      /* PCMPEQB/W/D, PADD/PSUB B/W/D/Q are inline IR */
    VOP_PADDSB, VOP_PADDSW, VOP_PSUBSB, VOP_PSUBSW,
    VOP_PADDUSB, VOP_PADDUSW, VOP_PSUBUSB, VOP_PSUBUSW,
    VOP_PMULLW, VOP_PMULHW, VOP_PMULHUW, VOP_PMULLD, VOP_PMULUDQ,
    VOP_PMULDQ, VOP_PMADDWD, VOP_PMADDUBSW, VOP_PMULHRSW,
    VOP_PMINUB, VOP_PMINUW, VOP_PMINUD, VOP_PMINSB, VOP_PMINSW, VOP_PMINSD,
    VOP_PMAXUB, VOP_PMAXUW, VOP_PMAXUD, VOP_PMAXSB, VOP_PMAXSW, VOP_PMAXSD,
    VOP_PAVGB, VOP_PAVGW, VOP_PSADBW, VOP_MPSADBW,
    /* shifts: the count is the source's low quadword */
    VOP_PSRLW, VOP_PSRLD, VOP_PSRLQ, VOP_PSRAW, VOP_PSRAD,
    VOP_PSLLW, VOP_PSLLD, VOP_PSLLQ,
    VOP_PSRLDQ, VOP_PSLLDQ,            /* byte count in imm */
    VOP_PSHUFB, VOP_PHADDW, VOP_PHADDD, VOP_PHADDSW,
    VOP_PHSUBW, VOP_PHSUBD, VOP_PHSUBSW,
    VOP_PSIGNB, VOP_PSIGNW, VOP_PSIGND, VOP_PABSB, VOP_PABSW, VOP_PABSD,
    VOP_PALIGNR, VOP_PBLENDW, VOP_PBLENDVB, VOP_PCLMULQDQ,
    VOP_PSHUFW, VOP_PSHUFD, VOP_PSHUFHW, VOP_PSHUFLW,
    VOP_PMOVSXBW, VOP_PMOVSXBD, VOP_PMOVSXBQ, VOP_PMOVSXWD, VOP_PMOVSXWQ,
    VOP_PMOVSXDQ,
    VOP_PMOVZXBW, VOP_PMOVZXBD, VOP_PMOVZXBQ, VOP_PMOVZXWD, VOP_PMOVZXWQ,
    VOP_PMOVZXDQ,
    VOP_PHMINPOSUW,
    VOP_AESENC, VOP_AESENCLAST, VOP_AESDEC, VOP_AESDECLAST, VOP_AESIMC,
    VOP_AESKEYGENASSIST,
    /* result returned, the destination is not written */
    VOP_PTEST,         /* ZF, CF as rflags bits */
    VOP_NR,
};

/*
 * dst (env + doff, len bytes: 8 MMX, 16 XMM) = op(dst, src = hi:lo);
 * desc = imm8 | len << 8. Returns VOP_PTEST's flags, 0 otherwise.
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
