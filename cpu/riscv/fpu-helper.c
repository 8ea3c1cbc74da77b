/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * F and D arithmetic on the host FPU. IEEE 754 gives the same correctly
 * rounded result on every conforming FPU, so each helper runs the host
 * operation in the guest's rounding mode and accrues the host's exception
 * flags into fflags; fix-ups happen only where RISC-V differs from the
 * host: NaN results become the canonical NaN, improperly boxed singles
 * read as the canonical NaN, RMM (ties to max magnitude, which the host
 * lacks) is computed in a wider format rounded toward zero and rounded by
 * hand, and float-to-integer conversions saturate as RISC-V says.
 *
 * The host flag state is kept cheap to use (x86-64: MXCSR, read with
 * stmxcsr): host sticky flags that guest fflags already hold need not be
 * cleared, since or-ing them in again changes nothing. Before an
 * operation only flags the guest does not have (the guest cleared fflags,
 * or other host code set them) are cleared, and the rounding mode is
 * written only when it is not round-to-nearest-even; it is put back to
 * nearest-even afterwards so the emulator's own code never runs in a
 * guest's rounding mode. Round-to-nearest-even, the common case, has
 * its own helpers (*_rne, below) that read MXCSR once per operation.
 *
 * x86 SSE and RISC-V both detect tininess after rounding and raise
 * underflow only when the tiny result is also inexact, so UF needs no
 * fix-up. Tininess in the RMM path is computed the same way.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/helper.h"

#if LDBL_MANT_DIG < DBL_MANT_DIG + 2
#error "RMM needs a long double at least 2 bits wider than double"
#endif

enum { RM_RNE = 0, RM_RTZ = 1, RM_RDN = 2, RM_RUP = 3, RM_RMM = 4, RM_DYN = 7 };
enum { FF_NX = 1, FF_UF = 2, FF_OF = 4, FF_DZ = 8, FF_NV = 16 };

#define CANON_S 0x7fc00000u
#define CANON_D 0x7ff8000000000000ull
#define NANBOX 0xffffffff00000000ull

/* ---- host FPU state ------------------------------------------------- */

#if defined(__x86_64__) && defined(__SSE2_MATH__)

#define MXCSR_RC 0x6000u
#define MXCSR_FTZ_DAZ 0x8040u
#define MXCSR_FLAGS 0x3du   /* IE ZE OE UE PE; DE (denormal operand) ignored */

static const uint32_t fp_host_rc[4] = {
    [RM_RNE] = 0u << 13, [RM_RTZ] = 3u << 13,
    [RM_RDN] = 1u << 13, [RM_RUP] = 2u << 13,
};

static inline uint32_t fp_mxcsr_get(void)
{
    uint32_t v;

    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static inline void fp_mxcsr_set(uint32_t v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

/* fflags bits -> MXCSR flag bits. */
static inline uint32_t fp_flags_to_host(uint32_t f)
{
    return (f & 16) >> 4 | (f & 8) >> 1 | (f & 4) << 1 | (f & 2) << 3 |
           (f & 1) << 5;
}

/* MXCSR bits 5:0 -> fflags bits, by table (bit 1, DE, is not an IEEE
 * flag: IE->NV, ZE->DZ, OE->OF, UE->UF, PE->NX). */
#define FF8(m) (((m) & 1) << 4 | ((m) & 4) << 1 | ((m) & 8) >> 1 | \
                ((m) & 16) >> 3 | ((m) & 32) >> 5)
#define FF4(m) FF8(m), FF8((m) + 1), FF8((m) + 2), FF8((m) + 3)
#define FF16(m) FF4(m), FF4((m) + 4), FF4((m) + 8), FF4((m) + 12)
static const uint8_t fp_flags_of_mxcsr[64] = {
    FF16(0), FF16(16), FF16(32), FF16(48),
};

/* Prepare the host for one operation in mode rm (0-3). */
static inline void fp_begin(CPURISCVState *env, unsigned rm)
{
    uint32_t csr = fp_mxcsr_get();
    uint32_t want = (csr & ~(MXCSR_RC | MXCSR_FTZ_DAZ)) | fp_host_rc[rm];

    want &= ~(csr & MXCSR_FLAGS & ~fp_flags_to_host(env->fflags));
    if (want != csr) {
        fp_mxcsr_set(want);
    }
}

/* Accrue the operation's flags; leave the host in nearest-even. */
static inline void fp_end(CPURISCVState *env, unsigned rm)
{
    uint32_t csr = fp_mxcsr_get();

    env->fflags |= fp_flags_of_mxcsr[csr & 0x3f];
    if (rm != RM_RNE) {
        fp_mxcsr_set(csr & ~MXCSR_RC);
    }
}

/* The IEEE flags the host has raised, as fflags bits. */
static inline uint32_t fp_host_flags(void)
{
    return fp_flags_of_mxcsr[fp_mxcsr_get() & 0x3f];
}

static inline void fp_host_clear_flags(void)
{
    fp_mxcsr_set(fp_mxcsr_get() & ~MXCSR_FLAGS);
}

/* Make x an input/output of an empty asm: host FP operations then stay
 * between fp_begin and fp_end (asm volatile statements keep their order). */
#define FP_BARRIER(x) __asm__ volatile("" : "+x"(x))
#define FP_BARRIER_LD(x) __asm__ volatile("" : "+m"(x))

#else   /* any other host: the C fenv interface */

static const int fp_host_rc[4] = {
    [RM_RNE] = FE_TONEAREST, [RM_RTZ] = FE_TOWARDZERO,
    [RM_RDN] = FE_DOWNWARD, [RM_RUP] = FE_UPWARD,
};

static inline uint32_t fp_flags_from_host(int e)
{
    return (e & FE_INVALID ? FF_NV : 0) | (e & FE_DIVBYZERO ? FF_DZ : 0) |
           (e & FE_OVERFLOW ? FF_OF : 0) | (e & FE_UNDERFLOW ? FF_UF : 0) |
           (e & FE_INEXACT ? FF_NX : 0);
}

static inline int fp_flags_to_host(uint32_t f)
{
    return (f & FF_NV ? FE_INVALID : 0) | (f & FF_DZ ? FE_DIVBYZERO : 0) |
           (f & FF_OF ? FE_OVERFLOW : 0) | (f & FF_UF ? FE_UNDERFLOW : 0) |
           (f & FF_NX ? FE_INEXACT : 0);
}

static inline void fp_begin(CPURISCVState *env, unsigned rm)
{
    int stray = fetestexcept(FE_ALL_EXCEPT) & ~fp_flags_to_host(env->fflags);

    if (stray) {
        feclearexcept(stray);
    }
    if (rm != RM_RNE) {
        fesetround(fp_host_rc[rm]);
    }
}

static inline void fp_end(CPURISCVState *env, unsigned rm)
{
    env->fflags |= fp_flags_from_host(fetestexcept(FE_ALL_EXCEPT));
    if (rm != RM_RNE) {
        fesetround(FE_TONEAREST);
    }
}

static inline uint32_t fp_host_flags(void)
{
    return fp_flags_from_host(fetestexcept(FE_ALL_EXCEPT));
}

static inline void fp_host_clear_flags(void)
{
    feclearexcept(FE_ALL_EXCEPT);
}

#define FP_BARRIER(x) __asm__ volatile("" : "+m"(x))
#define FP_BARRIER_LD(x) __asm__ volatile("" : "+m"(x))

#endif

/* An integer operand, for the same purpose. */
#define FP_BARRIER_INT(x) __asm__ volatile("" : "+r"(x))

/* ---- operands and results ------------------------------------------- */

static inline double fp_d(uint64_t v)
{
    double d;

    memcpy(&d, &v, sizeof(d));
    return d;
}

static inline uint64_t fp_bits_d(double d)
{
    uint64_t v;

    memcpy(&v, &d, sizeof(v));
    return v;
}

/* A single operand: an improperly boxed value reads as the canonical NaN. */
static inline uint32_t fp_unbox(uint64_t v)
{
    return (v >> 32) == 0xffffffffu ? (uint32_t)v : CANON_S;
}

static inline float fp_s(uint64_t v)
{
    uint32_t w = fp_unbox(v);
    float f;

    memcpy(&f, &w, sizeof(f));
    return f;
}

static inline uint32_t fp_bits_s(float f)
{
    uint32_t w;

    memcpy(&w, &f, sizeof(w));
    return w;
}

static inline uint64_t fp_ret_d(double r)
{
    return __builtin_isnan(r) ? CANON_D : fp_bits_d(r);
}

static inline uint64_t fp_ret_s(float r)
{
    return NANBOX | (__builtin_isnan(r) ? CANON_S : fp_bits_s(r));
}

static inline bool fp_is_snan_s(uint32_t w)
{
    return (w & 0x7fc00000u) == 0x7f800000u && (w & 0x003fffffu);
}

static inline bool fp_is_snan_d(uint64_t v)
{
    return (v & 0x7ff8000000000000ull) == 0x7ff0000000000000ull &&
           (v & 0x0007ffffffffffffull);
}

static inline bool fp_is_nan_s(uint32_t w)
{
    return (w & 0x7fffffffu) > 0x7f800000u;
}

static inline bool fp_is_nan_d(uint64_t v)
{
    return (v & ~(1ull << 63)) > 0x7ff0000000000000ull;
}

static void __attribute__((noreturn)) fp_illegal(CPURISCVState *env,
                                                 uint32_t insn,
                                                 uintptr_t host_pc)
{
    env->badaddr = insn;
    tcg_raise_exception(tcg_current_cpu(), RISCV_EXCP_ILLEGAL_INST, host_pc);
}

/*
 * The instruction's rounding mode; rm = 7 takes frm, and an invalid frm
 * is an illegal instruction (only the dynamic helpers can get there:
 * the front end rejects rm 5 and 6). A macro so GETPC is the helper's.
 */
#define FP_RM(env, insn) ({                                             \
    unsigned rm_ = ((insn) >> 12) & 7;                                  \
    if (rm_ == RM_DYN) {                                                \
        rm_ = (env)->frm;                                               \
        if (rm_ > RM_RMM) {                                             \
            fp_illegal(env, insn, GETPC());                             \
        }                                                               \
    }                                                                   \
    rm_; })

/* ---- RMM: round toward zero in long double, then round by hand ------- */

typedef enum { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_FMA } FpOp;

typedef struct FpFormat {
    int prec, emin, emax;
} FpFormat;

static const FpFormat fp_fmt_s = { 24, -126, 127 };
static const FpFormat fp_fmt_d = { 53, -1022, 1023 };

/* x rounded to an integer, ties away from zero (x >= 0, exact). */
static long double fp_round_half_up(long double x, bool *inexact)
{
    long double i = truncl(x);
    long double frac = x - i;

    if (frac != 0) {
        *inexact = true;
    }
    return frac >= 0.5L ? i + 1 : i;
}

/*
 * Round r (r = the exact value rounded toward zero to long double; sticky
 * = that rounding was inexact) to the format with ties to max magnitude.
 * The long double keeps at least 11 more bits than double, so the exact
 * value's fraction of a target ulp is >= 1/2 exactly when r's is.
 */
static long double fp_round_rmm(CPURISCVState *env, long double r,
                                bool sticky, const FpFormat *f)
{
    long double a = fabsl(r), res;
    int e, q;
    bool inexact = sticky, tiny = false;

    if (a == 0 || isinf(a)) {
        return r;
    }
    e = ilogbl(a);
    q = (e < f->emin ? f->emin : e) - (f->prec - 1);
    res = ldexpl(fp_round_half_up(ldexpl(a, -q), &inexact), q);
    if (e < f->emin) {
        /* tininess after rounding: round with an unbounded exponent */
        bool dummy = false;
        int qu = e - (f->prec - 1);

        tiny = ldexpl(fp_round_half_up(ldexpl(a, -qu), &dummy), qu) <
               ldexpl(1.0L, f->emin);
    }
    if (res >= ldexpl(1.0L, f->emax + 1)) {
        env->fflags |= FF_OF | FF_NX;
        return copysignl(INFINITY, r);
    }
    if (inexact) {
        env->fflags |= FF_NX | (tiny ? FF_UF : 0);
    }
    return copysignl(res, r);
}

/* fma(inf, 0, c) is invalid even when c is a quiet NaN (ISA manual). */
static inline bool fp_fma_inf_zero(long double x, long double y)
{
    return (isinf(x) && y == 0) || (x == 0 && isinf(y));
}

/*
 * NV for signalling NaN operands of the RMM path: widening them to long
 * double happens before fp_rmm_op clears the host flags.
 */
static void fp_snan_check_s(CPURISCVState *env, uint64_t a, uint64_t b,
                            uint64_t c)
{
    if (fp_is_snan_s(fp_unbox(a)) || fp_is_snan_s(fp_unbox(b)) ||
        fp_is_snan_s(fp_unbox(c))) {
        env->fflags |= FF_NV;
    }
}

static void fp_snan_check_d(CPURISCVState *env, uint64_t a, uint64_t b,
                            uint64_t c)
{
    if (fp_is_snan_d(a) || fp_is_snan_d(b) || fp_is_snan_d(c)) {
        env->fflags |= FF_NV;
    }
}

/* One operation in RMM; x, y, z are the exact operands. */
static long double fp_rmm_op(CPURISCVState *env, FpOp op, long double x,
                             long double y, long double z,
                             const FpFormat *f)
{
    long double r;
    int ex;

    feclearexcept(FE_ALL_EXCEPT);
    fesetround(FE_TOWARDZERO);
    FP_BARRIER_LD(x);
    FP_BARRIER_LD(y);
    FP_BARRIER_LD(z);
    switch (op) {
    case FOP_ADD:
        r = x + y;
        break;
    case FOP_SUB:
        r = x - y;
        break;
    case FOP_MUL:
        r = x * y;
        break;
    case FOP_DIV:
        r = x / y;
        break;
    case FOP_SQRT:
        r = sqrtl(x);
        break;
    default:
        r = fmal(x, y, z);
        break;
    }
    FP_BARRIER_LD(r);
    ex = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    if (op == FOP_FMA && fp_fma_inf_zero(x, y)) {
        ex |= FE_INVALID;
    }
    env->fflags |= (ex & FE_INVALID ? FF_NV : 0) |
                   (ex & FE_DIVBYZERO ? FF_DZ : 0);
    if (isnan(r)) {
        return r;
    }
    return fp_round_rmm(env, r, ex & FE_INEXACT, f);
}

/* ---- arithmetic ------------------------------------------------------ */

#define FP_BINOP(name, OP, FOP)                                             \
uint64_t helper_riscv_##name##_s(CPURISCVState *env, uint64_t a,           \
                                 uint64_t b, uint32_t insn)                \
{                                                                           \
    unsigned rm = FP_RM(env, insn);                                         \
    float x = fp_s(a), y = fp_s(b), r;                                      \
                                                                            \
    if (__builtin_expect(rm == RM_RMM, 0)) {                                \
        fp_snan_check_s(env, a, b, NANBOX);                                 \
        return fp_ret_s((float)fp_rmm_op(env, FOP, x, y, 0, &fp_fmt_s));    \
    }                                                                       \
    fp_begin(env, rm);                                                      \
    FP_BARRIER(x);                                                          \
    FP_BARRIER(y);                                                          \
    r = x OP y;                                                             \
    FP_BARRIER(r);                                                          \
    fp_end(env, rm);                                                        \
    return fp_ret_s(r);                                                     \
}                                                                           \
uint64_t helper_riscv_##name##_d(CPURISCVState *env, uint64_t a,           \
                                 uint64_t b, uint32_t insn)                \
{                                                                           \
    unsigned rm = FP_RM(env, insn);                                         \
    double x = fp_d(a), y = fp_d(b), r;                                     \
                                                                            \
    if (__builtin_expect(rm == RM_RMM, 0)) {                                \
        fp_snan_check_d(env, a, b, 0);                                      \
        return fp_ret_d((double)fp_rmm_op(env, FOP, x, y, 0, &fp_fmt_d));   \
    }                                                                       \
    fp_begin(env, rm);                                                      \
    FP_BARRIER(x);                                                          \
    FP_BARRIER(y);                                                          \
    r = x OP y;                                                             \
    FP_BARRIER(r);                                                          \
    fp_end(env, rm);                                                        \
    return fp_ret_d(r);                                                     \
}

FP_BINOP(fadd, +, FOP_ADD)
FP_BINOP(fsub, -, FOP_SUB)
FP_BINOP(fmul, *, FOP_MUL)
FP_BINOP(fdiv, /, FOP_DIV)

uint64_t helper_riscv_fsqrt_s(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    float x = fp_s(a), r;

    if (__builtin_expect(rm == RM_RMM, 0)) {
        fp_snan_check_s(env, a, NANBOX, NANBOX);
        return fp_ret_s((float)fp_rmm_op(env, FOP_SQRT, x, 0, 0, &fp_fmt_s));
    }
    fp_begin(env, rm);
    FP_BARRIER(x);
    r = __builtin_sqrtf(x);
    FP_BARRIER(r);
    fp_end(env, rm);
    return fp_ret_s(r);
}

uint64_t helper_riscv_fsqrt_d(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    double x = fp_d(a), r;

    if (__builtin_expect(rm == RM_RMM, 0)) {
        fp_snan_check_d(env, a, 0, 0);
        return fp_ret_d((double)fp_rmm_op(env, FOP_SQRT, x, 0, 0, &fp_fmt_d));
    }
    fp_begin(env, rm);
    FP_BARRIER(x);
    r = __builtin_sqrt(x);
    FP_BARRIER(r);
    fp_end(env, rm);
    return fp_ret_d(r);
}

/*
 * FMADD/FMSUB/FNMSUB/FNMADD (major opcode in insn bits 3:2): negating
 * operands, never the result, keeps one rounding of the exact value.
 */
#define FMA_NEG_PROD(insn) (((insn) >> 3) & 1)   /* FNMSUB, FNMADD */
#define FMA_NEG_ADD(insn) (((insn) >> 2) & 1)      /* FMSUB, FNMADD */

uint64_t helper_riscv_fmadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                              uint64_t c, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    float x = fp_s(a), y = fp_s(b), z = fp_s(c), r;

    if (FMA_NEG_PROD(insn)) {
        x = -x;
    }
    if (FMA_NEG_ADD(insn)) {
        z = -z;
    }
    if (__builtin_expect(rm == RM_RMM, 0)) {
        fp_snan_check_s(env, a, b, c);
        return fp_ret_s((float)fp_rmm_op(env, FOP_FMA, x, y, z, &fp_fmt_s));
    }
    fp_begin(env, rm);
    FP_BARRIER(x);
    FP_BARRIER(y);
    FP_BARRIER(z);
    r = fmaf(x, y, z);
    FP_BARRIER(r);
    fp_end(env, rm);
    if (__builtin_isnan(r) && fp_fma_inf_zero(x, y)) {
        env->fflags |= FF_NV;
    }
    return fp_ret_s(r);
}

uint64_t helper_riscv_fmadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                              uint64_t c, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    double x = fp_d(a), y = fp_d(b), z = fp_d(c), r;

    if (FMA_NEG_PROD(insn)) {
        x = -x;
    }
    if (FMA_NEG_ADD(insn)) {
        z = -z;
    }
    if (__builtin_expect(rm == RM_RMM, 0)) {
        fp_snan_check_d(env, a, b, c);
        return fp_ret_d((double)fp_rmm_op(env, FOP_FMA, x, y, z, &fp_fmt_d));
    }
    fp_begin(env, rm);
    FP_BARRIER(x);
    FP_BARRIER(y);
    FP_BARRIER(z);
    r = fma(x, y, z);
    FP_BARRIER(r);
    fp_end(env, rm);
    if (__builtin_isnan(r) && fp_fma_inf_zero(x, y)) {
        env->fflags |= FF_NV;
    }
    return fp_ret_d(r);
}

/*
 * ---- round to nearest-even: the common case, made cheap ----
 *
 * The host already rounds to nearest-even between helpers, so nothing is
 * set up: the operation runs, then MXCSR is read once. Its sticky flags
 * are the operation's plus any left from before. When all of them are
 * already in fflags, so are the operation's, and fflags stays as it is:
 * with NX accrued (nearly always, once a program has rounded anything)
 * that is the whole cost. Otherwise the flags are cleared and the
 * operation, a pure function of its operands, runs again to accrue
 * exactly its own flags; what is left on the host is then a subset of
 * fflags, so the next operations take the short path again.
 */
static inline float fp_host_op_s(FpOp op, float x, float y, float z)
{
    float r;

    FP_BARRIER(x);
    switch (op) {
    case FOP_ADD:
        FP_BARRIER(y);
        r = x + y;
        break;
    case FOP_SUB:
        FP_BARRIER(y);
        r = x - y;
        break;
    case FOP_MUL:
        FP_BARRIER(y);
        r = x * y;
        break;
    case FOP_DIV:
        FP_BARRIER(y);
        r = x / y;
        break;
    case FOP_SQRT:
        r = __builtin_sqrtf(x);
        break;
    default:
        FP_BARRIER(y);
        FP_BARRIER(z);
        r = fmaf(x, y, z);
        break;
    }
    FP_BARRIER(r);
    return r;
}

static inline double fp_host_op_d(FpOp op, double x, double y, double z)
{
    double r;

    FP_BARRIER(x);
    switch (op) {
    case FOP_ADD:
        FP_BARRIER(y);
        r = x + y;
        break;
    case FOP_SUB:
        FP_BARRIER(y);
        r = x - y;
        break;
    case FOP_MUL:
        FP_BARRIER(y);
        r = x * y;
        break;
    case FOP_DIV:
        FP_BARRIER(y);
        r = x / y;
        break;
    case FOP_SQRT:
        r = __builtin_sqrt(x);
        break;
    default:
        FP_BARRIER(y);
        FP_BARRIER(z);
        r = fma(x, y, z);
        break;
    }
    FP_BARRIER(r);
    return r;
}

static inline float fp_rne_s(CPURISCVState *env, FpOp op, float x, float y,
                             float z)
{
    float r = fp_host_op_s(op, x, y, z);

    if (__builtin_expect(fp_host_flags() & ~env->fflags, 0)) {
        fp_host_clear_flags();
        r = fp_host_op_s(op, x, y, z);
        env->fflags |= fp_host_flags();
    }
    return r;
}

static inline double fp_rne_d(CPURISCVState *env, FpOp op, double x, double y,
                              double z)
{
    double r = fp_host_op_d(op, x, y, z);

    if (__builtin_expect(fp_host_flags() & ~env->fflags, 0)) {
        fp_host_clear_flags();
        r = fp_host_op_d(op, x, y, z);
        env->fflags |= fp_host_flags();
    }
    return r;
}

/* The same for any pure expression EXPR (host FP ops fenced inside). */
#define FP_RNE_EVAL(env, r, EXPR) do {                                      \
    (r) = (EXPR);                                                           \
    if (__builtin_expect(fp_host_flags() & ~(env)->fflags, 0)) {            \
        fp_host_clear_flags();                                              \
        (r) = (EXPR);                                                       \
        (env)->fflags |= fp_host_flags();                                   \
    }                                                                       \
} while (0)

#define FP_RNE_BINOP(name, FOP)                                             \
uint64_t helper_riscv_##name##_s_rne(CPURISCVState *env, uint64_t a,       \
                                     uint64_t b)                           \
{                                                                           \
    return fp_ret_s(fp_rne_s(env, FOP, fp_s(a), fp_s(b), 0));              \
}                                                                           \
uint64_t helper_riscv_##name##_d_rne(CPURISCVState *env, uint64_t a,       \
                                     uint64_t b)                           \
{                                                                           \
    return fp_ret_d(fp_rne_d(env, FOP, fp_d(a), fp_d(b), 0));              \
}

FP_RNE_BINOP(fadd, FOP_ADD)
FP_RNE_BINOP(fsub, FOP_SUB)
FP_RNE_BINOP(fmul, FOP_MUL)
FP_RNE_BINOP(fdiv, FOP_DIV)

uint64_t helper_riscv_fsqrt_s_rne(CPURISCVState *env, uint64_t a)
{
    return fp_ret_s(fp_rne_s(env, FOP_SQRT, fp_s(a), 0, 0));
}

uint64_t helper_riscv_fsqrt_d_rne(CPURISCVState *env, uint64_t a)
{
    return fp_ret_d(fp_rne_d(env, FOP_SQRT, fp_d(a), 0, 0));
}

/* insn: for the negations (FMA_NEG_*); its rm field is 0 here. */
uint64_t helper_riscv_fmadd_s_rne(CPURISCVState *env, uint64_t a, uint64_t b,
                                  uint64_t c, uint32_t insn)
{
    float x = fp_s(a), y = fp_s(b), z = fp_s(c), r;

    if (FMA_NEG_PROD(insn)) {
        x = -x;
    }
    if (FMA_NEG_ADD(insn)) {
        z = -z;
    }
    r = fp_rne_s(env, FOP_FMA, x, y, z);
    if (__builtin_isnan(r) && fp_fma_inf_zero(x, y)) {
        env->fflags |= FF_NV;
    }
    return fp_ret_s(r);
}

uint64_t helper_riscv_fmadd_d_rne(CPURISCVState *env, uint64_t a, uint64_t b,
                                  uint64_t c, uint32_t insn)
{
    double x = fp_d(a), y = fp_d(b), z = fp_d(c), r;

    if (FMA_NEG_PROD(insn)) {
        x = -x;
    }
    if (FMA_NEG_ADD(insn)) {
        z = -z;
    }
    r = fp_rne_d(env, FOP_FMA, x, y, z);
    if (__builtin_isnan(r) && fp_fma_inf_zero(x, y)) {
        env->fflags |= FF_NV;
    }
    return fp_ret_d(r);
}

/* ---- min/max, compare, classify (exact: no host flags involved) ----- */

/*
 * FMIN/FMAX (insn rm field 0/1): IEEE 754-2019 minimumNumber/
 * maximumNumber: a NaN operand is ignored unless both are NaNs (then
 * the canonical NaN), a signalling NaN raises NV, -0 < +0.
 */
uint64_t helper_riscv_fminmax_s(CPURISCVState *env, uint64_t a, uint64_t b,
                                uint32_t insn)
{
    uint32_t x = fp_unbox(a), y = fp_unbox(b);
    bool max = (insn >> 12) & 1;
    bool xn = fp_is_nan_s(x), yn = fp_is_nan_s(y);
    float fx, fy;

    if (xn || yn) {
        if (fp_is_snan_s(x) || fp_is_snan_s(y)) {
            env->fflags |= FF_NV;
        }
        return NANBOX | (xn && yn ? CANON_S : xn ? y : x);
    }
    memcpy(&fx, &x, 4);
    memcpy(&fy, &y, 4);
    if (fx == fy) {   /* equal values; for +-0 the sign decides */
        return NANBOX | (max ? (x & y) : (x | y));
    }
    return NANBOX | ((fx < fy) != max ? x : y);
}

uint64_t helper_riscv_fminmax_d(CPURISCVState *env, uint64_t a, uint64_t b,
                                uint32_t insn)
{
    bool max = (insn >> 12) & 1;
    bool xn = fp_is_nan_d(a), yn = fp_is_nan_d(b);
    double fx = fp_d(a), fy = fp_d(b);

    if (xn || yn) {
        if (fp_is_snan_d(a) || fp_is_snan_d(b)) {
            env->fflags |= FF_NV;
        }
        return xn && yn ? CANON_D : xn ? b : a;
    }
    if (fx == fy) {
        return max ? (a & b) : (a | b);
    }
    return (fx < fy) != max ? a : b;
}

/* FLE/FLT/FEQ (rm field 0/1/2): FEQ is quiet (NV only for a signalling
 * NaN), FLT and FLE signal NV on any NaN. */
uint64_t helper_riscv_fcmp_s(CPURISCVState *env, uint64_t a, uint64_t b,
                             uint32_t insn)
{
    uint32_t x = fp_unbox(a), y = fp_unbox(b);
    unsigned op = (insn >> 12) & 3;
    float fx, fy;

    if (fp_is_nan_s(x) || fp_is_nan_s(y)) {
        if (op != 2 || fp_is_snan_s(x) || fp_is_snan_s(y)) {
            env->fflags |= FF_NV;
        }
        return 0;
    }
    memcpy(&fx, &x, 4);
    memcpy(&fy, &y, 4);
    return op == 2 ? fx == fy : op == 1 ? fx < fy : fx <= fy;
}

uint64_t helper_riscv_fcmp_d(CPURISCVState *env, uint64_t a, uint64_t b,
                             uint32_t insn)
{
    unsigned op = (insn >> 12) & 3;
    double fx = fp_d(a), fy = fp_d(b);

    if (fp_is_nan_d(a) || fp_is_nan_d(b)) {
        if (op != 2 || fp_is_snan_d(a) || fp_is_snan_d(b)) {
            env->fflags |= FF_NV;
        }
        return 0;
    }
    return op == 2 ? fx == fy : op == 1 ? fx < fy : fx <= fy;
}

/* FCLASS: one of ten bits, from the sign, exponent and fraction fields. */
static uint64_t fp_class(bool neg, bool exp_max, bool exp_zero, bool frac_zero,
                         bool quiet)
{
    if (exp_max) {
        if (frac_zero) {
            return neg ? 1u << 0 : 1u << 7;
        }
        return quiet ? 1u << 9 : 1u << 8;
    }
    if (exp_zero) {
        if (frac_zero) {
            return neg ? 1u << 3 : 1u << 4;
        }
        return neg ? 1u << 2 : 1u << 5;
    }
    return neg ? 1u << 1 : 1u << 6;
}

uint64_t helper_riscv_fclass_s(CPURISCVState *env, uint64_t a)
{
    uint32_t x = fp_unbox(a);
    uint32_t e = (x >> 23) & 0xff;

    return fp_class(x >> 31, e == 0xff, e == 0, !(x & 0x7fffff),
                    x & 0x400000);
}

uint64_t helper_riscv_fclass_d(CPURISCVState *env, uint64_t a)
{
    uint64_t e = (a >> 52) & 0x7ff;

    return fp_class(a >> 63, e == 0x7ff, e == 0, !(a & 0xfffffffffffffull),
                    (a >> 51) & 1);
}

/* ---- conversions ------------------------------------------------------ */

/*
 * Float to integer (insn rs2: 0 W, 1 WU, 2 L, 3 LU). x (a single widens
 * exactly) is rounded to an integral value with the libm function of the
 * mode, which needs no host rounding mode; out-of-range values and NaNs
 * saturate (NaN as +overflow) with NV and no NX. 32-bit results are
 * sign-extended, WU included.
 */
static uint64_t fp_to_int(CPURISCVState *env, double x, unsigned rm,
                          unsigned type)
{
    static const double lo[4] = { -0x1p31, 0, -0x1p63, 0 };
    static const double hi[4] = { 0x1p31, 0x1p32, 0x1p63, 0x1p64 };
    static const uint64_t min[4] = { (uint64_t)INT32_MIN, 0, (uint64_t)INT64_MIN, 0 };
    static const uint64_t max[4] = { INT32_MAX, UINT64_MAX, INT64_MAX, UINT64_MAX };
    double r;

    type &= 3;
    if (__builtin_isnan(x)) {
        env->fflags |= FF_NV;
        return max[type];
    }
    switch (rm) {
    case RM_RNE:
        r = roundeven(x);
        break;
    case RM_RTZ:
        r = trunc(x);
        break;
    case RM_RDN:
        r = floor(x);
        break;
    case RM_RUP:
        r = ceil(x);
        break;
    default:
        r = round(x);   /* RMM: ties away from zero */
        break;
    }
    if (!(r >= lo[type] && r < hi[type])) {
        env->fflags |= FF_NV;
        return r < 0 ? min[type] : max[type];
    }
    if (r != x) {
        env->fflags |= FF_NX;
    }
    switch (type) {
    case 0:
        return (uint64_t)(int64_t)(int32_t)r;
    case 1:
        return (uint64_t)(int64_t)(int32_t)(uint32_t)r;
    case 2:
        return (uint64_t)(int64_t)r;
    default:
        return (uint64_t)r;
    }
}

uint64_t helper_riscv_fcvt_i_s(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    float x = fp_s(a);

    /* NaNs (signalling or not) saturate with NV in fp_to_int */
    return fp_to_int(env, __builtin_isnan(x) ? NAN : (double)x, rm,
                     (insn >> 20) & 3);
}

uint64_t helper_riscv_fcvt_i_d(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);

    return fp_to_int(env, fp_d(a), rm, (insn >> 20) & 3);
}

/* The integer operand of FCVT.[SD].{W,WU,L,LU}, exact in long double. */
static long double fp_int_operand(uint64_t v, unsigned type)
{
    switch (type & 3) {
    case 0:
        return (int32_t)v;
    case 1:
        return (uint32_t)v;
    case 2:
        return (int64_t)v;
    default:
        return v;
    }
}

/* The host conversions, fenced (see fp_host_op_d). */
static inline float fp_host_cvt_s_i(uint64_t a, unsigned type)
{
    float r;

    FP_BARRIER_INT(a);
    switch (type) {
    case 0:
        r = (float)(int32_t)a;
        break;
    case 1:
        r = (float)(uint32_t)a;
        break;
    case 2:
        r = (float)(int64_t)a;
        break;
    default:
        r = (float)a;
        break;
    }
    FP_BARRIER(r);
    return r;
}

static inline double fp_host_cvt_d_l(uint64_t a, bool is_signed)
{
    double r;

    FP_BARRIER_INT(a);
    r = is_signed ? (double)(int64_t)a : (double)a;
    FP_BARRIER(r);
    return r;
}

static inline float fp_host_cvt_s_d(double x)
{
    float r;

    FP_BARRIER(x);
    r = (float)x;
    FP_BARRIER(r);
    return r;
}

uint64_t helper_riscv_fcvt_s_i(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    unsigned type = (insn >> 20) & 3;
    float r;

    if (__builtin_expect(rm == RM_RMM, 0)) {
        return fp_ret_s((float)fp_round_rmm(env, fp_int_operand(a, type),
                                            false, &fp_fmt_s));
    }
    if (rm == RM_RNE) {
        FP_RNE_EVAL(env, r, fp_host_cvt_s_i(a, type));
        return fp_ret_s(r);
    }
    fp_begin(env, rm);
    r = fp_host_cvt_s_i(a, type);
    fp_end(env, rm);
    return fp_ret_s(r);
}

uint64_t helper_riscv_fcvt_d_i(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    unsigned type = (insn >> 20) & 3;
    double r;

    if (type < 2) {   /* 32-bit integers are exact in double */
        return fp_bits_d(type ? (double)(uint32_t)a : (double)(int32_t)a);
    }
    if (__builtin_expect(rm == RM_RMM, 0)) {
        return fp_ret_d((double)fp_round_rmm(env, fp_int_operand(a, type),
                                             false, &fp_fmt_d));
    }
    if (rm == RM_RNE) {
        FP_RNE_EVAL(env, r, fp_host_cvt_d_l(a, type == 2));
        return fp_bits_d(r);
    }
    fp_begin(env, rm);
    r = fp_host_cvt_d_l(a, type == 2);
    fp_end(env, rm);
    return fp_bits_d(r);
}

/* FCVT.S.D: rounds (OF, UF, NX); a NaN gives the canonical NaN, NV if
 * signalling. */
uint64_t helper_riscv_fcvt_s_d(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    unsigned rm = FP_RM(env, insn);
    double x = fp_d(a);
    float r;

    if (fp_is_nan_d(a)) {
        if (fp_is_snan_d(a)) {
            env->fflags |= FF_NV;
        }
        return NANBOX | CANON_S;
    }
    if (__builtin_expect(rm == RM_RMM, 0)) {
        return fp_ret_s((float)fp_round_rmm(env, x, false, &fp_fmt_s));
    }
    if (rm == RM_RNE) {
        FP_RNE_EVAL(env, r, fp_host_cvt_s_d(x));
        return fp_ret_s(r);
    }
    fp_begin(env, rm);
    r = fp_host_cvt_s_d(x);
    fp_end(env, rm);
    return fp_ret_s(r);
}

/* FCVT.D.S: exact; NaNs as for FCVT.S.D. */
uint64_t helper_riscv_fcvt_d_s(CPURISCVState *env, uint64_t a, uint32_t insn)
{
    uint32_t w = fp_unbox(a);
    float x;

    (void)FP_RM(env, insn);   /* rm = 7 with an invalid frm is illegal */
    if (fp_is_nan_s(w)) {
        if (fp_is_snan_s(w)) {
            env->fflags |= FF_NV;
        }
        return CANON_D;
    }
    memcpy(&x, &w, 4);
    return fp_bits_d((double)x);
}

/* ---- helper descriptions ----------------------------------------------- */

/* SIG_Rn: result, env, n - 1 operands, insn (nb_args n + 1) */
#define T(slot, t) TCG_HELPER_TYPE(slot, TCG_HELPER_##t)
#define SIG_R2 (T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I32))
#define SIG_R3 (T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I32))
#define SIG_R4 (T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I64) | \
                T(5, I32))

/*
 * [0]: static rounding mode: the helper cannot raise and touches no TCG
 * global (operands by value, fflags/frm are not globals). [1]: rm = 7:
 * may raise an illegal instruction, so globals must be synced before.
 * [2]: rm = RNE, where the operation has a variant for it (func NULL
 * otherwise); like [0], and without the insn argument but for FMA.
 */
#define FP_INFO_STATIC(fn, sig, n)                                          \
    { .func = (void *)helper_riscv_##fn, .name = "riscv_" #fn,              \
      .typemask = sig, .nb_args = n,                                        \
      .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS }
#define FP_INFO_DYN(fn, sig, n)                                             \
    { .func = (void *)helper_riscv_##fn, .name = "riscv_" #fn "_dyn",       \
      .typemask = sig, .nb_args = n, .flags = TCG_CALL_NO_WRITE_GLOBALS }
#define FP_INFO2(fn, sig, n)                                                \
const TCGHelperInfo helper_info_riscv_##fn[3] = {                           \
    FP_INFO_STATIC(fn, sig, n), FP_INFO_DYN(fn, sig, n), { .func = NULL },  \
}
#define FP_INFO3(fn, sig, n, sig_rne, n_rne)                                \
const TCGHelperInfo helper_info_riscv_##fn[3] = {                           \
    FP_INFO_STATIC(fn, sig, n), FP_INFO_DYN(fn, sig, n),                    \
    FP_INFO_STATIC(fn##_rne, sig_rne, n_rne),                               \
}
#define SIG_RNE1 (T(0, I64) | T(1, PTR) | T(2, I64))
#define SIG_RNE2 (T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64))

FP_INFO3(fadd_s, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fsub_s, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fmul_s, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fdiv_s, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fsqrt_s, SIG_R2, 3, SIG_RNE1, 2);
FP_INFO3(fmadd_s, SIG_R4, 5, SIG_R4, 5);
FP_INFO3(fadd_d, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fsub_d, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fmul_d, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fdiv_d, SIG_R3, 4, SIG_RNE2, 3);
FP_INFO3(fsqrt_d, SIG_R2, 3, SIG_RNE1, 2);
FP_INFO3(fmadd_d, SIG_R4, 5, SIG_R4, 5);
FP_INFO2(fcvt_i_s, SIG_R2, 3);
FP_INFO2(fcvt_i_d, SIG_R2, 3);
FP_INFO2(fcvt_s_i, SIG_R2, 3);
FP_INFO2(fcvt_d_i, SIG_R2, 3);
FP_INFO2(fcvt_s_d, SIG_R2, 3);
FP_INFO2(fcvt_d_s, SIG_R2, 3);

/* No rounding mode: never raise, touch no global. */
#define FP_INFO1(fn, sig, n, extra)                                         \
const TCGHelperInfo helper_info_riscv_##fn = {                              \
    .func = (void *)helper_riscv_##fn, .name = "riscv_" #fn,                \
    .typemask = sig, .nb_args = n,                                          \
    .flags = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS | extra,  \
}

FP_INFO1(fminmax_s, SIG_R3, 4, 0);
FP_INFO1(fminmax_d, SIG_R3, 4, 0);
FP_INFO1(fcmp_s, SIG_R3, 4, 0);
FP_INFO1(fcmp_d, SIG_R3, 4, 0);
FP_INFO1(fclass_s, T(0, I64) | T(1, PTR) | T(2, I64), 2,
         TCG_CALL_NO_SIDE_EFFECTS);
FP_INFO1(fclass_d, T(0, I64) | T(1, PTR) | T(2, I64), 2,
         TCG_CALL_NO_SIDE_EFFECTS);
