/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RV64A: LR/SC success and failure, every AMO returning the old value
 * (word forms sign-extended), on one thread. */
#include "check.h"

#define AMO(op, p, v) ({                                                   \
    uint64_t r_;                                                           \
    __asm__ volatile(op " %0, %2, (%1)"                                    \
                     : "=r"(r_) : "r"(p), "r"((uint64_t)(v)) : "memory");  \
    r_; })

static void test_amo_d(void)
{
    static uint64_t m;

    m = 10;
    CHECK(AMO("amoadd.d", &m, 5), 10);
    CHECK(m, 15);
    CHECK(AMO("amoswap.d", &m, 0x8000000000000000ull), 15);
    CHECK(m, 0x8000000000000000ull);
    CHECK(AMO("amoxor.d", &m, 3), 0x8000000000000000ull);
    CHECK(m, 0x8000000000000003ull);
    CHECK(AMO("amoand.d", &m, 0x8000000000000001ull), 0x8000000000000003ull);
    CHECK(m, 0x8000000000000001ull);
    CHECK(AMO("amoor.d", &m, 6), 0x8000000000000001ull);
    CHECK(m, 0x8000000000000007ull);
    CHECK(AMO("amomin.d", &m, 1), 0x8000000000000007ull);   /* signed: m smaller */
    CHECK(m, 0x8000000000000007ull);
    CHECK(AMO("amominu.d", &m, 1), 0x8000000000000007ull);
    CHECK(m, 1);
    CHECK(AMO("amomax.d", &m, -5ull), 1);
    CHECK(m, 1);
    CHECK(AMO("amomaxu.d", &m, -5ull), 1);
    CHECK(m, -5ull);
    CHECK(AMO("amoadd.d.aqrl", &m, 5), -5ull);
    CHECK(m, 0);
    check_group("amo.d");
}

static void test_amo_w(void)
{
    static uint32_t w[2];

    w[0] = 0x7fffffff;
    w[1] = 0x55555555;
    CHECK(AMO("amoadd.w", &w[0], 1), 0x7fffffff);
    CHECK(w[0], 0x80000000u);
    CHECK(w[1], 0x55555555u);                      /* neighbour untouched */
    CHECK(AMO("amoswap.w", &w[0], 0x1ffffffffull), 0xffffffff80000000ull);
    CHECK(w[0], 0xffffffffu);
    CHECK(AMO("amoxor.w", &w[0], 0xf), 0xffffffffffffffffull);
    CHECK(AMO("amoand.w", &w[0], 0xff), 0xfffffffffffffff0ull);
    CHECK(AMO("amoor.w", &w[0], 0x80000000u), 0xf0);
    CHECK(w[0], 0x800000f0u);
    CHECK(AMO("amomin.w", &w[0], 5), 0xffffffff800000f0ull);
    CHECK(w[0], 0x800000f0u);
    CHECK(AMO("amomax.w", &w[0], 5), 0xffffffff800000f0ull);
    CHECK(w[0], 5);
    CHECK(AMO("amominu.w", &w[0], 0xffffffff00000003ull), 5);  /* low word 3 */
    CHECK(w[0], 3);
    CHECK(AMO("amomaxu.w", &w[0], 0x80000000u), 3);
    CHECK(w[0], 0x80000000u);
    check_group("amo.w");
}

static void test_lr_sc(void)
{
    static uint64_t m;
    static uint32_t w;
    uint64_t v, fail;

    m = 41;
    __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 1\n\tsc.d %1, %0, (%2)"
                     : "=&r"(v), "=&r"(fail) : "r"(&m) : "memory");
    CHECK(fail, 0);
    CHECK(m, 42);
    /* SC without a reservation (the last SC dropped it) fails. */
    __asm__ volatile("sc.d %0, %1, (%2)" : "=&r"(fail) : "r"(7ull), "r"(&m)
                     : "memory");
    CHECK(fail != 0, 1);
    CHECK(m, 42);
    /* Reservation on m, SC to another address fails. */
    w = 0x80000000u;
    __asm__ volatile("lr.d %0, (%2)\n\tsc.w %1, %0, (%3)"
                     : "=&r"(v), "=&r"(fail) : "r"(&m), "r"(&w) : "memory");
    CHECK(fail != 0, 1);
    CHECK(w, 0x80000000u);
    /* LR.W sign-extends. */
    __asm__ volatile("lr.w.aq %0, (%2)\n\tsc.w.rl %1, %3, (%2)"
                     : "=&r"(v), "=&r"(fail) : "r"(&w), "r"(9ull) : "memory");
    CHECK(v, 0xffffffff80000000ull);
    CHECK(fail, 0);
    CHECK(w, 9);
    check_group("lr/sc");
}

int main(void)
{
    test_amo_d();
    test_amo_w();
    test_lr_sc();
    return check_finish();
}
