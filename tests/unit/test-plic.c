/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PLIC through an address space: priorities, the pending bitmap, enables
 * and thresholds per context, claim/complete, level-triggered sources and
 * the context outputs (fake IRQLines standing for MEIP/SEIP of two harts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/riscv-plic.h"

#define BASE 0xc000000ull
#define SIZE 0x600000ull
#define NR_SOURCES 96
#define NR_CONTEXTS 4   /* hart 0 M, hart 0 S, hart 1 M, hart 1 S */

static int out_level[NR_CONTEXTS];
static unsigned out_rises[NR_CONTEXTS];

static void out_set(void *opaque, int n, int level)
{
    if (level && !out_level[n]) {
        out_rises[n]++;
    }
    out_level[n] = level;
}

static RiscvPlic plic;
static MemoryRegion root;
static AddressSpace as;
static IRQLine src[NR_SOURCES];

static uint32_t rd(uint64_t off)
{
    uint32_t v = 0;

    assert_int_equal(address_space_read(&as, BASE + off, &v, 4), MEMTX_OK);
    return v;
}

static void wr(uint64_t off, uint32_t v)
{
    assert_int_equal(address_space_write(&as, BASE + off, &v, 4), MEMTX_OK);
}

static uint64_t prio(unsigned n) { return 4 * n; }
static uint64_t pending(unsigned w) { return RISCV_PLIC_PENDING_BASE + 4 * w; }
static uint64_t enable(unsigned ctx, unsigned w)
{
    return RISCV_PLIC_ENABLE_BASE + RISCV_PLIC_ENABLE_STRIDE * ctx + 4 * w;
}
static uint64_t threshold(unsigned ctx)
{
    return RISCV_PLIC_CONTEXT_BASE + RISCV_PLIC_CONTEXT_STRIDE * ctx;
}
static uint64_t claim(unsigned ctx) { return threshold(ctx) + 4; }

static int setup(void **state)
{
    IRQLine out[NR_CONTEXTS];

    memset(out_level, 0, sizeof(out_level));
    memset(out_rises, 0, sizeof(out_rises));
    for (unsigned i = 0; i < NR_CONTEXTS; i++) {
        out[i] = irq_line_make(out_set, NULL, i);
    }
    riscv_plic_init(&plic, NR_SOURCES, NR_CONTEXTS, out, SIZE);
    for (unsigned n = 0; n < NR_SOURCES; n++) {
        src[n] = riscv_plic_source(&plic, n);
    }
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_add_subregion(&root, BASE, &plic.mr);
    address_space_init(&as, &root, "test");
    return 0;
}

static int teardown(void **state)
{
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &plic.mr);
    riscv_plic_destroy(&plic);
    memory_region_destroy(&root);
    return 0;
}

static void test_priority_registers(void **state)
{
    wr(prio(10), 5);
    assert_int_equal(rd(prio(10)), 5);
    wr(prio(10), 0xff);      /* WARL: 3 bits */
    assert_int_equal(rd(prio(10)), RISCV_PLIC_MAX_PRIORITY);
    wr(prio(0), 3);          /* source 0 does not exist */
    assert_int_equal(rd(prio(0)), 0);
}

static void test_pending_follows_level_source(void **state)
{
    irq_line_set(&src[10], 1);
    assert_int_equal(rd(pending(0)), 1u << 10);
    /* not enabled anywhere: no output */
    for (unsigned i = 0; i < NR_CONTEXTS; i++) {
        assert_int_equal(out_level[i], 0);
    }
    irq_line_set(&src[10], 0);
    assert_int_equal(rd(pending(0)), 0);
    irq_line_set(&src[40], 1);
    assert_int_equal(rd(pending(1)), 1u << 8);
    wr(pending(1), 0);       /* read-only */
    assert_int_equal(rd(pending(1)), 1u << 8);
}

static void test_enable_priority_threshold_gate_output(void **state)
{
    irq_line_set(&src[10], 1);
    wr(enable(1, 0), 1u << 10);          /* hart 0 S mode */
    assert_int_equal(rd(enable(1, 0)), 1u << 10);
    assert_int_equal(out_level[1], 0);   /* priority 0 never interrupts */
    wr(prio(10), 2);
    assert_int_equal(out_level[1], 1);
    assert_int_equal(out_level[0], 0);
    assert_int_equal(out_level[3], 0);
    wr(threshold(1), 2);                 /* must exceed the threshold */
    assert_int_equal(rd(threshold(1)), 2);
    assert_int_equal(out_level[1], 0);
    wr(threshold(1), 1);
    assert_int_equal(out_level[1], 1);
    wr(enable(1, 0), 0);
    assert_int_equal(out_level[1], 0);
}

static void test_claim_complete_cycle(void **state)
{
    wr(prio(10), 1);
    wr(enable(3, 0), 1u << 10);          /* hart 1 S mode */
    irq_line_set(&src[10], 1);
    assert_int_equal(out_level[3], 1);
    assert_int_equal(rd(claim(3)), 10);
    /* claimed: no longer pending, output drops, a second claim gets 0 */
    assert_int_equal(rd(pending(0)), 0);
    assert_int_equal(out_level[3], 0);
    assert_int_equal(rd(claim(3)), 0);
    /* the device keeps its line high: complete makes it pending again */
    wr(claim(3), 10);
    assert_int_equal(rd(pending(0)), 1u << 10);
    assert_int_equal(out_level[3], 1);
    assert_int_equal(out_rises[3], 2);
    assert_int_equal(rd(claim(3)), 10);
    irq_line_set(&src[10], 0);           /* the handler served the device */
    wr(claim(3), 10);
    assert_int_equal(rd(pending(0)), 0);
    assert_int_equal(out_level[3], 0);
}

static void test_line_high_while_in_service_waits(void **state)
{
    wr(prio(5), 1);
    wr(enable(0, 0), 1u << 5);
    irq_line_set(&src[5], 1);
    assert_int_equal(rd(claim(0)), 5);
    irq_line_set(&src[5], 0);
    irq_line_set(&src[5], 1);            /* again, before completion */
    assert_int_equal(rd(pending(0)), 0);
    assert_int_equal(out_level[0], 0);
    wr(claim(0), 5);
    assert_int_equal(rd(pending(0)), 1u << 5);
    assert_int_equal(out_level[0], 1);
}

static void test_claim_picks_highest_priority_then_lowest_id(void **state)
{
    wr(enable(0, 0), (1u << 3) | (1u << 7) | (1u << 9));
    wr(prio(3), 2);
    wr(prio(7), 5);
    wr(prio(9), 5);
    irq_line_set(&src[3], 1);
    irq_line_set(&src[7], 1);
    irq_line_set(&src[9], 1);
    assert_int_equal(rd(claim(0)), 7);
    assert_int_equal(rd(claim(0)), 9);
    assert_int_equal(rd(claim(0)), 3);
    assert_int_equal(rd(claim(0)), 0);
}

static void test_complete_of_disabled_source_is_ignored(void **state)
{
    wr(prio(4), 1);
    wr(enable(0, 0), 1u << 4);
    irq_line_set(&src[4], 1);
    assert_int_equal(rd(claim(0)), 4);
    wr(claim(1), 4);                     /* context 1 has it disabled */
    assert_int_equal(rd(pending(0)), 0);
    wr(claim(0), 4);
    assert_int_equal(rd(pending(0)), 1u << 4);
}

static void test_source_zero_and_out_of_range(void **state)
{
    wr(enable(0, 0), 0xffffffff);
    assert_int_equal(rd(enable(0, 0)), 0xfffffffe);  /* bit 0 hard-wired */
    wr(enable(0, 2), 0xffffffff);
    assert_int_equal(rd(enable(0, 2)), 0xffffffff);  /* 64..95 exist */
    wr(enable(0, 3), 0xffffffff);
    assert_int_equal(rd(enable(0, 3)), 0);           /* beyond 96 */
    irq_line_set(&src[0], 1);
    assert_int_equal(rd(pending(0)), 0);
    riscv_plic_set_source(&plic, NR_SOURCES, 1);     /* ignored */
    assert_int_equal(rd(pending(3)), 0);
    /* a context that does not exist */
    assert_int_equal(rd(threshold(NR_CONTEXTS)), 0);
}

static void test_reset_keeps_device_levels(void **state)
{
    wr(prio(10), 3);
    wr(enable(1, 0), 1u << 10);
    irq_line_set(&src[10], 1);
    assert_int_equal(out_level[1], 1);
    riscv_plic_reset(&plic);
    assert_int_equal(out_level[1], 0);
    assert_int_equal(rd(prio(10)), 0);
    assert_int_equal(rd(enable(1, 0)), 0);
    /* the UART still holds its line: it is pending after the reset */
    assert_int_equal(rd(pending(0)), 1u << 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_priority_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pending_follows_level_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_enable_priority_threshold_gate_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_claim_complete_cycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_high_while_in_service_waits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_claim_picks_highest_priority_then_lowest_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complete_of_disabled_source_is_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_zero_and_out_of_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_keeps_device_levels, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
