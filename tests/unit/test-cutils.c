/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for util/cutils.c: size and integer parsing, LE helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>

#include "util/cutils.h"

static uint64_t out;

static int size(const char *s, uint64_t unit)
{
    out = 0xdeadbeef;
    return parse_size(s, unit, &out);
}

static void test_size_suffixes(void **state)
{
    assert_int_equal(size("512", MiB), 0);
    assert_int_equal(out, 512 * MiB);
    assert_int_equal(size("512", 1), 0);
    assert_int_equal(out, 512);
    assert_int_equal(size("0", MiB), 0);
    assert_int_equal(out, 0);
    assert_int_equal(size("2b", MiB), 0);
    assert_int_equal(out, 2);
    assert_int_equal(size("3B", MiB), 0);
    assert_int_equal(out, 3);
    assert_int_equal(size("4k", 1), 0);
    assert_int_equal(out, 4 * KiB);
    assert_int_equal(size("4K", 1), 0);
    assert_int_equal(out, 4 * KiB);
    assert_int_equal(size("5m", 1), 0);
    assert_int_equal(out, 5 * MiB);
    assert_int_equal(size("1G", MiB), 0);
    assert_int_equal(out, GiB);
    assert_int_equal(size("2g", MiB), 0);
    assert_int_equal(out, 2 * GiB);
    assert_int_equal(size("3T", MiB), 0);
    assert_int_equal(out, 3 * 1024 * GiB);
    assert_int_equal(size("1P", 1), 0);
    assert_int_equal(out, 1ULL << 50);
    assert_int_equal(size("2E", 1), 0);
    assert_int_equal(out, 1ULL << 61);
}

static void test_size_fractions(void **state)
{
    assert_int_equal(size("1.5G", MiB), 0);
    assert_int_equal(out, GiB + 512 * MiB);
    assert_int_equal(size("0.5K", 1), 0);
    assert_int_equal(out, 512);
    assert_int_equal(size("0.25M", 1), 0);
    assert_int_equal(out, 256 * KiB);
    /* The default unit scales a fraction as QEMU's -m 1.5 does. */
    assert_int_equal(size("1.5", MiB), 0);
    assert_int_equal(out, MiB + 512 * KiB);
    /* ...but a fraction of a byte is refused. */
    assert_int_equal(size("1.5", 1), -EINVAL);
    assert_int_equal(size("1.5B", MiB), -EINVAL);
    assert_int_equal(size("1.", MiB), -EINVAL);
    assert_int_equal(size("1.e5G", MiB), -EINVAL);
}

static void test_size_rejects(void **state)
{
    assert_int_equal(size("", MiB), -EINVAL);
    assert_int_equal(size("G", MiB), -EINVAL);
    assert_int_equal(size("lots", MiB), -EINVAL);
    assert_int_equal(size("-1", MiB), -EINVAL);
    assert_int_equal(size("+1", MiB), -EINVAL);
    assert_int_equal(size(" -1", 1), -EINVAL);
    assert_int_equal(size(" 5", 1), -EINVAL);
    assert_int_equal(size("1X", MiB), -EINVAL);
    assert_int_equal(size("1KB", MiB), -EINVAL);
    assert_int_equal(size("1 G", MiB), -EINVAL);
    assert_int_equal(size("1,5G", MiB), -EINVAL);
    assert_int_equal(size("0x10", 1), -EINVAL);
    assert_int_equal(parse_size(NULL, 1, &out), -EINVAL);
    /* A refused string leaves the output alone. */
    assert_int_equal(out, 0xdeadbeef);
}

static void test_size_range(void **state)
{
    assert_int_equal(size("18446744073709551615", 1), 0);
    assert_int_equal(out, UINT64_MAX);
    assert_int_equal(size("18446744073709551615B", MiB), 0);
    assert_int_equal(out, UINT64_MAX);
    assert_int_equal(size("18446744073709551616", 1), -ERANGE);
    assert_int_equal(size("99999999999999999999", MiB), -ERANGE);
    assert_int_equal(size("18446744073709551615", MiB), -ERANGE);
    assert_int_equal(size("17179869184G", 1), -ERANGE);
    assert_int_equal(size("17179869183G", 1), 0);
    assert_int_equal(out, UINT64_MAX - GiB + 1);
    assert_int_equal(size("16E", 1), -ERANGE);
    assert_int_equal(size("15.5E", 1), 0);
    assert_int_equal(out, 15ULL << 60 | 1ULL << 59);
    assert_int_equal(out, (uint64_t)(15.5 * (double)(1ULL << 60)));
}

static void test_uint(void **state)
{
    out = 7;
    assert_int_equal(parse_uint("0", &out), 0);
    assert_int_equal(out, 0);
    assert_int_equal(parse_uint("10", &out), 0);
    assert_int_equal(out, 10);
    assert_int_equal(parse_uint("0x10", &out), 0);
    assert_int_equal(out, 16);
    assert_int_equal(parse_uint("010", &out), 0);
    assert_int_equal(out, 8);
    assert_int_equal(parse_uint("18446744073709551615", &out), 0);
    assert_int_equal(out, UINT64_MAX);
    out = 7;
    assert_int_equal(parse_uint("18446744073709551616", &out), -ERANGE);
    assert_int_equal(parse_uint("", &out), -EINVAL);
    assert_int_equal(parse_uint("-1", &out), -EINVAL);
    assert_int_equal(parse_uint("+1", &out), -EINVAL);
    assert_int_equal(parse_uint("1 ", &out), -EINVAL);
    assert_int_equal(parse_uint("12a", &out), -EINVAL);
    assert_int_equal(parse_uint("0x", &out), -EINVAL);
    assert_int_equal(parse_uint(NULL, &out), -EINVAL);
    assert_int_equal(out, 7);
}

static void test_le_helpers(void **state)
{
    uint8_t b[8];

    st64_le(b, 0x0807060504030201ULL);
    for (unsigned i = 0; i < 8; i++) {
        assert_int_equal(b[i], i + 1);
    }
    assert_int_equal(ld16_le(b + 1), 0x0302);
    assert_int_equal(ld32_le(b + 4), 0x08070605);
    assert_int_equal(ld64_le(b), 0x0807060504030201ULL);
    st32_le(b, 0xa1b2c3d4);
    assert_int_equal(b[0], 0xd4);
    st16_le(b, 0xeeff);
    assert_int_equal(ld32_le(b), 0xa1b2eeff);
    assert_int_equal(ALIGN_UP(0x1001, 0x1000), 0x2000);
    assert_int_equal(ALIGN_DOWN(0x1fff, 0x1000), 0x1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_suffixes),
        cmocka_unit_test(test_size_fractions),
        cmocka_unit_test(test_size_rejects),
        cmocka_unit_test(test_size_range),
        cmocka_unit_test(test_uint),
        cmocka_unit_test(test_le_helpers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
