/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SSE/SSE2 floating point: scalar and packed arithmetic, min/max,
 * comparisons, COMISS/UCOMISS, square roots and conversions, on zeros,
 * denormals, infinities, quiet and signalling NaNs, under the four MXCSR
 * rounding modes and FTZ+DAZ; the MXCSR flags are printed after each case.
 * Values are printed as raw bits. RCPSS/RSQRTSS are left out: their
 * results are approximations that differ between CPU models.
 */
#include <signal.h>
#include <string.h>

#include "x86-insns.h"

uint32_t mxcsr_mode(unsigned rc)
{
    return rc < 4 ? 0x1f80u | (rc << 13) : 0x1f80u | 0x8000u | 0x40u;
}

const char *const *rc_names(void)
{
    static const char *const names[5] = { "rn", "rd", "ru", "rz", "ftz" };
    return names;
}

static XmmFn current_xmm_fn;

static void xmm_trampoline(void *s)
{
    current_xmm_fn(s);
}

void xmm_case(const char *name, XmmFn fn, const struct xmm *in,
              unsigned what, uint32_t undef)
{
    struct xmm s = *in;
    char line[768];
    size_t n;
    int code, sig;
    uint64_t rip, addr;

    for (int pass = 0; pass < 2; pass++) {
        const struct xmm *v = pass ? &s : in;
        if (pass == 0) {
            n = (size_t)snprintf(line, sizeof(line), "%s", name);
        } else {
            n += (size_t)snprintf(line + n, sizeof(line) - n, " ->");
            current_xmm_fn = fn;
            sig = run_trapping(xmm_trampoline, &s, &code, &rip, &addr);
            if (sig) {
                uint32_t safe = 0x1f80;
                asm volatile("ldmxcsr %0" : : "m"(safe));
                n += (size_t)snprintf(line + n, sizeof(line) - n,
                                      " signal %d code=%d", sig, code);
                break;
            }
        }
        for (int i = 0; i < 3; i++) {
            if (what & (X_0 << i)) {
                n += (size_t)snprintf(line + n, sizeof(line) - n,
                                      " x%d=%s", i, hex128(&v->x[i]));
            }
        }
        if (what & X_G) {
            n += (size_t)snprintf(line + n, sizeof(line) - n, " g=%016llx",
                                  (unsigned long long)v->g);
        }
        if (what & X_M) {
            n += (size_t)snprintf(line + n, sizeof(line) - n, " m=%s",
                                  hex128(&v->mem));
        }
        n += (size_t)snprintf(line + n, sizeof(line) - n, " mxcsr=%04x",
                              pass ? v->mxcsr_out : v->mxcsr_in);
        if (pass && (what & X_FL)) {
            n += (size_t)snprintf(line + n, sizeof(line) - n, " fl=%s",
                                  flags_str(v->fl, undef));
        }
    }
    out("%s", line);
}

/* ---- operand values --------------------------------------------------- */

static const uint32_t f32[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x40400000, 0x3eaaaaab,
    0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7fa00000, 0xffc12345, 0x4f000000, 0xdf000000, 0x501502f9,
};
#define N_F32 (sizeof(f32) / sizeof(f32[0]))

static const uint64_t f64[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff8000000000000ull, 0x4008000000000000ull, 0x3fd5555555555555ull,
    0x0000000000000001ull, 0x800fffffffffffffull, 0x0010000000000000ull,
    0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff4000000000000ull, 0xfff8123456789abcull,
    0x41e0000000000000ull, 0xc3e0000000000000ull, 0x4202a05f20000000ull,
    0x36a0000000000000ull, 0x47efffffe0000000ull, 0x3ff0000000000001ull,
};
#define N_F64 (sizeof(f64) / sizeof(f64[0]))

static V128 ps(unsigned i)
{
    V128 v;
    v.q[0] = f32[i % N_F32] | (uint64_t)f32[(i + 1) % N_F32] << 32;
    v.q[1] = f32[(i + 2) % N_F32] | (uint64_t)f32[(i + 3) % N_F32] << 32;
    return v;
}

static V128 pd(unsigned i)
{
    V128 v = { { f64[i % N_F64], f64[(i + 1) % N_F64] } };
    return v;
}

/* A scalar in the low lane, junk above (must be kept or zeroed right). */
static V128 ss(unsigned i)
{
    V128 v = { { 0x1234567800000000ull | f32[i], 0xfedcba9876543210ull } };
    return v;
}

static V128 sd(unsigned i)
{
    V128 v = { { f64[i], 0x0123456789abcdefull } };
    return v;
}

/* ---- scalar arithmetic -------------------------------------------------- */

#define FP_BINARY(op)                                                        \
    XMM_INSN(op##ss_, #op "ss %%xmm1, %%xmm0")                               \
    XMM_INSN(op##sd_, #op "sd %%xmm1, %%xmm0")                               \
    XMM_INSN(op##ps_, #op "ps %%xmm1, %%xmm0")                               \
    XMM_INSN(op##pd_, #op "pd %%xmm1, %%xmm0")

FP_BINARY(add)
FP_BINARY(sub)
FP_BINARY(mul)
FP_BINARY(div)
FP_BINARY(min)
FP_BINARY(max)
FP_BINARY(sqrt)

XMM_INSN(addss_m, "addss (%[m]), %%xmm0")
XMM_INSN(mulsd_m, "mulsd (%[m]), %%xmm0")
XMM_INSN(divps_m, "divps (%[m]), %%xmm0")

static const struct {
    const char *name;
    XmmFn fn[4];                /* ss sd ps pd */
    int rounds;                 /* the rounding mode matters */
} fp_ops[] = {
    { "add", { addss_, addsd_, addps_, addpd_ }, 1 },
    { "sub", { subss_, subsd_, subps_, subpd_ }, 1 },
    { "mul", { mulss_, mulsd_, mulps_, mulpd_ }, 1 },
    { "div", { divss_, divsd_, divps_, divpd_ }, 1 },
    { "min", { minss_, minsd_, minps_, minpd_ }, 0 },
    { "max", { maxss_, maxsd_, maxps_, maxpd_ }, 0 },
};

static void scalar_arith(void)
{
    const char *const *rc = rc_names();
    for (unsigned o = 0; o < sizeof(fp_ops) / sizeof(fp_ops[0]); o++) {
        for (unsigned m = 0; m < 5; m++) {
            if (!fp_ops[o].rounds && m != 0 && m != 4) {
                continue;
            }
            for (unsigned i = 0; i < N_F32; i++) {
                for (unsigned j = 0; j < N_F32; j++) {
                    struct xmm s = { 0 };
                    s.x[0] = ss(i);
                    s.x[1] = ss(j);
                    s.mxcsr_in = mxcsr_mode(m);
                    xmm_case(fmt("%sss %s", fp_ops[o].name, rc[m]),
                             fp_ops[o].fn[0], &s, X_0 | X_1, 0);
                }
            }
            for (unsigned i = 0; i < N_F64; i++) {
                for (unsigned j = 0; j < N_F64; j++) {
                    struct xmm s = { 0 };
                    s.x[0] = sd(i);
                    s.x[1] = sd(j);
                    s.mxcsr_in = mxcsr_mode(m);
                    xmm_case(fmt("%ssd %s", fp_ops[o].name, rc[m]),
                             fp_ops[o].fn[1], &s, X_0 | X_1, 0);
                }
            }
        }
    }
    for (unsigned m = 0; m < 5; m++) {
        for (unsigned i = 0; i < N_F32; i++) {
            struct xmm s = { 0 };
            s.x[0] = ss(3);
            s.x[1] = ss(i);
            s.mxcsr_in = mxcsr_mode(m);
            xmm_case(fmt("sqrtss %s", rc[m]), sqrtss_, &s, X_0 | X_1, 0);
        }
        for (unsigned i = 0; i < N_F64; i++) {
            struct xmm s = { 0 };
            s.x[0] = sd(3);
            s.x[1] = sd(i);
            s.mxcsr_in = mxcsr_mode(m);
            xmm_case(fmt("sqrtsd %s", rc[m]), sqrtsd_, &s, X_0 | X_1, 0);
        }
    }
}

static void packed_arith(void)
{
    const char *const *rc = rc_names();
    for (unsigned o = 0; o < sizeof(fp_ops) / sizeof(fp_ops[0]); o++) {
        for (unsigned m = 0; m < 5; m++) {
            if (!fp_ops[o].rounds && m != 0 && m != 4) {
                continue;
            }
            for (unsigned i = 0; i < N_F32; i++) {
                for (unsigned k = 1; k < 18; k += 4) {
                    struct xmm s = { 0 };
                    s.x[0] = ps(i);
                    s.x[1] = ps(i + k);
                    s.mxcsr_in = mxcsr_mode(m);
                    xmm_case(fmt("%sps %s", fp_ops[o].name, rc[m]),
                             fp_ops[o].fn[2], &s, X_0 | X_1, 0);
                    s.x[0] = pd(i);
                    s.x[1] = pd(i + k);
                    xmm_case(fmt("%spd %s", fp_ops[o].name, rc[m]),
                             fp_ops[o].fn[3], &s, X_0 | X_1, 0);
                }
            }
        }
    }
    for (unsigned m = 0; m < 5; m++) {
        for (unsigned i = 0; i < N_F64; i += 2) {
            struct xmm s = { 0 };
            s.x[1] = ps(i);
            s.mxcsr_in = mxcsr_mode(m);
            xmm_case(fmt("sqrtps %s", rc[m]), sqrtps_, &s, X_0 | X_1, 0);
            s.x[1] = pd(i);
            xmm_case(fmt("sqrtpd %s", rc[m]), sqrtpd_, &s, X_0 | X_1, 0);
        }
    }
    /* memory operands: scalar loads read only their lane */
    for (unsigned i = 0; i < N_F32; i += 3) {
        struct xmm s = { 0 };
        s.x[0] = ps(i);
        s.mem = ps(i + 5);
        s.mxcsr_in = mxcsr_mode(0);
        xmm_case("addss m", addss_m, &s, X_0 | X_M, 0);
        xmm_case("divps m", divps_m, &s, X_0 | X_M, 0);
        s.x[0] = pd(i);
        s.mem = pd(i + 7);
        xmm_case("mulsd m", mulsd_m, &s, X_0 | X_M, 0);
    }
}

/* ---- comparisons -------------------------------------------------------- */

#define CMP_PRED(p)                                                          \
    XMM_INSN(cmpss_##p, "cmpss $" #p ", %%xmm1, %%xmm0")                     \
    XMM_INSN(cmpsd_##p, "cmpsd $" #p ", %%xmm1, %%xmm0")                     \
    XMM_INSN(cmpps_##p, "cmpps $" #p ", %%xmm1, %%xmm0")                     \
    XMM_INSN(cmppd_##p, "cmppd $" #p ", %%xmm1, %%xmm0")

CMP_PRED(0) CMP_PRED(1) CMP_PRED(2) CMP_PRED(3)
CMP_PRED(4) CMP_PRED(5) CMP_PRED(6) CMP_PRED(7)

static const XmmFn cmp_fns[8][4] = {
#define CMP_ROW(p) { cmpss_##p, cmpsd_##p, cmpps_##p, cmppd_##p }
    CMP_ROW(0), CMP_ROW(1), CMP_ROW(2), CMP_ROW(3),
    CMP_ROW(4), CMP_ROW(5), CMP_ROW(6), CMP_ROW(7),
};

XMM_INSN(comiss_, "comiss %%xmm1, %%xmm0")
XMM_INSN(ucomiss_, "ucomiss %%xmm1, %%xmm0")
XMM_INSN(comisd_, "comisd %%xmm1, %%xmm0")
XMM_INSN(ucomisd_, "ucomisd %%xmm1, %%xmm0")

/* One line per operand pair: for each of the 8 predicates, the result's
 * low lane and the MXCSR flags it raised. */
static void compare_line(const char *name, int form, V128 a, V128 b)
{
    char line[512];
    size_t n = (size_t)snprintf(line, sizeof(line), "%s a=%s b=%s ->", name,
                                hex128(&a), hex128(&b));
    for (unsigned p = 0; p < 8; p++) {
        struct xmm s = { 0 };
        s.x[0] = a;
        s.x[1] = b;
        s.mxcsr_in = mxcsr_mode(0);
        cmp_fns[p][form](&s);
        n += (size_t)snprintf(line + n, sizeof(line) - n, " %u:%s/%02x", p,
                              hex128(&s.x[0]), s.mxcsr_out & 0x3f);
    }
    out("%s", line);
}

static void compares(void)
{
    for (unsigned i = 0; i < N_F32; i++) {
        for (unsigned j = 0; j < N_F32; j++) {
            compare_line("cmpss", 0, ss(i), ss(j));
            struct xmm s = { 0 };
            s.x[0] = ss(i);
            s.x[1] = ss(j);
            s.mxcsr_in = mxcsr_mode(0);
            xmm_case("comiss", comiss_, &s, X_0 | X_1 | X_FL, 0);
            xmm_case("ucomiss", ucomiss_, &s, X_0 | X_1 | X_FL, 0);
        }
        compare_line("cmpps", 2, ps(i), ps(i + 7));
    }
    for (unsigned i = 0; i < N_F64; i++) {
        for (unsigned j = 0; j < N_F64; j++) {
            compare_line("cmpsd", 1, sd(i), sd(j));
            struct xmm s = { 0 };
            s.x[0] = sd(i);
            s.x[1] = sd(j);
            s.mxcsr_in = mxcsr_mode(4);
            xmm_case("comisd daz", comisd_, &s, X_0 | X_1 | X_FL, 0);
            xmm_case("ucomisd daz", ucomisd_, &s, X_0 | X_1 | X_FL, 0);
        }
        compare_line("cmppd", 3, pd(i), pd(i + 5));
    }
}

/* ---- conversions -------------------------------------------------------- */

XMM_INSN(cvtss2sd_, "cvtss2sd %%xmm1, %%xmm0")
XMM_INSN(cvtsd2ss_, "cvtsd2ss %%xmm1, %%xmm0")
XMM_INSN(cvtps2pd_, "cvtps2pd %%xmm1, %%xmm0")
XMM_INSN(cvtpd2ps_, "cvtpd2ps %%xmm1, %%xmm0")
XMM_INSN(cvtss2si_l, "cvtss2si %%xmm1, %k[g]")
XMM_INSN(cvtss2si_q, "cvtss2si %%xmm1, %q[g]")
XMM_INSN(cvttss2si_l, "cvttss2si %%xmm1, %k[g]")
XMM_INSN(cvttss2si_q, "cvttss2si %%xmm1, %q[g]")
XMM_INSN(cvtsd2si_l, "cvtsd2si %%xmm1, %k[g]")
XMM_INSN(cvtsd2si_q, "cvtsd2si %%xmm1, %q[g]")
XMM_INSN(cvttsd2si_l, "cvttsd2si %%xmm1, %k[g]")
XMM_INSN(cvttsd2si_q, "cvttsd2si %%xmm1, %q[g]")
XMM_INSN(cvtps2dq_, "cvtps2dq %%xmm1, %%xmm0")
XMM_INSN(cvttps2dq_, "cvttps2dq %%xmm1, %%xmm0")
XMM_INSN(cvtpd2dq_, "cvtpd2dq %%xmm1, %%xmm0")
XMM_INSN(cvttpd2dq_, "cvttpd2dq %%xmm1, %%xmm0")
XMM_INSN(cvtsi2ss_l, "cvtsi2ssl %k[g], %%xmm0")
XMM_INSN(cvtsi2ss_q, "cvtsi2ssq %q[g], %%xmm0")
XMM_INSN(cvtsi2sd_l, "cvtsi2sdl %k[g], %%xmm0")
XMM_INSN(cvtsi2sd_q, "cvtsi2sdq %q[g], %%xmm0")
XMM_INSN(cvtdq2ps_, "cvtdq2ps %%xmm1, %%xmm0")
XMM_INSN(cvtdq2pd_, "cvtdq2pd %%xmm1, %%xmm0")

static void conversions(void)
{
    const char *const *rc = rc_names();
    static const struct { const char *name; XmmFn fn; int from64; } f2i[] = {
        { "cvtss2si l", cvtss2si_l, 0 }, { "cvtss2si q", cvtss2si_q, 0 },
        { "cvttss2si l", cvttss2si_l, 0 }, { "cvttss2si q", cvttss2si_q, 0 },
        { "cvtsd2si l", cvtsd2si_l, 1 }, { "cvtsd2si q", cvtsd2si_q, 1 },
        { "cvttsd2si l", cvttsd2si_l, 1 }, { "cvttsd2si q", cvttsd2si_q, 1 },
    };
    static const uint64_t ints[] = {
        0, 1, ~0ull, 0x7fffffff, 0x80000000, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0x0123456789abcdefull, 16777217, 0xffffffffff000001ull,
        0x20000001ull, 0xfffffffffffffc01ull,
    };
    /* extra values for float-to-integer: halves and the int ranges */
    static const uint32_t f32x[] = {
        0x3f000000, 0x3fc00000, 0x40200000, 0xbf000000, 0xc0200000,
        0x4effffff, 0xcf000000, 0xcf000001, 0x5effffff, 0x5f000000,
    };
    static const uint64_t f64x[] = {
        0x3fe0000000000000ull, 0x3ff8000000000000ull, 0xc004000000000000ull,
        0x41dfffffffc00000ull, 0x41dfffffffe00000ull, 0xc1e0000000100000ull,
        0xc1e0000000000000ull, 0x43dfffffffffffffull, 0xc3e0000000000001ull,
    };

    for (unsigned m = 0; m < 5; m++) {
        for (unsigned i = 0; i < N_F32 + 10; i++) {
            struct xmm s = { 0 };
            uint32_t v = i < N_F32 ? f32[i] : f32x[i - N_F32];
            s.x[0] = sd(5);
            s.x[1].q[0] = 0x5555555500000000ull | v;
            s.x[1].q[1] = (uint64_t)f32[(i + 3) % N_F32] << 32 |
                          f32[(i + 7) % N_F32];
            s.g = 0xa5a5a5a5a5a5a5a5ull;
            s.mxcsr_in = mxcsr_mode(m);
            xmm_case(fmt("cvtss2sd %s", rc[m]), cvtss2sd_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvtps2pd %s", rc[m]), cvtps2pd_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvtps2dq %s", rc[m]), cvtps2dq_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvttps2dq %s", rc[m]), cvttps2dq_, &s, X_0 | X_1,
                     0);
            for (unsigned k = 0; k < 4; k++) {
                xmm_case(fmt("%s %s", f2i[k].name, rc[m]), f2i[k].fn, &s,
                         X_1 | X_G, 0);
            }
        }
        for (unsigned i = 0; i < N_F64 + 9; i++) {
            struct xmm s = { 0 };
            s.x[0] = ss(5);
            s.x[1].q[0] = i < N_F64 ? f64[i] : f64x[i - N_F64];
            s.x[1].q[1] = f64[(i + 5) % N_F64];
            s.g = 0xa5a5a5a5a5a5a5a5ull;
            s.mxcsr_in = mxcsr_mode(m);
            xmm_case(fmt("cvtsd2ss %s", rc[m]), cvtsd2ss_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvtpd2ps %s", rc[m]), cvtpd2ps_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvtpd2dq %s", rc[m]), cvtpd2dq_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvttpd2dq %s", rc[m]), cvttpd2dq_, &s, X_0 | X_1,
                     0);
            for (unsigned k = 4; k < 8; k++) {
                xmm_case(fmt("%s %s", f2i[k].name, rc[m]), f2i[k].fn, &s,
                         X_1 | X_G, 0);
            }
        }
        for (unsigned i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
            struct xmm s = { 0 };
            s.x[0] = sd(9);
            s.x[1].q[0] = ints[i];
            s.x[1].q[1] = ints[(i + 5) % 12];
            s.g = ints[i];
            s.mxcsr_in = mxcsr_mode(m);
            xmm_case(fmt("cvtsi2ssl %s", rc[m]), cvtsi2ss_l, &s, X_0 | X_G, 0);
            xmm_case(fmt("cvtsi2ssq %s", rc[m]), cvtsi2ss_q, &s, X_0 | X_G, 0);
            xmm_case(fmt("cvtsi2sdl %s", rc[m]), cvtsi2sd_l, &s, X_0 | X_G, 0);
            xmm_case(fmt("cvtsi2sdq %s", rc[m]), cvtsi2sd_q, &s, X_0 | X_G, 0);
            xmm_case(fmt("cvtdq2ps %s", rc[m]), cvtdq2ps_, &s, X_0 | X_1, 0);
            xmm_case(fmt("cvtdq2pd %s", rc[m]), cvtdq2pd_, &s, X_0 | X_1, 0);
        }
    }
}

/* ---- moves, logic, shuffles --------------------------------------------- */

XMM_INSN(movss_rr, "movss %%xmm1, %%xmm0")
XMM_INSN(movsd_rr, "movsd %%xmm1, %%xmm0")
XMM_INSN(movss_ld, "movss (%[m]), %%xmm0")
XMM_INSN(movsd_ld, "movsd (%[m]), %%xmm0")
XMM_INSN(movss_st, "movss %%xmm1, (%[m])")
XMM_INSN(movlps_ld, "movlps (%[m]), %%xmm0")
XMM_INSN(movhps_ld, "movhps (%[m]), %%xmm0")
XMM_INSN(movhps_st, "movhps %%xmm1, (%[m])")
XMM_INSN(movhlps_, "movhlps %%xmm1, %%xmm0")
XMM_INSN(movlhps_, "movlhps %%xmm1, %%xmm0")
XMM_INSN(andps_, "andps %%xmm1, %%xmm0")
XMM_INSN(andnps_, "andnps %%xmm1, %%xmm0")
XMM_INSN(orps_, "orps %%xmm1, %%xmm0")
XMM_INSN(xorpd_, "xorpd %%xmm1, %%xmm0")
XMM_INSN(shufps_1b, "shufps $0x1b, %%xmm1, %%xmm0")
XMM_INSN(shufps_e4, "shufps $0xe4, %%xmm1, %%xmm0")
XMM_INSN(shufpd_1, "shufpd $1, %%xmm1, %%xmm0")
XMM_INSN(unpcklps_, "unpcklps %%xmm1, %%xmm0")
XMM_INSN(unpckhps_, "unpckhps %%xmm1, %%xmm0")
XMM_INSN(unpcklpd_, "unpcklpd %%xmm1, %%xmm0")
XMM_INSN(unpckhpd_, "unpckhpd %%xmm1, %%xmm0")
XMM_INSN(movmskps_, "movmskps %%xmm1, %k[g]")
XMM_INSN(movmskpd_, "movmskpd %%xmm1, %k[g]")
XMM_INSN(movd_to, "movd %k[g], %%xmm0")
XMM_INSN(movq_to, "movq %q[g], %%xmm0")
XMM_INSN(movd_from, "movd %%xmm1, %k[g]")
XMM_INSN(movq_from, "movq %%xmm1, %q[g]")
XMM_INSN(movq_xx, "movq %%xmm1, %%xmm0")
XMM_INSN(ldmxcsr_, "ldmxcsr (%[m])\n\tstmxcsr 4(%[m])")

static void moves(void)
{
    static const struct { const char *name; XmmFn fn; } ops[] = {
        { "movss r", movss_rr }, { "movsd r", movsd_rr },
        { "movss load", movss_ld }, { "movsd load", movsd_ld },
        { "movss store", movss_st }, { "movlps load", movlps_ld },
        { "movhps load", movhps_ld }, { "movhps store", movhps_st },
        { "movhlps", movhlps_ }, { "movlhps", movlhps_ },
        { "andps", andps_ }, { "andnps", andnps_ }, { "orps", orps_ },
        { "xorpd", xorpd_ }, { "shufps $0x1b", shufps_1b },
        { "shufps $0xe4", shufps_e4 }, { "shufpd $1", shufpd_1 },
        { "unpcklps", unpcklps_ }, { "unpckhps", unpckhps_ },
        { "unpcklpd", unpcklpd_ }, { "unpckhpd", unpckhpd_ },
        { "movmskps", movmskps_ }, { "movmskpd", movmskpd_ },
        { "movd to xmm", movd_to }, { "movq to xmm", movq_to },
        { "movd from xmm", movd_from }, { "movq from xmm", movq_from },
        { "movq xmm", movq_xx },
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < 4; i++) {
            struct xmm s = { 0 };
            s.x[0] = ps(i * 3);
            s.x[1] = ps(i * 3 + 9);
            s.mem = pd(i * 5 + 1);
            s.g = 0x8000000180000001ull ^ i;
            s.mxcsr_in = mxcsr_mode(0);
            xmm_case(ops[o].name, ops[o].fn, &s, X_0 | X_1 | X_G | X_M, 0);
        }
    }
    /* MXCSR round trip, and a reserved bit (#GP) */
    static const uint32_t mx[] = { 0x1f80, 0x0000, 0xffbf, 0x1f80 | 0x3f,
                                   0x10000 };
    for (unsigned i = 0; i < 5; i++) {
        struct xmm s = { 0 };
        s.mem.q[0] = mx[i];
        s.mxcsr_in = mxcsr_mode(0);
        xmm_case("ldmxcsr/stmxcsr", ldmxcsr_, &s, X_M, 0);
    }
}

/* Unmasked exceptions raise #XM: SIGFPE with the si_code of the cause. */
static void unmasked(void)
{
    static const struct { uint32_t mxcsr; unsigned a, b; XmmFn fn; } c[] = {
        { 0x1f80 & ~0x0200, 2, 0, divss_ },     /* ZE unmasked: 1/0 */
        { 0x1f80 & ~0x0080, 13, 2, addss_ },    /* IE unmasked: sNaN */
        { 0x1f80 & ~0x0400, 9, 9, mulss_ },     /* OE unmasked: max * max */
        { 0x1f80 & ~0x1000, 5, 4, mulss_ },     /* PE unmasked: 1/3 * 3 */
        { 0x1f80 & ~0x1000, 2, 2, mulss_ },     /* exact: no exception */
        { 0x1f80 & ~0x0800, 6, 8, mulss_ },     /* UE unmasked: tiny * tiny */
        { 0x1f80 & ~0x0100, 6, 2, mulss_ },     /* DE unmasked: denormal */
    };
    for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        struct xmm s = { 0 };
        s.x[0] = ss(c[i].a);
        s.x[1] = ss(c[i].b);
        s.mxcsr_in = c[i].mxcsr;
        xmm_case("unmasked", c[i].fn, &s, X_0 | X_1, 0);
    }
}

void group_sse(void)
{
    scalar_arith();
    packed_arith();
    compares();
    conversions();
    moves();
    unmasked();
}
