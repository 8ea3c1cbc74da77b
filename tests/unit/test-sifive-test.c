/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sifive,test finisher through an address space: each code's action. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/sifive-test.h"

#define BASE 0x100000ull

static SifiveTest dev;
static MemoryRegion root;
static AddressSpace as;
static unsigned calls;
static SifiveTestAction last_action;
static int last_code;

static void handler(void *opaque, SifiveTestAction action, int code)
{
    assert_ptr_equal(opaque, &dev);
    calls++;
    last_action = action;
    last_code = code;
}

static void wr(uint64_t off, uint32_t v)
{
    assert_int_equal(address_space_write(&as, BASE + off, &v, 4), MEMTX_OK);
}

static int setup(void **state)
{
    calls = 0;
    last_code = -1;
    sifive_test_init(&dev, handler, &dev);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_add_subregion(&root, BASE, &dev.mr);
    address_space_init(&as, &root, "test");
    return 0;
}

static int teardown(void **state)
{
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &dev.mr);
    memory_region_destroy(&dev.mr);
    memory_region_destroy(&root);
    return 0;
}

static void test_pass_is_poweroff(void **state)
{
    wr(0, 0x5555);
    assert_int_equal(calls, 1);
    assert_int_equal(last_action, SIFIVE_TEST_ACTION_POWEROFF);
    assert_int_equal(last_code, 0);
}

/* OpenSBI's reset driver writes the finisher with a 16-bit store. */
static void test_halfword_poweroff(void **state)
{
    uint16_t v = 0x5555;

    assert_int_equal(address_space_write(&as, BASE, &v, 2), MEMTX_OK);
    assert_int_equal(calls, 1);
    assert_int_equal(last_action, SIFIVE_TEST_ACTION_POWEROFF);
}

static void test_reset(void **state)
{
    wr(0, 0x7777);
    assert_int_equal(calls, 1);
    assert_int_equal(last_action, SIFIVE_TEST_ACTION_RESET);
}

static void test_fail_carries_code(void **state)
{
    wr(0, (42u << 16) | 0x3333);
    assert_int_equal(calls, 1);
    assert_int_equal(last_action, SIFIVE_TEST_ACTION_FAIL);
    assert_int_equal(last_code, 42);
}

static void test_other_values_and_offsets_do_nothing(void **state)
{
    uint32_t v = 0xdead;

    wr(0, 0x1234);
    wr(4, 0x5555);
    assert_int_equal(calls, 0);
    assert_int_equal(address_space_read(&as, BASE, &v, 4), MEMTX_OK);
    assert_int_equal(v, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pass_is_poweroff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_halfword_poweroff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fail_carries_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_values_and_offsets_do_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
