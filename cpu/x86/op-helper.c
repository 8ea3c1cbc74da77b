/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Run-time helpers of the x86 front end. Guest memory is host memory at
 * guest_base + addr (user mode), so the LOCK-prefixed operations are host
 * __atomic operations on that address: atomic against every other guest
 * thread, which runs on its own host thread.
 */
#include <stdbool.h>
#include <sys/random.h>
#include <time.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-exec.h"
#include "cpu/x86/cc.h"
#include "cpu/x86/helper.h"

#define HELPER_INFO(n, nargs, fl, mask) \
    const TCGHelperInfo helper_info_x86_##n = { \
        .func = (void *)helper_x86_##n, .name = "x86_" #n, \
        .typemask = (mask), .flags = (fl), .nb_args = (nargs), \
    }
#define T(slot, t) TCG_HELPER_TYPE(slot, TCG_HELPER_##t)
#define PURE (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS | \
              TCG_CALL_NO_SIDE_EFFECTS)

static uint64_t size_mask(int ot)
{
    return ot == 3 ? ~0ull : (1ull << (8u << ot)) - 1;
}

static int64_t sext(uint64_t v, int ot)
{
    unsigned sh = 64 - (8u << ot);

    return (int64_t)(v << sh) >> sh;
}

void helper_x86_raise_exception(X86CPUState *env, uint32_t excp)
{
    (void)env;
    tcg_raise_exception(tcg_current_cpu(), (int)excp, 0);
}

uint64_t helper_x86_cc_compute_all(uint32_t cc_op, uint64_t dst,
                                   uint64_t src, uint64_t src2)
{
    return x86_cc_compute_all(cc_op, dst, src, src2);
}

static void __attribute__((noreturn)) raise_de(X86CPUState *env)
{
    helper_x86_raise_exception(env, X86_EXCP_DE);
}

void helper_x86_div(X86CPUState *env, uint64_t divisor, uint32_t op)
{
    int ot = op & 3;
    bool is_signed = op & 4;
    uint64_t *rax = &env->regs[R_EAX], *rdx = &env->regs[R_EDX];
    unsigned bits = 8u << ot;
    unsigned __int128 num;
    uint64_t mask = size_mask(ot);

    divisor &= mask;
    if (divisor == 0) {
        raise_de(env);
    }
    if (ot == 0) {
        num = *rax & 0xffff;
    } else {
        num = ((unsigned __int128)(*rdx & mask) << bits) | (*rax & mask);
    }
    uint64_t q, r;
    if (!is_signed) {
        unsigned __int128 q128 = num / divisor;

        if (q128 > mask) {
            raise_de(env);
        }
        q = (uint64_t)q128;
        r = (uint64_t)(num % divisor);
    } else {
        /* sign-extend the 2*bits dividend */
        __int128 n;
        __int128 d = sext(divisor, ot);

        if (ot == 3) {
            n = (__int128)num;
        } else {
            unsigned sh = 128 - 2 * bits;
            n = (__int128)(num << sh) >> sh;
        }
        if (ot == 3 && n == (__int128)((unsigned __int128)1 << 127) && d == -1) {
            raise_de(env);   /* the one quotient __int128 cannot hold */
        }
        __int128 q128 = n / d;
        __int128 lim = (__int128)1 << (bits - 1);

        if (q128 >= lim || q128 < -lim) {
            raise_de(env);
        }
        q = (uint64_t)q128 & mask;
        r = (uint64_t)(n % d) & mask;
    }
    switch (ot) {
    case 0:
        *rax = (*rax & ~0xffffull) | (r << 8) | q;
        break;
    case 1:
        *rax = (*rax & ~0xffffull) | q;
        *rdx = (*rdx & ~0xffffull) | r;
        break;
    default:     /* 32-bit writes zero-extend */
        *rax = q;
        *rdx = r;
        break;
    }
}

static void *host_addr(uint64_t addr)
{
    return (void *)(uintptr_t)(guest_base + addr);
}

/*
 * Specialised LOCK read-modify-write helpers, one per operation and
 * size, picked by the translator (x86_lock_rmw_helper): no dispatch at
 * run time, and the operations the host has a single instruction for
 * (ADD/SUB: LOCK XADD, XCHG) use it instead of a compare-and-swap loop,
 * which under contention takes the cache line twice (load, then CAS) and
 * may retry. Each returns the old value; the translator derives the
 * result and the lazy flags from it. carry is ADC/SBB's carry in.
 */
#define LOCK_FETCH(name, type, fetch) \
    static uint64_t helper_x86_lock_##name(uint64_t addr, uint64_t val, \
                                           uint64_t carry) \
    { \
        (void)carry; \
        return fetch((type *)host_addr(addr), (type)val, __ATOMIC_SEQ_CST); \
    }
#define LOCK_CAS(name, type, expr) \
    static uint64_t helper_x86_lock_##name(uint64_t addr, uint64_t val, \
                                           uint64_t carry) \
    { \
        type *p = host_addr(addr), o = __atomic_load_n(p, __ATOMIC_RELAXED); \
        (void)val; \
        (void)carry; \
        while (!__atomic_compare_exchange_n(p, &o, (type)(expr), false, \
                                            __ATOMIC_SEQ_CST, \
                                            __ATOMIC_RELAXED)) { \
        } \
        return o; \
    }
#define LOCK_SIZES(op, how, arg) \
    how(op##8, uint8_t, arg) how(op##16, uint16_t, arg) \
    how(op##32, uint32_t, arg) how(op##64, uint64_t, arg)

LOCK_SIZES(add, LOCK_FETCH, __atomic_fetch_add)
LOCK_SIZES(sub, LOCK_FETCH, __atomic_fetch_sub)
LOCK_SIZES(or, LOCK_FETCH, __atomic_fetch_or)
LOCK_SIZES(and, LOCK_FETCH, __atomic_fetch_and)
LOCK_SIZES(xor, LOCK_FETCH, __atomic_fetch_xor)
LOCK_SIZES(xchg, LOCK_FETCH, __atomic_exchange_n)
LOCK_SIZES(adc, LOCK_CAS, o + val + (carry & 1))
LOCK_SIZES(sbb, LOCK_CAS, o - val - (carry & 1))
LOCK_SIZES(neg, LOCK_CAS, -o)

#define CMPXCHG_SIZED(bits) \
    static uint64_t helper_x86_cmpxchg##bits(uint64_t addr, uint64_t expected, \
                                             uint64_t newval) \
    { \
        uint##bits##_t e = (uint##bits##_t)expected; \
        __atomic_compare_exchange_n((uint##bits##_t *)host_addr(addr), &e, \
                                    (uint##bits##_t)newval, false, \
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
        return e; \
    }
CMPXCHG_SIZED(8)
CMPXCHG_SIZED(16)
CMPXCHG_SIZED(32)
CMPXCHG_SIZED(64)

/* They may fault (host SIGSEGV): the globals are in env before the call. */
#define RMW_INFO(n) { \
        .func = (void *)helper_x86_##n, .name = "x86_" #n, \
        .typemask = T(0, I64) | T(1, I64) | T(2, I64) | T(3, I64), \
        .flags = TCG_CALL_NO_WRITE_GLOBALS, .nb_args = 3, \
    }
#define RMW_INFO_SIZES(op) \
    { RMW_INFO(lock_##op##8), RMW_INFO(lock_##op##16), \
      RMW_INFO(lock_##op##32), RMW_INFO(lock_##op##64) }

static const TCGHelperInfo lock_rmw_infos[][4] = {
    [X86_RMW_ADD] = RMW_INFO_SIZES(add),
    [X86_RMW_OR] = RMW_INFO_SIZES(or),
    [X86_RMW_ADC] = RMW_INFO_SIZES(adc),
    [X86_RMW_SBB] = RMW_INFO_SIZES(sbb),
    [X86_RMW_AND] = RMW_INFO_SIZES(and),
    [X86_RMW_SUB] = RMW_INFO_SIZES(sub),
    [X86_RMW_XOR] = RMW_INFO_SIZES(xor),
    [X86_RMW_XCHG] = RMW_INFO_SIZES(xchg),
    [X86_RMW_NEG] = RMW_INFO_SIZES(neg),
};

const TCGHelperInfo x86_cmpxchg_infos[4] = {
    RMW_INFO(cmpxchg8), RMW_INFO(cmpxchg16), RMW_INFO(cmpxchg32),
    RMW_INFO(cmpxchg64),
};

const TCGHelperInfo *x86_lock_rmw_helper(int op, int ot)
{
    return &lock_rmw_infos[op][ot & 3];
}

static void set_zf_only(X86CPUState *env, bool zf)
{
    uint64_t f = x86_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src,
                                    env->cc_src2);

    f = (f & ~(uint64_t)X86_EFLAGS_ZF) | (zf ? X86_EFLAGS_ZF : 0);
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = f;
}

void helper_x86_cmpxchg_double(X86CPUState *env, uint64_t addr, uint32_t ot)
{
    uint64_t *r = env->regs;

    if (ot == 2) {
        uint64_t e = (r[R_EDX] & 0xffffffffu) << 32 | (r[R_EAX] & 0xffffffffu);
        uint64_t n = (r[R_ECX] & 0xffffffffu) << 32 | (r[R_EBX] & 0xffffffffu);
        bool ok = __atomic_compare_exchange_n((uint64_t *)host_addr(addr), &e,
                                              n, false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        if (!ok) {
            r[R_EAX] = (uint32_t)e;
            r[R_EDX] = e >> 32;
        }
        set_zf_only(env, ok);
        return;
    }
    if (addr & 15) {
        helper_x86_raise_exception(env, X86_EXCP_GP);
    }
#ifdef __x86_64__
    {
        uint64_t lo = r[R_EAX], hi = r[R_EDX];
        bool ok;

        __asm__ volatile("lock cmpxchg16b %1"
                         : "=@ccz"(ok), "+m"(*(unsigned __int128 *)host_addr(addr)),
                           "+a"(lo), "+d"(hi)
                         : "b"(r[R_EBX]), "c"(r[R_ECX])
                         : "memory");
        if (!ok) {
            r[R_EAX] = lo;
            r[R_EDX] = hi;
        }
        set_zf_only(env, ok);
    }
#else
#error "CMPXCHG16B needs a 16-byte host compare-and-swap"
#endif
}

uint64_t helper_x86_rotate(X86CPUState *env, uint64_t val, uint64_t count,
                           uint32_t op)
{
    int ot = op & 3, kind = (op >> 2) & 3;   /* 0 ROL 1 ROR 2 RCL 3 RCR */
    unsigned bits = 8u << ot;
    uint64_t mask = size_mask(ot), msb = 1ull << (bits - 1);
    uint64_t f = x86_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src,
                                    env->cc_src2);
    unsigned n = count & (ot == 3 ? 63 : 31);
    uint64_t cf = f & X86_EFLAGS_CF, orig = val & mask;
    uint64_t v = orig;

    if (n == 0) {
        return val;
    }
    if (kind < 2) {
        unsigned k = n % bits;

        if (k) {
            v = kind == 0 ? ((v << k) | (v >> (bits - k))) & mask
                          : ((v >> k) | (v << (bits - k))) & mask;
        }
        cf = kind == 0 ? (v & 1) : ((v & msb) != 0);
    } else {
        unsigned k = n % (bits + 1);

        for (unsigned i = 0; i < k; i++) {
            if (kind == 2) {
                uint64_t out = (v & msb) != 0;
                v = ((v << 1) | cf) & mask;
                cf = out;
            } else {
                uint64_t out = v & 1;
                v = (v >> 1) | (cf ? msb : 0);
                cf = out;
            }
        }
    }
    f &= ~(uint64_t)(X86_EFLAGS_CF | X86_EFLAGS_OF);
    f |= cf ? X86_EFLAGS_CF : 0;
    /* OF is defined for a count of 1; computed the same way otherwise */
    switch (kind) {
    case 0:
    case 2:
        if (((v & msb) != 0) != (cf != 0)) {
            f |= X86_EFLAGS_OF;
        }
        break;
    case 1:
        if (((v >> (bits - 1)) ^ (v >> (bits - 2))) & 1) {
            f |= X86_EFLAGS_OF;
        }
        break;
    case 3:
        if (((orig & msb) != 0) != ((x86_cc_compute_all(env->cc_op,
                env->cc_dst, env->cc_src, env->cc_src2) & X86_EFLAGS_CF) != 0)) {
            f |= X86_EFLAGS_OF;
        }
        break;
    }
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = f;
    env->cc_dst = env->cc_src2 = 0;
    return v;
}

static uint64_t zsp_flags(uint64_t v, int ot)
{
    return x86_cc_compute_all(CC_OP(CC_K_LOGIC, ot), v, 0, 0);
}

uint64_t helper_x86_shld(X86CPUState *env, uint64_t dst, uint64_t src,
                         uint64_t count, uint32_t op)
{
    int ot = op & 3;
    bool right = op & 4;
    unsigned bits = 8u << ot;
    uint64_t mask = size_mask(ot), msb = 1ull << (bits - 1);
    unsigned n = count & (ot == 3 ? 63 : 31);
    uint64_t d = dst & mask, s = src & mask, cf = 0, f;

    if (n == 0) {
        return dst;
    }
    /* count > size (16-bit forms) is undefined; shift through as a
     * 2*size funnel, which is one of the behaviours CPUs show */
    for (unsigned i = 0; i < n; i++) {
        if (!right) {
            cf = (d & msb) != 0;
            d = ((d << 1) | ((s & msb) != 0)) & mask;
            s = (s << 1) & mask;
        } else {
            cf = d & 1;
            d = (d >> 1) | ((s & 1) ? msb : 0);
            s >>= 1;
        }
    }
    f = zsp_flags(d, ot) | (cf ? X86_EFLAGS_CF : 0);
    if (((d ^ dst) & msb) != 0) {
        f |= X86_EFLAGS_OF;
    }
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = f;
    env->cc_dst = env->cc_src2 = 0;
    return d;
}

uint64_t helper_x86_bmi(uint64_t a, uint64_t b, uint32_t op)
{
    int ot = op & 3;
    unsigned bits = 8u << ot;
    uint64_t mask = size_mask(ot), r = 0;

    a &= mask;
    b &= mask;
    switch (op >> 2) {
    case 0: {       /* BEXTR: start b[7:0], length b[15:8] */
        unsigned start = b & 0xff, len = (b >> 8) & 0xff;

        if (start >= bits) {
            return 0;
        }
        r = a >> start;
        if (len < 64) {
            r &= (1ull << len) - 1;
        }
        return r & mask;
    }
    case 1: {       /* BZHI: clear from bit b[7:0] up */
        unsigned n = b & 0xff;

        return n >= bits ? a : a & ((1ull << n) - 1);
    }
    case 2:         /* PDEP: a's low bits to the positions set in b */
        for (unsigned i = 0, k = 0; i < bits; i++) {
            if (b & (1ull << i)) {
                if (a & (1ull << k)) {
                    r |= 1ull << i;
                }
                k++;
            }
        }
        return r;
    default:        /* PEXT: the bits of a at b's set positions, packed */
        for (unsigned i = 0, k = 0; i < bits; i++) {
            if (b & (1ull << i)) {
                if (a & (1ull << i)) {
                    r |= 1ull << k;
                }
                k++;
            }
        }
        return r;
    }
}

uint64_t helper_x86_rdrand(X86CPUState *env)
{
    uint64_t v = 0;
    size_t got = 0;

    (void)env;
    while (got < sizeof(v)) {
        ssize_t n = getrandom((uint8_t *)&v + got, sizeof(v) - got, 0);

        if (n > 0) {
            got += (size_t)n;
        }
    }
    return v;
}

/* Leaf 7 EBX bit 6: the x87 data pointer is updated only on unmasked
 * exceptions. The x87 helper runs on the host's unit, so this follows
 * the host. */
static uint32_t host_fdp_excptn_only(void)
{
#if defined(__x86_64__)
    uint32_t a = 7, b, c = 0, d;

    __asm__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return b & (1u << 6);
#else
    return 0;
#endif
}

/*
 * CPUID reports exactly what this front end implements, so programs (and
 * glibc's ifunc resolvers) only pick code it runs: the integer ISA with
 * BMI1/2, ADX, MOVBE; x87, MMX, SSE to SSE4.2, AES-NI, PCLMULQDQ;
 * FXSAVE and XSAVE with XCR0 = x87 | SSE. No AVX.
 */
void helper_x86_cpuid(X86CPUState *env)
{
    uint32_t leaf = (uint32_t)env->regs[R_EAX];
    uint32_t sub = (uint32_t)env->regs[R_ECX];
    uint32_t a = 0, b = 0, c = 0, d = 0;

    switch (leaf) {
    case 0:
        a = 0xd;
        /*
         * "GenuineIntel" in EBX, EDX, ECX order: glibc reads the feature
         * leaves only for vendors it knows, and refuses to start a
         * dynamic program on a CPU whose baseline (SSE2...) it has not
         * seen. Leaves 2 and 4 are zero, so it finds no cache
         * descriptors and uses its defaults.
         */
        b = 0x756e6547;   /* "Genu" */
        d = 0x49656e69;   /* "ineI" */
        c = 0x6c65746e;   /* "ntel" */
        break;
    case 1:
        a = 0x000006f1;   /* family 6 */
        d = (1u << 0)     /* FPU */
          | (1u << 4)     /* TSC */
          | (1u << 8)     /* CX8 */
          | (1u << 15)    /* CMOV (and FCMOV with FPU) */
          | (1u << 23)    /* MMX */
          | (1u << 24)    /* FXSR */
          | (1u << 25)    /* SSE */
          | (1u << 26);   /* SSE2 */
        c = (1u << 0)     /* SSE3 */
          | (1u << 1)     /* PCLMULQDQ */
          | (1u << 9)     /* SSSE3 */
          | (1u << 13)    /* CMPXCHG16B */
          | (1u << 19)    /* SSE4.1 */
          | (1u << 20)    /* SSE4.2 */
          | (1u << 22)    /* MOVBE */
          | (1u << 23)    /* POPCNT */
          | (1u << 25)    /* AES */
          | (1u << 26)    /* XSAVE */
          | (1u << 27)    /* OSXSAVE: XGETBV reads XCR0 */
          | (1u << 30);   /* RDRAND */
        break;
    case 7:
        if (sub == 0) {
            b = (1u << 3)     /* BMI1 */
              | host_fdp_excptn_only()
              | (1u << 8)     /* BMI2 */
              | (1u << 13)    /* FCS/FDS stored as 0 */
              | (1u << 18)    /* RDSEED */
              | (1u << 19);   /* ADX */
        }
        break;
    case 0xd:
        /* XSAVE: components x87 and SSE, legacy area + header = 576
         * bytes; no XSAVEOPT/XSAVEC/XSAVES (sub-leaf 1 is 0). */
        if (sub == 0) {
            a = 3;
            b = c = 576;
        } else if (sub == 1) {
            a = 0;
        } else if (sub == 2) {
            a = 0;          /* no AVX component */
        }
        break;
    case 0x80000000:
        a = 0x80000001;
        break;
    case 0x80000001:
        d = (1u << 11)    /* SYSCALL */
          | (1u << 29);   /* LM */
        c = (1u << 0)     /* LAHF/SAHF in 64-bit mode */
          | (1u << 5);    /* LZCNT */
        break;
    default:
        break;
    }
    env->regs[R_EAX] = a;
    env->regs[R_EBX] = b;
    env->regs[R_ECX] = c;
    env->regs[R_EDX] = d;
}

uint64_t helper_x86_rdtsc(X86CPUState *env)
{
    (void)env;
#ifdef __x86_64__
    return __builtin_ia32_rdtsc();
#else
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

uint64_t helper_x86_read_eflags(X86CPUState *env)
{
    return x86_cpu_get_eflags(env);
}

/* POPF at CPL 3: IF, IOPL, VM, RF and TF are not changed (TF because
 * single-stepping is not implemented; docs/x86.md). */
void helper_x86_write_eflags(X86CPUState *env, uint64_t val, uint32_t size)
{
    uint64_t changeable = X86_EFLAGS_ARITH | X86_EFLAGS_DF | (1u << 14) |
                          X86_EFLAGS_AC | X86_EFLAGS_ID;
    uint64_t old = x86_cpu_get_eflags(env);

    if (size == 1) {
        changeable &= 0xffff;
    }
    x86_cpu_set_eflags(env, (old & ~changeable) | (val & changeable));
}

HELPER_INFO(raise_exception, 2, TCG_CALL_NO_WRITE_GLOBALS,
            T(1, PTR) | T(2, I32));
HELPER_INFO(cc_compute_all, 4, PURE,
            T(0, I64) | T(1, I32) | T(2, I64) | T(3, I64) | T(4, I64));
HELPER_INFO(div, 3, 0, T(1, PTR) | T(2, I64) | T(3, I32));
HELPER_INFO(cmpxchg_double, 3, 0, T(1, PTR) | T(2, I64) | T(3, I32));
HELPER_INFO(rotate, 4, 0,
            T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I32));
HELPER_INFO(shld, 5, 0,
            T(0, I64) | T(1, PTR) | T(2, I64) | T(3, I64) | T(4, I64) |
            T(5, I32));
HELPER_INFO(cpuid, 1, 0, T(1, PTR));
HELPER_INFO(bmi, 3, PURE, T(0, I64) | T(1, I64) | T(2, I64) | T(3, I32));
HELPER_INFO(rdrand, 1, TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
            T(0, I64) | T(1, PTR));
HELPER_INFO(rdtsc, 1, TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
            T(0, I64) | T(1, PTR));
HELPER_INFO(read_eflags, 1, TCG_CALL_NO_WRITE_GLOBALS, T(0, I64) | T(1, PTR));
HELPER_INFO(write_eflags, 3, 0, T(1, PTR) | T(2, I64) | T(3, I32));
