/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SSE2 integer forms (packed add/sub with and without saturation,
 * compares, multiplies, shifts by register and immediate including counts
 * past the element width, shuffles, unpacks, packs, PMOVMSKB, inserts and
 * extracts) and, in their own groups, SSSE3 (PSHUFB and friends), SSE4.1
 * and SSE4.2 (PCMPxSTRx, PCMPGTQ, CRC32).
 */
#include "x86-insns.h"

/* Vectors with every byte pattern an integer op cares about: 0, 1,
 * 0x7f/0x80 boundaries, all ones, and mixed lanes. */
static const V128 ivec[] = {
    { { 0x0000000000000000ull, 0x0000000000000000ull } },
    { { 0xffffffffffffffffull, 0xffffffffffffffffull } },
    { { 0x7f7f7f7f7f7f7f7full, 0x8080808080808080ull } },
    { { 0x0001000200030004ull, 0x7fff8000ffff0001ull } },
    { { 0x800000007fffffffull, 0x00000001ffffffffull } },
    { { 0x0123456789abcdefull, 0xfedcba9876543210ull } },
    { { 0x80007fff00ff0100ull, 0x8000000000000000ull } },
    { { 0x0f1e2d3c4b5a6978ull, 0x8796a5b4c3d2e1f0ull } },
    { { 0x0000000000000021ull, 0x0000000000000003ull } },
};
#define N_IVEC (sizeof(ivec) / sizeof(ivec[0]))

#define P2(op) XMM_INSN(op##_, #op " %%xmm1, %%xmm0")

P2(paddb) P2(paddw) P2(paddd) P2(paddq) P2(psubb) P2(psubw) P2(psubd)
P2(psubq) P2(paddsb) P2(paddsw) P2(paddusb) P2(paddusw) P2(psubsb)
P2(psubsw) P2(psubusb) P2(psubusw) P2(pcmpeqb) P2(pcmpeqw) P2(pcmpeqd)
P2(pcmpgtb) P2(pcmpgtw) P2(pcmpgtd) P2(pmullw) P2(pmulhw) P2(pmulhuw)
P2(pmuludq) P2(pmaddwd) P2(psadbw) P2(pavgb) P2(pavgw) P2(pminub)
P2(pmaxub) P2(pminsw) P2(pmaxsw) P2(pand) P2(pandn) P2(por) P2(pxor)
P2(psllw) P2(pslld) P2(psllq) P2(psrlw) P2(psrld) P2(psrlq) P2(psraw)
P2(psrad) P2(punpcklbw) P2(punpcklwd) P2(punpckldq) P2(punpcklqdq)
P2(punpckhbw) P2(punpckhwd) P2(punpckhdq) P2(punpckhqdq) P2(packsswb)
P2(packssdw) P2(packuswb)

#define OP(op) { #op, op##_ }

static const struct { const char *name; XmmFn fn; } sse2_binary[] = {
    OP(paddb), OP(paddw), OP(paddd), OP(paddq), OP(psubb), OP(psubw),
    OP(psubd), OP(psubq), OP(paddsb), OP(paddsw), OP(paddusb), OP(paddusw),
    OP(psubsb), OP(psubsw), OP(psubusb), OP(psubusw), OP(pcmpeqb),
    OP(pcmpeqw), OP(pcmpeqd), OP(pcmpgtb), OP(pcmpgtw), OP(pcmpgtd),
    OP(pmullw), OP(pmulhw), OP(pmulhuw), OP(pmuludq), OP(pmaddwd),
    OP(psadbw), OP(pavgb), OP(pavgw), OP(pminub), OP(pmaxub), OP(pminsw),
    OP(pmaxsw), OP(pand), OP(pandn), OP(por), OP(pxor), OP(psllw),
    OP(pslld), OP(psllq), OP(psrlw), OP(psrld), OP(psrlq), OP(psraw),
    OP(psrad), OP(punpcklbw), OP(punpcklwd), OP(punpckldq),
    OP(punpcklqdq), OP(punpckhbw), OP(punpckhwd), OP(punpckhdq),
    OP(punpckhqdq), OP(packsswb), OP(packssdw), OP(packuswb),
};

#define SHIFT_IMM(op, n) XMM_INSN(op##_##n, #op " $" #n ", %%xmm0")
#define SHIFT_IMMS(op)                                                       \
    SHIFT_IMM(op, 0) SHIFT_IMM(op, 1) SHIFT_IMM(op, 7) SHIFT_IMM(op, 15)     \
    SHIFT_IMM(op, 16) SHIFT_IMM(op, 31) SHIFT_IMM(op, 33) SHIFT_IMM(op, 64)  \
    SHIFT_IMM(op, 255)
SHIFT_IMMS(psllw) SHIFT_IMMS(pslld) SHIFT_IMMS(psllq) SHIFT_IMMS(psrlw)
SHIFT_IMMS(psrld) SHIFT_IMMS(psrlq) SHIFT_IMMS(psraw) SHIFT_IMMS(psrad)
SHIFT_IMMS(pslldq) SHIFT_IMMS(psrldq)

#define SHIFT_ROW(op) { #op, { op##_0, op##_1, op##_7, op##_15, op##_16,      \
                               op##_31, op##_33, op##_64, op##_255 } }
static const struct { const char *name; XmmFn fn[9]; } shift_imm[] = {
    SHIFT_ROW(psllw), SHIFT_ROW(pslld), SHIFT_ROW(psllq), SHIFT_ROW(psrlw),
    SHIFT_ROW(psrld), SHIFT_ROW(psrlq), SHIFT_ROW(psraw), SHIFT_ROW(psrad),
    SHIFT_ROW(pslldq), SHIFT_ROW(psrldq),
};
static const unsigned shift_imm_counts[9] = { 0, 1, 7, 15, 16, 31, 33, 64,
                                              255 };

XMM_INSN(pshufd_1b_, "pshufd $0x1b, %%xmm1, %%xmm0")
XMM_INSN(pshufd_00_, "pshufd $0x00, %%xmm1, %%xmm0")
XMM_INSN(pshuflw_1b_, "pshuflw $0x1b, %%xmm1, %%xmm0")
XMM_INSN(pshufhw_e1_, "pshufhw $0xe1, %%xmm1, %%xmm0")
XMM_INSN(pmovmskb_, "pmovmskb %%xmm1, %k[g]")
XMM_INSN(pextrw_3_, "pextrw $3, %%xmm1, %k[g]")
XMM_INSN(pextrw_15_, "pextrw $15, %%xmm1, %k[g]")
XMM_INSN(pinsrw_5_, "pinsrw $5, %k[g], %%xmm0")
XMM_INSN(pinsrw_m_, "pinsrw $0, (%[m]), %%xmm0")
XMM_INSN(movdqa_ld_, "movdqa (%[m]), %%xmm0")
XMM_INSN(movdqu_st_, "movdqu %%xmm1, (%[m])")
XMM_INSN(movq_ld_, "movq (%[m]), %%xmm0")
XMM_INSN(maskmovdqu_, "mov %[m], %%rdi\n\tmaskmovdqu %%xmm1, %%xmm0")
XMM_INSN(paddb_m_, "paddb (%[m]), %%xmm0")
XMM_INSN(pcmpeqd_m_, "pcmpeqd (%[m]), %%xmm0")

static const struct { const char *name; XmmFn fn; } sse2_other[] = {
    OP(pshufd_1b), OP(pshufd_00), OP(pshuflw_1b), OP(pshufhw_e1),
    OP(pmovmskb), OP(pextrw_3), OP(pextrw_15), OP(pinsrw_5), OP(pinsrw_m),
    OP(movdqa_ld), OP(movdqu_st), OP(movq_ld), OP(paddb_m), OP(pcmpeqd_m),
};

static void binary_all(const char *name, XmmFn fn)
{
    for (unsigned i = 0; i < N_IVEC; i++) {
        for (unsigned j = 0; j < N_IVEC; j++) {
            struct xmm s = { 0 };
            s.x[0] = ivec[i];
            s.x[1] = ivec[j];
            s.mxcsr_in = mxcsr_mode(0);
            xmm_case(name, fn, &s, X_0 | X_1, 0);
        }
    }
}

void group_sse_int(void)
{
    for (unsigned o = 0; o < sizeof(sse2_binary) / sizeof(sse2_binary[0]);
         o++) {
        binary_all(sse2_binary[o].name, sse2_binary[o].fn);
    }
    for (unsigned o = 0; o < sizeof(shift_imm) / sizeof(shift_imm[0]); o++) {
        for (unsigned k = 0; k < 9; k++) {
            for (unsigned i = 0; i < N_IVEC; i++) {
                struct xmm s = { 0 };
                s.x[0] = ivec[i];
                s.mxcsr_in = mxcsr_mode(0);
                xmm_case(fmt("%s $%u", shift_imm[o].name,
                             shift_imm_counts[k]),
                         shift_imm[o].fn[k], &s, X_0, 0);
            }
        }
    }
    for (unsigned o = 0; o < sizeof(sse2_other) / sizeof(sse2_other[0]);
         o++) {
        for (unsigned i = 0; i < N_IVEC; i++) {
            struct xmm s = { 0 };
            s.x[0] = ivec[(i + 4) % N_IVEC];
            s.x[1] = ivec[i];
            s.mem = ivec[(i + 2) % N_IVEC];
            s.g = 0xa5a5a5a5a5a5a5a5ull ^ i;
            s.mxcsr_in = mxcsr_mode(0);
            xmm_case(sse2_other[o].name, sse2_other[o].fn, &s,
                     X_0 | X_1 | X_G | X_M, 0);
        }
    }
    /* MASKMOVDQU writes the bytes whose mask byte has its top bit set */
    for (unsigned i = 0; i < N_IVEC; i++) {
        struct xmm s = { 0 };
        s.x[0] = ivec[(i + 5) % N_IVEC];
        s.x[1] = ivec[i];
        s.mem = ivec[(i + 3) % N_IVEC];
        s.mxcsr_in = mxcsr_mode(0);
        xmm_case("maskmovdqu", maskmovdqu_, &s, X_0 | X_1 | X_M, 0);
    }
}

/* ---- SSSE3 --------------------------------------------------------------- */

P2(pshufb) P2(phaddw) P2(phaddd) P2(phaddsw) P2(phsubw) P2(phsubd)
P2(phsubsw) P2(pmaddubsw) P2(pmulhrsw) P2(psignb) P2(psignw) P2(psignd)
P2(pabsb) P2(pabsw) P2(pabsd)
XMM_INSN(palignr_0_, "palignr $0, %%xmm1, %%xmm0")
XMM_INSN(palignr_5_, "palignr $5, %%xmm1, %%xmm0")
XMM_INSN(palignr_16_, "palignr $16, %%xmm1, %%xmm0")
XMM_INSN(palignr_17_, "palignr $17, %%xmm1, %%xmm0")
XMM_INSN(palignr_40_, "palignr $40, %%xmm1, %%xmm0")
XMM_INSN(pshufb_m_, "pshufb (%[m]), %%xmm0")

void group_ssse3(void)
{
    static const struct { const char *name; XmmFn fn; } ops[] = {
        OP(pshufb), OP(phaddw), OP(phaddd), OP(phaddsw), OP(phsubw),
        OP(phsubd), OP(phsubsw), OP(pmaddubsw), OP(pmulhrsw), OP(psignb),
        OP(psignw), OP(psignd), OP(pabsb), OP(pabsw), OP(pabsd),
        OP(palignr_0), OP(palignr_5), OP(palignr_16), OP(palignr_17),
        OP(palignr_40),
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        binary_all(ops[o].name, ops[o].fn);
    }
    for (unsigned i = 0; i < N_IVEC; i++) {
        struct xmm s = { 0 };
        s.x[0] = ivec[5];
        s.mem = ivec[i];
        s.mxcsr_in = mxcsr_mode(0);
        xmm_case("pshufb m", pshufb_m_, &s, X_0 | X_M, 0);
    }
}

/* ---- SSE4.1 -------------------------------------------------------------- */

P2(pminsb) P2(pmaxsb) P2(pminuw) P2(pmaxuw) P2(pminsd) P2(pmaxsd)
P2(pminud) P2(pmaxud) P2(pmulld) P2(pmuldq) P2(pcmpeqq) P2(packusdw)
P2(pmovsxbw) P2(pmovsxbd) P2(pmovsxbq) P2(pmovsxwd) P2(pmovsxwq)
P2(pmovsxdq) P2(pmovzxbw) P2(pmovzxbd) P2(pmovzxbq) P2(pmovzxwd)
P2(pmovzxwq) P2(pmovzxdq) P2(phminposuw)
XMM_INSN(ptest_, "ptest %%xmm1, %%xmm0")
XMM_INSN(pblendw_a5_, "pblendw $0xa5, %%xmm1, %%xmm0")
XMM_INSN(pblendvb_, "pblendvb %%xmm0, %%xmm1, %%xmm2")
XMM_INSN(blendvps_, "blendvps %%xmm0, %%xmm1, %%xmm2")
XMM_INSN(blendps_5_, "blendps $5, %%xmm1, %%xmm0")
XMM_INSN(pextrb_13_, "pextrb $13, %%xmm1, %k[g]")
XMM_INSN(pextrd_2_, "pextrd $2, %%xmm1, %k[g]")
XMM_INSN(pextrq_1_, "pextrq $1, %%xmm1, %q[g]")
XMM_INSN(pinsrb_9_, "pinsrb $9, %k[g], %%xmm0")
XMM_INSN(pinsrd_3_, "pinsrd $3, %k[g], %%xmm0")
XMM_INSN(pinsrq_0_, "pinsrq $0, %q[g], %%xmm0")
XMM_INSN(insertps_5d_, "insertps $0x5d, %%xmm1, %%xmm0")
XMM_INSN(extractps_3_, "extractps $3, %%xmm1, %k[g]")
XMM_INSN(mpsadbw_5_, "mpsadbw $5, %%xmm1, %%xmm0")
XMM_INSN(dpps_f1_, "dpps $0xf1, %%xmm1, %%xmm0")
XMM_INSN(dppd_31_, "dppd $0x31, %%xmm1, %%xmm0")

#define ROUND_IMMS(op)                                                       \
    XMM_INSN(op##_0, #op " $0, %%xmm1, %%xmm0")                              \
    XMM_INSN(op##_1, #op " $1, %%xmm1, %%xmm0")                              \
    XMM_INSN(op##_2, #op " $2, %%xmm1, %%xmm0")                              \
    XMM_INSN(op##_3, #op " $3, %%xmm1, %%xmm0")                              \
    XMM_INSN(op##_4, #op " $4, %%xmm1, %%xmm0")                              \
    XMM_INSN(op##_8, #op " $8, %%xmm1, %%xmm0")                              \
    XMM_INSN(op##_c, #op " $0xc, %%xmm1, %%xmm0")
ROUND_IMMS(roundss) ROUND_IMMS(roundsd) ROUND_IMMS(roundps)
ROUND_IMMS(roundpd)

void group_sse41(void)
{
    static const struct { const char *name; XmmFn fn; } ops[] = {
        OP(pminsb), OP(pmaxsb), OP(pminuw), OP(pmaxuw), OP(pminsd),
        OP(pmaxsd), OP(pminud), OP(pmaxud), OP(pmulld), OP(pmuldq),
        OP(pcmpeqq), OP(packusdw), OP(pmovsxbw), OP(pmovsxbd), OP(pmovsxbq),
        OP(pmovsxwd), OP(pmovsxwq), OP(pmovsxdq), OP(pmovzxbw),
        OP(pmovzxbd), OP(pmovzxbq), OP(pmovzxwd), OP(pmovzxwq),
        OP(pmovzxdq), OP(phminposuw), OP(pblendw_a5), OP(blendps_5),
        OP(insertps_5d), OP(mpsadbw_5),
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        binary_all(ops[o].name, ops[o].fn);
    }
    static const struct { const char *name; XmmFn fn; } other[] = {
        OP(ptest), OP(pblendvb), OP(blendvps), OP(pextrb_13), OP(pextrd_2),
        OP(pextrq_1), OP(pinsrb_9), OP(pinsrd_3), OP(pinsrq_0),
        OP(extractps_3),
    };
    for (unsigned o = 0; o < sizeof(other) / sizeof(other[0]); o++) {
        for (unsigned i = 0; i < N_IVEC; i++) {
            for (unsigned j = 0; j < N_IVEC; j += 2) {
                struct xmm s = { 0 };
                s.x[0] = ivec[i];
                s.x[1] = ivec[j];
                s.x[2] = ivec[(i + j + 1) % N_IVEC];
                s.g = 0x5a5a5a5a5a5a5a5aull ^ i;
                s.mxcsr_in = mxcsr_mode(0);
                xmm_case(other[o].name, other[o].fn, &s,
                         X_0 | X_1 | X_2 | X_G | X_FL, 0);
            }
        }
    }
    /* ROUNDxx: imm bits 1:0 the mode, bit 2 "use MXCSR", bit 3 suppresses
     * the precision exception; floats with fractions, halves, NaNs */
    static const struct { const char *name; XmmFn fn[7]; } rounds[] = {
#define RROW(op) { #op, { op##_0, op##_1, op##_2, op##_3, op##_4, op##_8,     \
                          op##_c } }
        RROW(roundss), RROW(roundsd), RROW(roundps), RROW(roundpd),
    };
    static const unsigned imms[7] = { 0, 1, 2, 3, 4, 8, 12 };
    static const V128 fvals[] = {
        { { 0x3fc000003f000000ull, 0xc0200000bf000000ull } },   /* .5 1.5 */
        { { 0x4f0000004effffffull, 0x7fc000007f800000ull } },
        { { 0x0000000100800000ull, 0xcb000001c0400000ull } },
        { { 0x3ff8000000000000ull, 0xc004000000000000ull } },   /* 1.5 -2.5 */
        { { 0x4330000000000001ull, 0x7ff4000000000000ull } },
        { { 0x0000000000000001ull, 0xbfe0000000000001ull } },
    };
    for (unsigned o = 0; o < 4; o++) {
        for (unsigned k = 0; k < 7; k++) {
            for (unsigned m = 0; m < 5; m++) {
                for (unsigned i = 0; i < 6; i++) {
                    struct xmm s = { 0 };
                    s.x[0] = ivec[5];
                    s.x[1] = fvals[i];
                    s.mxcsr_in = mxcsr_mode(m);
                    xmm_case(fmt("%s $%u %s", rounds[o].name, imms[k],
                                 rc_names()[m]),
                             rounds[o].fn[k], &s, X_0 | X_1, 0);
                }
                if (k < 4 || k == 5) {
                    break;      /* MXCSR's mode matters only with bit 2 */
                }
            }
        }
    }
    for (unsigned i = 0; i < 6; i++) {
        for (unsigned j = 0; j < 6; j++) {
            struct xmm s = { 0 };
            s.x[0] = fvals[i];
            s.x[1] = fvals[j];
            s.mxcsr_in = mxcsr_mode(0);
            xmm_case("dpps $0xf1", dpps_f1_, &s, X_0 | X_1, 0);
            xmm_case("dppd $0x31", dppd_31_, &s, X_0 | X_1, 0);
        }
    }
}

/* ---- SSE4.2 -------------------------------------------------------------- */

P2(pcmpgtq)

/* Explicit lengths come from [g]: rax = low half, rdx = high half. */
#define PCMPSTR(imm)                                                         \
    XMM_INSN(pcmpestri_##imm, "mov %k[g], %%eax\n\tmov %q[g], %%rdx\n\t"     \
             "shr $32, %%rdx\n\tpcmpestri $" #imm ", %%xmm1, %%xmm0\n\t"     \
             "mov %%rcx, %q[g]")                                             \
    XMM_INSN(pcmpestrm_##imm, "mov %k[g], %%eax\n\tmov %q[g], %%rdx\n\t"     \
             "shr $32, %%rdx\n\tpcmpestrm $" #imm ", %%xmm1, %%xmm2")        \
    XMM_INSN(pcmpistri_##imm, "pcmpistri $" #imm ", %%xmm1, %%xmm0\n\t"      \
             "mov %%rcx, %q[g]")                                             \
    XMM_INSN(pcmpistrm_##imm, "pcmpistrm $" #imm ", %%xmm1, %%xmm2")

/* equal any, ranges, equal each, equal ordered; bytes/words, signed,
 * polarities, least/most significant index, bit/byte masks */
PCMPSTR(0x00) PCMPSTR(0x04) PCMPSTR(0x08) PCMPSTR(0x0c) PCMPSTR(0x01)
PCMPSTR(0x0d) PCMPSTR(0x12) PCMPSTR(0x14) PCMPSTR(0x18) PCMPSTR(0x1a)
PCMPSTR(0x30) PCMPSTR(0x3a) PCMPSTR(0x40) PCMPSTR(0x44) PCMPSTR(0x4c)
PCMPSTR(0x70) PCMPSTR(0x7e)

#define PROW(imm) { imm, { pcmpestri_##imm, pcmpestrm_##imm,                  \
                           pcmpistri_##imm, pcmpistrm_##imm } }
static const struct { unsigned imm; XmmFn fn[4]; } pcmpstr[] = {
    PROW(0x00), PROW(0x04), PROW(0x08), PROW(0x0c), PROW(0x01), PROW(0x0d),
    PROW(0x12), PROW(0x14), PROW(0x18), PROW(0x1a), PROW(0x30), PROW(0x3a),
    PROW(0x40), PROW(0x44), PROW(0x4c), PROW(0x70), PROW(0x7e),
};

GPR_INSN(crc32b_, "crc32b %b[b], %k[a]")
GPR_INSN(crc32w_, "crc32w %w[b], %k[a]")
GPR_INSN(crc32l_, "crc32l %k[b], %k[a]")
GPR_INSN(crc32q_, "crc32q %q[b], %q[a]")
GPR_INSN(crc32l_m, "crc32l (%[si]), %k[a]")

void group_sse42(void)
{
    /* strings: "hello world", "lo", a range set "az", zero-terminated
     * and full-length, word-sized data */
    static const V128 strs[] = {
        { { 0x6f77206f6c6c6568ull, 0x0000000000646c72ull } },
        { { 0x0000000000006f6cull, 0x0000000000000000ull } },
        { { 0x00000000005a417aull, 0x0000000000000000ull } },
        { { 0x4847464544434241ull, 0x504f4e4d4c4b4a49ull } },
        { { 0x0041004200430044ull, 0x0000004100000000ull } },
        { { 0x0000000000000000ull, 0x0000000000000000ull } },
        { { 0xff80017f00ff0180ull, 0x0102030405060708ull } },
    };
    static const uint64_t lens[] = {
        0x0000000b00000002ull, 0x0000001000000010ull, 0x0000000000000005ull,
        0xfffffffffffffff0ull, 0x0000000300000011ull, 0x8000000000000004ull,
    };
    unsigned ns = sizeof(strs) / sizeof(strs[0]);
    static const char *const names[4] = { "pcmpestri", "pcmpestrm",
                                          "pcmpistri", "pcmpistrm" };
    binary_all("pcmpgtq", pcmpgtq_);
    for (unsigned p = 0; p < sizeof(pcmpstr) / sizeof(pcmpstr[0]); p++) {
        for (unsigned f = 0; f < 4; f++) {
            for (unsigned i = 0; i < ns; i++) {
                for (unsigned j = 0; j < ns; j++) {
                    struct xmm s = { 0 };
                    s.x[0] = strs[i];
                    s.x[1] = strs[j];
                    s.x[2] = ivec[5];
                    s.g = lens[(i + j) % 6];
                    s.mxcsr_in = mxcsr_mode(0);
                    xmm_case(fmt("%s $%#x", names[f], pcmpstr[p].imm),
                             pcmpstr[p].fn[f], &s,
                             X_0 | X_1 | X_2 | X_G | X_FL, 0);
                    if (f < 2 && (i + j) % 3 == 0) {
                        s.g = lens[(i + j + 1) % 6];
                        xmm_case(fmt("%s $%#x", names[f], pcmpstr[p].imm),
                                 pcmpstr[p].fn[f], &s,
                                 X_0 | X_1 | X_2 | X_G | X_FL, 0);
                    }
                }
            }
        }
    }
    static const struct { const char *name; GprFn fn; } crc[] = {
        { "crc32b", crc32b_ }, { "crc32w", crc32w_ }, { "crc32l", crc32l_ },
        { "crc32q", crc32q_ }, { "crc32l m", crc32l_m },
    };
    for (unsigned o = 0; o < 5; o++) {
        for (unsigned i = 0; i < N_EDGE; i++) {
            struct gpr g = { 0 };
            g.a = edge_value((i + 3) % N_EDGE, 64);
            g.b = edge_value(i, 64);
            g.m[0] = g.b;
            g.si = (uintptr_t)g.m;
            g.fl = F_BASE | (i & 1 ? F_ALL : 0);
            gpr_case(crc[o].name, crc[o].fn, &g, R_A | R_B | R_FL, 0);
        }
    }
}
