/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The integer extensions CPUID announces separately: CMPXCHG16B, POPCNT,
 * LZCNT, MOVBE, BMI1, BMI2, ADX. Each is its own group so a comparison
 * runs only the ones both CPUs report.
 */
#include "x86-insns.h"

static const uint64_t ext_values[] = {
    0, 1, 0x80, 0x8000, 0x80000000ull, 0x8000000000000000ull, ~0ull,
    0x00f0000000000f00ull, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
    0x7fffffff, 0xffff0000ffff0000ull,
};
#define N_EXT (sizeof(ext_values) / sizeof(ext_values[0]))

/* ---- CMPXCHG16B ---------------------------------------------------------- */

GPR_INSN(cx16_m, "lock cmpxchg16b (%[si])")
GPR_INSN(cx16_nolock, "cmpxchg16b (%[si])")

void group_cx16(void)
{
    for (int k = 0; k < 6; k++) {
        struct gpr g = { 0 };
        g.m[0] = 0x0123456789abcdefull;
        g.m[1] = 0xfedcba9876543210ull;
        g.a = k & 1 ? g.m[0] : g.m[0] ^ (k & 2 ? 1 : 0x8000000000000000ull);
        g.d = k & 1 ? g.m[1] : g.m[1] ^ 1;
        if (k == 5) {
            g.a = g.m[0];
            g.d = g.m[1] ^ 0x8000000000000000ull;
        }
        g.b = 0x1111111111111111ull;
        g.c = 0x2222222222222222ull;
        g.si = (uintptr_t)g.m;
        g.fl = F_BASE | (k & 2 ? F_ALL : 0);
        gpr_case("lock cmpxchg16b", cx16_m, &g,
                 R_A | R_B | R_C | R_D | R_M4 | R_FL, 0);
        gpr_case("cmpxchg16b", cx16_nolock, &g,
                 R_A | R_B | R_C | R_D | R_M4 | R_FL, 0);
    }
    /* a misaligned operand raises #GP */
    struct gpr g = { 0 };
    g.si = (uintptr_t)&g.m[1];
    g.fl = F_BASE;
    gpr_case("cmpxchg16b misaligned", cx16_m, &g, R_A | R_FL, 0);
}

/* ---- POPCNT, LZCNT, TZCNT ------------------------------------------------ */

GPR_INSN(popcnt_w, "popcntw %w[b], %w[a]")
GPR_INSN(popcnt_l, "popcntl %k[b], %k[a]")
GPR_INSN(popcnt_q, "popcntq %q[b], %q[a]")
GPR_INSN(popcnt_m, "popcntq (%[si]), %q[a]")
GPR_INSN(lzcnt_w, "lzcntw %w[b], %w[a]")
GPR_INSN(lzcnt_l, "lzcntl %k[b], %k[a]")
GPR_INSN(lzcnt_q, "lzcntq %q[b], %q[a]")
GPR_INSN(lzcnt_m, "lzcntl (%[si]), %k[a]")
GPR_INSN(tzcnt_w, "tzcntw %w[b], %w[a]")
GPR_INSN(tzcnt_l, "tzcntl %k[b], %k[a]")
GPR_INSN(tzcnt_q, "tzcntq %q[b], %q[a]")
GPR_INSN(tzcnt_m, "tzcntl (%[si]), %k[a]")

static void count_bits(const char *name, const GprFn fn[4], uint32_t undef)
{
    for (unsigned w = 0; w < 3; w++) {
        unsigned width = 16u << w;
        for (unsigned i = 0; i < N_EXT; i++) {
            struct gpr g = { 0 };
            g.a = UPPER_JUNK;
            g.b = (UPPER_JUNK & ~width_mask(width)) |
                  (ext_values[i] & width_mask(width));
            g.fl = F_BASE | (i & 1 ? F_ALL : 0);
            gpr_case(fmt("%s%c", name, width_suffix(width)), fn[w], &g,
                     R_A | R_B | R_FL, undef);
            if (w == 2) {
                g.m[0] = ext_values[i];
                g.si = (uintptr_t)g.m;
                gpr_case(fmt("%s m", name), fn[3], &g, R_A | R_M | R_FL,
                         undef);
            }
        }
    }
}

void group_popcnt(void)
{
    static const GprFn fn[4] = { popcnt_w, popcnt_l, popcnt_q, popcnt_m };
    count_bits("popcnt", fn, 0);
}

/* SDM: LZCNT/TZCNT define CF and ZF; OF SF PF AF undefined. */
void group_lzcnt(void)
{
    static const GprFn fn[4] = { lzcnt_w, lzcnt_l, lzcnt_q, lzcnt_m };
    count_bits("lzcnt", fn, F_OF | F_SF | F_PF | F_AF);
}

/* ---- MOVBE ---------------------------------------------------------------- */

GPR_INSN(movbe_lw, "movbew (%[si]), %w[a]")
GPR_INSN(movbe_ll, "movbel (%[si]), %k[a]")
GPR_INSN(movbe_lq, "movbeq (%[si]), %q[a]")
GPR_INSN(movbe_sw, "movbew %w[b], (%[si])")
GPR_INSN(movbe_sl, "movbel %k[b], (%[si])")
GPR_INSN(movbe_sq, "movbeq %q[b], (%[si])")

void group_movbe(void)
{
    static const struct { const char *name; GprFn fn; } ops[] = {
        { "movbew load", movbe_lw }, { "movbel load", movbe_ll },
        { "movbeq load", movbe_lq }, { "movbew store", movbe_sw },
        { "movbel store", movbe_sl }, { "movbeq store", movbe_sq },
    };
    for (unsigned o = 0; o < 6; o++) {
        for (unsigned i = 0; i < N_EXT; i++) {
            struct gpr g = { 0 };
            g.a = UPPER_JUNK;
            g.b = ext_values[i] ^ 0x0102030405060708ull;
            g.m[0] = ext_values[(i + 5) % N_EXT] ^ 0x1020304050607080ull;
            g.si = (uintptr_t)g.m;
            g.fl = F_BASE | (i & 1 ? F_ALL : 0);
            gpr_case(ops[o].name, ops[o].fn, &g, R_A | R_B | R_M | R_FL, 0);
        }
    }
}

/* ---- BMI1 ---------------------------------------------------------------- */

GPR_INSN(andn_l, "andnl %k[c], %k[b], %k[a]")
GPR_INSN(andn_q, "andnq %q[c], %q[b], %q[a]")
GPR_INSN(bextr_l, "bextrl %k[c], %k[b], %k[a]")
GPR_INSN(bextr_q, "bextrq %q[c], %q[b], %q[a]")
GPR_INSN(blsi_l, "blsil %k[b], %k[a]")
GPR_INSN(blsi_q, "blsiq %q[b], %q[a]")
GPR_INSN(blsmsk_l, "blsmskl %k[b], %k[a]")
GPR_INSN(blsmsk_q, "blsmskq %q[b], %q[a]")
GPR_INSN(blsr_l, "blsrl %k[b], %k[a]")
GPR_INSN(blsr_q, "blsrq %q[b], %q[a]")
GPR_INSN(andn_m, "andnq (%[si]), %q[b], %q[a]")
GPR_INSN(bextr_m, "bextrl %k[c], (%[si]), %k[a]")

/* BEXTR controls: start in bits 7:0, length in 15:8 */
static const uint64_t bextr_ctl[] = {
    0x0000, 0x0400, 0x0804, 0x2000, 0x201c, 0x4000, 0x0840, 0x08ff, 0xff00,
    0xff3c, 0x1010, 0xffffffffffff0810ull,
};

void group_bmi1(void)
{
    static const GprFn tz[4] = { tzcnt_w, tzcnt_l, tzcnt_q, tzcnt_m };
    static const struct {
        const char *name;
        GprFn fn[2];
        uint32_t undef;
    } ops[] = {
        { "andn", { andn_l, andn_q }, F_AF | F_PF },
        { "blsi", { blsi_l, blsi_q }, F_AF | F_PF },
        { "blsmsk", { blsmsk_l, blsmsk_q }, F_AF | F_PF },
        { "blsr", { blsr_l, blsr_q }, F_AF | F_PF },
    };
    count_bits("tzcnt", tz, F_OF | F_SF | F_PF | F_AF);
    for (unsigned o = 0; o < 4; o++) {
        for (unsigned w = 0; w < 2; w++) {
            for (unsigned i = 0; i < N_EXT; i++) {
                struct gpr g = { 0 };
                g.a = UPPER_JUNK;
                g.b = ext_values[i];
                g.c = ext_values[(i + 7) % N_EXT];
                g.fl = F_BASE | (i & 1 ? F_ALL : 0);
                gpr_case(fmt("%s%c", ops[o].name, w ? 'q' : 'l'),
                         ops[o].fn[w], &g, R_A | R_B | R_C | R_FL,
                         ops[o].undef);
            }
        }
    }
    for (unsigned i = 0; i < N_EXT; i++) {
        for (unsigned k = 0; k < sizeof(bextr_ctl) / sizeof(bextr_ctl[0]);
             k++) {
            struct gpr g = { 0 };
            g.a = UPPER_JUNK;
            g.b = ext_values[i] ^ 0x5555555555555555ull;
            g.c = bextr_ctl[k];
            g.fl = F_BASE | (k & 1 ? F_ALL : 0);
            /* SDM: BEXTR defines ZF, clears CF and OF */
            gpr_case("bextrl", bextr_l, &g, R_A | R_B | R_C | R_FL,
                     F_AF | F_SF | F_PF);
            gpr_case("bextrq", bextr_q, &g, R_A | R_B | R_C | R_FL,
                     F_AF | F_SF | F_PF);
            if (i == 3) {
                g.m[0] = g.b;
                g.si = (uintptr_t)g.m;
                gpr_case("bextrl m", bextr_m, &g, R_A | R_C | R_M | R_FL,
                         F_AF | F_SF | F_PF);
                gpr_case("andnq m", andn_m, &g, R_A | R_B | R_M | R_FL,
                         F_AF | F_PF);
            }
        }
    }
}

/* ---- BMI2 ---------------------------------------------------------------- */

GPR_INSN(bzhi_l, "bzhil %k[c], %k[b], %k[a]")
GPR_INSN(bzhi_q, "bzhiq %q[c], %q[b], %q[a]")
GPR_INSN(mulx_l, "mulxl %k[b], %k[c], %k[a]")
GPR_INSN(mulx_q, "mulxq %q[b], %q[c], %q[a]")
GPR_INSN(mulx_same, "mulxq %q[b], %q[a], %q[a]")
GPR_INSN(pdep_l, "pdepl %k[c], %k[b], %k[a]")
GPR_INSN(pdep_q, "pdepq %q[c], %q[b], %q[a]")
GPR_INSN(pext_l, "pextl %k[c], %k[b], %k[a]")
GPR_INSN(pext_q, "pextq %q[c], %q[b], %q[a]")
GPR_INSN(rorx_l, "rorxl $5, %k[b], %k[a]")
GPR_INSN(rorx_q, "rorxq $63, %q[b], %q[a]")
GPR_INSN(rorx_l0, "rorxl $32, %k[b], %k[a]")
GPR_INSN(sarx_l, "sarxl %k[c], %k[b], %k[a]")
GPR_INSN(sarx_q, "sarxq %q[c], %q[b], %q[a]")
GPR_INSN(shlx_l, "shlxl %k[c], %k[b], %k[a]")
GPR_INSN(shlx_q, "shlxq %q[c], %q[b], %q[a]")
GPR_INSN(shrx_l, "shrxl %k[c], %k[b], %k[a]")
GPR_INSN(shrx_q, "shrxq %q[c], %q[b], %q[a]")
GPR_INSN(pdep_m, "pdepq (%[si]), %q[b], %q[a]")
GPR_INSN(shlx_m, "shlxq %q[c], (%[si]), %q[a]")

void group_bmi2(void)
{
    static const struct {
        const char *name;
        GprFn fn;
        uint32_t undef;
    } ops[] = {
        { "bzhil", bzhi_l, F_AF | F_PF }, { "bzhiq", bzhi_q, F_AF | F_PF },
        { "mulxl", mulx_l, 0 }, { "mulxq", mulx_q, 0 },
        { "mulxq hi=lo", mulx_same, 0 },
        { "pdepl", pdep_l, 0 }, { "pdepq", pdep_q, 0 },
        { "pextl", pext_l, 0 }, { "pextq", pext_q, 0 },
        { "rorxl $5", rorx_l, 0 }, { "rorxq $63", rorx_q, 0 },
        { "rorxl $32", rorx_l0, 0 },
        { "sarxl", sarx_l, 0 }, { "sarxq", sarx_q, 0 },
        { "shlxl", shlx_l, 0 }, { "shlxq", shlx_q, 0 },
        { "shrxl", shrx_l, 0 }, { "shrxq", shrx_q, 0 },
    };
    static const uint64_t counts[] = {
        0, 1, 5, 31, 32, 33, 63, 64, 65, 255, 256, 0x1000000000000021ull,
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        int counted = ops[o].name[0] == 'b' || ops[o].name[0] == 's';
        for (unsigned i = 0; i < N_EXT; i++) {
            for (unsigned k = 0; k < N_EXT; k++) {
                struct gpr g = { 0 };
                g.a = UPPER_JUNK;
                g.b = ext_values[i] ^ 0x0000a5a5a5a50000ull;
                g.c = counted ? counts[k] : ext_values[k];
                g.d = ext_values[(i + k) % N_EXT];
                g.fl = F_BASE | ((i + k) & 1 ? F_ALL : 0);
                gpr_case(ops[o].name, ops[o].fn, &g,
                         R_A | R_B | R_C | R_D | R_FL, ops[o].undef);
                if (ops[o].name[1] == 'o' && k > 0) {
                    break;              /* rorx: no third input */
                }
            }
        }
    }
    for (unsigned i = 0; i < N_EXT; i++) {
        struct gpr g = { 0 };
        g.b = ext_values[i];
        g.c = counts[i];
        g.m[0] = ext_values[(i + 3) % N_EXT];
        g.si = (uintptr_t)g.m;
        g.fl = F_BASE;
        gpr_case("pdepq m", pdep_m, &g, R_A | R_B | R_M | R_FL, 0);
        gpr_case("shlxq m", shlx_m, &g, R_A | R_C | R_M | R_FL, 0);
    }
}

/* ---- ADX ------------------------------------------------------------------- */

GPR_INSN(adcx_l, "adcxl %k[b], %k[a]")
GPR_INSN(adcx_q, "adcxq %q[b], %q[a]")
GPR_INSN(adox_l, "adoxl %k[b], %k[a]")
GPR_INSN(adox_q, "adoxq %q[b], %q[a]")
GPR_INSN(adcx_m, "adcxq (%[si]), %q[a]")
/* two interleaved carry chains, the way multi-precision code uses them */
GPR_INSN(adx_chain, "xor %k[d], %k[d]\n\t"
         "adcxq %q[b], %q[a]\n\tadoxq %q[b], %q[c]\n\t"
         "adcxq %q[c], %q[a]\n\tadoxq %q[a], %q[c]\n\t"
         "adcxq %q[d], %q[d]")

void group_adx(void)
{
    static const struct { const char *name; GprFn fn; } ops[] = {
        { "adcxl", adcx_l }, { "adcxq", adcx_q }, { "adoxl", adox_l },
        { "adoxq", adox_q },
    };
    for (unsigned o = 0; o < 4; o++) {
        for (unsigned i = 0; i < N_EXT; i++) {
            for (unsigned j = 0; j < N_EXT; j += 3) {
                for (int f = 0; f < 4; f++) {
                    struct gpr g = { 0 };
                    g.a = ext_values[i];
                    g.b = ext_values[j];
                    g.fl = F_BASE | (f & 1 ? F_CF | F_ZF : 0) |
                           (f & 2 ? F_OF | F_SF | F_PF : 0);
                    gpr_case(ops[o].name, ops[o].fn, &g, R_A | R_B | R_FL, 0);
                }
            }
        }
    }
    for (unsigned i = 0; i < N_EXT; i++) {
        struct gpr g = { 0 };
        g.a = ext_values[i];
        g.b = ext_values[(i + 6) % N_EXT];
        g.c = ext_values[(i + 3) % N_EXT];
        g.m[0] = g.b;
        g.si = (uintptr_t)g.m;
        g.fl = F_BASE | (i & 1 ? F_CF : 0);
        gpr_case("adcxq m", adcx_m, &g, R_A | R_M | R_FL, 0);
        gpr_case("adx chain", adx_chain, &g, R_A | R_B | R_C | R_D | R_FL, 0);
    }
}
