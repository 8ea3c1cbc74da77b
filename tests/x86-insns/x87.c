/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x87: loads and stores of every size, arithmetic under each rounding
 * and precision control, comparisons (FCOM*, FUCOM*, FCOMI/FUCOMI, FTST,
 * FXAM), FSQRT, FPREM/FPREM1, FSCALE, FXTRACT, FRNDINT, FIST/FISTTP of
 * out-of-range values, constants, stack faults and the transcendental
 * instructions. Each case starts from FNINIT with ST0 = a, ST1 = b and
 * ends with FNSAVE: printed are the status word (condition codes the SDM
 * leaves undefined for that instruction cleared, and named), the tag
 * word, every non-empty register as raw 80-bit bits, the memory operand
 * and EFLAGS (for FCOMI).
 */
#include <string.h>

#include "x86-insns.h"

struct x87 {
    uint8_t m[16];              /* memory operand, at (%[p]) */
    uint8_t a[16];              /* ST0 */
    uint8_t b[16];              /* ST1 */
    uint16_t cw;
    uint16_t pad[7];
    uint8_t save[112];          /* FNSAVE image (108 bytes) */
    uint64_t fl;
};

_Static_assert(offsetof(struct x87, a) == 16, "x87 layout");
_Static_assert(offsetof(struct x87, b) == 32, "x87 layout");
_Static_assert(offsetof(struct x87, cw) == 48, "x87 layout");
_Static_assert(offsetof(struct x87, save) == 64, "x87 layout");

typedef void (*X87Fn)(struct x87 *p);

#define X87_INSN(fn, body)                                                   \
    static void __attribute__((noinline)) fn(struct x87 *p)                  \
    {                                                                        \
        uint64_t fl;                                                         \
        asm volatile("fninit\n\tfldcw 48(%[p])\n\tfldt 32(%[p])\n\t"         \
                     "fldt 16(%[p])\n\tpush $0x202\n\tpopfq\n\t" body        \
                     "\n\tpushfq\n\tpop %[fl]\n\tfnsave 64(%[p])\n\tfninit"  \
                     : [fl] "=&r"(fl)                                        \
                     : [p] "r"(p)                                            \
                     : "cc", "memory", "rax");                               \
        p->fl = fl;                                                          \
    }

/* Status word bits. */
#define SW_C0 0x0100u
#define SW_C1 0x0200u
#define SW_C2 0x0400u
#define SW_C3 0x4000u
#define U_C023 (SW_C0 | SW_C2 | SW_C3)
#define U_C03 (SW_C0 | SW_C3)

struct f80 {
    uint16_t se;
    uint64_t mant;
};

static const struct f80 vals[] = {
    { 0x0000, 0 }, { 0x8000, 0 }, { 0x3fff, 0x8000000000000000ull },
    { 0xbfff, 0xc000000000000000ull }, { 0x4000, 0xc000000000000000ull },
    { 0x4000, 0xc90fdaa22168c235ull }, { 0x3ffd, 0xaaaaaaaaaaaaaaabull },
    { 0x3ffe, 0x8000000000000000ull }, { 0x4000, 0xa000000000000000ull },
    { 0xc000, 0xa000000000000000ull }, { 0x4020, 0x9502f90000000000ull },
    { 0x403e, 0x8000000000000000ull }, { 0xc03e, 0x8000000000000001ull },
    { 0x400e, 0x8001000000000000ull }, { 0x7ffe, 0xffffffffffffffffull },
    { 0x0001, 0x8000000000000000ull }, { 0x0000, 0x0000000000000001ull },
    { 0x7fff, 0x8000000000000000ull }, { 0xffff, 0x8000000000000000ull },
    { 0x7fff, 0xc000000000000000ull }, { 0x7fff, 0xa000000000000000ull },
    { 0xffff, 0xc000000000001234ull }, { 0x3fee, 0xa7c5ac471b478423ull },
    { 0x4045, 0x8000000000000000ull }, { 0x4000, 0x4000000000000000ull },
};
#define N_VALS (sizeof(vals) / sizeof(vals[0]))

static void put80(uint8_t *dst, struct f80 v)
{
    memcpy(dst, &v.mant, 8);
    memcpy(dst + 8, &v.se, 2);
}

static const char *hex80(const uint8_t *src)
{
    uint16_t se;
    uint64_t mant;
    memcpy(&mant, src, 8);
    memcpy(&se, src + 8, 2);
    return fmt("%04x_%016llx", se, (unsigned long long)mant);
}

/* Control words: RC in bits 11:10, PC in 9:8, all exceptions masked. */
static const uint16_t cws[] = { 0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f,
                                0x007f };
static const char *const cw_names[] = { "rn", "rd", "ru", "rz", "pc53",
                                        "pc24" };

static X87Fn current_x87_fn;

static void x87_trampoline(void *p)
{
    current_x87_fn(p);
}

static void x87_case(const char *name, X87Fn fn, unsigned cw_index,
                     unsigned ia, unsigned ib, const uint8_t *mem,
                     unsigned mem_len, uint16_t undef)
{
    struct x87 s;
    char line[900];
    size_t n;
    int code, sig;
    uint64_t rip, addr;

    memset(&s, 0, sizeof(s));
    put80(s.a, vals[ia % N_VALS]);
    put80(s.b, vals[ib % N_VALS]);
    memset(s.m, 0xcc, sizeof(s.m));
    if (mem) {
        memcpy(s.m, mem, mem_len);
    }
    s.cw = cws[cw_index];
    n = (size_t)snprintf(line, sizeof(line), "%s %s a=%s b=%s", name,
                         cw_names[cw_index], hex80(s.a), hex80(s.b));
    if (mem) {
        n += (size_t)snprintf(line + n, sizeof(line) - n, " m=");
        for (unsigned i = 0; i < mem_len; i++) {
            n += (size_t)snprintf(line + n, sizeof(line) - n, "%02x",
                                  s.m[mem_len - 1 - i]);
        }
    }
    current_x87_fn = fn;
    sig = run_trapping(x87_trampoline, &s, &code, &rip, &addr);
    if (sig) {
        asm volatile("fninit");
        out("%s -> signal %d code=%d", line, sig, code);
        return;
    }
    uint16_t sw, tw;
    memcpy(&sw, s.save + 4, 2);
    memcpy(&tw, s.save + 8, 2);
    n += (size_t)snprintf(line + n, sizeof(line) - n, " -> sw=%04x", sw & ~undef);
    if (undef) {
        n += (size_t)snprintf(line + n, sizeof(line) - n, "(%s%s%s%s?)",
                              undef & SW_C0 ? "C0" : "",
                              undef & SW_C1 ? "C1" : "",
                              undef & SW_C2 ? "C2" : "",
                              undef & SW_C3 ? "C3" : "");
    }
    n += (size_t)snprintf(line + n, sizeof(line) - n, " tw=%04x", tw);
    unsigned top = (sw >> 11) & 7;
    for (unsigned i = 0; i < 8; i++) {
        unsigned tag = (tw >> (2 * ((top + i) & 7))) & 3;
        if (tag != 3) {
            n += (size_t)snprintf(line + n, sizeof(line) - n, " st%u=%s", i,
                                  hex80(s.save + 28 + 10 * i));
        }
    }
    n += (size_t)snprintf(line + n, sizeof(line) - n, " m=");
    for (unsigned i = 0; i < 10; i++) {
        n += (size_t)snprintf(line + n, sizeof(line) - n, "%02x", s.m[9 - i]);
    }
    out("%s fl=%s", line, flags_str(s.fl, 0));
}

/* ---- instruction forms -------------------------------------------------- */

X87_INSN(fadd_, "fadd %%st(1), %%st")
X87_INSN(fsub_, "fsub %%st(1), %%st")
X87_INSN(fsubr_, "fsubr %%st(1), %%st")
X87_INSN(fmul_, "fmul %%st(1), %%st")
X87_INSN(fdiv_, "fdiv %%st(1), %%st")
X87_INSN(fdivr_, "fdivr %%st(1), %%st")
X87_INSN(faddp_, "faddp %%st, %%st(1)")
X87_INSN(fsqrt_, "fsqrt")
X87_INSN(frndint_, "frndint")
X87_INSN(fabs_, "fabs")
X87_INSN(fchs_, "fchs")
X87_INSN(fxch_, "fxch %%st(1)")
X87_INSN(fld_st1, "fld %%st(1)")
X87_INSN(fprem_, "fprem")
X87_INSN(fprem1_, "fprem1")
X87_INSN(fscale_, "fscale")
X87_INSN(fxtract_, "fxtract")
X87_INSN(fsin_, "fsin")
X87_INSN(fcos_, "fcos")
X87_INSN(fsincos_, "fsincos")
X87_INSN(fptan_, "fptan")
X87_INSN(fpatan_, "fpatan")
X87_INSN(fyl2x_, "fyl2x")
X87_INSN(fyl2xp1_, "fyl2xp1")
X87_INSN(f2xm1_, "f2xm1")
X87_INSN(fcom_, "fcom %%st(1)")
X87_INSN(fcomp_, "fcomp %%st(1)")
X87_INSN(fcompp_, "fcompp")
X87_INSN(fucom_, "fucom %%st(1)")
X87_INSN(fucompp_, "fucompp")
X87_INSN(fcomi_, "fcomi %%st(1), %%st")
X87_INSN(fucomi_, "fucomi %%st(1), %%st")
X87_INSN(fcomip_, "fcomip %%st(1), %%st")
X87_INSN(fucomip_, "fucomip %%st(1), %%st")
X87_INSN(ftst_, "ftst")
X87_INSN(fxam_, "fxam")
/* FXAM of an empty ST0: C1 is still the sign of the stale register */
X87_INSN(fxam_empty, "ffree %%st(0)\n\tfxam")
X87_INSN(fcmovb_, "fcmovb %%st(1), %%st")
X87_INSN(fcmovnbe_, "fcmovnbe %%st(1), %%st")

/*
 * Operand ranges outside of which the SDM leaves the result undefined:
 * F2XM1 needs -1 <= ST0 <= 1, FYL2XP1 |ST0| < 1 - sqrt(2)/2 (we keep
 * |ST0| < 0.25). NaNs and zeros are in every range.
 */
enum { ANY, UNIT, SMALL };

static int in_range(unsigned i, int range)
{
    unsigned e = vals[i].se & 0x7fff;
    uint64_t mant = vals[i].mant;

    if (range == ANY || e == 0 || (e == 0x7fff && (mant << 1))) {
        return 1;
    }
    if (!(mant >> 63) || e == 0x7fff) {
        return 0;               /* unnormals, infinities */
    }
    if (range == UNIT) {
        return e < 0x3fff || (e == 0x3fff && mant == 1ull << 63);
    }
    return e <= 0x3ffc;
}

static const struct {
    const char *name;
    X87Fn fn;
    uint16_t undef;
    int modes;                  /* run under every control word */
    int range;                  /* of ST0 */
} binary_ops[] = {
    { "fadd", fadd_, U_C023, 1, ANY }, { "fsub", fsub_, U_C023, 1, ANY },
    { "fsubr", fsubr_, U_C023, 0, ANY }, { "fmul", fmul_, U_C023, 1, ANY },
    { "fdiv", fdiv_, U_C023, 1, ANY }, { "fdivr", fdivr_, U_C023, 0, ANY },
    { "faddp", faddp_, U_C023, 0, ANY }, { "fxch", fxch_, U_C023, 0, ANY },
    { "fprem", fprem_, 0, 0, ANY }, { "fprem1", fprem1_, 0, 0, ANY },
    { "fscale", fscale_, U_C023, 1, ANY },
    { "fpatan", fpatan_, U_C023, 0, ANY },
    { "fyl2x", fyl2x_, U_C023, 0, ANY },
    { "fyl2xp1", fyl2xp1_, U_C023, 0, SMALL },
    { "fcom", fcom_, 0, 0, ANY }, { "fcomp", fcomp_, 0, 0, ANY },
    { "fcompp", fcompp_, 0, 0, ANY }, { "fucom", fucom_, 0, 0, ANY },
    { "fucompp", fucompp_, 0, 0, ANY }, { "fcomi", fcomi_, 0, 0, ANY },
    { "fucomi", fucomi_, 0, 0, ANY }, { "fcomip", fcomip_, 0, 0, ANY },
    { "fucomip", fucomip_, 0, 0, ANY },
};

static const struct {
    const char *name;
    X87Fn fn;
    uint16_t undef;
    int modes;
    int range;
} unary_ops[] = {
    { "fsqrt", fsqrt_, U_C023, 1, ANY }, { "frndint", frndint_, U_C023, 1, ANY },
    { "fabs", fabs_, U_C023, 0, ANY }, { "fchs", fchs_, U_C023, 0, ANY },
    { "fxtract", fxtract_, U_C023, 0, ANY }, { "fsin", fsin_, U_C03, 0, ANY },
    { "fcos", fcos_, U_C03, 0, ANY }, { "fsincos", fsincos_, U_C03, 0, ANY },
    { "fptan", fptan_, U_C03, 0, ANY }, { "f2xm1", f2xm1_, U_C023, 0, UNIT },
    { "ftst", ftst_, 0, 0, ANY }, { "fxam", fxam_, 0, 0, ANY },
    { "fld st1", fld_st1, U_C023, 0, ANY },
    { "fcmovb", fcmovb_, U_C023, 0, ANY }, { "fcmovnbe", fcmovnbe_, U_C023, 0, ANY },
};

/* loads: the memory operand pushed on top of a and b */
X87_INSN(flds_, "flds (%[p])")
X87_INSN(fldl_, "fldl (%[p])")
X87_INSN(fldt_, "fldt (%[p])")
X87_INSN(filds_, "filds (%[p])")
X87_INSN(fildl_, "fildl (%[p])")
X87_INSN(fildll_, "fildll (%[p])")
X87_INSN(fbld_, "fbld (%[p])")
X87_INSN(fadds_m, "fadds (%[p])")
X87_INSN(fmull_m, "fmull (%[p])")
X87_INSN(fidivl_m, "fidivl (%[p])")
X87_INSN(fisubs_m, "fisubs (%[p])")
X87_INSN(fcoms_m, "fcoms (%[p])")
X87_INSN(ficompl_m, "ficompl (%[p])")
/* stores */
X87_INSN(fsts_, "fsts (%[p])")
X87_INSN(fstl_, "fstl (%[p])")
X87_INSN(fstpt_, "fstpt (%[p])")
X87_INSN(fists_, "fists (%[p])")
X87_INSN(fistl_, "fistl (%[p])")
X87_INSN(fistpll_, "fistpll (%[p])")
X87_INSN(fisttps_, "fisttps (%[p])")
X87_INSN(fisttpl_, "fisttpl (%[p])")
X87_INSN(fisttpll_, "fisttpll (%[p])")
X87_INSN(fbstp_, "fbstp (%[p])")
X87_INSN(fst_st2, "fst %%st(2)")

static const struct {
    const char *name;
    X87Fn fn;
    unsigned len;               /* memory operand bytes */
    uint16_t undef;
} load_ops[] = {
    { "flds", flds_, 4, U_C023 }, { "fldl", fldl_, 8, U_C023 },
    { "fldt", fldt_, 10, U_C023 }, { "filds", filds_, 2, U_C023 },
    { "fildl", fildl_, 4, U_C023 }, { "fildll", fildll_, 8, U_C023 },
    { "fbld", fbld_, 10, U_C023 }, { "fadds m", fadds_m, 4, U_C023 },
    { "fmull m", fmull_m, 8, U_C023 }, { "fidivl m", fidivl_m, 4, U_C023 },
    { "fisubs m", fisubs_m, 2, U_C023 }, { "fcoms m", fcoms_m, 4, 0 },
    { "ficompl m", ficompl_m, 4, 0 },
};

static const struct {
    const char *name;
    X87Fn fn;
    uint16_t undef;
} store_ops[] = {
    { "fsts", fsts_, U_C023 }, { "fstl", fstl_, U_C023 },
    { "fstpt", fstpt_, U_C023 }, { "fists", fists_, U_C023 },
    { "fistl", fistl_, U_C023 }, { "fistpll", fistpll_, U_C023 },
    { "fisttps", fisttps_, U_C023 }, { "fisttpl", fisttpl_, U_C023 },
    { "fisttpll", fisttpll_, U_C023 }, { "fbstp", fbstp_, U_C023 },
    { "fst st2", fst_st2, U_C023 },
};

X87_INSN(fld1_, "fld1")
X87_INSN(fldz_, "fldz")
X87_INSN(fldpi_, "fldpi")
X87_INSN(fldl2e_, "fldl2e")
X87_INSN(fldl2t_, "fldl2t")
X87_INSN(fldlg2_, "fldlg2")
X87_INSN(fldln2_, "fldln2")
/* stack overflow: six more pushes onto the two; underflow: pop both, add */
X87_INSN(overflow_, "fld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1")
X87_INSN(underflow_, "fstp %%st(0)\n\tfstp %%st(0)\n\tfadd %%st(1), %%st")
X87_INSN(ffree_, "ffree %%st(1)\n\tfdecstp\n\tfincstp")
/* stores FCOM's status word (all of C0..C3 defined) */
X87_INSN(fnstsw_ax, "fcom %%st(1)\n\tfnstsw %%ax\n\tmovw %%ax, (%[p])")
X87_INSN(fnstcw_, "fnstcw (%[p])")
X87_INSN(fldcw_round, "fldcw (%[p])\n\tfrndint")
X87_INSN(fwait_, "fdiv %%st(1), %%st\n\tfwait")

static void x87_memory_values(unsigned i, unsigned len, int is_bcd,
                              uint8_t *m)
{
    static const uint64_t ints[] = {
        0, 1, ~0ull, 0x7fff, 0x8000, 0x7fffffff, 0x80000000,
        0x7fffffffffffffffull, 0x8000000000000000ull, 0x123456789abcdefull,
    };
    static const uint32_t f32v[] = {
        0x3f800000, 0x00000001, 0x7f800000, 0x7fa00000, 0xff800000,
        0x3eaaaaab, 0x80000000, 0x7fc00000, 0x00800000, 0x4b800001,
    };
    static const uint64_t f64v[] = {
        0x3ff0000000000000ull, 0x0000000000000001ull, 0x7ff0000000000000ull,
        0x7ff4000000000000ull, 0xfff0000000000000ull, 0x3fd5555555555555ull,
        0x8000000000000000ull, 0x7ff8000000000000ull, 0x0010000000000000ull,
        0x4340000000000001ull,
    };
    static const uint8_t bcd[][10] = {
        { 0x01 }, { 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0x99, 0 },
        { 0x45, 0x23, 0x01, 0, 0, 0, 0, 0, 0, 0x80 }, { 0 },
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 },
    };
    memset(m, 0, 10);
    if (is_bcd) {
        memcpy(m, bcd[i % 5], 10);
    } else if (len == 10) {
        put80(m, vals[(i * 3) % N_VALS]);
    } else if (len == 4 && (i & 1)) {
        memcpy(m, &f32v[i % 10], 4);
    } else if (len == 8 && (i & 1)) {
        memcpy(m, &f64v[i % 10], 8);
    } else {
        memcpy(m, &ints[i % 10], len);
    }
}

/* Control word with ZE unmasked, for the #MF case: reported separately
 * so the line says which exception was unmasked. */
X87_INSN(unmasked_zero, "fldcw (%[p])\n\tfdiv %%st(1), %%st\n\tfwait")
X87_INSN(unmasked_invalid, "fldcw (%[p])\n\tfsqrt\n\tfwait")

static void x87_unmasked(void)
{
    uint8_t zm[2] = { 0x7b, 0x03 }, im[2] = { 0x7e, 0x03 };
    x87_case("fdiv 1/0 ZE unmasked", unmasked_zero, 0, 2, 0, zm, 2, U_C023);
    x87_case("fsqrt -1.5 IE unmasked", unmasked_invalid, 0, 3, 0, im, 2,
             U_C023);
}

void group_x87(void)
{
    for (unsigned o = 0; o < sizeof(binary_ops) / sizeof(binary_ops[0]); o++) {
        unsigned modes = binary_ops[o].modes ? 6 : 1;
        for (unsigned c = 0; c < modes; c++) {
            for (unsigned i = 0; i < N_VALS; i++) {
                if (!in_range(i, binary_ops[o].range)) {
                    continue;
                }
                for (unsigned j = 0; j < N_VALS; j++) {
                    x87_case(binary_ops[o].name, binary_ops[o].fn, c, i, j,
                             NULL, 0, binary_ops[o].undef);
                }
            }
        }
    }
    for (unsigned o = 0; o < sizeof(unary_ops) / sizeof(unary_ops[0]); o++) {
        unsigned modes = unary_ops[o].modes ? 6 : 1;
        for (unsigned c = 0; c < modes; c++) {
            for (unsigned i = 0; i < N_VALS; i++) {
                if (!in_range(i, unary_ops[o].range)) {
                    continue;
                }
                x87_case(unary_ops[o].name, unary_ops[o].fn, c, i, 2, NULL,
                         0, unary_ops[o].undef);
            }
        }
    }
    for (unsigned o = 0; o < sizeof(load_ops) / sizeof(load_ops[0]); o++) {
        for (unsigned c = 0; c < 4; c++) {
            for (unsigned i = 0; i < 10; i++) {
                uint8_t m[10];
                /* FBLD: the SDM leaves invalid BCD digits undefined */
                x87_memory_values(i, load_ops[o].len,
                                  load_ops[o].fn == fbld_, m);
                x87_case(load_ops[o].name, load_ops[o].fn, c, 5, 2, m,
                         load_ops[o].len, load_ops[o].undef);
            }
        }
    }
    for (unsigned o = 0; o < sizeof(store_ops) / sizeof(store_ops[0]); o++) {
        for (unsigned c = 0; c < 6; c++) {
            for (unsigned i = 0; i < N_VALS; i++) {
                x87_case(store_ops[o].name, store_ops[o].fn, c, i, 2, NULL, 0,
                         store_ops[o].undef);
            }
        }
    }
    static const struct { const char *name; X87Fn fn; } consts[] = {
        { "fld1", fld1_ }, { "fldz", fldz_ }, { "fldpi", fldpi_ },
        { "fldl2e", fldl2e_ }, { "fldl2t", fldl2t_ }, { "fldlg2", fldlg2_ },
        { "fldln2", fldln2_ }, { "stack overflow", overflow_ },
        { "stack underflow", underflow_ }, { "ffree", ffree_ },
    };
    for (unsigned o = 0; o < sizeof(consts) / sizeof(consts[0]); o++) {
        for (unsigned c = 0; c < 6; c++) {
            x87_case(consts[o].name, consts[o].fn, c, 2, 4, NULL, 0, U_C023);
        }
    }
    /* FNSTCW and FNSTSW leave all four condition codes undefined; the
     * stored status word holds FCOM's */
    for (unsigned c = 0; c < 6; c++) {
        x87_case("fnstcw", fnstcw_, c, 2, 4, NULL, 0, U_C023 | SW_C1);
    }
    for (unsigned i = 0; i < N_VALS; i++) {
        x87_case("fxam empty", fxam_empty, 0, i, i, NULL, 0, 0);
        x87_case("fcom; fnstsw ax", fnstsw_ax, 0, i, (i + 5) % N_VALS, NULL,
                 0, U_C023 | SW_C1);
    }
    /* FLDCW from memory switches the rounding of the next instruction */
    for (unsigned rc = 0; rc < 4; rc++) {
        uint8_t m[2] = { 0x7f, (uint8_t)(0x03 | rc << 2) };
        for (unsigned i = 6; i < 10; i++) {
            x87_case("fldcw; frndint", fldcw_round, 0, i, 2, m, 2, U_C023);
        }
    }
    /* unmasked exceptions are taken at the next waiting instruction */
    for (unsigned c = 0; c < 2; c++) {
        x87_case("fdiv 1/0; fwait (masked)", fwait_, c, 2, 0, NULL, 0, U_C023);
    }
    x87_unmasked();
}

