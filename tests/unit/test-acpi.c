/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ACPI tables for the PC, read back the way an OS does: from the RSDP
 * through XSDT/RSDT to every table, checking signatures, lengths,
 * checksums and contents; and the AML encodings underneath the DSDT.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "machines/pc/acpi-build.h"
#include "machines/pc/aml.h"
#include "machines/pc/e820.h"
#include "util/cutils.h"

#define BASE    PC_ACPI_TABLES_ADDR
#define SIZE    PC_ACPI_TABLES_SIZE

static uint8_t buf[SIZE];
static int used;
static uint64_t rsdp_addr;

static const AcpiPcConfig default_cfg = {
    .nr_cpus = 4,
    .pm_io_base = PC_ACPI_PM_IO_BASE,
    .sci_irq = PC_ACPI_SCI_IRQ,
    .ioapic_id = 0,
    .iapc_boot_arch = ACPI_IAPC_LEGACY_DEVICES | ACPI_IAPC_8042,
};

static int build(const AcpiPcConfig *cfg)
{
    memset(buf, 0xee, sizeof(buf));
    used = acpi_build_pc(buf, sizeof(buf), BASE, cfg, &rsdp_addr);
    return used;
}

/* A table at guest address addr: in the buffer, signature and checksum ok. */
static const uint8_t *table_at(uint64_t addr, const char *sig)
{
    assert_true(addr >= BASE && addr + ACPI_HEADER_SIZE <= BASE + used);
    const uint8_t *t = buf + (addr - BASE);
    uint32_t len = ld32_le(t + 4);

    assert_memory_equal(t, sig, 4);
    assert_true(len >= ACPI_HEADER_SIZE);
    assert_true(addr + len <= BASE + (uint64_t)used);
    assert_int_equal(acpi_checksum(t, len), 0);
    assert_memory_equal(t + 10, "JANUS ", 6);
    return t;
}

static const uint8_t *rsdp(void)
{
    assert_true(rsdp_addr >= 0xe0000 && rsdp_addr + 36 <= 0x100000);
    assert_int_equal(rsdp_addr % 16, 0);
    return buf + (rsdp_addr - BASE);
}

static const uint8_t *xsdt_entry(const char *sig)
{
    const uint8_t *x = table_at(ld64_le(rsdp() + 24), "XSDT");
    unsigned n = (ld32_le(x + 4) - ACPI_HEADER_SIZE) / 8;

    for (unsigned i = 0; i < n; i++) {
        uint64_t a = ld64_le(x + ACPI_HEADER_SIZE + i * 8);
        if (memcmp(buf + (a - BASE), sig, 4) == 0) {
            return table_at(a, sig);
        }
    }
    fail_msg("no %s in the XSDT", sig);
    return NULL;
}

static bool contains(const uint8_t *hay, size_t n, const uint8_t *needle,
                     size_t m)
{
    for (size_t i = 0; i + m <= n; i++) {
        if (memcmp(hay + i, needle, m) == 0) {
            return true;
        }
    }
    return false;
}

static void test_rsdp(void **state)
{
    assert_true(build(&default_cfg) > 0);
    const uint8_t *r = rsdp();

    assert_memory_equal(r, "RSD PTR ", 8);
    assert_int_equal(acpi_checksum(r, 20), 0);
    assert_int_equal(acpi_checksum(r, 36), 0);
    assert_int_equal(r[15], 2);
    assert_int_equal(ld32_le(r + 20), 36);
    table_at(ld32_le(r + 16), "RSDT");
    table_at(ld64_le(r + 24), "XSDT");
    /* Everything fits in the window the e820 map reserves for it. */
    assert_true(used > 0 && (uint64_t)used <= SIZE);
}

static void test_rsdt_matches_xsdt(void **state)
{
    assert_true(build(&default_cfg) > 0);
    const uint8_t *r = table_at(ld32_le(rsdp() + 16), "RSDT");
    const uint8_t *x = table_at(ld64_le(rsdp() + 24), "XSDT");
    unsigned n = (ld32_le(r + 4) - ACPI_HEADER_SIZE) / 4;

    assert_int_equal(ld32_le(x + 4), ACPI_HEADER_SIZE + n * 8);
    assert_int_equal(n, 2);
    for (unsigned i = 0; i < n; i++) {
        assert_int_equal(ld32_le(r + ACPI_HEADER_SIZE + i * 4),
                         ld64_le(x + ACPI_HEADER_SIZE + i * 8));
    }
    table_at(ld64_le(x + ACPI_HEADER_SIZE), "FACP");
    table_at(ld64_le(x + ACPI_HEADER_SIZE + 8), "APIC");
}

static void check_gas_io(const uint8_t *g, unsigned width, uint64_t port)
{
    assert_int_equal(g[0], 1);          /* system I/O */
    assert_int_equal(g[1], width);
    assert_int_equal(g[2], 0);
    assert_int_equal(ld64_le(g + 4), port);
}

static void test_fadt(void **state)
{
    assert_true(build(&default_cfg) > 0);
    const uint8_t *f = xsdt_entry("FACP");
    uint32_t flags = ld32_le(f + 112);

    assert_int_equal(ld32_le(f + 4), ACPI_FADT_SIZE);
    assert_int_equal(f[8], 6);
    assert_int_equal(ld16_le(f + 46), 9);           /* SCI_INT */
    assert_int_equal(ld32_le(f + 48), 0);           /* SMI_CMD */
    assert_int_equal(ld32_le(f + 56), 0x600);       /* PM1a_EVT_BLK */
    assert_int_equal(ld32_le(f + 60), 0);           /* no PM1b */
    assert_int_equal(ld32_le(f + 64), 0x604);       /* PM1a_CNT_BLK */
    assert_int_equal(ld32_le(f + 76), 0x608);       /* PM_TMR_BLK */
    assert_int_equal(f[88], 4);
    assert_int_equal(f[89], 2);
    assert_int_equal(f[91], 4);
    assert_int_equal(ld16_le(f + 109), ACPI_IAPC_LEGACY_DEVICES |
                                       ACPI_IAPC_8042);
    assert_true(flags & (1u << 10));                /* RESET_REG_SUP */
    assert_false(flags & (1u << 20));               /* not HW_REDUCED */
    assert_false(flags & (1u << 8));                /* 24-bit PM timer */
    check_gas_io(f + 116, 8, 0xcf9);                /* RESET_REG */
    assert_int_equal(f[128], 0x06);
    check_gas_io(f + 148, 32, 0x600);               /* X_PM1a_EVT_BLK */
    check_gas_io(f + 172, 16, 0x604);               /* X_PM1a_CNT_BLK */
    check_gas_io(f + 208, 32, 0x608);               /* X_PM_TMR_BLK */
    /* 32- and 64-bit pointers agree. */
    assert_int_equal(ld32_le(f + 36), ld64_le(f + 132));
    assert_int_equal(ld32_le(f + 40), ld64_le(f + 140));

    /* FACS: no checksum, 64-byte aligned. */
    uint64_t facs = ld64_le(f + 132);
    assert_int_equal(facs % 64, 0);
    assert_true(facs >= BASE && facs + 64 <= BASE + used);
    assert_memory_equal(buf + (facs - BASE), "FACS", 4);
    assert_int_equal(ld32_le(buf + (facs - BASE) + 4), 64);

    /* A different PM base moves every block. */
    AcpiPcConfig cfg = default_cfg;
    cfg.pm_io_base = 0xb000;
    assert_true(build(&cfg) > 0);
    f = xsdt_entry("FACP");
    assert_int_equal(ld32_le(f + 64), 0xb004);
    check_gas_io(f + 208, 32, 0xb008);
}

static void test_dsdt(void **state)
{
    /* Name(\_S5_, Package(4) { 5, 5, 0, 0 }) */
    static const uint8_t s5[] = {
        0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x04,
        0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00,
    };
    /* Scope(\_SB_) {} */
    static const uint8_t sb[] = { 0x10, 0x06, '\\', '_', 'S', 'B', '_' };

    assert_true(build(&default_cfg) > 0);
    const uint8_t *f = xsdt_entry("FACP");
    const uint8_t *d = table_at(ld64_le(f + 140), "DSDT");
    uint32_t len = ld32_le(d + 4);

    assert_int_equal(d[8], 2);          /* 64-bit AML integers */
    assert_true(contains(d + ACPI_HEADER_SIZE, len - ACPI_HEADER_SIZE,
                         s5, sizeof(s5)));
    assert_true(contains(d + ACPI_HEADER_SIZE, len - ACPI_HEADER_SIZE,
                         sb, sizeof(sb)));
    assert_int_equal(len, ACPI_HEADER_SIZE + sizeof(s5) + sizeof(sb));
}

static void check_madt(unsigned nr_cpus)
{
    AcpiPcConfig cfg = default_cfg;
    unsigned lapics = 0, ioapics = 0, nmis = 0;
    bool irq0 = false, irq9 = false;

    cfg.nr_cpus = nr_cpus;
    cfg.ioapic_id = 7;
    assert_true(build(&cfg) > 0);
    const uint8_t *m = xsdt_entry("APIC");
    uint32_t len = ld32_le(m + 4);

    assert_int_equal(ld32_le(m + 36), 0xfee00000);
    assert_int_equal(ld32_le(m + 40), 1);           /* PCAT_COMPAT */
    /* Walk the interrupt controller structures: exact tiling. */
    uint32_t off = 44;
    while (off < len) {
        const uint8_t *e = m + off;
        assert_true(e[1] >= 2 && off + e[1] <= len);
        switch (e[0]) {
        case 0:
            assert_int_equal(e[1], 8);
            assert_int_equal(e[2], lapics);         /* processor UID */
            assert_int_equal(e[3], lapics);         /* APIC ID */
            assert_int_equal(ld32_le(e + 4), 1);    /* enabled */
            lapics++;
            break;
        case 1:
            assert_int_equal(e[1], 12);
            assert_int_equal(e[2], 7);
            assert_int_equal(ld32_le(e + 4), 0xfec00000);
            assert_int_equal(ld32_le(e + 8), 0);
            ioapics++;
            break;
        case 2:
            assert_int_equal(e[1], 10);
            assert_int_equal(e[2], 0);
            if (e[3] == 0) {
                assert_int_equal(ld32_le(e + 4), 2);
                assert_int_equal(ld16_le(e + 8), 0);
                irq0 = true;
            } else if (e[3] == 9) {
                assert_int_equal(ld32_le(e + 4), 9);
                assert_int_equal(ld16_le(e + 8), 0x000d);
                irq9 = true;
            } else {
                fail_msg("unexpected override for IRQ %u", e[3]);
            }
            break;
        case 4:
            assert_int_equal(e[1], 6);
            assert_int_equal(e[2], 0xff);
            assert_int_equal(e[5], 1);              /* LINT1 */
            nmis++;
            break;
        default:
            fail_msg("unexpected MADT entry type %u", e[0]);
        }
        off += e[1];
    }
    assert_int_equal(off, len);
    assert_int_equal(lapics, nr_cpus);
    assert_int_equal(ioapics, 1);
    assert_int_equal(nmis, 1);
    assert_true(irq0 && irq9);
}

static void test_madt(void **state)
{
    check_madt(1);
    check_madt(4);
    check_madt(ACPI_MAX_CPUS);
}

static void test_tables_do_not_overlap(void **state)
{
    assert_true(build(&default_cfg) > 0);
    const uint8_t *x = table_at(ld64_le(rsdp() + 24), "XSDT");
    const uint8_t *f = xsdt_entry("FACP");
    struct { uint64_t a; uint32_t len; } t[7] = {
        { rsdp_addr, 36 },
        { ld32_le(rsdp() + 16), 0 },
        { ld64_le(rsdp() + 24), 0 },
        { ld64_le(x + 36), 0 },
        { ld64_le(x + 44), 0 },
        { ld64_le(f + 140), 0 },
        { ld64_le(f + 132), 64 },
    };
    for (unsigned i = 1; i < 6; i++) {
        t[i].len = ld32_le(buf + (t[i].a - BASE) + 4);
    }
    for (unsigned i = 0; i < 7; i++) {
        for (unsigned j = i + 1; j < 7; j++) {
            assert_true(t[i].a + t[i].len <= t[j].a ||
                        t[j].a + t[j].len <= t[i].a);
        }
    }
}

static void test_refusals(void **state)
{
    AcpiPcConfig cfg = default_cfg;
    uint64_t addr = 0;

    cfg.nr_cpus = 0;
    assert_int_equal(build(&cfg), -EINVAL);
    cfg.nr_cpus = ACPI_MAX_CPUS + 1;
    assert_int_equal(build(&cfg), -EINVAL);
    cfg.nr_cpus = 4;
    assert_int_equal(acpi_build_pc(buf, 200, BASE, &cfg, &addr), -ENOSPC);
    assert_int_equal(acpi_build_pc(buf, sizeof(buf), BASE + 8, &cfg, &addr),
                     -EINVAL);
    assert_int_equal(acpi_build_pc(buf, sizeof(buf), 0xfffff000, &cfg,
                                   &addr), -EINVAL);
    assert_int_equal(addr, 0);
}

static void check_bytes(const AmlBuf *b, const uint8_t *want, size_t n)
{
    assert_int_equal(b->len, n);
    assert_memory_equal(b->data, want, n);
}

static void test_aml_integers(void **state)
{
    static const struct {
        uint64_t v;
        uint8_t bytes[9];
        size_t n;
    } cases[] = {
        { 0, { 0x00 }, 1 },
        { 1, { 0x01 }, 1 },
        { 5, { 0x0a, 0x05 }, 2 },
        { 0x1234, { 0x0b, 0x34, 0x12 }, 3 },
        { 0x12345678, { 0x0c, 0x78, 0x56, 0x34, 0x12 }, 5 },
        { 0x100000000ULL, { 0x0e, 0, 0, 0, 0, 1, 0, 0, 0 }, 9 },
        { UINT64_MAX, { 0xff }, 1 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        AmlBuf b = { 0 };
        aml_append_integer(&b, cases[i].v);
        check_bytes(&b, cases[i].bytes, cases[i].n);
        aml_buf_free(&b);
    }
}

static void test_aml_names(void **state)
{
    AmlBuf b = { 0 };

    aml_append_name_string(&b, "\\_SB");
    check_bytes(&b, (const uint8_t *)"\\_SB_", 5);
    aml_buf_free(&b);
    aml_append_name_string(&b, "_SB.PCI0");
    check_bytes(&b, (const uint8_t *)"\x2e_SB_PCI0", 9);
    aml_buf_free(&b);
    aml_append_name_string(&b, "\\_SB.PCI0.S1");
    check_bytes(&b, (const uint8_t *)"\\\x2f\x03_SB_PCI0S1__", 15);
    aml_buf_free(&b);
    aml_append_name_string(&b, "^^FOO");
    check_bytes(&b, (const uint8_t *)"^^FOO_", 6);
    aml_buf_free(&b);
}

static void test_aml_pkg_length(void **state)
{
    static const struct {
        size_t body;
        uint8_t bytes[4];
        size_t n;
    } cases[] = {
        { 0, { 0x01 }, 1 },
        { 62, { 0x3f }, 1 },
        { 63, { 0x41, 0x04 }, 2 },          /* 65 = 0x041 */
        { 0xffd, { 0x4f, 0xff }, 2 },       /* 0xfff */
        { 0xffe, { 0x81, 0x00, 0x01 }, 3 }, /* 0x1001 */
        { 0x100000, { 0xc4, 0x00, 0x00, 0x01 }, 4 },   /* 0x100004 */
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        AmlBuf b = { 0 };
        aml_append_pkg_length(&b, cases[i].body);
        check_bytes(&b, cases[i].bytes, cases[i].n);
        aml_buf_free(&b);
    }
}

static void test_aml_long_scope(void **state)
{
    AmlBuf body = { 0 }, b = { 0 };

    /* A body past 63 bytes takes a two-byte PkgLength. */
    for (int i = 0; i < 100; i++) {
        aml_append_integer(&body, 0);
    }
    aml_append_scope(&b, "\\_SB", &body);
    assert_int_equal(b.len, 1 + 2 + 5 + 100);
    assert_int_equal(b.data[0], 0x10);
    assert_int_equal((b.data[1] & 0xf) | b.data[2] << 4, 2 + 5 + 100);
    assert_int_equal(b.data[1] >> 6, 1);
    aml_buf_free(&body);
    aml_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rsdp),
        cmocka_unit_test(test_rsdt_matches_xsdt),
        cmocka_unit_test(test_fadt),
        cmocka_unit_test(test_dsdt),
        cmocka_unit_test(test_madt),
        cmocka_unit_test(test_tables_do_not_overlap),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_aml_integers),
        cmocka_unit_test(test_aml_names),
        cmocka_unit_test(test_aml_pkg_length),
        cmocka_unit_test(test_aml_long_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
