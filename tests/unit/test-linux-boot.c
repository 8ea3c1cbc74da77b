/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bzImage loading through the 32-bit boot protocol, on a fake bzImage
 * built here: zero page fields, placements, CPU state and every refusal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "machines/pc/e820.h"
#include "machines/pc/linux-boot.h"
#include "util/cutils.h"

#define RAM_SIZE    (64 * MiB)
#define SETUP_SECTS 4
#define SETUP_SIZE  ((SETUP_SECTS + 1) * 512)
#define PM_SIZE     (64 * KiB)
#define IMAGE_SIZE  (SETUP_SIZE + PM_SIZE)

typedef struct Fixture {
    uint8_t *ram;
    uint8_t image[IMAGE_SIZE];
    uint8_t initrd[100000];
    E820Table e820;
    PcBootConfig cfg;
    X86CPUState cpu;
    PcBootInfo info;
} Fixture;

static void image_build(uint8_t *k)
{
    memset(k, 0, IMAGE_SIZE);
    k[BP_SETUP_SECTS] = SETUP_SECTS;
    st32_le(k + BP_SYSSIZE, PM_SIZE / 16);
    st16_le(k + BP_BOOT_FLAG, 0xaa55);
    k[BP_JUMP] = 0xeb;
    k[BP_JUMP + 1] = 0x6a;              /* header ends at 0x26c (2.15) */
    st32_le(k + BP_HEADER, LINUX_HDRS_MAGIC);
    st16_le(k + BP_VERSION, 0x020f);
    k[BP_LOADFLAGS] = LINUX_LOADED_HIGH;
    st32_le(k + BP_CODE32_START, 0x100000);
    st32_le(k + BP_INITRD_ADDR_MAX, 0x7fffffff);
    st32_le(k + BP_KERNEL_ALIGNMENT, 0x200000);
    k[BP_RELOCATABLE_KERNEL] = 1;
    st16_le(k + BP_XLOADFLAGS, 0x7f);
    st32_le(k + BP_CMDLINE_SIZE, 2047);
    st64_le(k + BP_PREF_ADDRESS, 0x1000000);
    st32_le(k + BP_INIT_SIZE, 0x800000);
    /* Something recognisable in the protected-mode part. */
    for (size_t i = 0; i < PM_SIZE; i++) {
        k[SETUP_SIZE + i] = (uint8_t)(i * 7 + 3);
    }
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof(*f));

    f->ram = calloc(1, RAM_SIZE);
    image_build(f->image);
    for (size_t i = 0; i < sizeof(f->initrd); i++) {
        f->initrd[i] = (uint8_t)(i ^ 0x5a);
    }
    assert_int_equal(e820_build_pc(&f->e820, RAM_SIZE, PC_ACPI_TABLES_ADDR,
                                   PC_ACPI_TABLES_SIZE), 0);
    f->cfg = (PcBootConfig){
        .kernel_name = "bzImage",
        .kernel = f->image,
        .kernel_size = IMAGE_SIZE,
        .initrd_name = "initrd.img",
        .initrd = f->initrd,
        .initrd_size = sizeof(f->initrd),
        .cmdline = "console=ttyS0 panic=-1",
        .e820 = &f->e820,
        .acpi_rsdp_addr = 0xe0000,
    };
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;

    free(f->ram);
    free(f);
    return 0;
}

static int load(Fixture *f)
{
    return linux_boot_load(f->ram, RAM_SIZE, &f->cfg, &f->cpu, &f->info);
}

static bool ram_is_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static void test_probe(void **state)
{
    Fixture *f = *state;
    uint8_t junk[4096] = { 0x7f, 'E', 'L', 'F' };

    assert_true(linux_boot_probe(f->image, IMAGE_SIZE));
    assert_false(linux_boot_probe(junk, sizeof(junk)));
    assert_false(linux_boot_probe(f->image, 0x200));
}

static void test_zero_page(void **state)
{
    Fixture *f = *state;
    const uint8_t *bp = f->ram + PC_BOOT_PARAMS_ADDR;

    assert_int_equal(load(f), 0);
    /* The setup header is copied from the image... */
    assert_int_equal(bp[BP_SETUP_SECTS], SETUP_SECTS);
    assert_int_equal(ld32_le(bp + BP_HEADER), LINUX_HDRS_MAGIC);
    assert_int_equal(ld16_le(bp + BP_VERSION), 0x020f);
    assert_int_equal(ld32_le(bp + BP_INIT_SIZE), 0x800000);
    assert_int_equal(ld32_le(bp + BP_CMDLINE_SIZE), 2047);
    /* ...with the loader's fields filled in. */
    assert_int_equal(bp[BP_TYPE_OF_LOADER], 0xff);
    assert_int_equal(ld16_le(bp + BP_VID_MODE), 0xffff);
    assert_int_equal(bp[BP_LOADFLAGS], LINUX_LOADED_HIGH | LINUX_CAN_USE_HEAP);
    assert_int_not_equal(ld16_le(bp + BP_HEAP_END_PTR), 0);
    assert_int_equal(ld32_le(bp + BP_CODE32_START), 0x100000);
    assert_int_equal(ld32_le(bp + BP_CMD_LINE_PTR), PC_BOOT_CMDLINE_ADDR);
    assert_int_equal(ld32_le(bp + BP_EXT_CMD_LINE_PTR), 0);
    assert_int_equal(ld64_le(bp + BP_ACPI_RSDP_ADDR), 0xe0000);
    assert_int_equal(bp[BP_SENTINEL], 0);
    /* Nothing before the header but what we set (screen_info etc. 0). */
    assert_true(ram_is_zero(bp, BP_ACPI_RSDP_ADDR));
    /* The memory map. */
    assert_int_equal(bp[BP_E820_ENTRIES], f->e820.nr);
    for (unsigned i = 0; i < f->e820.nr; i++) {
        const uint8_t *e = bp + BP_E820_TABLE + i * 20;
        assert_int_equal(ld64_le(e), f->e820.entries[i].addr);
        assert_int_equal(ld64_le(e + 8), f->e820.entries[i].size);
        assert_int_equal(ld32_le(e + 16), f->e820.entries[i].type);
    }
    assert_int_equal(f->info.boot_info_addr, PC_BOOT_PARAMS_ADDR);
}

static void test_kernel_and_cmdline(void **state)
{
    Fixture *f = *state;

    assert_int_equal(load(f), 0);
    assert_memory_equal(f->ram + 0x100000, f->image + SETUP_SIZE, PM_SIZE);
    assert_string_equal((char *)f->ram + PC_BOOT_CMDLINE_ADDR,
                        "console=ttyS0 panic=-1");
    /* Relocatable, pref_address 16 MiB: it runs at 16 MiB + init_size. */
    assert_int_equal(f->info.kernel_end, 0x1000000 + 0x800000);
    assert_int_equal(f->info.entry, 0x100000);
}

static void test_initrd_placement(void **state)
{
    Fixture *f = *state;
    const uint8_t *bp = f->ram + PC_BOOT_PARAMS_ADDR;
    uint32_t addr;

    assert_int_equal(load(f), 0);
    addr = ld32_le(bp + BP_RAMDISK_IMAGE);
    assert_int_equal(addr % 4096, 0);
    /* As high as RAM allows, and after the kernel. */
    assert_int_equal(addr, ALIGN_DOWN(RAM_SIZE - sizeof(f->initrd), 4096));
    assert_true(addr >= f->info.kernel_end);
    assert_int_equal(ld32_le(bp + BP_RAMDISK_SIZE), sizeof(f->initrd));
    assert_int_equal(ld32_le(bp + BP_EXT_RAMDISK_IMAGE), 0);
    assert_memory_equal(f->ram + addr, f->initrd, sizeof(f->initrd));
    assert_int_equal(f->info.initrd_addr, addr);

    /* initrd_addr_max below the top of RAM lowers it. */
    memset(f->ram, 0, RAM_SIZE);
    st32_le(f->image + BP_INITRD_ADDR_MAX, 0x1ffffff);
    assert_int_equal(load(f), 0);
    addr = ld32_le(bp + BP_RAMDISK_IMAGE);
    assert_int_equal(addr, ALIGN_DOWN(0x2000000 - sizeof(f->initrd), 4096));
}

static void test_no_initrd(void **state)
{
    Fixture *f = *state;
    const uint8_t *bp = f->ram + PC_BOOT_PARAMS_ADDR;

    f->cfg.initrd = NULL;
    f->cfg.initrd_size = 0;
    f->cfg.cmdline = NULL;
    assert_int_equal(load(f), 0);
    assert_int_equal(ld32_le(bp + BP_RAMDISK_IMAGE), 0);
    assert_int_equal(ld32_le(bp + BP_RAMDISK_SIZE), 0);
    assert_string_equal((char *)f->ram + PC_BOOT_CMDLINE_ADDR, "");
}

static void test_cpu_state(void **state)
{
    Fixture *f = *state;
    const uint8_t *gdt = f->ram + PC_BOOT_GDT_ADDR;

    memset(&f->cpu, 0xcc, sizeof(f->cpu));
    assert_int_equal(load(f), 0);
    assert_int_equal(f->cpu.rip, 0x100000);
    assert_int_equal(f->cpu.regs[R_ESI], PC_BOOT_PARAMS_ADDR);
    assert_int_equal(f->cpu.regs[R_EBX], 0);
    assert_int_equal(f->cpu.regs[R_EBP], 0);
    assert_int_equal(f->cpu.regs[R_EDI], 0);
    assert_int_equal(f->cpu.rflags & (1 << 9), 0);  /* IF clear */
    assert_int_equal(f->cpu.cr0 & 0x80000001, 1);    /* PE, no PG */
    assert_int_equal(f->cpu.segs[R_CS].selector, PC_BOOT_CS);
    assert_int_equal(f->cpu.segs[R_DS].selector, PC_BOOT_DS);
    assert_int_equal(f->cpu.segs[R_SS].selector, PC_BOOT_DS);
    assert_int_equal(f->cpu.gdt.base, PC_BOOT_GDT_ADDR);
    assert_int_equal(f->cpu.gdt.limit, 5 * 8 - 1);
    assert_int_equal(f->cpu.tr.selector, PC_BOOT_TSS_SEL);
    assert_int_equal(f->cpu.tr.base, PC_BOOT_TSS_ADDR);
    assert_int_equal(f->cpu.tr.limit, 0x67);
    /* The GDT in guest memory: null, null, code, data, busy TSS. */
    assert_int_equal(ld64_le(gdt + 0x00), 0);
    assert_int_equal(ld64_le(gdt + 0x08), 0);
    assert_int_equal(ld64_le(gdt + 0x10), 0x00cf9b000000ffffULL);
    assert_int_equal(ld64_le(gdt + 0x18), 0x00cf93000000ffffULL);
    assert_int_equal(ld64_le(gdt + 0x20),
                     0x00008b0000000067ULL | (uint64_t)PC_BOOT_TSS_ADDR << 16);
}

static void test_setup_sects_zero_means_four(void **state)
{
    Fixture *f = *state;

    f->image[BP_SETUP_SECTS] = 0;
    assert_int_equal(load(f), 0);
    assert_memory_equal(f->ram + 0x100000, f->image + SETUP_SIZE, PM_SIZE);
}

static void test_fixed_kernel_runs_at_pref_address(void **state)
{
    Fixture *f = *state;

    f->image[BP_RELOCATABLE_KERNEL] = 0;
    st64_le(f->image + BP_PREF_ADDRESS, 0x2000000);
    assert_int_equal(load(f), 0);
    assert_int_equal(f->info.kernel_end, 0x2000000 + 0x800000);
}

/* A refused image leaves guest memory untouched. */
static void check_refused(Fixture *f, int err)
{
    assert_int_equal(load(f), err);
    assert_true(ram_is_zero(f->ram, 2 * MiB));
}

static void test_bad_magic(void **state)
{
    Fixture *f = *state;

    f->image[BP_HEADER] = 'X';
    check_refused(f, -ENOEXEC);
}

static void test_old_protocol(void **state)
{
    Fixture *f = *state;

    st16_le(f->image + BP_VERSION, 0x0205);
    check_refused(f, -ENOEXEC);
}

static void test_zimage(void **state)
{
    Fixture *f = *state;

    f->image[BP_LOADFLAGS] = 0;
    check_refused(f, -ENOEXEC);
}

static void test_truncated(void **state)
{
    Fixture *f = *state;

    f->cfg.kernel_size = IMAGE_SIZE / 2;        /* syssize says more */
    check_refused(f, -ENOEXEC);
    f->cfg.kernel_size = SETUP_SIZE;            /* no kernel at all */
    check_refused(f, -ENOEXEC);
    f->cfg.kernel_size = 0x210;                 /* header cut short */
    check_refused(f, -ENOEXEC);
    f->cfg.kernel_size = 0x100;
    check_refused(f, -ENOEXEC);
}

static void test_initrd_too_large(void **state)
{
    Fixture *f = *state;

    /* Kernel needs up to 24 MiB: 40 MiB of 64 remain, so 48 MiB won't. */
    f->cfg.initrd_size = 48 * MiB;
    check_refused(f, -E2BIG);
    /* Just fits. */
    f->cfg.initrd_size = RAM_SIZE - (0x1000000 + 0x800000);
    f->cfg.initrd = calloc(1, f->cfg.initrd_size);
    assert_int_equal(load(f), 0);
    assert_int_equal(f->info.initrd_addr, 0x1800000);
    free((void *)f->cfg.initrd);
}

static void test_cmdline_too_long(void **state)
{
    Fixture *f = *state;
    char *cmdline = malloc(2049);

    memset(cmdline, 'a', 2048);
    cmdline[2048] = 0;
    f->cfg.cmdline = cmdline;
    check_refused(f, -E2BIG);
    cmdline[2047] = 0;              /* exactly cmdline_size: accepted */
    assert_int_equal(load(f), 0);
    assert_int_equal(strlen((char *)f->ram + PC_BOOT_CMDLINE_ADDR), 2047);
    free(cmdline);
}

static void test_kernel_too_big(void **state)
{
    Fixture *f = *state;

    st32_le(f->image + BP_INIT_SIZE, 60 * MiB);
    check_refused(f, -E2BIG);
    st32_le(f->image + BP_INIT_SIZE, 0x800000);
    st64_le(f->image + BP_PREF_ADDRESS, 0x123456789000ULL);
    check_refused(f, -E2BIG);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_probe),
        T(test_zero_page),
        T(test_kernel_and_cmdline),
        T(test_initrd_placement),
        T(test_no_initrd),
        T(test_cpu_state),
        T(test_setup_sects_zero_means_four),
        T(test_fixed_kernel_runs_at_pref_address),
        T(test_bad_magic),
        T(test_old_protocol),
        T(test_zimage),
        T(test_truncated),
        T(test_initrd_too_large),
        T(test_cmdline_too_long),
        T(test_kernel_too_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
