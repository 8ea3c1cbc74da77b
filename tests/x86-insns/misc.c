/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Integer forms that are not plain ALU operations: BT*, BSF/BSR, the 16
 * conditions (CMOVcc, SETcc, Jcc) and LOOP/JRCXZ, CMPXCHG/XADD/XCHG,
 * BSWAP, sign extensions, MOVSX/MOVZX, LEA, multi-word ADC/SBB chains.
 */
#include "x86-insns.h"

/* ---- bit tests and scans ------------------------------------------------ */

#define BT_FORMS(op)                                                         \
    GPR_INSN(op##_rw, #op "w %w[b], %w[a]")                                  \
    GPR_INSN(op##_rl, #op "l %k[b], %k[a]")                                  \
    GPR_INSN(op##_rq, #op "q %q[b], %q[a]")                                  \
    GPR_INSN(op##_iw, #op "w $17, %w[a]")                                    \
    GPR_INSN(op##_il, #op "l $37, %k[a]")                                    \
    GPR_INSN(op##_iq, #op "q $63, %q[a]")                                    \
    GPR_INSN(op##_mw, #op "w %w[b], (%[si])")                                \
    GPR_INSN(op##_ml, #op "l %k[b], (%[si])")                                \
    GPR_INSN(op##_mq, #op "q %q[b], (%[si])")                                \
    GPR_INSN(op##_mi, #op "l $45, (%[si])")

BT_FORMS(bt)
BT_FORMS(bts)
BT_FORMS(btr)
BT_FORMS(btc)

/* SDM: BT* define CF only (ZF kept); OF SF AF PF undefined. */
#define BT_UNDEF (F_OF | F_SF | F_AF | F_PF)

static void bit_tests(void)
{
    static const struct {
        const char *name;
        GprFn r[3], i[3], m[3], mi;
    } ops[] = {
#define BT_OP(op) { #op, { op##_rw, op##_rl, op##_rq },                       \
                    { op##_iw, op##_il, op##_iq },                            \
                    { op##_mw, op##_ml, op##_mq }, op##_mi }
        BT_OP(bt), BT_OP(bts), BT_OP(btr), BT_OP(btc),
    };
    static const int64_t offsets[] = {
        0, 1, 15, 16, 31, 32, 63, 64, 100, -1, -17, -100, 255,
    };

    for (unsigned o = 0; o < 4; o++) {
        for (unsigned w = 0; w < 3; w++) {
            unsigned width = 16u << w;
            char sfx = width_suffix(width);
            for (unsigned k = 0; k < sizeof(offsets) / sizeof(offsets[0]);
                 k++) {
                for (int f = 0; f < 2; f++) {
                    struct gpr g = { 0 };
                    g.a = 0x8badf00d5eed1234ull;
                    g.b = (UPPER_JUNK & ~width_mask(width)) |
                          ((uint64_t)offsets[k] & width_mask(width));
                    if (width == 64) {
                        g.b = (uint64_t)offsets[k];
                    }
                    g.fl = F_BASE | (f ? F_ALL : 0);
                    gpr_case(fmt("%s%c r,r", ops[o].name, sfx), ops[o].r[w],
                             &g, R_A | R_B | R_FL, BT_UNDEF);
                    if (k == 0) {
                        gpr_case(fmt("%s%c $i,r", ops[o].name, sfx),
                                 ops[o].i[w], &g, R_A | R_FL, BT_UNDEF);
                    }
                    /* memory bit strings reach outside the operand:
                     * si points into the middle of m[] (32 bytes) */
                    g.m[0] = 0x0123456789abcdefull;
                    g.m[1] = 0xfedcba9876543210ull;
                    g.m[2] = 0x5555aaaa3333ccccull;
                    g.m[3] = 0x0f0f0f0ff0f0f0f0ull;
                    g.si = (uintptr_t)&g.m[2];
                    if (offsets[k] >= -128 && offsets[k] < 128) {
                        gpr_case(fmt("%s%c m,r", ops[o].name, sfx),
                                 ops[o].m[w], &g, R_B | R_M4 | R_FL,
                                 BT_UNDEF);
                    }
                    if (k == 0 && w == 1) {
                        gpr_case(fmt("%sl $i,m", ops[o].name), ops[o].mi, &g,
                                 R_M4 | R_FL, BT_UNDEF);
                    }
                }
            }
        }
    }
}

GPR_INSN(bsf_w, "bsfw %w[b], %w[a]")
GPR_INSN(bsf_l, "bsfl %k[b], %k[a]")
GPR_INSN(bsf_q, "bsfq %q[b], %q[a]")
GPR_INSN(bsr_w, "bsrw %w[b], %w[a]")
GPR_INSN(bsr_l, "bsrl %k[b], %k[a]")
GPR_INSN(bsr_q, "bsrq %q[b], %q[a]")
GPR_INSN(bsf_m, "bsfl (%[si]), %k[a]")

static void bit_scans(void)
{
    static const GprFn bsf[3] = { bsf_w, bsf_l, bsf_q };
    static const GprFn bsr[3] = { bsr_w, bsr_l, bsr_q };
    static const uint64_t values[] = {
        0, 1, 2, 0x8000, 0x10000, 0x80000000ull, 0x100000000ull,
        0x8000000000000000ull, 0x0000010000100000ull, ~0ull,
    };
    for (unsigned w = 0; w < 3; w++) {
        unsigned width = 16u << w;
        for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
            for (int f = 0; f < 2; f++) {
                struct gpr g = { 0 };
                uint64_t m = width_mask(width);
                g.a = UPPER_JUNK;
                g.b = (UPPER_JUNK & ~m) | (values[i] & m);
                g.fl = F_BASE | (f ? F_ALL : 0);
                /* SDM: destination undefined for a zero source; only ZF
                 * defined */
                unsigned a_undef = (values[i] & m) ? 0 : R_A_UNDEF;
                uint32_t undef = F_CF | F_OF | F_SF | F_AF | F_PF;
                gpr_case(fmt("bsf%c", width_suffix(width)), bsf[w], &g,
                         R_A | R_B | R_FL | a_undef, undef);
                gpr_case(fmt("bsr%c", width_suffix(width)), bsr[w], &g,
                         R_A | R_B | R_FL | a_undef, undef);
                if (w == 1) {
                    g.m[0] = g.b;
                    g.si = (uintptr_t)g.m;
                    gpr_case("bsfl m", bsf_m, &g, R_A | R_M | R_FL | a_undef,
                             undef);
                }
            }
        }
    }
}

void group_bits(void)
{
    bit_tests();
    bit_scans();
}

/* ---- conditions --------------------------------------------------------- */

#define COND_FORMS(cc)                                                       \
    GPR_INSN(cmov##cc##_w, "cmov" #cc "w %w[b], %w[a]")                      \
    GPR_INSN(cmov##cc##_l, "cmov" #cc "l %k[b], %k[a]")                      \
    GPR_INSN(cmov##cc##_q, "cmov" #cc "q %q[b], %q[a]")                      \
    GPR_INSN(cmov##cc##_m, "cmov" #cc "l (%[si]), %k[a]")                    \
    GPR_INSN(set##cc##_r, "set" #cc " %b[a]")                                \
    GPR_INSN(set##cc##_h, "set" #cc " %h[a]")                                \
    GPR_INSN(j##cc##_s, "j" #cc " 1f\n\tmov $0, %k[a]\n\tjmp 2f\n"           \
             "1:\tmov $1, %k[a]\n2:")                                        \
    GPR_INSN(j##cc##_n, "j" #cc " 1f\n\tmov $0, %k[a]\n\t"                   \
             ".skip 200, 0x90\n\tjmp 2f\n1:\tmov $1, %k[a]\n2:")

COND_FORMS(o) COND_FORMS(no) COND_FORMS(b) COND_FORMS(ae)
COND_FORMS(e) COND_FORMS(ne) COND_FORMS(be) COND_FORMS(a)
COND_FORMS(s) COND_FORMS(ns) COND_FORMS(p) COND_FORMS(np)
COND_FORMS(l) COND_FORMS(ge) COND_FORMS(le) COND_FORMS(g)

#define COND(cc) { #cc, { cmov##cc##_w, cmov##cc##_l, cmov##cc##_q,           \
                          cmov##cc##_m, set##cc##_r, set##cc##_h,             \
                          j##cc##_s, j##cc##_n } }

static const struct {
    const char *name;
    GprFn fn[8];
} conds[16] = {
    COND(o), COND(no), COND(b), COND(ae), COND(e), COND(ne), COND(be),
    COND(a), COND(s), COND(ns), COND(p), COND(np), COND(l), COND(ge),
    COND(le), COND(g),
};

static const char *const cond_form_names[8] = {
    "cmovw", "cmovl", "cmovq", "cmovl m", "set r8", "set ah", "j short",
    "j near",
};

/* One line per condition and form: for each of the 32 combinations of
 * CF PF ZF SF OF (bit 0..4 of the index), the result's full register
 * value is summarised as one hex digit of a small checksum. */
static uint64_t flag_combo(unsigned k)
{
    return F_BASE | ((k & 1) ? F_CF : 0) | ((k & 2) ? F_PF : 0) |
           ((k & 4) ? F_ZF : 0) | ((k & 8) ? F_SF : 0) |
           ((k & 16) ? F_OF : 0) | ((k & 1) ? F_AF : 0);
}

GPR_INSN(jrcxz_t, "jrcxz 1f\n\tmov $0, %k[a]\n\tjmp 2f\n1:\tmov $1, %k[a]\n2:")
GPR_INSN(jecxz_t, "jecxz 1f\n\tmov $0, %k[a]\n\tjmp 2f\n1:\tmov $1, %k[a]\n2:")
GPR_INSN(loop_t, "xor %k[a], %k[a]\n1:\tinc %k[a]\n\tloop 1b")
GPR_INSN(loope_t, "xor %k[a], %k[a]\n1:\tinc %k[a]\n\tcmp %k[a], %k[b]\n\t"
         "loope 1b")
GPR_INSN(loopne_t, "xor %k[a], %k[a]\n1:\tinc %k[a]\n\tcmp %k[a], %k[b]\n\t"
         "loopne 1b")
GPR_INSN(loop_l, "xor %k[a], %k[a]\n1:\tinc %k[a]\n\taddr32 loop 1b")

static void conditions(void)
{
    for (unsigned c = 0; c < 16; c++) {
        for (unsigned f = 0; f < 8; f++) {
            char line[32 * 17 + 1];
            unsigned n = 0;
            for (unsigned k = 0; k < 32; k++) {
                struct gpr g = { 0 };
                g.a = 0x1111111122222222ull;
                g.b = 0xaaaaaaaabbbbbbbbull;
                g.m[0] = g.b;
                g.si = (uintptr_t)g.m;
                g.fl = flag_combo(k);
                conds[c].fn[f](&g);
                if (f < 4) {
                    n += snprintf(line + n, sizeof(line) - n, " %s",
                                  g.a == 0x1111111122222222ull ? "k"
                                  : g.a == 0x0000000022222222ull ? "z"
                                  : g.a == 0x00000000bbbbbbbbull ? "m"
                                  : g.a == 0x11111111bbbbbbbbull ? "w"
                                  : g.a == 0xaaaaaaaabbbbbbbbull ? "M"
                                  : g.a == 0x111111112222bbbbull ? "W"
                                  : hexw(g.a, 64));
                } else {
                    n += snprintf(line + n, sizeof(line) - n, " %s",
                                  g.a == 0x1111111122222201ull ? "1"
                                  : g.a == 0x1111111122222200ull ? "0"
                                  : g.a == 0x1111111122220122ull ? "H"
                                  : g.a == 0x1111111122220022ull ? "L"
                                  : g.a == 1 ? "t" : g.a == 0 ? "f"
                                  : hexw(g.a, 64));
                }
                if ((g.fl & F_ALL) != (flag_combo(k) & F_ALL)) {
                    n += snprintf(line + n, sizeof(line) - n, "!fl");
                }
            }
            out("%s%s:%s", cond_form_names[f], conds[c].name, line);
        }
    }

    static const uint64_t counts[] = {
        0, 1, 5, 0x100000000ull, 0x100000003ull, ~0ull & 0xffffffff00000000ull,
    };
    for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        struct gpr g = { 0 };
        g.c = counts[i];
        g.b = 3;
        g.fl = F_BASE;
        gpr_case("jrcxz", jrcxz_t, &g, R_A | R_C | R_FL, 0);
        gpr_case("jecxz", jecxz_t, &g, R_A | R_C | R_FL, 0);
        if (counts[i] && counts[i] < 0x100) {
            gpr_case("loop", loop_t, &g, R_A | R_C | R_FL, 0);
            gpr_case("loope", loope_t, &g, R_A | R_B | R_C | R_FL, 0);
            gpr_case("loopne", loopne_t, &g, R_A | R_B | R_C | R_FL, 0);
        }
        if ((uint32_t)counts[i] && (uint32_t)counts[i] < 0x100) {
            gpr_case("loop ecx", loop_l, &g, R_A | R_C | R_FL, 0);
        }
    }
}

/* ---- exchanges ---------------------------------------------------------- */

#define XCH_FORMS(s, r)                                                      \
    GPR_INSN(cmpxchg_r##s, "cmpxchg" #s " %" #r "[b], %" #r "[d]")           \
    GPR_INSN(cmpxchg_m##s, "lock cmpxchg" #s " %" #r "[b], (%[si])")         \
    GPR_INSN(xadd_r##s, "xadd" #s " %" #r "[b], %" #r "[d]")                 \
    GPR_INSN(xadd_m##s, "lock xadd" #s " %" #r "[b], (%[si])")               \
    GPR_INSN(xchg_r##s, "xchg" #s " %" #r "[b], %" #r "[d]")                 \
    GPR_INSN(xchg_m##s, "xchg" #s " %" #r "[b], (%[si])")                    \
    GPR_INSN(xchg_a##s, "xchg" #s " %" #r "[a], %" #r "[b]")

XCH_FORMS(b, b)
XCH_FORMS(w, w)
XCH_FORMS(l, k)
XCH_FORMS(q, q)

GPR_INSN(cmpxchg8b_m, "lock cmpxchg8b (%[si])")

static void exchanges(void)
{
    static const struct {
        const char *name;
        GprFn fn[4];
        unsigned regs;
        uint32_t undef;
    } ops[] = {
        { "cmpxchg r", { cmpxchg_rb, cmpxchg_rw, cmpxchg_rl, cmpxchg_rq },
          R_A | R_B | R_D | R_FL, 0 },
        { "lock cmpxchg m", { cmpxchg_mb, cmpxchg_mw, cmpxchg_ml, cmpxchg_mq },
          R_A | R_B | R_M | R_FL, 0 },
        { "xadd r", { xadd_rb, xadd_rw, xadd_rl, xadd_rq },
          R_B | R_D | R_FL, 0 },
        { "lock xadd m", { xadd_mb, xadd_mw, xadd_ml, xadd_mq },
          R_B | R_M | R_FL, 0 },
        { "xchg r", { xchg_rb, xchg_rw, xchg_rl, xchg_rq },
          R_B | R_D | R_FL, 0 },
        { "xchg m", { xchg_mb, xchg_mw, xchg_ml, xchg_mq },
          R_B | R_M | R_FL, 0 },
        { "xchg a", { xchg_ab, xchg_aw, xchg_al, xchg_aq },
          R_A | R_B | R_FL, 0 },
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned w = 0; w < 4; w++) {
            unsigned width = 8u << w;
            for (unsigned i = 0; i < N_EDGE; i += 1) {
                for (int eq = 0; eq < 2; eq++) {
                    struct gpr g = { 0 };
                    g.b = edge_value((i + 3) % N_EDGE, width);
                    g.d = edge_value(i, width);
                    g.a = eq ? g.d : edge_value((i + 5) % N_EDGE, width);
                    g.m[0] = g.d ^ 0x0101010101010101ull * (1 - eq);
                    g.a = eq ? g.m[0] : g.a;
                    if (o != 1) {
                        g.a = eq ? g.d : g.a;
                    }
                    g.si = (uintptr_t)g.m;
                    g.fl = F_BASE | (i & 1 ? F_ALL : 0);
                    gpr_case(fmt("%s%c%s", ops[o].name, width_suffix(width),
                                 o < 2 ? (eq ? " eq" : " ne") : ""),
                             ops[o].fn[w], &g, ops[o].regs, ops[o].undef);
                    if (o >= 2 && eq) {
                        break;
                    }
                }
            }
        }
    }
    for (int eq = 0; eq < 2; eq++) {
        struct gpr g = { 0 };
        g.m[0] = 0x0123456789abcdefull;
        g.d = eq ? 0x01234567 : 0x01234568;
        g.a = 0x89abcdef;
        g.c = 0xfeedfacecafef00dull;
        g.b = 0x1122334455667788ull;
        g.si = (uintptr_t)g.m;
        g.fl = F_BASE | (eq ? 0 : F_ALL);
        gpr_case(fmt("lock cmpxchg8b %s", eq ? "eq" : "ne"), cmpxchg8b_m, &g,
                 R_A | R_B | R_C | R_D | R_M | R_FL, 0);
    }
}

/* ---- moves, extensions, BSWAP, LEA, carry chains -------------------------- */

GPR_INSN(bswap_l, "bswapl %k[a]")
GPR_INSN(bswap_q, "bswapq %q[a]")
GPR_INSN(cbw_, "cbtw")
GPR_INSN(cwde_, "cwtl")
GPR_INSN(cdqe_, "cltq")
GPR_INSN(cwd_, "cwtd")
GPR_INSN(cdq_, "cltd")
GPR_INSN(cqo_, "cqto")
GPR_INSN(movsbw_, "movsbw %b[b], %w[a]")
GPR_INSN(movsbl_, "movsbl %b[b], %k[a]")
GPR_INSN(movsbq_, "movsbq %b[b], %q[a]")
GPR_INSN(movswl_, "movswl %w[b], %k[a]")
GPR_INSN(movswq_, "movswq %w[b], %q[a]")
GPR_INSN(movslq_, "movslq %k[b], %q[a]")
GPR_INSN(movzbw_, "movzbw %b[b], %w[a]")
GPR_INSN(movzbl_, "movzbl %b[b], %k[a]")
GPR_INSN(movzbq_, "movzbq %b[b], %q[a]")
GPR_INSN(movzwl_, "movzwl %w[b], %k[a]")
GPR_INSN(movzwq_, "movzwq %w[b], %q[a]")
GPR_INSN(movsbl_h, "movsbl %h[b], %k[a]")
GPR_INSN(movzbl_h, "movzbl %h[b], %k[a]")
GPR_INSN(movb_, "movb %b[b], %b[a]")
GPR_INSN(movw_, "movw %w[b], %w[a]")
GPR_INSN(movl_, "movl %k[b], %k[a]")
GPR_INSN(movabs_, "movabsq $0x123456789abcdef0, %q[a]")
GPR_INSN(movl_imm, "movl $-1, %k[a]")
GPR_INSN(movq_imm, "movq $-1, %q[a]")
GPR_INSN(movsbl_m, "movsbl (%[si]), %k[a]")
GPR_INSN(movzwq_m, "movzwq (%[si]), %q[a]")
GPR_INSN(movslq_m, "movslq (%[si]), %q[a]")
GPR_INSN(lea_q, "leaq 0x10(%q[b],%q[c],4), %q[a]")
GPR_INSN(lea_qneg, "leaq -0x80000000(%q[b],%q[c],8), %q[a]")
GPR_INSN(lea_l, "leal -8(%q[b],%q[c],8), %k[a]")
GPR_INSN(lea_w, "leaw 3(%q[b],%q[c]), %w[a]")
GPR_INSN(lea_a32, "leal 1(%k[b],%k[c],2), %k[a]")
GPR_INSN(lea_a32q, "leaq 0x7fffffff(%k[b]), %q[a]")
GPR_INSN(lea_a32w, "leaw -1(%k[b],%k[c]), %w[a]")
GPR_INSN(lea_idx, "leaq 0x40(,%q[c],2), %q[a]")
/* RIP-relative: only the difference is printed (b is cleared) */
GPR_INSN(lea_rip, "leaq 1f(%%rip), %q[a]\n1:\tleaq 1b(%%rip), %q[b]\n\t"
         "subq %q[b], %q[a]\n\tmovl $0, %k[b]")
GPR_INSN(lea_rip2, "leaq 1f(%%rip), %q[a]\n\tnop\n1:\tleaq 1b-1(%%rip), "
         "%q[b]\n\tsubq %q[b], %q[a]\n\tmovl $0, %k[b]")

static void moves(void)
{
    static const struct {
        const char *name;
        GprFn fn;
    } ops[] = {
        { "bswapl", bswap_l }, { "bswapq", bswap_q }, { "cbw", cbw_ },
        { "cwde", cwde_ }, { "cdqe", cdqe_ }, { "cwd", cwd_ }, { "cdq", cdq_ },
        { "cqo", cqo_ }, { "movsbw", movsbw_ }, { "movsbl", movsbl_ },
        { "movsbq", movsbq_ }, { "movswl", movswl_ }, { "movswq", movswq_ },
        { "movslq", movslq_ }, { "movzbw", movzbw_ }, { "movzbl", movzbl_ },
        { "movzbq", movzbq_ }, { "movzwl", movzwl_ }, { "movzwq", movzwq_ },
        { "movsbl bh", movsbl_h }, { "movzbl bh", movzbl_h },
        { "movb", movb_ }, { "movw", movw_ }, { "movl", movl_ },
        { "movabs", movabs_ }, { "movl $-1", movl_imm },
        { "movq $-1", movq_imm }, { "movsbl m", movsbl_m },
        { "movzwq m", movzwq_m }, { "movslq m", movslq_m },
        { "leaq d(b,i,4)", lea_q }, { "leaq -2^31(b,i,8)", lea_qneg },
        { "leal d(b,i,8)", lea_l }, { "leaw d(b,i)", lea_w },
        { "leal a32", lea_a32 }, { "leaq a32", lea_a32q },
        { "leaw a32", lea_a32w }, { "leaq (,i,2)", lea_idx },
        { "leaq rip", lea_rip }, { "leaq rip-1", lea_rip2 },
    };
    static const uint64_t values[] = {
        0, 0x7f, 0x80, 0x7fff, 0x8000, 0x7fffffff, 0x80000000,
        0x8000000000000000ull, 0xfedcba9876543210ull, 0x0123456789abcdefull,
        ~0ull,
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
            struct gpr g = { 0 };
            g.a = values[i] ^ 0x5a5a5a5a00000000ull;
            g.b = values[(i + 3) % 11];
            g.c = values[i];
            g.d = UPPER_JUNK;
            g.m[0] = values[i];
            g.si = (uintptr_t)g.m;
            g.fl = F_BASE | (i & 1 ? F_ALL : 0);
            gpr_case(ops[o].name, ops[o].fn, &g, R_A | R_B | R_C | R_D | R_FL,
                     0);
        }
    }
}

/* 256-bit addition and subtraction through memory, and ADC/SBB with
 * immediates and the carry in each state. */
GPR_INSN(add256, "movq (%[di]), %q[a]\n\taddq %q[a], (%[si])\n\t"
         "movq 8(%[di]), %q[a]\n\tadcq %q[a], 8(%[si])\n\t"
         "movq 16(%[di]), %q[a]\n\tadcq %q[a], 16(%[si])\n\t"
         "movq 24(%[di]), %q[a]\n\tadcq %q[a], 24(%[si])\n\t"
         "setc %b[c]")
GPR_INSN(sub256, "movq (%[di]), %q[a]\n\tsubq %q[a], (%[si])\n\t"
         "movq 8(%[di]), %q[a]\n\tsbbq %q[a], 8(%[si])\n\t"
         "movq 16(%[di]), %q[a]\n\tsbbq %q[a], 16(%[si])\n\t"
         "movq 24(%[di]), %q[a]\n\tsbbq %q[a], 24(%[si])\n\t"
         "sbb %q[c], %q[c]")
GPR_INSN(adc_chain, "stc\n\tadcl $0, %k[a]\n\tadcb $0xff, %b[b]\n\t"
         "adcw $0x1, %w[c]\n\tsbbl $0, %k[d]\n\tsbbq $-1, %q[a]")

static void carry_chains(void)
{
    static const uint64_t x[][4] = {
        { ~0ull, ~0ull, ~0ull, ~0ull }, { 1, 0, 0, 0 },
        { 0x8000000000000000ull, ~0ull, 0, 0x7fffffffffffffffull },
        { 0, 0, 0, 0 }, { 0x0123456789abcdefull, 0xfedcba9876543210ull,
                          0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull },
    };
    static uint64_t y[4];
    unsigned n = sizeof(x) / sizeof(x[0]);
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            struct gpr g = { 0 };
            for (unsigned k = 0; k < 4; k++) {
                g.m[k] = x[i][k];
                y[k] = x[j][k];
            }
            g.si = (uintptr_t)g.m;
            g.di = (uintptr_t)y;
            g.fl = F_BASE | ((i ^ j) & 1 ? F_ALL : 0);
            gpr_case(fmt("add256 %u+%u", i, j), add256, &g, R_C | R_M4 | R_FL,
                     0);
            for (unsigned k = 0; k < 4; k++) {
                g.m[k] = x[i][k];
            }
            gpr_case(fmt("sub256 %u-%u", i, j), sub256, &g, R_C | R_M4 | R_FL,
                     0);
        }
    }
    for (unsigned i = 0; i < N_EDGE; i++) {
        struct gpr g = { 0 };
        g.a = edge_value(i, 32);
        g.b = edge_value(i, 8);
        g.c = edge_value(i, 16);
        g.d = edge_value((i + 1) % N_EDGE, 32);
        g.fl = F_BASE;
        gpr_case("adc/sbb chain", adc_chain, &g, R_A | R_B | R_C | R_D | R_FL,
                 0);
    }
}

/* Flag instructions, PUSH/POP forms, ENTER/LEAVE, XLAT: stack pointer
 * effects printed as deltas (r8 holds the entry rsp). */
GPR_INSN(clc_, "clc")
GPR_INSN(stc_, "stc")
GPR_INSN(cmc_, "cmc")
GPR_INSN(push_pop, "mov %%rsp, %%r8\n\tpush $-5\n\tpushw $0x1234\n\t"
         "push %q[b]\n\tpop %q[c]\n\tpopw %w[d]\n\tpop %q[a]\n\t"
         "sub %%rsp, %%r8\n\tmov %%r8, %q[b]")
GPR_INSN(push_mem, "mov %%rsp, %%r8\n\tpushq (%[si])\n\tpopq 8(%[si])\n\t"
         "pushw (%[si])\n\tpopw 16(%[si])\n\tsub %%rsp, %%r8\n\t"
         "mov %%r8, %q[b]")
GPR_INSN(push_rsp, "mov %%rsp, %%r8\n\tpush %%rsp\n\tpop %q[a]\n\t"
         "sub %%r8, %q[a]\n\tmov %%rsp, %%r9\n\tpop %%r9\n\t"
         "push %%r9\n\tsub %%rsp, %%r8\n\tmov %%r8, %q[b]")
GPR_INSN(enter_leave, "mov %%rsp, %%r8\n\tmov %%rbp, %%r9\n\t"
         "enter $40, $0\n\tmov %%r8, %q[a]\n\tsub %%rsp, %q[a]\n\t"
         "mov %%r8, %q[c]\n\tsub %%rbp, %q[c]\n\tleave\n\t"
         "mov %%r8, %q[d]\n\tsub %%rsp, %q[d]\n\tsub %%rbp, %%r9\n\t"
         "mov %%r9, %q[b]")
GPR_INSN(enter_nested, "mov %%rsp, %%r8\n\tmov %%rbp, %%r9\n\t"
         "mov %%rsp, %%rbp\n\tenter $8, $2\n\tmov %%r8, %q[a]\n\t"
         "sub %%rsp, %q[a]\n\tmov %%r8, %q[c]\n\tsub %%rbp, %q[c]\n\t"
         "leave\n\tmov %%r9, %%rbp\n\tmov %%r8, %q[d]\n\t"
         "sub %%rsp, %q[d]")
GPR_INSN(xlat_, "xchg %[si], %q[b]\n\txlatb\n\txchg %[si], %q[b]")

static void stack_and_flags(void)
{
    static const struct { const char *name; GprFn fn; } ops[] = {
        { "clc", clc_ }, { "stc", stc_ }, { "cmc", cmc_ },
        { "push/pop", push_pop }, { "push/pop m", push_mem },
        { "push/pop rsp", push_rsp }, { "enter/leave", enter_leave },
        { "enter $8,$2", enter_nested }, { "xlatb", xlat_ },
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < 4; i++) {
            struct gpr g = { 0 };
            g.a = 0x1111111111111100ull | (i * 7);  /* xlat: inside m[] */
            g.b = 0x2222222222222222ull;
            g.c = 0x3333333333333333ull;
            g.d = 0x4444444444444444ull;
            g.m[0] = 0x0807060504030201ull * (i + 1);
            g.m[1] = 0x1817161514131211ull;
            g.m[2] = 0x2827262524232221ull;
            g.m[3] = 0x3837363534333231ull;
            g.si = (uintptr_t)g.m;
            g.fl = F_BASE | (i & 1 ? F_ALL : 0) | (i & 2 ? F_CF : 0);
            gpr_case(ops[o].name, ops[o].fn, &g,
                     R_A | R_B | R_C | R_D | R_M4 | R_FL, 0);
        }
    }
}

void group_misc(void)
{
    stack_and_flags();
    conditions();
    exchanges();
    moves();
    carry_chains();
}
