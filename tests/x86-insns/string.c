/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * String instructions (MOVS, STOS, LODS, CMPS, SCAS) at each width, with
 * and without REP/REPE/REPNE, with DF clear and set. Printed: rsi/rdi as
 * offsets into their buffers, rcx, rax, flags and the destination buffer.
 */
#include <string.h>

#include "x86-insns.h"

#define F_DF 0x400u

#define STRING_FORMS(s)                                                      \
    GPR_INSN(movs_##s, "movs" #s)                                            \
    GPR_INSN(rep_movs_##s, "rep movs" #s)                                    \
    GPR_INSN(stos_##s, "stos" #s)                                            \
    GPR_INSN(rep_stos_##s, "rep stos" #s)                                    \
    GPR_INSN(lods_##s, "lods" #s)                                            \
    GPR_INSN(rep_lods_##s, "rep lods" #s)                                    \
    GPR_INSN(cmps_##s, "cmps" #s)                                            \
    GPR_INSN(repe_cmps_##s, "repe cmps" #s)                                  \
    GPR_INSN(repne_cmps_##s, "repne cmps" #s)                                \
    GPR_INSN(scas_##s, "scas" #s)                                            \
    GPR_INSN(repe_scas_##s, "repe scas" #s)                                  \
    GPR_INSN(repne_scas_##s, "repne scas" #s)

STRING_FORMS(b)
STRING_FORMS(w)
STRING_FORMS(l)
STRING_FORMS(q)

#define STRING_OP(op) { #op, { op##_b, op##_w, op##_l, op##_q } }

static const struct {
    const char *name;
    GprFn fn[4];
} string_ops[] = {
    STRING_OP(movs), STRING_OP(rep_movs), STRING_OP(stos),
    STRING_OP(rep_stos), STRING_OP(lods), STRING_OP(rep_lods),
    STRING_OP(cmps), STRING_OP(repe_cmps), STRING_OP(repne_cmps),
    STRING_OP(scas), STRING_OP(repe_scas), STRING_OP(repne_scas),
};

#define BUF 96

static uint8_t src[BUF], dst[BUF];

static void fill(void)
{
    for (unsigned i = 0; i < BUF; i++) {
        src[i] = (uint8_t)(i * 7 + 1);
        dst[i] = (uint8_t)(i * 7 + 1);
    }
    /* the buffers differ from byte 40 on, and in byte 20 */
    dst[20] ^= 0x80;
    for (unsigned i = 40; i < BUF; i++) {
        dst[i] = 0xcc;
    }
}

static const char *offset_in(uint64_t p)
{
    uint64_t s = (uintptr_t)src, d = (uintptr_t)dst;
    if (p >= s - 16 && p <= s + BUF + 16) {
        return fmt("src%+lld", (long long)(p - s));
    }
    if (p >= d - 16 && p <= d + BUF + 16) {
        return fmt("dst%+lld", (long long)(p - d));
    }
    return fmt("%#llx", (unsigned long long)p);
}

static void string_case(unsigned o, unsigned w, uint64_t count, int df,
                        unsigned start)
{
    struct gpr g = { 0 };
    char bytes[2 * BUF + 1];
    unsigned size = 1u << w;

    fill();
    g.a = 0x1122334455667788ull;
    if (o >= 9) {
        /* SCAS: the value three elements on (odd counts: found or
         * differing soon), or the fill the buffer holds from 40 on */
        memcpy(&g.a, count & 1 ? dst + start + (df ? -3 : 3) * (int)size
                               : dst + 40, size);
        g.a |= 0xabcd000000000000ull & ~width_mask(8u << w);
    }
    g.c = count;
    g.si = (uintptr_t)(src + start);
    g.di = (uintptr_t)(dst + start);
    g.fl = F_BASE | (df ? F_DF : 0) | (count & 2 ? F_ALL : 0);

    struct gpr in = g;
    string_ops[o].fn[w](&g);
    for (unsigned i = 0; i < BUF; i++) {
        snprintf(bytes + 2 * i, 3, "%02x", dst[i]);
    }
    out("%s%c df=%d rcx=%llx rsi=%s rdi=%s rax=%016llx fl=%s -> rcx=%llx "
        "rsi=%s rdi=%s rax=%016llx fl=%s dst=%s",
        string_ops[o].name, width_suffix(8u << w), df,
        (unsigned long long)in.c, offset_in(in.si), offset_in(in.di),
        (unsigned long long)in.a, flags_str(in.fl, 0),
        (unsigned long long)g.c, offset_in(g.si), offset_in(g.di),
        (unsigned long long)g.a, flags_str(g.fl, 0), bytes);
}

void group_string(void)
{
    static const uint64_t counts[] = { 0, 1, 2, 5, 9, 0x100000003ull };
    for (unsigned o = 0; o < sizeof(string_ops) / sizeof(string_ops[0]);
         o++) {
        for (unsigned w = 0; w < 4; w++) {
            for (int df = 0; df < 2; df++) {
                unsigned start = df ? 80 : 8;
                for (unsigned k = 0; k < 6; k++) {
                    /* rcx matters only with a REP prefix, and the huge count
                     * only where the comparison stops it */
                    if (strncmp(string_ops[o].name, "rep", 3) && k != 2) {
                        continue;
                    }
                    if (k == 5 && strncmp(string_ops[o].name, "repe_", 5) &&
                        strncmp(string_ops[o].name, "repne_", 6)) {
                        continue;
                    }
                    string_case(o, w, counts[k], df, start);
                    if (o >= 6 && k == 4) {
                        /* a run across the differing byte 20 */
                        string_case(o, w, counts[k], df, df ? 28 : 16);
                    }
                }
            }
        }
    }
}
