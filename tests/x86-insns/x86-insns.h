/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared pieces of the x86 instruction test: every case runs one
 * instruction form (inline asm) on chosen inputs and prints one line with
 * the inputs, outputs and arithmetic flags, in hex, with the flags the SDM
 * leaves undefined shown as '?'. The output must be the same natively and
 * under an emulator; so nothing address- or time-dependent is printed.
 *
 * Built with -mno-red-zone: the asm bodies push/pop the flags.
 */
#ifndef TESTS_X86_INSNS_H
#define TESTS_X86_INSNS_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Arithmetic flag bits of RFLAGS. */
#define F_CF 0x001u
#define F_PF 0x004u
#define F_AF 0x010u
#define F_ZF 0x040u
#define F_SF 0x080u
#define F_OF 0x800u
#define F_ALL (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF)
/* Bit 1 is always set; IF is kept as the kernel has it. */
#define F_BASE 0x202u

/* The registers a GPR case may read and write (fixed bindings). */
struct gpr {
    uint64_t a, b, c, d, si, di;
    uint64_t fl;
    uint64_t m[4] __attribute__((aligned(16))); /* memory operand (si/di) */
};

/* What gpr_case prints: the registers (in and out), the memory cell m[0]
 * (or all of m[] with R_M4), the flags; R_A_UNDEF prints a's output as
 * '?' (the SDM leaves it undefined). */
enum {
    R_A = 1, R_B = 2, R_C = 4, R_D = 8, R_M = 16, R_M4 = 32, R_FL = 64,
    R_A_UNDEF = 128,
};

typedef void (*GprFn)(struct gpr *g);

/*
 * A function running BODY with rax/rbx/rcx/rdx/rsi/rdi bound to the
 * operands [a] [b] [c] [d] [si] [di] and the arithmetic flags loaded
 * from, then saved to, g->fl. Only registers are operands: the stack
 * pointer moves while the flags are pushed.
 */
#define GPR_INSN(fn, body)                                                   \
    static void __attribute__((noinline)) fn(struct gpr *g)                  \
    {                                                                        \
        uint64_t a = g->a, b = g->b, c = g->c, d = g->d;                     \
        uint64_t si = g->si, di = g->di, fl = g->fl;                         \
        asm volatile("push %[fl]\n\tpopfq\n\t" body                          \
                     "\n\tpushfq\n\tpop %[fl]\n\tcld"                        \
                     : [a] "+a"(a), [b] "+b"(b), [c] "+c"(c), [d] "+d"(d),   \
                       [si] "+S"(si), [di] "+D"(di), [fl] "+r"(fl)           \
                     :                                                       \
                     : "cc", "memory", "r8", "r9");                          \
        g->a = a; g->b = b; g->c = c; g->d = d;                              \
        g->si = si; g->di = di; g->fl = fl;                                  \
    }

/* 128-bit vector value, printed high quadword first. */
typedef struct {
    uint64_t q[2];
} __attribute__((aligned(16))) V128;

/*
 * SSE state of one case: xmm0..xmm2 in and out, a GPR operand, a memory
 * operand (pointed to by [m]), MXCSR in and out, flags out.
 */
struct xmm {
    V128 x[3];
    V128 mem;
    uint64_t g;
    uint64_t fl;
    uint32_t mxcsr_in, mxcsr_out;
};

typedef void (*XmmFn)(struct xmm *s);

/*
 * BODY runs with xmm0..xmm2 loaded from s->x[], MXCSR from s->mxcsr_in,
 * [g] bound to a GPR and [m] to a register pointing at s->mem; the flags
 * are saved before anything touches memory through the stack pointer.
 */
#define XMM_INSN(fn, body)                                                   \
    static void __attribute__((noinline)) fn(struct xmm *s)                  \
    {                                                                        \
        uint64_t g = s->g, fl;                                               \
        V128 *m = &s->mem;                                                   \
        struct xmm *p = s;                                                   \
        asm volatile("ldmxcsr %c[mi](%[p])\n\t"                                 \
                     "movdqu 0(%[p]), %%xmm0\n\t"                            \
                     "movdqu 16(%[p]), %%xmm1\n\t"                           \
                     "movdqu 32(%[p]), %%xmm2\n\t"                           \
                     "push $0x202\n\tpopfq\n\t" body                         \
                     "\n\tpushfq\n\tpop %[fl]\n\t"                           \
                     "movdqu %%xmm0, 0(%[p])\n\t"                            \
                     "movdqu %%xmm1, 16(%[p])\n\t"                           \
                     "movdqu %%xmm2, 32(%[p])\n\t"                           \
                     "stmxcsr %c[mo](%[p])"                                  \
                     : [g] "+r"(g), [fl] "=&r"(fl)                           \
                     : [p] "r"(p), [m] "r"(m),                               \
                       [mi] "i"(offsetof(struct xmm, mxcsr_in)),             \
                       [mo] "i"(offsetof(struct xmm, mxcsr_out))             \
                     : "cc", "memory", "xmm0", "xmm1", "xmm2", "rax", "rcx", \
                       "rdx", "rdi");                                        \
        s->g = g;                                                            \
        s->fl = fl;                                                          \
    }

/* What xmm_case prints (in and out): xmm0..2, the GPR, the memory operand;
 * X_FL the arithmetic flags out; MXCSR always. */
enum {
    X_0 = 1, X_1 = 2, X_2 = 4, X_G = 8, X_M = 16, X_FL = 32,
};
/* Runs FN on a copy of IN under the signal handlers and prints a line. */
void xmm_case(const char *name, XmmFn fn, const struct xmm *in,
              unsigned what, uint32_t undef);
/* MXCSR with all exceptions masked, rounding mode RC (0-3), and FTZ+DAZ
 * when RC is 4. */
uint32_t mxcsr_mode(unsigned rc);
const char *const *rc_names(void);

/* main.c */
extern unsigned long case_count;
/* "C-A-S-": set flags by letter, clear ones '-', undefined ones '?'. */
const char *flags_str(uint64_t fl, uint32_t undefined);
/* The low WIDTH bits of V, as many hex digits as WIDTH needs. */
const char *hexw(uint64_t v, unsigned width);
const char *hex128(const V128 *v);
/* One output line: counts the case. */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Size suffix letter for 8/16/32/64. */
char width_suffix(unsigned width);
uint64_t width_mask(unsigned width);
/* Edge-case operands of WIDTH bits, garbage above WIDTH (upper-bit checks). */
#define N_EDGE 8
uint64_t edge_value(unsigned i, unsigned width);
#define UPPER_JUNK 0xa5c3f00df00dc3a5ull

/* faults.c: run FN under SIGFPE/SIGILL/SIGSEGV/SIGBUS/SIGTRAP handlers.
 * Returns 0 when it ran, else the signal number, with the siginfo's
 * si_code and the faulting RIP in *code / *rip. */
int run_trapping(void (*fn)(void *), void *arg, int *code, uint64_t *rip,
                 uint64_t *addr);

/* Runs FN on a copy of IN (trapping signals) and prints one line:
 * NAME, the inputs, "->", the outputs or the signal; flags in UNDEF as '?'. */
void gpr_case(const char *name, GprFn fn, const struct gpr *in,
              unsigned regs, uint32_t undef);
/* A printable name: snprintf into a static buffer. */
const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

/* CPU features (cpuid.c). */
enum feature {
    FEAT_NONE, FEAT_CX16, FEAT_POPCNT, FEAT_LZCNT, FEAT_MOVBE, FEAT_BMI1,
    FEAT_BMI2, FEAT_ADX, FEAT_SSSE3, FEAT_SSE41, FEAT_SSE42,
};
int cpu_has(enum feature f);

/* The groups. */
void group_alu(void);
void group_shift(void);
void group_muldiv(void);
void group_bits(void);
void group_misc(void);
void group_string(void);
void group_cx16(void);
void group_popcnt(void);
void group_lzcnt(void);
void group_movbe(void);
void group_bmi1(void);
void group_bmi2(void);
void group_adx(void);
void group_mmx(void);
void group_sse(void);
void group_sse_int(void);
void group_ssse3(void);
void group_sse41(void);
void group_sse42(void);
void group_x87(void);
void group_faults(void);

#endif
