/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Zicsr in user mode: fflags/frm/fcsr read-modify-write, the counters
 * (monotonic), FENCE/FENCE.I decoding. */
#include "check.h"

static void test_fcsr(void)
{
    uint64_t old, r;

    __asm__ volatile("csrw fcsr, zero");
    __asm__ volatile("csrrw %0, fcsr, %1" : "=r"(old) : "r"(0xffull));
    CHECK(old, 0);
    __asm__ volatile("csrr %0, fcsr" : "=r"(r));
    CHECK(r, 0xff);
    __asm__ volatile("csrr %0, frm" : "=r"(r));
    CHECK(r, 7);
    __asm__ volatile("csrr %0, fflags" : "=r"(r));
    CHECK(r, 0x1f);
    __asm__ volatile("csrrci %0, fflags, 0x3" : "=r"(old));
    CHECK(old, 0x1f);
    __asm__ volatile("csrr %0, fcsr" : "=r"(r));
    CHECK(r, 0xfc);
    __asm__ volatile("csrrwi %0, frm, 1" : "=r"(old));
    CHECK(old, 7);
    __asm__ volatile("csrrsi %0, fflags, 1" : "=r"(old));
    CHECK(old, 0x1c);
    __asm__ volatile("csrr %0, fcsr" : "=r"(r));
    CHECK(r, 0x3d);
    __asm__ volatile("csrrc %0, fcsr, %1" : "=r"(old) : "r"(0x1full));
    CHECK(old, 0x3d);
    __asm__ volatile("csrrs %0, fcsr, %1" : "=r"(old) : "r"(0x100ull));  /* bits above 7 ignored */
    __asm__ volatile("csrr %0, fcsr" : "=r"(r));
    CHECK(r, 0x20);
    __asm__ volatile("csrw fcsr, zero");
    check_group("fcsr");
}

static void test_counters(void)
{
    uint64_t t1, t2, c1, c2, i1, i2;

    __asm__ volatile("rdtime %0\n\trdcycle %1\n\trdinstret %2"
                     : "=r"(t1), "=r"(c1), "=r"(i1));
    for (volatile int i = 0; i < 100000; i++) {
    }
    __asm__ volatile("rdtime %0\n\trdcycle %1\n\trdinstret %2"
                     : "=r"(t2), "=r"(c2), "=r"(i2));
    CHECK(t2 > t1, 1);
    CHECK(c2 > c1, 1);
    CHECK(i2 > i1, 1);
    check_group("counters");
}

static void test_fence(void)
{
    uint64_t r = 1;

    __asm__ volatile("fence\n\tfence rw, rw\n\tfence.i\n\taddi %0, %0, 1"
                     : "+r"(r) :: "memory");
    CHECK(r, 2);
    check_group("fence");
}

int main(void)
{
    test_fcsr();
    test_counters();
    test_fence();
    return check_finish();
}
