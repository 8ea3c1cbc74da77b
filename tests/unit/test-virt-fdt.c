/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The virt board's plain pieces: the device tree (read back with libfdt),
 * -dtb merging, the riscv Image header check, where images go, and the
 * reset-vector ROM (checked against the instruction encodings).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>

#include "machines/virt/virt.h"

/* ---- device tree -------------------------------------------------------- */

static void *build(unsigned harts, const char *bootargs, bool initrd)
{
    VirtFdtConfig c = {
        .nr_harts = harts,
        .ram_size = 256 * MiB,
        .bootargs = bootargs,
        .has_initrd = initrd,
        .initrd_start = 0x87000000,
        .initrd_end = 0x87100000,
    };
    void *fdt;
    size_t size;

    assert_int_equal(virt_fdt_build(&c, &fdt, &size), 0);
    assert_int_equal(fdt_check_header(fdt), 0);
    assert_int_equal(fdt_totalsize(fdt), size);
    return fdt;
}

static int node(void *fdt, const char *path)
{
    int off = fdt_path_offset(fdt, path);

    if (off < 0) {
        fail_msg("no node %s", path);
    }
    return off;
}

static const char *str(void *fdt, const char *path, const char *prop)
{
    const char *s = fdt_getprop(fdt, node(fdt, path), prop, NULL);

    assert_non_null(s);
    return s;
}

static uint32_t cell(void *fdt, const char *path, const char *prop, int i)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node(fdt, path), prop, &len);

    assert_non_null(p);
    assert_true((i + 1) * 4 <= len);
    return fdt32_to_cpu(p[i]);
}

static int prop_len(void *fdt, const char *path, const char *prop)
{
    int len = -1;

    assert_non_null(fdt_getprop(fdt, node(fdt, path), prop, &len));
    return len;
}

static void test_fdt_root_memory_cpus(void **state)
{
    void *fdt = build(2, NULL, false);

    assert_string_equal(str(fdt, "/", "compatible"), "riscv-virtio");
    assert_int_equal(cell(fdt, "/", "#address-cells", 0), 2);
    assert_int_equal(cell(fdt, "/memory@80000000", "reg", 1), 0x80000000);
    assert_int_equal(cell(fdt, "/memory@80000000", "reg", 3), 256 * MiB);
    assert_string_equal(str(fdt, "/memory@80000000", "device_type"), "memory");
    assert_int_equal(cell(fdt, "/cpus", "timebase-frequency", 0), 10000000);
    for (int h = 0; h < 2; h++) {
        char path[64];
        uint32_t intc;

        snprintf(path, sizeof(path), "/cpus/cpu@%d", h);
        assert_int_equal(cell(fdt, path, "reg", 0), h);
        assert_string_equal(str(fdt, path, "device_type"), "cpu");
        assert_string_equal(str(fdt, path, "riscv,isa"), VIRT_ISA);
        assert_string_equal(str(fdt, path, "mmu-type"), "riscv,sv57");
        assert_string_equal(str(fdt, path, "status"), "okay");
        strcat(path, "/interrupt-controller");
        assert_string_equal(str(fdt, path, "compatible"), "riscv,cpu-intc");
        assert_int_equal(cell(fdt, path, "#interrupt-cells", 0), 1);
        intc = cell(fdt, path, "phandle", 0);
        assert_int_equal(fdt_node_offset_by_phandle(fdt, intc),
                         node(fdt, path));
    }
    assert_int_equal(cell(fdt, "/cpus/cpu-map/cluster0/core1", "cpu", 0),
                     cell(fdt, "/cpus/cpu@1", "phandle", 0));
    assert_int_equal(fdt_path_offset(fdt, "/cpus/cpu@2"), -FDT_ERR_NOTFOUND);
    free(fdt);
}

/* interrupts-extended: (phandle of hart h's intc, irq) pairs. */
static void check_per_hart(void *fdt, const char *path, unsigned harts,
                           uint32_t a, uint32_t b)
{
    assert_int_equal(prop_len(fdt, path, "interrupts-extended"), 16 * harts);
    for (unsigned h = 0; h < harts; h++) {
        char cpu[64];
        uint32_t intc;

        snprintf(cpu, sizeof(cpu), "/cpus/cpu@%x/interrupt-controller", h);
        intc = cell(fdt, cpu, "phandle", 0);
        assert_int_equal(cell(fdt, path, "interrupts-extended", 4 * h), intc);
        assert_int_equal(cell(fdt, path, "interrupts-extended", 4 * h + 1), a);
        assert_int_equal(cell(fdt, path, "interrupts-extended", 4 * h + 2), intc);
        assert_int_equal(cell(fdt, path, "interrupts-extended", 4 * h + 3), b);
    }
}

static void test_fdt_soc(void **state)
{
    void *fdt = build(3, NULL, false);
    uint32_t plic;
    uint32_t test;

    assert_string_equal(str(fdt, "/soc", "compatible"), "simple-bus");
    /* CLINT: first compatible sifive,clint0, then riscv,clint0 */
    assert_string_equal(str(fdt, "/soc/clint@2000000", "compatible"),
                        "sifive,clint0");
    assert_int_equal(fdt_stringlist_contains(
        fdt_getprop(fdt, node(fdt, "/soc/clint@2000000"), "compatible", NULL),
        prop_len(fdt, "/soc/clint@2000000", "compatible"), "riscv,clint0"), 1);
    assert_int_equal(cell(fdt, "/soc/clint@2000000", "reg", 3), 0x10000);
    check_per_hart(fdt, "/soc/clint@2000000", 3, 3, 7);

    assert_string_equal(str(fdt, "/soc/plic@c000000", "compatible"),
                        "sifive,plic-1.0.0");
    assert_int_equal(cell(fdt, "/soc/plic@c000000", "riscv,ndev", 0), 95);
    assert_int_equal(cell(fdt, "/soc/plic@c000000", "reg", 3), 0x600000);
    check_per_hart(fdt, "/soc/plic@c000000", 3, 11, 9);
    plic = cell(fdt, "/soc/plic@c000000", "phandle", 0);

    assert_string_equal(str(fdt, "/soc/serial@10000000", "compatible"),
                        "ns16550a");
    assert_int_equal(cell(fdt, "/soc/serial@10000000", "clock-frequency", 0),
                     3686400);
    assert_int_equal(cell(fdt, "/soc/serial@10000000", "interrupts", 0), 10);
    assert_int_equal(cell(fdt, "/soc/serial@10000000", "interrupt-parent", 0),
                     plic);

    assert_string_equal(str(fdt, "/soc/rtc@101000", "compatible"),
                        "google,goldfish-rtc");
    assert_int_equal(cell(fdt, "/soc/rtc@101000", "interrupts", 0), 11);

    for (int i = 0; i < 8; i++) {
        char path[64];

        snprintf(path, sizeof(path), "/soc/virtio_mmio@%x", 0x10001000 + i * 0x1000);
        assert_string_equal(str(fdt, path, "compatible"), "virtio,mmio");
        assert_int_equal(cell(fdt, path, "interrupts", 0), 1 + i);
        assert_int_equal(cell(fdt, path, "interrupt-parent", 0), plic);
    }

    test = cell(fdt, "/soc/test@100000", "phandle", 0);
    assert_string_equal(str(fdt, "/poweroff", "compatible"), "syscon-poweroff");
    assert_int_equal(cell(fdt, "/poweroff", "regmap", 0), test);
    assert_int_equal(cell(fdt, "/poweroff", "value", 0), 0x5555);
    assert_string_equal(str(fdt, "/reboot", "compatible"), "syscon-reboot");
    assert_int_equal(cell(fdt, "/reboot", "regmap", 0), test);
    assert_int_equal(cell(fdt, "/reboot", "value", 0), 0x7777);
    free(fdt);
}

static void test_fdt_chosen(void **state)
{
    void *fdt = build(1, "console=ttyS0 earlycon=sbi", true);
    const fdt64_t *p;

    assert_string_equal(str(fdt, "/chosen", "bootargs"),
                        "console=ttyS0 earlycon=sbi");
    assert_string_equal(str(fdt, "/chosen", "stdout-path"),
                        "/soc/serial@10000000");
    assert_int_equal(prop_len(fdt, "/chosen", "linux,initrd-start"), 8);
    assert_int_equal(virt_fdt_set_initrd(fdt, 0x86000000, 0x86abcdef), 0);
    p = fdt_getprop(fdt, node(fdt, "/chosen"), "linux,initrd-end", NULL);
    assert_int_equal(fdt64_to_cpu(*p), 0x86abcdef);
    p = fdt_getprop(fdt, node(fdt, "/chosen"), "linux,initrd-start", NULL);
    assert_int_equal(fdt64_to_cpu(*p), 0x86000000);
    free(fdt);

    fdt = build(1, NULL, false);
    assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "bootargs", NULL));
    assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "linux,initrd-start",
                            NULL));
    free(fdt);
}

static void test_fdt_many_harts(void **state)
{
    void *fdt = build(VIRT_MAX_HARTS, "x", false);

    check_per_hart(fdt, "/soc/plic@c000000", VIRT_MAX_HARTS, 11, 9);
    free(fdt);
}

static void test_fdt_from_user(void **state)
{
    char blob[256];
    VirtFdtConfig c = { .nr_harts = 1, .bootargs = "quiet", .has_initrd = true,
                        .initrd_start = 1, .initrd_end = 2 };
    void *fdt;
    size_t size;

    assert_int_equal(fdt_create_empty_tree(blob, sizeof(blob)), 0);
    assert_int_equal(fdt_setprop_string(blob, 0, "model", "mine"), 0);
    assert_int_equal(virt_fdt_from_user("user.dtb", blob, sizeof(blob), &c,
                                        &fdt, &size), 0);
    assert_string_equal(str(fdt, "/", "model"), "mine");
    assert_string_equal(str(fdt, "/chosen", "bootargs"), "quiet");
    assert_int_equal(prop_len(fdt, "/chosen", "linux,initrd-end"), 8);
    /* the user's tree keeps its own stdout-path choice */
    assert_null(fdt_getprop(fdt, node(fdt, "/chosen"), "stdout-path", NULL));
    free(fdt);

    memset(blob, 0x5a, sizeof(blob));
    assert_int_equal(virt_fdt_from_user("junk.dtb", blob, sizeof(blob), &c,
                                        &fdt, &size), -EINVAL);
}

/* ---- Image header --------------------------------------------------------- */

static void make_image(uint8_t *img, size_t size, bool old_magic)
{
    memset(img, 0, size);
    st64_le(img + 8, 0x200000);        /* text_offset */
    st64_le(img + 16, 0x1400000);      /* image_size */
    if (old_magic) {
        memcpy(img + 48, "RISCV\0\0\0", 8);
    } else {
        memcpy(img + 56, "RSC\x05", 4);
    }
}

static void test_image_parse(void **state)
{
    uint8_t img[4096];
    RiscvImageInfo info;

    make_image(img, sizeof(img), false);
    assert_int_equal(riscv_image_parse("k", img, sizeof(img), &info), 0);
    assert_int_equal(info.text_offset, 0x200000);
    assert_int_equal(info.image_size, 0x1400000);
    make_image(img, sizeof(img), true);
    assert_int_equal(riscv_image_parse("k", img, sizeof(img), &info), 0);
    /* image_size 0 (old kernels): the file size */
    st64_le(img + 16, 0);
    assert_int_equal(riscv_image_parse("k", img, sizeof(img), &info), 0);
    assert_int_equal(info.image_size, sizeof(img));
    /* no magic, too short, ELF */
    memset(img + 48, 0, 16);
    assert_int_equal(riscv_image_parse("k", img, sizeof(img), &info), -ENOEXEC);
    make_image(img, sizeof(img), false);
    assert_int_equal(riscv_image_parse("k", img, 63, &info), -ENOEXEC);
    memcpy(img, "\x7f" "ELF", 4);
    assert_int_equal(riscv_image_parse("k", img, sizeof(img), &info), -ENOEXEC);
}

/* ---- layout --------------------------------------------------------------- */

static void test_layout_builtin_sbi(void **state)
{
    VirtLayoutInput in = {
        .ram_size = 128 * MiB, .has_kernel = true,
        .kernel = { .text_offset = 0x200000, .image_size = 20 * MiB },
        .kernel_file_size = 15 * MiB, .initrd_size = 3 * MiB + 5,
        .fdt_size = 9000,
    };
    VirtLayout l;

    assert_int_equal(virt_layout_compute(&in, "k", "i", &l), 0);
    assert_int_equal(l.kernel_addr, 0x80200000);
    assert_int_equal(l.kernel_end, 0x80200000 + 20 * MiB);
    /* the tree in the last 2 MiB-aligned slot, the initrd below it */
    assert_int_equal(l.fdt_addr, 0x87e00000);
    assert_int_equal(l.initrd_end, l.initrd_start + 3 * MiB + 5);
    assert_true(l.initrd_end <= l.fdt_addr);
    assert_true(l.initrd_start >= l.kernel_end);
    assert_int_equal(l.initrd_start % 4096, 0);
}

static void test_layout_firmware_and_3g_cap(void **state)
{
    VirtLayoutInput in = {
        .ram_size = 4 * GiB, .bios_size = 0x2f000, .has_kernel = true,
        .kernel = { .image_size = 20 * MiB }, .kernel_file_size = 1000,
        .fdt_size = 4096,
    };
    VirtLayout l;

    assert_int_equal(virt_layout_compute(&in, "k", "i", &l), 0);
    assert_int_equal(l.kernel_addr, 0x80200000);   /* fw_jump's address */
    assert_int_equal(l.fdt_addr, 3 * GiB - 2 * MiB);
    in.bios_size = 2 * MiB + 1;
    assert_int_equal(virt_layout_compute(&in, "k", "i", &l), 0);
    assert_int_equal(l.kernel_addr, 0x80400000);
}

static void test_layout_too_small(void **state)
{
    VirtLayoutInput in = {
        .ram_size = 32 * MiB, .has_kernel = true,
        .kernel = { .image_size = 40 * MiB }, .kernel_file_size = 1000,
        .fdt_size = 4096,
    };
    VirtLayout l;

    assert_int_equal(virt_layout_compute(&in, "k", "i", &l), -E2BIG);
    in.kernel.image_size = 20 * MiB;
    in.initrd_size = 16 * MiB;
    assert_int_equal(virt_layout_compute(&in, "k", "i", &l), -E2BIG);
    in.initrd_size = 4 * MiB;
    assert_int_equal(virt_layout_compute(&in, "k", "i", &l), 0);
}

/* ---- reset vector ---------------------------------------------------------- */

static void test_rom(void **state)
{
    uint8_t rom[128];
    size_t used = virt_rom_build(rom, sizeof(rom), 0x80000000, 0x87e00000,
                                 0x80200000);

    assert_int_equal(used, 88);
    assert_int_equal(ld32_le(rom + 0), 0x00000297);   /* auipc t0, 0 */
    assert_int_equal(ld32_le(rom + 4), 0x02828613);   /* addi a2, t0, 40 */
    assert_int_equal(ld32_le(rom + 8), 0xf1402573);   /* csrr a0, mhartid */
    assert_int_equal(ld32_le(rom + 12), 0x0202b583);  /* ld a1, 32(t0) */
    assert_int_equal(ld32_le(rom + 16), 0x0182b283);  /* ld t0, 24(t0) */
    assert_int_equal(ld32_le(rom + 20), 0x00028067);  /* jr t0 */
    assert_int_equal(ld64_le(rom + 24), 0x80000000);
    assert_int_equal(ld64_le(rom + 32), 0x87e00000);
    /* fw_dynamic_info: magic "OSBI", version 2, next addr, S mode */
    assert_int_equal(ld64_le(rom + 40), 0x4942534f);
    assert_int_equal(ld64_le(rom + 48), 2);
    assert_int_equal(ld64_le(rom + 56), 0x80200000);
    assert_int_equal(ld64_le(rom + 64), 1);
    assert_int_equal(virt_rom_build(rom, 64, 0, 0, 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fdt_root_memory_cpus),
        cmocka_unit_test(test_fdt_soc),
        cmocka_unit_test(test_fdt_chosen),
        cmocka_unit_test(test_fdt_many_harts),
        cmocka_unit_test(test_fdt_from_user),
        cmocka_unit_test(test_image_parse),
        cmocka_unit_test(test_layout_builtin_sbi),
        cmocka_unit_test(test_layout_firmware_and_3g_cap),
        cmocka_unit_test(test_layout_too_small),
        cmocka_unit_test(test_rom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
