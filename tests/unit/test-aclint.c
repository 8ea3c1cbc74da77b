/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ACLINT (CLINT layout) through an address space, as a guest reaches it:
 * mtime at 10 MHz from a fake host clock, mtimecmp per hart driving MTIP
 * now or at the deadline (the main-loop timers are faked here, a link
 * seam, so the test sees each deadline and fires it), msip driving MSIP.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/riscv-aclint.h"
#include "io/main-loop.h"

/* ---- fake main-loop timers -------------------------------------------- */

struct MainLoopTimer {
    MainLoopTimerFn *fn;
    void *opaque;
    bool armed;
    int64_t deadline;
};

static struct MainLoopTimer timers[4];
static unsigned nr_timers;

MainLoopTimer *main_loop_timer_new(MainLoopTimerFn *fn, void *opaque)
{
    struct MainLoopTimer *t = &timers[nr_timers++];

    t->fn = fn;
    t->opaque = opaque;
    t->armed = false;
    return t;
}

void main_loop_timer_mod(MainLoopTimer *t, int64_t deadline_ns)
{
    t->armed = true;
    t->deadline = deadline_ns;
}

void main_loop_timer_del(MainLoopTimer *t)
{
    t->armed = false;
}

void main_loop_timer_free(MainLoopTimer *t)
{
    t->armed = false;
}

/* ---- harness ----------------------------------------------------------- */

#define BASE 0x2000000ull
#define NR_HARTS 2

static int64_t fake_now;
static int64_t fake_clock(void)
{
    return fake_now;
}

typedef struct Line {
    int level;
    unsigned rises;
} Line;

static Line msip_lines[NR_HARTS], mtip_lines[NR_HARTS];

static void line_set(void *opaque, int n, int level)
{
    Line *l = opaque;

    if (level && !l->level) {
        l->rises++;
    }
    l->level = level;
}

static RiscvAclint aclint;
static MemoryRegion root;
static AddressSpace as;

static uint64_t rd(uint64_t off, unsigned size)
{
    uint64_t v = 0;

    assert_int_equal(address_space_read(&as, BASE + off, &v, size), MEMTX_OK);
    return v;
}

static void wr(uint64_t off, uint64_t v, unsigned size)
{
    assert_int_equal(address_space_write(&as, BASE + off, &v, size), MEMTX_OK);
}

/* Advance the host clock and fire what is due, as the main loop would. */
static void advance(int64_t ns)
{
    fake_now += ns;
    for (unsigned i = 0; i < nr_timers; i++) {
        if (timers[i].armed && timers[i].deadline <= fake_now) {
            timers[i].armed = false;
            timers[i].fn(timers[i].opaque);
        }
    }
}

static int setup(void **state)
{
    IRQLine msip[NR_HARTS], mtip[NR_HARTS];

    memset(msip_lines, 0, sizeof(msip_lines));
    memset(mtip_lines, 0, sizeof(mtip_lines));
    nr_timers = 0;
    fake_now = 1000000;
    for (unsigned i = 0; i < NR_HARTS; i++) {
        msip[i] = irq_line_make(line_set, &msip_lines[i], 3);
        mtip[i] = irq_line_make(line_set, &mtip_lines[i], 7);
    }
    riscv_aclint_init(&aclint, NR_HARTS, msip, mtip, fake_clock);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_add_subregion(&root, BASE, &aclint.mr);
    address_space_init(&as, &root, "test");
    return 0;
}

static int teardown(void **state)
{
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &aclint.mr);
    riscv_aclint_destroy(&aclint);
    memory_region_destroy(&root);
    return 0;
}

/* ---- tests ------------------------------------------------------------- */

static void test_mtime_counts_at_10mhz(void **state)
{
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 0);
    advance(1000);            /* 1 us = 10 ticks */
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 10);
    advance(1000000000);      /* one second more */
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 10000010);
    assert_int_equal(riscv_aclint_read_mtime(&aclint), 10000010);
    /* 32-bit halves */
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 4), 10000010);
    assert_int_equal(rd(RISCV_ACLINT_MTIME + 4, 4), 0);
}

static void test_mtime_write(void **state)
{
    wr(RISCV_ACLINT_MTIME, 0x100000000ull, 8);
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 0x100000000ull);
    advance(500);
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 0x100000005ull);
    wr(RISCV_ACLINT_MTIME + 4, 2, 4);   /* the upper half only */
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 0x200000005ull);
}

static void test_reset_values(void **state)
{
    for (unsigned h = 0; h < NR_HARTS; h++) {
        assert_int_equal(rd(RISCV_ACLINT_MTIMECMP_BASE + 8 * h, 8), UINT64_MAX);
        assert_int_equal(rd(4 * h, 4), 0);
        assert_int_equal(mtip_lines[h].level, 0);
        assert_int_equal(msip_lines[h].level, 0);
    }
}

static void test_mtimecmp_fires_at_deadline(void **state)
{
    uint64_t cmp1 = RISCV_ACLINT_MTIMECMP_BASE + 8;

    wr(cmp1, 50, 8);    /* 50 ticks = 5 us from now */
    assert_int_equal(rd(cmp1, 8), 50);
    assert_int_equal(mtip_lines[1].level, 0);
    assert_int_equal(mtip_lines[0].level, 0);
    assert_true(timers[1].armed);
    assert_int_equal(timers[1].deadline, fake_now + 5000);
    advance(4900);
    assert_int_equal(mtip_lines[1].level, 0);
    advance(100);
    assert_int_equal(mtip_lines[1].level, 1);
    assert_int_equal(mtip_lines[0].level, 0);
    /* Writing a later compare lowers the line again and re-arms. */
    wr(cmp1, 1000, 8);
    assert_int_equal(mtip_lines[1].level, 0);
    assert_true(timers[1].armed);
}

static void test_mtimecmp_in_the_past_is_immediate(void **state)
{
    advance(10000);
    wr(RISCV_ACLINT_MTIMECMP_BASE, 3, 8);
    assert_int_equal(mtip_lines[0].level, 1);
    assert_false(timers[0].armed);
    wr(RISCV_ACLINT_MTIMECMP_BASE, UINT64_MAX, 8);
    assert_int_equal(mtip_lines[0].level, 0);
    assert_false(timers[0].armed);   /* never: nothing to wait for */
}

static void test_mtimecmp_halves(void **state)
{
    uint64_t cmp0 = RISCV_ACLINT_MTIMECMP_BASE;

    /* RV32 style: high word all ones first, then low, then high. */
    wr(cmp0 + 4, 0xffffffff, 4);
    wr(cmp0, 0x20, 4);
    assert_int_equal(mtip_lines[0].level, 0);
    wr(cmp0 + 4, 0, 4);
    assert_int_equal(rd(cmp0, 8), 0x20);
    assert_int_equal(rd(cmp0 + 4, 4), 0);
    assert_int_equal(rd(cmp0, 4), 0x20);
    advance(3200);
    assert_int_equal(mtip_lines[0].level, 1);
}

static void test_mtime_write_reevaluates_compares(void **state)
{
    wr(RISCV_ACLINT_MTIMECMP_BASE, 1000, 8);
    assert_int_equal(mtip_lines[0].level, 0);
    wr(RISCV_ACLINT_MTIME, 2000, 8);
    assert_int_equal(mtip_lines[0].level, 1);
    wr(RISCV_ACLINT_MTIME, 0, 8);
    assert_int_equal(mtip_lines[0].level, 0);
}

static void test_msip(void **state)
{
    wr(4, 1, 4);
    assert_int_equal(msip_lines[1].level, 1);
    assert_int_equal(msip_lines[0].level, 0);
    assert_int_equal(rd(4, 4), 1);
    wr(4, 0xfffffffe, 4);    /* only bit 0 exists */
    assert_int_equal(msip_lines[1].level, 0);
    assert_int_equal(rd(4, 4), 0);
    wr(0, 3, 4);
    assert_int_equal(msip_lines[0].level, 1);
    assert_int_equal(rd(0, 4), 1);
    /* beyond the last hart: reads 0, writes ignored */
    wr(4 * NR_HARTS, 1, 4);
    assert_int_equal(rd(4 * NR_HARTS, 4), 0);
}

static void test_reset_lowers_everything(void **state)
{
    wr(0, 1, 4);
    wr(RISCV_ACLINT_MTIMECMP_BASE, 0, 8);
    advance(777);
    assert_int_equal(msip_lines[0].level, 1);
    assert_int_equal(mtip_lines[0].level, 1);
    riscv_aclint_reset(&aclint);
    assert_int_equal(msip_lines[0].level, 0);
    assert_int_equal(mtip_lines[0].level, 0);
    assert_int_equal(rd(RISCV_ACLINT_MTIME, 8), 0);
    assert_int_equal(rd(RISCV_ACLINT_MTIMECMP_BASE, 8), UINT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mtime_counts_at_10mhz, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mtime_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mtimecmp_fires_at_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mtimecmp_in_the_past_is_immediate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mtimecmp_halves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mtime_write_reevaluates_compares, setup, teardown),
        cmocka_unit_test_setup_teardown(test_msip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_lowers_everything, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
