/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The PC memory map: exact maps for typical RAM sizes, editing, placing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "machines/pc/e820.h"
#include "util/cutils.h"

static E820Table table;

/* Sorted, non-overlapping, non-empty, and touching entries differ. */
static void check_well_formed(const E820Table *t)
{
    for (unsigned i = 0; i < t->nr; i++) {
        assert_true(t->entries[i].size > 0);
        if (i > 0) {
            const E820Entry *a = &t->entries[i - 1], *b = &t->entries[i];
            assert_true(a->addr + a->size <= b->addr);
            if (a->addr + a->size == b->addr) {
                assert_int_not_equal(a->type, b->type);
            }
        }
    }
}

static void check_map(uint64_t ram, const E820Entry *want, unsigned nr)
{
    assert_int_equal(e820_build_pc(&table, ram, PC_ACPI_TABLES_ADDR,
                                   PC_ACPI_TABLES_SIZE), 0);
    check_well_formed(&table);
    assert_int_equal(table.nr, nr);
    for (unsigned i = 0; i < nr; i++) {
        assert_int_equal(table.entries[i].addr, want[i].addr);
        assert_int_equal(table.entries[i].size, want[i].size);
        assert_int_equal(table.entries[i].type, want[i].type);
    }
    /* All RAM is accounted for, and none of it lands in the MMIO hole. */
    uint64_t ram_total = 0;
    for (unsigned i = 0; i < table.nr; i++) {
        const E820Entry *e = &table.entries[i];
        if (e->type == E820_TYPE_RAM) {
            ram_total += e->size;
            assert_false(e->addr < PC_HIGH_RAM_BASE &&
                         e->addr + e->size > PC_LOW_RAM_MAX);
        }
    }
    /* The ISA hole 0xa0000..0x100000 is never RAM. */
    assert_int_equal(ram_total, ram - (0x100000 - 0x9fc00));
}

#define LOW_ENTRIES                                          \
    { 0, 0x9fc00, E820_TYPE_RAM },                           \
    { 0x9fc00, 0x400, E820_TYPE_RESERVED },                  \
    { 0xe0000, 0x10000, E820_TYPE_ACPI },                    \
    { 0xf0000, 0x10000, E820_TYPE_RESERVED }

static void test_128m(void **state)
{
    const E820Entry want[] = {
        LOW_ENTRIES,
        { 0x100000, 128 * MiB - 0x100000, E820_TYPE_RAM },
    };
    check_map(128 * MiB, want, ARRAY_SIZE(want));
}

static void test_1g(void **state)
{
    const E820Entry want[] = {
        LOW_ENTRIES,
        { 0x100000, GiB - 0x100000, E820_TYPE_RAM },
    };
    check_map(GiB, want, ARRAY_SIZE(want));
}

static void test_3_5g(void **state)
{
    const E820Entry want[] = {
        LOW_ENTRIES,
        { 0x100000, 0xc0000000 - 0x100000, E820_TYPE_RAM },
        { 0x100000000, 512 * MiB, E820_TYPE_RAM },
    };
    check_map(3 * GiB + 512 * MiB, want, ARRAY_SIZE(want));
    assert_int_equal(pc_ram_below_4g(3 * GiB + 512 * MiB), 3 * GiB);
    assert_int_equal(pc_ram_above_4g(3 * GiB + 512 * MiB), 512 * MiB);
}

static void test_8g(void **state)
{
    const E820Entry want[] = {
        LOW_ENTRIES,
        { 0x100000, 0xc0000000 - 0x100000, E820_TYPE_RAM },
        { 0x100000000, 5 * GiB, E820_TYPE_RAM },
    };
    check_map(8 * GiB, want, ARRAY_SIZE(want));
}

static void test_exactly_3g_has_no_high_ram(void **state)
{
    const E820Entry want[] = {
        LOW_ENTRIES,
        { 0x100000, 0xc0000000 - 0x100000, E820_TYPE_RAM },
    };
    check_map(3 * GiB, want, ARRAY_SIZE(want));
}

static void test_too_small(void **state)
{
    assert_int_equal(e820_build_pc(&table, 1 * MiB, 0, 0), -EINVAL);
}

static void test_no_acpi_region(void **state)
{
    assert_int_equal(e820_build_pc(&table, 64 * MiB, 0, 0), 0);
    assert_int_equal(table.nr, 4);
    assert_int_equal(table.entries[2].addr, 0xf0000);
    assert_int_equal(table.entries[2].type, E820_TYPE_RESERVED);
}

static void test_set_splits_and_merges(void **state)
{
    assert_int_equal(e820_build_pc(&table, 64 * MiB, 0, 0), 0);
    /* A hole punched into the middle of extended memory splits it... */
    assert_int_equal(e820_table_set(&table, 16 * MiB, 4096,
                                    E820_TYPE_ACPI), 0);
    check_well_formed(&table);
    assert_int_equal(table.nr, 6);
    assert_int_equal(table.entries[3].addr, 0x100000);
    assert_int_equal(table.entries[3].size, 15 * MiB);
    assert_int_equal(table.entries[4].addr, 16 * MiB);
    assert_int_equal(table.entries[4].type, E820_TYPE_ACPI);
    assert_int_equal(table.entries[5].addr, 16 * MiB + 4096);
    assert_int_equal(table.entries[5].size, 48 * MiB - 4096);
    /* ...and setting it back to RAM merges the three again. */
    assert_int_equal(e820_table_set(&table, 16 * MiB, 4096,
                                    E820_TYPE_RAM), 0);
    check_well_formed(&table);
    assert_int_equal(table.nr, 4);
    assert_int_equal(table.entries[3].size, 63 * MiB);
    /* A range covering several entries replaces all of them. */
    assert_int_equal(e820_table_set(&table, 0x90000, 0x80000,
                                    E820_TYPE_RESERVED), 0);
    check_well_formed(&table);
    assert_int_equal(table.nr, 3);
    assert_int_equal(table.entries[0].size, 0x90000);
    assert_int_equal(table.entries[1].addr, 0x90000);
    assert_int_equal(table.entries[1].size, 0x80000);
    assert_int_equal(table.entries[2].addr, 0x110000);
    /* Overflowing ranges are refused. */
    assert_int_equal(e820_table_set(&table, UINT64_MAX - 10, 20,
                                    E820_TYPE_RAM), -EINVAL);
}

static void test_set_full(void **state)
{
    table.nr = 0;
    for (unsigned i = 0; i < E820_MAX_ENTRIES; i++) {
        assert_int_equal(e820_table_set(&table, i * 0x2000, 0x1000,
                                        E820_TYPE_RAM), 0);
    }
    assert_int_equal(table.nr, E820_MAX_ENTRIES);
    assert_int_equal(e820_table_set(&table, 0x10000000, 0x1000,
                                    E820_TYPE_RAM), -ENOSPC);
    assert_int_equal(table.nr, E820_MAX_ENTRIES);
}

static void test_covers(void **state)
{
    assert_int_equal(e820_build_pc(&table, 8 * GiB, PC_ACPI_TABLES_ADDR,
                                   PC_ACPI_TABLES_SIZE), 0);
    assert_true(e820_table_covers(&table, 0x100000, 1 * MiB, E820_TYPE_RAM));
    assert_true(e820_table_covers(&table, 0xe0000, 0x10000, E820_TYPE_ACPI));
    assert_false(e820_table_covers(&table, 0x9f000, 0x2000, E820_TYPE_RAM));
    assert_false(e820_table_covers(&table, 0xbffff000, 0x2000,
                                   E820_TYPE_RAM));
    assert_false(e820_table_covers(&table, UINT64_MAX, 2, E820_TYPE_RAM));
}

static void test_place_high(void **state)
{
    uint64_t addr = 0, fit = 0;

    assert_int_equal(e820_build_pc(&table, 128 * MiB, 0, 0), 0);
    assert_int_equal(e820_table_place_high(&table, 10000, 0, UINT64_MAX,
                                           4096, &addr, &fit), 0);
    assert_int_equal(addr, ALIGN_DOWN(128 * MiB - 10000, 4096));
    /* max_end lowers the top. */
    assert_int_equal(e820_table_place_high(&table, 4096, 0, 64 * MiB + 100,
                                           4096, &addr, &fit), 0);
    assert_int_equal(addr, 64 * MiB - 4096);
    /* min_addr forces it into the gap or fails with the largest fit. */
    assert_int_equal(e820_table_place_high(&table, 100 * MiB, 64 * MiB,
                                           UINT64_MAX, 4096, &addr, &fit),
                     -ENOSPC);
    assert_int_equal(fit, 64 * MiB);
    /* Low memory counts only if nothing higher fits. */
    assert_int_equal(e820_table_place_high(&table, 4096, 0, 0x100000,
                                           4096, &addr, &fit), 0);
    assert_int_equal(addr, 0x9e000);
}

static void test_encode(void **state)
{
    uint8_t bp[E820_MAX_ENTRIES * E820_BOOT_PARAMS_ENTRY_SIZE];
    uint8_t hvm[E820_MAX_ENTRIES * E820_HVM_MEMMAP_ENTRY_SIZE];

    assert_int_equal(e820_build_pc(&table, 8 * GiB, PC_ACPI_TABLES_ADDR,
                                   PC_ACPI_TABLES_SIZE), 0);
    memset(hvm, 0xaa, sizeof(hvm));
    assert_int_equal(e820_table_encode_boot_params(&table, bp, 128), 6);
    assert_int_equal(e820_table_encode_hvm_memmap(&table, hvm, 128), 6);
    assert_int_equal(e820_table_encode_boot_params(&table, bp, 3), 3);
    for (unsigned i = 0; i < 6; i++) {
        const uint8_t *b = bp + i * 20, *h = hvm + i * 24;
        assert_int_equal(ld64_le(b), table.entries[i].addr);
        assert_int_equal(ld64_le(b + 8), table.entries[i].size);
        assert_int_equal(ld32_le(b + 16), table.entries[i].type);
        assert_int_equal(ld64_le(h), table.entries[i].addr);
        assert_int_equal(ld64_le(h + 8), table.entries[i].size);
        assert_int_equal(ld32_le(h + 16), table.entries[i].type);
        assert_int_equal(ld32_le(h + 20), 0);
    }
    assert_int_equal(ld64_le(bp + 5 * 20), 0x100000000);
    assert_int_equal(ld64_le(bp + 5 * 20 + 8), 5 * GiB);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_128m),
        cmocka_unit_test(test_1g),
        cmocka_unit_test(test_3_5g),
        cmocka_unit_test(test_8g),
        cmocka_unit_test(test_exactly_3g_has_no_high_ram),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_no_acpi_region),
        cmocka_unit_test(test_set_splits_and_merges),
        cmocka_unit_test(test_set_full),
        cmocka_unit_test(test_covers),
        cmocka_unit_test(test_place_high),
        cmocka_unit_test(test_encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
