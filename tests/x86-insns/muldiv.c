/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MUL/IMUL (one, two and three operands) and DIV/IDIV, including the
 * divide errors (#DE, printed as the SIGFPE the kernel delivers).
 */
#include "x86-insns.h"

#define MUL1(op)                                                             \
    GPR_INSN(op##_b, #op "b %b[b]")                                          \
    GPR_INSN(op##_w, #op "w %w[b]")                                          \
    GPR_INSN(op##_l, #op "l %k[b]")                                          \
    GPR_INSN(op##_q, #op "q %q[b]")                                          \
    GPR_INSN(op##_m, #op "l (%[si])")

MUL1(mul)
MUL1(imul)
MUL1(div)
MUL1(idiv)

GPR_INSN(imul2_w, "imulw %w[b], %w[a]")
GPR_INSN(imul2_l, "imull %k[b], %k[a]")
GPR_INSN(imul2_q, "imulq %q[b], %q[a]")
GPR_INSN(imul2_m, "imulq (%[si]), %q[a]")
GPR_INSN(imul3_w8, "imulw $-3, %w[b], %w[a]")
GPR_INSN(imul3_w16, "imulw $0x7fff, %w[b], %w[a]")
GPR_INSN(imul3_l8, "imull $127, %k[b], %k[a]")
GPR_INSN(imul3_l32, "imull $0x12345, %k[b], %k[a]")
GPR_INSN(imul3_q8, "imulq $-128, %q[b], %q[a]")
GPR_INSN(imul3_q32, "imulq $-0x80000000, %q[b], %q[a]")
GPR_INSN(imul3_m, "imull $-7, (%[si]), %k[a]")

static const unsigned widths[4] = { 8, 16, 32, 64 };

/* SDM: MUL/IMUL leave SF ZF AF PF undefined; DIV/IDIV all six. */
#define MUL_UNDEF (F_SF | F_ZF | F_AF | F_PF)

static void multiply(void)
{
    static const GprFn mul[4] = { mul_b, mul_w, mul_l, mul_q };
    static const GprFn imul[4] = { imul_b, imul_w, imul_l, imul_q };
    static const GprFn imul2[3] = { imul2_w, imul2_l, imul2_q };
    static const GprFn imul3[3][2] = {
        { imul3_w8, imul3_w16 }, { imul3_l8, imul3_l32 },
        { imul3_q8, imul3_q32 },
    };

    for (unsigned w = 0; w < 4; w++) {
        char sfx = width_suffix(widths[w]);
        for (unsigned i = 0; i < N_EDGE; i++) {
            for (unsigned j = 0; j < N_EDGE; j++) {
                struct gpr g = { 0 };
                g.a = edge_value(i, widths[w]);
                g.b = edge_value(j, widths[w]);
                g.d = UPPER_JUNK;
                g.fl = F_BASE | ((i + j) & 1 ? F_ALL : 0);
                gpr_case(fmt("mul%c", sfx), mul[w], &g,
                         R_A | R_B | R_D | R_FL, MUL_UNDEF);
                gpr_case(fmt("imul%c", sfx), imul[w], &g,
                         R_A | R_B | R_D | R_FL, MUL_UNDEF);
                if (w == 0) {
                    continue;
                }
                gpr_case(fmt("imul%c r,r", sfx), imul2[w - 1], &g,
                         R_A | R_B | R_FL, MUL_UNDEF);
                if (i == 0) {
                    gpr_case(fmt("imul%c $i8,r,r", sfx), imul3[w - 1][0], &g,
                             R_A | R_B | R_FL, MUL_UNDEF);
                    gpr_case(fmt("imul%c $i16/32,r,r", sfx), imul3[w - 1][1],
                             &g, R_A | R_B | R_FL, MUL_UNDEF);
                }
                if (w == 2) {
                    g.m[0] = g.b;
                    g.si = (uintptr_t)g.m;
                    gpr_case("mull m", mul_m, &g, R_A | R_D | R_M | R_FL,
                             MUL_UNDEF);
                    gpr_case("imull m", imul_m, &g, R_A | R_D | R_M | R_FL,
                             MUL_UNDEF);
                    gpr_case("imull $-7,m,r", imul3_m, &g, R_A | R_M | R_FL,
                             MUL_UNDEF);
                }
                if (w == 3) {
                    g.m[0] = g.b;
                    g.si = (uintptr_t)g.m;
                    gpr_case("imulq m,r", imul2_m, &g, R_A | R_M | R_FL,
                             MUL_UNDEF);
                }
            }
        }
    }
}

/*
 * Dividends as (high, low) halves of the double-width value, truncated to
 * the width; includes the most negative one (IDIV by -1 overflows) and a
 * high half that makes most quotients overflow.
 */
static void divide(void)
{
    static const GprFn div[4] = { div_b, div_w, div_l, div_q };
    static const GprFn idiv[4] = { idiv_b, idiv_w, idiv_l, idiv_q };
    static const struct { uint64_t hi, lo; } dividends[] = {
        { 0, 0 }, { 0, 1 }, { 0, 100 }, { 0, 0x7fffffffffffffffull },
        { 0, ~0ull }, { 1, 0 }, { ~0ull, ~0ull }, { ~0ull, 0x8000000000000000ull },
        { ~0ull, 0xfedcba9876543210ull }, { 0x12, 0x3456789abcdef012ull },
    };
    static const uint64_t divisors[] = {
        0, 1, ~0ull, 2, 7, 0x8000000000000000ull, 0x7fffffffffffffffull,
        0x123456789abcdef1ull, 0xfedcba9876543219ull,
    };

    for (unsigned w = 0; w < 4; w++) {
        unsigned width = widths[w];
        uint64_t m = width_mask(width);
        char sfx = width_suffix(width);
        for (unsigned i = 0; i < sizeof(dividends) / sizeof(dividends[0]);
             i++) {
            for (unsigned j = 0; j < sizeof(divisors) / sizeof(divisors[0]);
                 j++) {
                struct gpr g = { 0 };
                uint64_t hi = dividends[i].hi, lo = dividends[i].lo;
                if (width == 8) {
                    /* AX is the dividend: high byte in AH */
                    g.a = (UPPER_JUNK & ~0xffffull) | ((hi & 0xff) << 8) |
                          (lo & 0xff);
                    if (i == 7) {
                        g.a = (UPPER_JUNK & ~0xffffull) | 0x8000;
                    }
                } else {
                    g.a = (UPPER_JUNK & ~m) | (lo & m);
                    g.d = (UPPER_JUNK & ~m) | (hi & m);
                    if (i == 7) {
                        g.a = (UPPER_JUNK & ~m) | (1ull << (width - 1));
                    }
                }
                g.b = (UPPER_JUNK & ~m) | (divisors[j] & m);
                if (j == 5) {
                    g.b = (UPPER_JUNK & ~m) | (1ull << (width - 1));
                }
                g.fl = F_BASE;
                gpr_case(fmt("div%c", sfx), div[w], &g,
                         R_A | R_B | R_D | R_FL, F_ALL);
                gpr_case(fmt("idiv%c", sfx), idiv[w], &g,
                         R_A | R_B | R_D | R_FL, F_ALL);
                if (w == 2 && j < 4) {
                    g.m[0] = g.b;
                    g.si = (uintptr_t)g.m;
                    gpr_case("divl m", div_m, &g, R_A | R_D | R_M | R_FL,
                             F_ALL);
                    gpr_case("idivl m", idiv_m, &g, R_A | R_D | R_M | R_FL,
                             F_ALL);
                }
            }
        }
    }
}

void group_muldiv(void)
{
    multiply();
    divide();
}
