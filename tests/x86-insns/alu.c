/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Integer ALU forms: the eight binary operations and TEST (register,
 * memory destination, immediate, high-byte registers), INC/DEC/NEG/NOT,
 * shifts and rotates (by 1, immediate, CL) and SHLD/SHRD.
 */
#include "x86-insns.h"

/* ---- binary operations ---------------------------------------------- */

#define ALU_FORMS(op)                                                        \
    GPR_INSN(op##_rr_b, #op "b %b[b], %b[a]")                                \
    GPR_INSN(op##_rr_w, #op "w %w[b], %w[a]")                                \
    GPR_INSN(op##_rr_l, #op "l %k[b], %k[a]")                                \
    GPR_INSN(op##_rr_q, #op "q %q[b], %q[a]")                                \
    GPR_INSN(op##_mr_b, #op "b %b[b], (%[si])")                              \
    GPR_INSN(op##_mr_w, #op "w %w[b], (%[si])")                              \
    GPR_INSN(op##_mr_l, #op "l %k[b], (%[si])")                              \
    GPR_INSN(op##_mr_q, #op "q %q[b], (%[si])")                              \
    GPR_INSN(op##_rm_b, #op "b (%[si]), %b[b]")                              \
    GPR_INSN(op##_rm_w, #op "w (%[si]), %w[b]")                              \
    GPR_INSN(op##_rm_l, #op "l (%[si]), %k[b]")                              \
    GPR_INSN(op##_rm_q, #op "q (%[si]), %q[b]")                              \
    GPR_INSN(op##_i1_b, #op "b $0x80, %b[a]")                                \
    GPR_INSN(op##_i1_w, #op "w $-2, %w[a]")                                  \
    GPR_INSN(op##_i1_l, #op "l $-128, %k[a]")                                \
    GPR_INSN(op##_i1_q, #op "q $127, %q[a]")                                 \
    GPR_INSN(op##_i2_b, #op "b $1, %b[b]")                                   \
    GPR_INSN(op##_i2_w, #op "w $0x1234, %w[b]")                              \
    GPR_INSN(op##_i2_l, #op "l $0x80000000, %k[b]")                          \
    GPR_INSN(op##_i2_q, #op "q $-0x80000000, %q[b]")                         \
    GPR_INSN(op##_hh, #op "b %h[b], %h[a]")                                  \
    GPR_INSN(op##_hl, #op "b %b[b], %h[c]")

ALU_FORMS(add)
ALU_FORMS(adc)
ALU_FORMS(sub)
ALU_FORMS(sbb)
ALU_FORMS(and)
ALU_FORMS(or)
ALU_FORMS(xor)
ALU_FORMS(cmp)

#define TEST_FORMS(op)                                                       \
    GPR_INSN(op##_rr_b, #op "b %b[b], %b[a]")                                \
    GPR_INSN(op##_rr_w, #op "w %w[b], %w[a]")                                \
    GPR_INSN(op##_rr_l, #op "l %k[b], %k[a]")                                \
    GPR_INSN(op##_rr_q, #op "q %q[b], %q[a]")                                \
    GPR_INSN(op##_mr_b, #op "b %b[b], (%[si])")                              \
    GPR_INSN(op##_mr_w, #op "w %w[b], (%[si])")                              \
    GPR_INSN(op##_mr_l, #op "l %k[b], (%[si])")                              \
    GPR_INSN(op##_mr_q, #op "q %q[b], (%[si])")                              \
    GPR_INSN(op##_i1_b, #op "b $0x80, %b[a]")                                \
    GPR_INSN(op##_i1_w, #op "w $-2, %w[a]")                                  \
    GPR_INSN(op##_i1_l, #op "l $-128, %k[a]")                                \
    GPR_INSN(op##_i1_q, #op "q $127, %q[a]")                                 \
    GPR_INSN(op##_i2_b, #op "b $1, %b[b]")                                   \
    GPR_INSN(op##_i2_w, #op "w $0x1234, %w[b]")                              \
    GPR_INSN(op##_i2_l, #op "l $0x80000000, %k[b]")                          \
    GPR_INSN(op##_i2_q, #op "q $-0x80000000, %q[b]")                         \
    GPR_INSN(op##_hh, #op "b %h[b], %h[a]")                                  \
    GPR_INSN(op##_hl, #op "b %b[b], %h[c]")

TEST_FORMS(test)

struct alu_op {
    const char *name;
    uint32_t undef;                 /* flags the SDM leaves undefined */
    int carry_in;                   /* reads CF: run with CF clear and set */
    GprFn rr[4], mr[4], rm[4], i1[4], i2[4], hh, hl;
};

#define ALU_OP(op, undef, carry)                                             \
    { #op, undef, carry,                                                     \
      { op##_rr_b, op##_rr_w, op##_rr_l, op##_rr_q },                        \
      { op##_mr_b, op##_mr_w, op##_mr_l, op##_mr_q },                        \
      { op##_rm_b, op##_rm_w, op##_rm_l, op##_rm_q },                        \
      { op##_i1_b, op##_i1_w, op##_i1_l, op##_i1_q },                        \
      { op##_i2_b, op##_i2_w, op##_i2_l, op##_i2_q },                        \
      op##_hh, op##_hl }

static const struct alu_op alu_ops[] = {
    ALU_OP(add, 0, 0), ALU_OP(adc, 0, 1), ALU_OP(sub, 0, 0),
    ALU_OP(sbb, 0, 1), ALU_OP(and, F_AF, 0), ALU_OP(or, F_AF, 0),
    ALU_OP(xor, F_AF, 0), ALU_OP(cmp, 0, 0),
    { "test", F_AF, 0,
      { test_rr_b, test_rr_w, test_rr_l, test_rr_q },
      { test_mr_b, test_mr_w, test_mr_l, test_mr_q },
      { test_mr_b, test_mr_w, test_mr_l, test_mr_q },
      { test_i1_b, test_i1_w, test_i1_l, test_i1_q },
      { test_i2_b, test_i2_w, test_i2_l, test_i2_q },
      test_hh, test_hl },
};

static const unsigned widths[4] = { 8, 16, 32, 64 };

static void alu_binary(void)
{
    for (unsigned o = 0; o < sizeof(alu_ops) / sizeof(alu_ops[0]); o++) {
        const struct alu_op *op = &alu_ops[o];
        for (unsigned w = 0; w < 4; w++) {
            unsigned width = widths[w];
            char sfx = width_suffix(width);
            unsigned n = 0;
            for (unsigned i = 0; i < N_EDGE; i++) {
                for (unsigned j = 0; j < N_EDGE; j++, n++) {
                    struct gpr g = { 0 };
                    g.a = edge_value(i, width);
                    g.b = edge_value(j, width);
                    g.c = edge_value((i + j) % N_EDGE, 64);
                    for (int f = 0; f < 2; f++) {
                        if (!op->carry_in && f != (int)(n & 1)) {
                            continue;   /* one flags input is enough */
                        }
                        g.fl = F_BASE | (f ? F_ALL : 0);
                        gpr_case(fmt("%s%c r,r", op->name, sfx),
                                 op->rr[w], &g, R_A | R_B | R_FL, op->undef);
                        g.m[0] = g.a;
                        g.si = (uintptr_t)g.m;
                        gpr_case(fmt("%s%c m,r", op->name, sfx),
                                 op->mr[w], &g, R_B | R_M | R_FL, op->undef);
                        if (op->rm[w] != op->mr[w]) {
                            gpr_case(fmt("%s%c r,m", op->name, sfx),
                                     op->rm[w], &g, R_B | R_M | R_FL,
                                     op->undef);
                        }
                        g.si = 0;
                        if (j == 0) {
                            gpr_case(fmt("%s%c i1", op->name, sfx),
                                     op->i1[w], &g, R_A | R_FL, op->undef);
                        }
                        if (i == 0) {
                            gpr_case(fmt("%s%c i2", op->name, sfx),
                                     op->i2[w], &g, R_B | R_FL, op->undef);
                        }
                        if (w == 1) {
                            gpr_case(fmt("%sb ah,bh", op->name), op->hh, &g,
                                     R_A | R_B | R_FL, op->undef);
                            gpr_case(fmt("%sb ch,bl", op->name), op->hl, &g,
                                     R_B | R_C | R_FL, op->undef);
                        }
                    }
                }
            }
        }
    }
}

/* ---- unary operations ------------------------------------------------- */

#define UNARY_FORMS(op)                                                      \
    GPR_INSN(op##_b, #op "b %b[a]")                                          \
    GPR_INSN(op##_w, #op "w %w[a]")                                          \
    GPR_INSN(op##_l, #op "l %k[a]")                                          \
    GPR_INSN(op##_q, #op "q %q[a]")                                          \
    GPR_INSN(op##_m, #op "l (%[si])")                                        \
    GPR_INSN(op##_h, #op "b %h[a]")

UNARY_FORMS(inc)
UNARY_FORMS(dec)
UNARY_FORMS(neg)
UNARY_FORMS(not)

static void alu_unary(void)
{
    static const struct {
        const char *name;
        GprFn fn[4], m, h;
    } ops[] = {
        { "inc", { inc_b, inc_w, inc_l, inc_q }, inc_m, inc_h },
        { "dec", { dec_b, dec_w, dec_l, dec_q }, dec_m, dec_h },
        { "neg", { neg_b, neg_w, neg_l, neg_q }, neg_m, neg_h },
        { "not", { not_b, not_w, not_l, not_q }, not_m, not_h },
    };
    for (unsigned o = 0; o < 4; o++) {
        for (unsigned w = 0; w < 4; w++) {
            for (unsigned i = 0; i < N_EDGE; i++) {
                for (int f = 0; f < 2; f++) {
                    struct gpr g = { 0 };
                    g.a = edge_value(i, widths[w]);
                    g.fl = F_BASE | (f ? F_ALL : 0);
                    gpr_case(fmt("%s%c", ops[o].name, width_suffix(widths[w])),
                             ops[o].fn[w], &g, R_A | R_FL, 0);
                    if (w == 2) {
                        g.m[0] = g.a;
                        g.si = (uintptr_t)g.m;
                        gpr_case(fmt("%sl m", ops[o].name), ops[o].m, &g,
                                 R_M | R_FL, 0);
                    }
                    if (w == 1) {
                        gpr_case(fmt("%sb ah", ops[o].name), ops[o].h, &g,
                                 R_A | R_FL, 0);
                    }
                }
            }
        }
    }
}

/* ---- shifts and rotates ----------------------------------------------- */

#define SHIFT_WIDTH(op, s, r)                                                \
    GPR_INSN(op##_##s##_1, #op #s " %" #r "[a]")                             \
    GPR_INSN(op##_##s##_cl, #op #s " %%cl, %" #r "[a]")                      \
    GPR_INSN(op##_##s##_i0, #op #s " $0, %" #r "[a]")                        \
    GPR_INSN(op##_##s##_i1, #op #s " $1, %" #r "[a]")                        \
    GPR_INSN(op##_##s##_i3, #op #s " $3, %" #r "[a]")                        \
    GPR_INSN(op##_##s##_i8, #op #s " $8, %" #r "[a]")                        \
    GPR_INSN(op##_##s##_i17, #op #s " $17, %" #r "[a]")                      \
    GPR_INSN(op##_##s##_i31, #op #s " $31, %" #r "[a]")                      \
    GPR_INSN(op##_##s##_i32, #op #s " $32, %" #r "[a]")                      \
    GPR_INSN(op##_##s##_i63, #op #s " $63, %" #r "[a]")                      \
    GPR_INSN(op##_##s##_i255, #op #s " $255, %" #r "[a]")                    \
    GPR_INSN(op##_##s##_mcl, #op #s " %%cl, (%[si])")

#define SHIFT_FORMS(op)                                                      \
    SHIFT_WIDTH(op, b, b) SHIFT_WIDTH(op, w, w)                              \
    SHIFT_WIDTH(op, l, k) SHIFT_WIDTH(op, q, q)

SHIFT_FORMS(shl)
SHIFT_FORMS(shr)
SHIFT_FORMS(sar)
SHIFT_FORMS(rol)
SHIFT_FORMS(ror)
SHIFT_FORMS(rcl)
SHIFT_FORMS(rcr)

enum { SH_SHL, SH_SHR, SH_SAR, SH_ROL, SH_ROR, SH_RCL, SH_RCR };

#define N_SHIFT_IMM 9
static const unsigned shift_imms[N_SHIFT_IMM] = { 0, 1, 3, 8, 17, 31, 32, 63,
                                                  255 };

struct shift_width {
    GprFn by1, cl, imm[N_SHIFT_IMM], mcl;
};

#define SW(op, s)                                                            \
    { op##_##s##_1, op##_##s##_cl,                                           \
      { op##_##s##_i0, op##_##s##_i1, op##_##s##_i3, op##_##s##_i8,          \
        op##_##s##_i17, op##_##s##_i31, op##_##s##_i32, op##_##s##_i63,      \
        op##_##s##_i255 },                                                   \
      op##_##s##_mcl }
#define SHIFT_OP(op) { #op, { SW(op, b), SW(op, w), SW(op, l), SW(op, q) } }

static const struct {
    const char *name;
    struct shift_width w[4];
} shift_ops[] = {
    SHIFT_OP(shl), SHIFT_OP(shr), SHIFT_OP(sar), SHIFT_OP(rol),
    SHIFT_OP(ror), SHIFT_OP(rcl), SHIFT_OP(rcr),
};

/* SDM: a masked count of 0 changes no flag; OF only defined for a count
 * of 1; AF undefined for shifts by non-zero counts; CF undefined for
 * SHL/SHR by at least the operand width. Rotates touch only CF and OF. */
static uint32_t shift_undef(int op, unsigned width, unsigned count)
{
    unsigned m = count & (width == 64 ? 63 : 31);
    uint32_t u = 0;

    if (m == 0) {
        return 0;
    }
    if (m > 1) {
        u |= F_OF;
    }
    if (op <= SH_SAR) {
        u |= F_AF;
        if (op != SH_SAR && m >= width) {
            u |= F_CF;
        }
    }
    return u;
}

#define N_SHIFT_CL 16
static const unsigned shift_counts[N_SHIFT_CL] = {
    0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255,
};

static uint64_t shift_value(unsigned i, unsigned width)
{
    static const unsigned pick[] = { 1, 4, 6, 7, 5, 0 };
    uint64_t v = edge_value(pick[i], width);
    return i == 0 ? v | (1ull << (width - 1)) : v;  /* sign and bit 0 set */
}

static void alu_shift(void)
{
    for (int o = 0; o < 7; o++) {
        for (unsigned w = 0; w < 4; w++) {
            unsigned width = widths[w];
            const struct shift_width *sw = &shift_ops[o].w[w];
            char sfx = width_suffix(width);
            for (unsigned v = 0; v < 6; v++) {
                for (int f = 0; f < 2; f++) {
                    struct gpr g = { 0 };
                    g.a = shift_value(v, width);
                    g.fl = F_BASE | (f ? F_ALL : 0);
                    gpr_case(fmt("%s%c 1", shift_ops[o].name, sfx), sw->by1,
                             &g, R_A | R_FL, shift_undef(o, width, 1));
                    for (unsigned k = 0; k < N_SHIFT_IMM; k++) {
                        gpr_case(fmt("%s%c $%u", shift_ops[o].name, sfx,
                                     shift_imms[k]),
                                 sw->imm[k], &g, R_A | R_FL,
                                 shift_undef(o, width, shift_imms[k]));
                    }
                    for (unsigned k = 0; k < N_SHIFT_CL; k++) {
                        g.c = 0x5a5a5a5a5a5a5a00ull | shift_counts[k];
                        gpr_case(fmt("%s%c cl", shift_ops[o].name, sfx),
                                 sw->cl, &g, R_A | R_C | R_FL,
                                 shift_undef(o, width, shift_counts[k]));
                        if (k % 4 == 1) {
                            g.m[0] = g.a;
                            g.si = (uintptr_t)g.m;
                            gpr_case(fmt("%s%c m,cl", shift_ops[o].name, sfx),
                                     sw->mcl, &g, R_M | R_C | R_FL,
                                     shift_undef(o, width, shift_counts[k]));
                            g.si = 0;
                        }
                    }
                }
            }
        }
    }
}

/* ---- SHLD/SHRD ---------------------------------------------------------- */

#define DSHIFT_WIDTH(op, s, r)                                               \
    GPR_INSN(op##_##s##_cl, #op #s " %%cl, %" #r "[b], %" #r "[a]")          \
    GPR_INSN(op##_##s##_i1, #op #s " $1, %" #r "[b], %" #r "[a]")            \
    GPR_INSN(op##_##s##_i7, #op #s " $7, %" #r "[b], %" #r "[a]")            \
    GPR_INSN(op##_##s##_i16, #op #s " $16, %" #r "[b], %" #r "[a]")          \
    GPR_INSN(op##_##s##_i33, #op #s " $33, %" #r "[b], %" #r "[a]")          \
    GPR_INSN(op##_##s##_m, #op #s " %%cl, %" #r "[b], (%[si])")

DSHIFT_WIDTH(shld, w, w)
DSHIFT_WIDTH(shld, l, k)
DSHIFT_WIDTH(shld, q, q)
DSHIFT_WIDTH(shrd, w, w)
DSHIFT_WIDTH(shrd, l, k)
DSHIFT_WIDTH(shrd, q, q)

#define DSW(op, s)                                                           \
    { op##_##s##_cl, { op##_##s##_i1, op##_##s##_i7, op##_##s##_i16,         \
                       op##_##s##_i33 }, op##_##s##_m }

static const struct {
    const char *name;
    struct { GprFn cl, imm[4], m; } w[3];
} dshift_ops[] = {
    { "shld", { DSW(shld, w), DSW(shld, l), DSW(shld, q) } },
    { "shrd", { DSW(shrd, w), DSW(shrd, l), DSW(shrd, q) } },
};

static const unsigned dshift_imms[4] = { 1, 7, 16, 33 };

/* The result and flags are undefined when the masked count exceeds a
 * 16-bit operand: such cases are not run. */
static int dshift_defined(unsigned width, unsigned count)
{
    return (count & (width == 64 ? 63 : 31)) <= width;
}

static uint32_t dshift_undef(unsigned width, unsigned count)
{
    unsigned m = count & (width == 64 ? 63 : 31);
    return m == 0 ? 0 : m == 1 ? F_AF : F_AF | F_OF;
}

static void alu_dshift(void)
{
    for (int o = 0; o < 2; o++) {
        for (unsigned w = 0; w < 3; w++) {
            unsigned width = widths[w + 1];
            char sfx = width_suffix(width);
            const char *name = dshift_ops[o].name;
            for (unsigned v = 0; v < 6; v++) {
                for (int f = 0; f < 2; f++) {
                    struct gpr g = { 0 };
                    g.a = shift_value(v, width);
                    g.b = shift_value((v + 2) % 6, width);
                    g.fl = F_BASE | (f ? F_ALL : 0);
                    for (unsigned k = 0; k < 4; k++) {
                        if (dshift_defined(width, dshift_imms[k])) {
                            gpr_case(fmt("%s%c $%u", name, sfx,
                                         dshift_imms[k]),
                                     dshift_ops[o].w[w].imm[k], &g,
                                     R_A | R_B | R_FL,
                                     dshift_undef(width, dshift_imms[k]));
                        }
                    }
                    for (unsigned k = 0; k < N_SHIFT_CL; k++) {
                        g.c = 0x5a5a5a5a5a5a5a00ull | shift_counts[k];
                        if (!dshift_defined(width, shift_counts[k])) {
                            continue;
                        }
                        gpr_case(fmt("%s%c cl", name, sfx),
                                 dshift_ops[o].w[w].cl, &g,
                                 R_A | R_B | R_C | R_FL,
                                 dshift_undef(width, shift_counts[k]));
                        if (k % 3 == 1) {
                            g.m[0] = g.a;
                            g.si = (uintptr_t)g.m;
                            gpr_case(fmt("%s%c m,cl", name, sfx),
                                     dshift_ops[o].w[w].m, &g,
                                     R_B | R_C | R_M | R_FL,
                                     dshift_undef(width, shift_counts[k]));
                            g.si = 0;
                        }
                    }
                }
            }
        }
    }
}

void group_alu(void)
{
    alu_binary();
    alu_unary();
}

void group_shift(void)
{
    alu_shift();
    alu_dshift();
}
