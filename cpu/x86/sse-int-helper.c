/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time helpers of the MMX/SSE integer group: the vector operations
 * that are more than a 64-bit logic op (element-wise arithmetic,
 * saturation, packs, shuffles, SSSE3/SSE4.1, AES rounds, carry-less
 * multiply), PCMPxSTRx and CRC32, in portable C. The element layout is
 * the guest's (little-endian): the host is assumed to be little-endian,
 * as the rest of the x86 state handling does (fpu-state.c).
 */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "cpu/x86/helper-sse-int.h"

typedef union V {
    uint8_t b[16];
    int8_t sb[16];
    uint16_t w[8];
    int16_t sw[8];
    uint32_t l[4];
    int32_t sl[4];
    uint64_t q[2];
    int64_t sq[2];
} V;

static int8_t sat_sb(int v)
{
    return (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
}

static uint8_t sat_ub(int v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

static int16_t sat_sw(int64_t v)
{
    return (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
}

static uint16_t sat_uw(int64_t v)
{
    return (uint16_t)(v < 0 ? 0 : v > 65535 ? 65535 : v);
}

/* ---- AES (FIPS-197), byte i of the state is row i % 4, column i / 4 */

static uint8_t aes_sbox[256], aes_inv_sbox[256];
static pthread_once_t aes_tables_once = PTHREAD_ONCE_INIT;

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;

    while (b) {
        if (b & 1) {
            p ^= a;
        }
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return p;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

/* The S-box from its definition: inverse in GF(2^8), then the affine
 * map; made on the first AES instruction. */
static void aes_tables_init(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0, s;

        for (int y = 1; x && y < 256; y++) {
            if (gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                inv = (uint8_t)y;
                break;
            }
        }
        s = (uint8_t)(inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
                      rotl8(inv, 4) ^ 0x63);
        aes_sbox[x] = s;
        aes_inv_sbox[s] = (uint8_t)x;
    }
}

static void aes_tables(void)
{
    pthread_once(&aes_tables_once, aes_tables_init);
}

static void aes_shift_rows(V *r, const V *a, bool inverse)
{
    for (int c = 0; c < 4; c++) {
        for (int row = 0; row < 4; row++) {
            int from = inverse ? (c - row + 4) % 4 : (c + row) % 4;

            r->b[row + 4 * c] = a->b[row + 4 * from];
        }
    }
}

static void aes_mix_columns(V *r, const V *a, bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *m = inverse ? inv : fwd;

    for (int c = 0; c < 4; c++) {
        const uint8_t *s = &a->b[4 * c];

        for (int row = 0; row < 4; row++) {
            uint8_t v = 0;

            for (int k = 0; k < 4; k++) {
                v ^= gf_mul(s[k], m[(k - row + 4) % 4]);
            }
            r->b[4 * c + row] = v;
        }
    }
}

static void aes_round(V *r, const V *state, const V *key, bool dec,
                      bool last)
{
    V t, u;

    aes_tables();
    aes_shift_rows(&t, state, dec);
    for (int i = 0; i < 16; i++) {
        t.b[i] = dec ? aes_inv_sbox[t.b[i]] : aes_sbox[t.b[i]];
    }
    if (!last) {
        aes_mix_columns(&u, &t, dec);
        t = u;
    }
    r->q[0] = t.q[0] ^ key->q[0];
    r->q[1] = t.q[1] ^ key->q[1];
}

static uint32_t aes_sub_word(uint32_t w)
{
    aes_tables();
    return (uint32_t)aes_sbox[w & 0xff] |
           (uint32_t)aes_sbox[(w >> 8) & 0xff] << 8 |
           (uint32_t)aes_sbox[(w >> 16) & 0xff] << 16 |
           (uint32_t)aes_sbox[w >> 24] << 24;
}

/* ---- carry-less multiply ---- */

static void clmul64(uint64_t x, uint64_t y, uint64_t *lo, uint64_t *hi)
{
    uint64_t l = 0, h = 0;

    for (int i = 0; i < 64; i++) {
        if ((y >> i) & 1) {
            l ^= x << i;
            h ^= i ? x >> (64 - i) : 0;
        }
    }
    *lo = l;
    *hi = h;
}

/* ---- the element-wise operations ---- */

#define EACH(n, expr) \
    for (unsigned i = 0; i < (n); i++) { \
        expr; \
    }

uint64_t helper_x86_vec(X86CPUState *env, uint32_t op, uint32_t doff,
                        uint64_t lo, uint64_t hi, uint32_t desc)
{
    uint8_t *dp = (uint8_t *)env + doff;
    unsigned len = (desc >> 8) & 31, imm = desc & 0xff;
    unsigned nb = len, nw = len / 2, nl = len / 4, nq = len / 8;
    V a, b, r;
    uint64_t c = lo;           /* shift count */

    memset(&a, 0, sizeof(a));
    memset(&r, 0, sizeof(r));
    memcpy(&a, dp, len);
    b.q[0] = lo;
    b.q[1] = len == 16 ? hi : 0;

    switch ((enum X86VecOp)op) {
    case VOP_PACKSSWB: EACH(nw, r.sb[i] = sat_sb(a.sw[i]);
                            r.sb[nw + i] = sat_sb(b.sw[i])) break;
    case VOP_PACKUSWB: EACH(nw, r.b[i] = sat_ub(a.sw[i]);
                            r.b[nw + i] = sat_ub(b.sw[i])) break;
    case VOP_PACKSSDW: EACH(nl, r.sw[i] = sat_sw(a.sl[i]);
                            r.sw[nl + i] = sat_sw(b.sl[i])) break;
    case VOP_PACKUSDW: EACH(nl, r.w[i] = sat_uw(a.sl[i]);
                            r.w[nl + i] = sat_uw(b.sl[i])) break;
    case VOP_PADDSB: EACH(nb, r.sb[i] = sat_sb(a.sb[i] + b.sb[i])) break;
    case VOP_PADDSW: EACH(nw, r.sw[i] = sat_sw(a.sw[i] + b.sw[i])) break;
    case VOP_PSUBSB: EACH(nb, r.sb[i] = sat_sb(a.sb[i] - b.sb[i])) break;
    case VOP_PSUBSW: EACH(nw, r.sw[i] = sat_sw(a.sw[i] - b.sw[i])) break;
    case VOP_PMULLW: EACH(nw, r.w[i] = (uint16_t)(a.w[i] * b.w[i])) break;
    case VOP_PMULHW:
        EACH(nw, r.w[i] = (uint16_t)((a.sw[i] * b.sw[i]) >> 16)) break;
    case VOP_PMULHUW:
        EACH(nw, r.w[i] = (uint16_t)(((uint32_t)a.w[i] * b.w[i]) >> 16))
        break;
    case VOP_PMULLD: EACH(nl, r.l[i] = a.l[i] * b.l[i]) break;
    case VOP_PMULUDQ: EACH(nq, r.q[i] = (uint64_t)a.l[2 * i] * b.l[2 * i])
        break;
    case VOP_PMULDQ:
        EACH(nq, r.sq[i] = (int64_t)a.sl[2 * i] * b.sl[2 * i]) break;
    case VOP_PMADDWD:
        EACH(nl, r.l[i] = (uint32_t)((int64_t)a.sw[2 * i] * b.sw[2 * i] +
                                     (int64_t)a.sw[2 * i + 1] *
                                         b.sw[2 * i + 1]))
        break;
    case VOP_PMADDUBSW:
        EACH(nw, r.sw[i] = sat_sw(a.b[2 * i] * b.sb[2 * i] +
                                  a.b[2 * i + 1] * b.sb[2 * i + 1]))
        break;
    case VOP_PMULHRSW:
        EACH(nw, r.w[i] = (uint16_t)((((a.sw[i] * b.sw[i]) >> 14) + 1) >> 1))
        break;
    case VOP_PAVGB: EACH(nb, r.b[i] = (uint8_t)((a.b[i] + b.b[i] + 1) >> 1))
        break;
    case VOP_PAVGW: EACH(nw, r.w[i] = (uint16_t)((a.w[i] + b.w[i] + 1) >> 1))
        break;
    case VOP_PSADBW:
        for (unsigned k = 0; k < nq; k++) {
            unsigned sum = 0;

            for (unsigned j = 8 * k; j < 8 * k + 8; j++) {
                sum += a.b[j] > b.b[j] ? a.b[j] - b.b[j] : b.b[j] - a.b[j];
            }
            r.q[k] = sum;
        }
        break;
    case VOP_MPSADBW: {
        unsigned boff = (imm & 3) * 4, aoff = ((imm >> 2) & 1) * 4;

        for (unsigned i = 0; i < 8; i++) {
            unsigned sum = 0;

            for (unsigned j = 0; j < 4; j++) {
                int d = a.b[aoff + i + j] - b.b[boff + j];

                sum += (unsigned)(d < 0 ? -d : d);
            }
            r.w[i] = (uint16_t)sum;
        }
        break;
    }
    case VOP_PSRLW: EACH(nw, r.w[i] = c > 15 ? 0 : (uint16_t)(a.w[i] >> c))
        break;
    case VOP_PSRLD: EACH(nl, r.l[i] = c > 31 ? 0 : a.l[i] >> c) break;
    case VOP_PSRLQ: EACH(nq, r.q[i] = c > 63 ? 0 : a.q[i] >> c) break;
    case VOP_PSRAW: EACH(nw, r.sw[i] = (int16_t)(a.sw[i] >> (c > 15 ? 15 : c)))
        break;
    case VOP_PSRAD: EACH(nl, r.sl[i] = a.sl[i] >> (c > 31 ? 31 : c)) break;
    case VOP_PSLLW: EACH(nw, r.w[i] = c > 15 ? 0 : (uint16_t)(a.w[i] << c))
        break;
    case VOP_PSLLD: EACH(nl, r.l[i] = c > 31 ? 0 : a.l[i] << c) break;
    case VOP_PSLLQ: EACH(nq, r.q[i] = c > 63 ? 0 : a.q[i] << c) break;
    case VOP_PSHUFB:
        EACH(nb, r.b[i] = (b.b[i] & 0x80) ? 0 : a.b[b.b[i] & (nb - 1)]) break;
    case VOP_PHADDW:
        EACH(nw / 2, r.w[i] = (uint16_t)(a.w[2 * i] + a.w[2 * i + 1]);
             r.w[nw / 2 + i] = (uint16_t)(b.w[2 * i] + b.w[2 * i + 1])) break;
    case VOP_PHADDD:
        EACH(nl / 2, r.l[i] = a.l[2 * i] + a.l[2 * i + 1];
             r.l[nl / 2 + i] = b.l[2 * i] + b.l[2 * i + 1]) break;
    case VOP_PHADDSW:
        EACH(nw / 2, r.sw[i] = sat_sw(a.sw[2 * i] + a.sw[2 * i + 1]);
             r.sw[nw / 2 + i] = sat_sw(b.sw[2 * i] + b.sw[2 * i + 1])) break;
    case VOP_PHSUBW:
        EACH(nw / 2, r.w[i] = (uint16_t)(a.w[2 * i] - a.w[2 * i + 1]);
             r.w[nw / 2 + i] = (uint16_t)(b.w[2 * i] - b.w[2 * i + 1])) break;
    case VOP_PHSUBD:
        EACH(nl / 2, r.l[i] = a.l[2 * i] - a.l[2 * i + 1];
             r.l[nl / 2 + i] = b.l[2 * i] - b.l[2 * i + 1]) break;
    case VOP_PHSUBSW:
        EACH(nw / 2, r.sw[i] = sat_sw(a.sw[2 * i] - a.sw[2 * i + 1]);
             r.sw[nw / 2 + i] = sat_sw(b.sw[2 * i] - b.sw[2 * i + 1])) break;
    case VOP_PSIGNB:
        EACH(nb, r.b[i] = b.sb[i] < 0 ? (uint8_t)-a.b[i] : b.sb[i] ? a.b[i] : 0)
        break;
    case VOP_PSIGNW:
        EACH(nw, r.w[i] = b.sw[i] < 0 ? (uint16_t)-a.w[i]
                                       : b.sw[i] ? a.w[i] : 0)
        break;
    case VOP_PSIGND:
        EACH(nl, r.l[i] = b.sl[i] < 0 ? -a.l[i] : b.sl[i] ? a.l[i] : 0) break;
    case VOP_PABSB: EACH(nb, r.b[i] = b.sb[i] < 0 ? (uint8_t)-b.b[i] : b.b[i])
        break;
    case VOP_PABSW: EACH(nw, r.w[i] = b.sw[i] < 0 ? (uint16_t)-b.w[i] : b.w[i])
        break;
    case VOP_PABSD: EACH(nl, r.l[i] = b.sl[i] < 0 ? -b.l[i] : b.l[i]) break;
    case VOP_PBLENDW: EACH(8, r.w[i] = (imm >> i) & 1 ? b.w[i] : a.w[i]) break;
    case VOP_PBLENDVB:
        EACH(16, r.b[i] = (env->xmm[0].b[i] & 0x80) ? b.b[i] : a.b[i]) break;
    case VOP_PCLMULQDQ:
        clmul64(a.q[imm & 1], b.q[(imm >> 4) & 1], &r.q[0], &r.q[1]);
        break;
    case VOP_PMOVSXBW: EACH(8, r.sw[i] = b.sb[i]) break;
    case VOP_PMOVSXBD: EACH(4, r.sl[i] = b.sb[i]) break;
    case VOP_PMOVSXBQ: EACH(2, r.sq[i] = b.sb[i]) break;
    case VOP_PMOVSXWD: EACH(4, r.sl[i] = b.sw[i]) break;
    case VOP_PMOVSXWQ: EACH(2, r.sq[i] = b.sw[i]) break;
    case VOP_PMOVSXDQ: EACH(2, r.sq[i] = b.sl[i]) break;
    case VOP_PMOVZXBW: EACH(8, r.w[i] = b.b[i]) break;
    case VOP_PMOVZXBD: EACH(4, r.l[i] = b.b[i]) break;
    case VOP_PMOVZXBQ: EACH(2, r.q[i] = b.b[i]) break;
    case VOP_PMOVZXWD: EACH(4, r.l[i] = b.w[i]) break;
    case VOP_PMOVZXWQ: EACH(2, r.q[i] = b.w[i]) break;
    case VOP_PMOVZXDQ: EACH(2, r.q[i] = b.l[i]) break;
    case VOP_PHMINPOSUW: {
        unsigned k = 0;

        for (unsigned i = 1; i < 8; i++) {
            if (b.w[i] < b.w[k]) {
                k = i;
            }
        }
        r.w[0] = b.w[k];
        r.w[1] = (uint16_t)k;
        break;
    }
    case VOP_AESENC: aes_round(&r, &a, &b, false, false); break;
    case VOP_AESENCLAST: aes_round(&r, &a, &b, false, true); break;
    case VOP_AESDEC: aes_round(&r, &a, &b, true, false); break;
    case VOP_AESDECLAST: aes_round(&r, &a, &b, true, true); break;
    case VOP_AESIMC: aes_mix_columns(&r, &b, true); break;
    case VOP_AESKEYGENASSIST: {
        uint32_t x1 = aes_sub_word(b.l[1]), x3 = aes_sub_word(b.l[3]);

        r.l[0] = x1;
        r.l[1] = ((x1 >> 8) | (x1 << 24)) ^ imm;
        r.l[2] = x3;
        r.l[3] = ((x3 >> 8) | (x3 << 24)) ^ imm;
        break;
    }
    case VOP_NR:
        break;
    }
    memcpy(dp, &r, len);
    return 0;
}

/* ---- PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM ---- */

static int pcmp_elem(const V *v, unsigned i, unsigned fmt)
{
    switch (fmt) {
    case 0: return v->b[i];
    case 1: return v->w[i];
    case 2: return v->sb[i];
    default: return v->sw[i];
    }
}

/* Explicit length: |len| (32 or 64 bits), at most n. */
static unsigned pcmp_explicit_len(uint64_t v, bool rexw, unsigned n)
{
    uint64_t mag;

    if (rexw) {
        mag = (int64_t)v < 0 ? -v : v;
    } else {
        int64_t x = (int32_t)(uint32_t)v;

        mag = (uint64_t)(x < 0 ? -x : x);
    }
    return mag > n ? n : (unsigned)mag;
}

static unsigned pcmp_implicit_len(const V *v, unsigned n, unsigned fmt)
{
    unsigned i = 0;

    while (i < n && pcmp_elem(v, i, fmt) != 0) {
        i++;
    }
    return i;
}

uint64_t helper_x86_pcmpstr(X86CPUState *env, uint64_t lo, uint64_t hi,
                            uint64_t la_in, uint64_t lb_in, uint32_t desc)
{
    unsigned imm = desc & 0xff, fmt = imm & 3, agg = (imm >> 2) & 3;
    unsigned pol = (imm >> 4) & 3, n = (fmt & 1) ? 8 : 16;
    unsigned areg = (desc >> X86_PCMPSTR_AREG_SHIFT) & 15, la, lb;
    bool rexw = desc & X86_PCMPSTR_REXW;
    uint32_t res = 0, full = (1u << n) - 1;
    uint64_t flags = 0;
    V a, b;

    memcpy(&a, env->xmm[areg].b, 16);
    b.q[0] = lo;
    b.q[1] = hi;
    if (desc & X86_PCMPSTR_EXPLICIT) {
        la = pcmp_explicit_len(la_in, rexw, n);
        lb = pcmp_explicit_len(lb_in, rexw, n);
    } else {
        la = pcmp_implicit_len(&a, n, fmt);
        lb = pcmp_implicit_len(&b, n, fmt);
    }

    for (unsigned j = 0; j < n; j++) {
        bool bit = false;

        switch (agg) {
        case 0:         /* equal any: b[j] is one of a's valid elements */
            for (unsigned i = 0; j < lb && i < la && !bit; i++) {
                bit = pcmp_elem(&a, i, fmt) == pcmp_elem(&b, j, fmt);
            }
            break;
        case 1:         /* ranges: a holds (low, high) pairs */
            for (unsigned i = 0; j < lb && i + 1 < la && !bit; i += 2) {
                int v = pcmp_elem(&b, j, fmt);

                bit = v >= pcmp_elem(&a, i, fmt) &&
                      v <= pcmp_elem(&a, i + 1, fmt);
            }
            break;
        case 2:         /* equal each: both invalid compare true */
            if (j >= la && j >= lb) {
                bit = true;
            } else if (j < la && j < lb) {
                bit = pcmp_elem(&a, j, fmt) == pcmp_elem(&b, j, fmt);
            }
            break;
        default:        /* equal ordered: a (as a substring) starts at j */
            bit = true;
            for (unsigned i = 0; i + j < n && i < la && bit; i++) {
                bit = j + i < lb &&
                      pcmp_elem(&a, i, fmt) == pcmp_elem(&b, j + i, fmt);
            }
            break;
        }
        res |= (uint32_t)bit << j;
    }
    switch (pol) {
    case 1:
        res ^= full;
        break;
    case 3:
        res ^= (1u << lb) - 1;       /* only b's valid elements */
        break;
    default:
        break;
    }

    if (res) {
        flags |= X86_EFLAGS_CF;
    }
    if (lb < n) {
        flags |= X86_EFLAGS_ZF;
    }
    if (la < n) {
        flags |= X86_EFLAGS_SF;
    }
    if (res & 1) {
        flags |= X86_EFLAGS_OF;
    }
    if (desc & X86_PCMPSTR_MASK) {
        V m;

        memset(&m, 0, sizeof(m));
        if (imm & 0x40) {       /* expand to a byte/word mask */
            for (unsigned i = 0; i < n; i++) {
                if ((res >> i) & 1) {
                    if (n == 16) {
                        m.b[i] = 0xff;
                    } else {
                        m.w[i] = 0xffff;
                    }
                }
            }
        } else {
            m.q[0] = res;
        }
        memcpy(env->xmm[0].b, &m, 16);
        return flags;
    }
    {
        unsigned idx = n;

        if (res) {
            idx = (imm & 0x40) ? 31 - (unsigned)__builtin_clz(res)
                               : (unsigned)__builtin_ctz(res);
        }
        return flags | (uint64_t)idx << 32;
    }
}

uint64_t helper_x86_crc32(uint64_t crc, uint64_t val, uint32_t bits)
{
    uint32_t c = (uint32_t)crc;

    for (uint32_t i = 0; i < bits; i++) {
        c ^= (val >> i) & 1;
        c = (c >> 1) ^ (0x82f63b78u & -(c & 1));
    }
    return c;
}

#define T(slot, t) TCG_HELPER_TYPE(slot, TCG_HELPER_##t)
/* Neither reads nor writes the TCG globals (GPRs, flags): only the
 * vector registers in env, which IR accesses with ld/st. */
#define VEC_FLAGS (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS)

const TCGHelperInfo helper_info_x86_vec = {
    .func = (void *)helper_x86_vec, .name = "x86_vec",
    .typemask = T(0, I64) | T(1, PTR) | T(2, I32) | T(3, I32) | T(4, I64) |
                T(5, I64) | T(6, I32),
    .flags = VEC_FLAGS, .nb_args = 6,
};
const TCGHelperInfo helper_info_x86_pcmpstr = {
    .func = (void *)helper_x86_pcmpstr, .name = "x86_pcmpstr",
    .typemask = T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I64) |
                T(5, I64) | T(6, I32),
    .flags = VEC_FLAGS, .nb_args = 6,
};
const TCGHelperInfo helper_info_x86_crc32 = {
    .func = (void *)helper_x86_crc32, .name = "x86_crc32",
    .typemask = T(0, I64) | T(1, I64) | T(2, I64) | T(3, I32),
    .flags = VEC_FLAGS | TCG_CALL_NO_SIDE_EFFECTS, .nb_args = 3,
};
