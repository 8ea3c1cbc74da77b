/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PVH ELF loading on small ELF images built here: segments, bss, the
 * hvm_start_info block, the entry state, and refusal of broken or hostile
 * files (truncations and random corruption must never crash).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "machines/pc/e820.h"
#include "machines/pc/pvh.h"
#include "util/cutils.h"

#define RAM_SIZE    (64 * MiB)
#define IMAGE_MAX   0x2000
#define SEG_OFFSET  0x400
#define SEG_FILESZ  0x1000
#define SEG_MEMSZ   0x3000
#define SEG_PADDR   0x100000
#define ENTRY       0x100040

typedef struct Fixture {
    uint8_t *ram;
    uint8_t image[IMAGE_MAX];
    size_t image_size;
    uint8_t initrd[5000];
    E820Table e820;
    PcBootConfig cfg;
    X86CPUState cpu;
    PcBootInfo info;
    /* where the builder put things, for tests that break them */
    size_t phdr_load, phdr_note, note;
} Fixture;

/* An ELF with one PT_LOAD and one PT_NOTE holding the Xen entry note. */
static void image_build(Fixture *f, bool is64, unsigned desc_size)
{
    uint8_t *k = f->image;
    size_t ehsize = is64 ? 64 : 52, phsize = is64 ? 56 : 32;
    size_t note_size = 12 + 4 + desc_size;

    memset(k, 0, IMAGE_MAX);
    memcpy(k, ELFMAG, SELFMAG);
    k[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    k[EI_DATA] = ELFDATA2LSB;
    k[EI_VERSION] = EV_CURRENT;
    st16_le(k + 16, ET_EXEC);
    st16_le(k + 18, is64 ? EM_X86_64 : EM_386);
    st32_le(k + 20, EV_CURRENT);
    f->phdr_load = ehsize;
    f->phdr_note = ehsize + phsize;
    f->note = ehsize + 2 * phsize;
    if (is64) {
        st64_le(k + 24, 0xffffffff81000000ULL);   /* e_entry: virtual */
        st64_le(k + 32, ehsize);                  /* e_phoff */
        st16_le(k + 52, ehsize);
        st16_le(k + 54, phsize);
        st16_le(k + 56, 2);
        uint8_t *p = k + f->phdr_load;
        st32_le(p, PT_LOAD);
        st32_le(p + 4, PF_R | PF_X);
        st64_le(p + 8, SEG_OFFSET);
        st64_le(p + 16, 0xffffffff81000000ULL);
        st64_le(p + 24, SEG_PADDR);
        st64_le(p + 32, SEG_FILESZ);
        st64_le(p + 40, SEG_MEMSZ);
        st64_le(p + 48, 0x1000);
        p = k + f->phdr_note;
        st32_le(p, PT_NOTE);
        st64_le(p + 8, f->note);
        st64_le(p + 32, note_size);
        st64_le(p + 40, note_size);
        st64_le(p + 48, 4);
    } else {
        st32_le(k + 24, ENTRY);
        st32_le(k + 28, ehsize);
        st16_le(k + 40, ehsize);
        st16_le(k + 42, phsize);
        st16_le(k + 44, 2);
        uint8_t *p = k + f->phdr_load;
        st32_le(p, PT_LOAD);
        st32_le(p + 4, SEG_OFFSET);
        st32_le(p + 8, SEG_PADDR);
        st32_le(p + 12, SEG_PADDR);
        st32_le(p + 16, SEG_FILESZ);
        st32_le(p + 20, SEG_MEMSZ);
        st32_le(p + 24, PF_R | PF_X);
        st32_le(p + 28, 0x1000);
        p = k + f->phdr_note;
        st32_le(p, PT_NOTE);
        st32_le(p + 4, f->note);
        st32_le(p + 16, note_size);
        st32_le(p + 20, note_size);
        st32_le(p + 28, 4);
    }
    uint8_t *n = k + f->note;
    st32_le(n, 4);
    st32_le(n + 4, desc_size);
    st32_le(n + 8, XEN_ELFNOTE_PHYS32_ENTRY);
    memcpy(n + 12, "Xen", 4);
    if (desc_size == 8) {
        st64_le(n + 16, ENTRY);
    } else {
        st32_le(n + 16, ENTRY);
    }
    for (size_t i = 0; i < SEG_FILESZ; i++) {
        k[SEG_OFFSET + i] = (uint8_t)(i * 13 + 1);
    }
    f->image_size = SEG_OFFSET + SEG_FILESZ;
    f->cfg.kernel_size = f->image_size;
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof(*f));

    f->ram = calloc(1, RAM_SIZE);
    for (size_t i = 0; i < sizeof(f->initrd); i++) {
        f->initrd[i] = (uint8_t)(i + 0x33);
    }
    assert_int_equal(e820_build_pc(&f->e820, RAM_SIZE, PC_ACPI_TABLES_ADDR,
                                   PC_ACPI_TABLES_SIZE), 0);
    f->cfg = (PcBootConfig){
        .kernel_name = "vmlinux",
        .kernel = f->image,
        .initrd_name = "initrd.img",
        .initrd = f->initrd,
        .initrd_size = sizeof(f->initrd),
        .cmdline = "console=ttyS0",
        .e820 = &f->e820,
        .acpi_rsdp_addr = 0xe0000,
    };
    image_build(f, true, 8);
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
    return pvh_load(f->ram, RAM_SIZE, &f->cfg, &f->cpu, &f->info);
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

static void check_loaded(Fixture *f)
{
    const uint8_t *si = f->ram + PC_BOOT_START_INFO_ADDR;

    assert_int_equal(load(f), 0);
    /* Segment contents, then a zeroed bss. */
    assert_memory_equal(f->ram + SEG_PADDR, f->image + SEG_OFFSET, SEG_FILESZ);
    assert_true(ram_is_zero(f->ram + SEG_PADDR + SEG_FILESZ,
                            SEG_MEMSZ - SEG_FILESZ));
    /* Entry state: flat 32-bit, %ebx = start_info. */
    assert_int_equal(f->cpu.rip, ENTRY);
    assert_int_equal(f->cpu.regs[R_EBX], PC_BOOT_START_INFO_ADDR);
    assert_int_equal(f->cpu.regs[R_ESI], 0);
    assert_int_equal(f->cpu.cr0 & 0x80000001, 1);
    assert_int_equal(f->cpu.segs[R_CS].selector, 0x10);
    assert_int_equal(f->cpu.segs[R_DS].selector, 0x18);
    assert_int_equal(f->cpu.gdt.base, PC_BOOT_GDT_ADDR);
    assert_int_equal(ld64_le(f->ram + PC_BOOT_GDT_ADDR + 0x10),
                     0x00cf9b000000ffffULL);
    /* hvm_start_info, version 1. */
    assert_int_equal(ld32_le(si + HVM_SI_MAGIC), 0x336ec578);
    assert_int_equal(ld32_le(si + HVM_SI_VERSION), 1);
    assert_int_equal(ld32_le(si + HVM_SI_FLAGS), 0);
    assert_int_equal(ld64_le(si + HVM_SI_CMDLINE_PADDR), PC_BOOT_CMDLINE_ADDR);
    assert_string_equal((char *)f->ram + PC_BOOT_CMDLINE_ADDR, "console=ttyS0");
    assert_int_equal(ld64_le(si + HVM_SI_RSDP_PADDR), 0xe0000);
    /* The initrd as module 0, page aligned at the top of RAM. */
    assert_int_equal(ld32_le(si + HVM_SI_NR_MODULES), 1);
    uint64_t modlist = ld64_le(si + HVM_SI_MODLIST_PADDR);
    assert_true(modlist >= PC_BOOT_START_INFO_ADDR + HVM_SI_SIZE);
    uint64_t initrd = ld64_le(f->ram + modlist);
    assert_int_equal(initrd, ALIGN_DOWN(RAM_SIZE - sizeof(f->initrd), 4096));
    assert_int_equal(ld64_le(f->ram + modlist + 8), sizeof(f->initrd));
    assert_int_equal(ld64_le(f->ram + modlist + 16), 0);
    assert_memory_equal(f->ram + initrd, f->initrd, sizeof(f->initrd));
    /* The memory map in hvm_memmap_table_entry form, E820 types. */
    uint64_t memmap = ld64_le(si + HVM_SI_MEMMAP_PADDR);
    assert_int_equal(ld32_le(si + HVM_SI_MEMMAP_ENTRIES), f->e820.nr);
    for (unsigned i = 0; i < f->e820.nr; i++) {
        const uint8_t *e = f->ram + memmap + i * 24;
        assert_int_equal(ld64_le(e), f->e820.entries[i].addr);
        assert_int_equal(ld64_le(e + 8), f->e820.entries[i].size);
        assert_int_equal(ld32_le(e + 16), f->e820.entries[i].type);
    }
    /* The three structures do not overlap each other. */
    assert_true(modlist + 32 <= memmap);
    assert_true(memmap + f->e820.nr * 24 <= PC_BOOT_START_INFO_ADDR + 4096);
    assert_int_equal(f->info.kernel_end, SEG_PADDR + SEG_MEMSZ);
}

static void test_probe(void **state)
{
    Fixture *f = *state;
    uint8_t bz[0x300] = { 0 };

    assert_true(pvh_probe(f->image, f->image_size));
    assert_false(pvh_probe(bz, sizeof(bz)));
    assert_false(pvh_probe(f->image, 3));
}

static void test_load_elf64(void **state)
{
    Fixture *f = *state;

    /* Stale bytes where the bss goes must be cleared. */
    memset(f->ram + SEG_PADDR, 0xcc, SEG_MEMSZ);
    check_loaded(f);
}

static void test_load_elf64_note32(void **state)
{
    Fixture *f = *state;

    image_build(f, true, 4);
    check_loaded(f);
}

static void test_load_elf32(void **state)
{
    Fixture *f = *state;

    image_build(f, false, 4);
    check_loaded(f);
}

static void test_no_initrd(void **state)
{
    Fixture *f = *state;
    const uint8_t *si = f->ram + PC_BOOT_START_INFO_ADDR;

    f->cfg.initrd = NULL;
    f->cfg.initrd_size = 0;
    f->cfg.cmdline = NULL;
    assert_int_equal(load(f), 0);
    assert_int_equal(ld32_le(si + HVM_SI_NR_MODULES), 0);
    assert_int_equal(ld64_le(si + HVM_SI_MODLIST_PADDR), 0);
    assert_string_equal((char *)f->ram + PC_BOOT_CMDLINE_ADDR, "");
}

static void check_refused(Fixture *f, int err)
{
    assert_int_equal(load(f), err);
    assert_true(ram_is_zero(f->ram, 2 * MiB));
}

static void test_truncated(void **state)
{
    Fixture *f = *state;

    f->cfg.kernel_size = 40;                    /* inside the ELF header */
    check_refused(f, -ENOEXEC);
    f->cfg.kernel_size = 100;                   /* inside the phdrs */
    check_refused(f, -ENOEXEC);
    f->cfg.kernel_size = f->note + 10;          /* inside the note */
    check_refused(f, -ENOEXEC);
    f->cfg.kernel_size = SEG_OFFSET + 10;       /* inside the segment */
    check_refused(f, -ENOEXEC);
}

static void test_wrong_machine(void **state)
{
    Fixture *f = *state;

    st16_le(f->image + 18, EM_AARCH64);
    check_refused(f, -ENOEXEC);
}

static void test_big_endian(void **state)
{
    Fixture *f = *state;

    f->image[EI_DATA] = ELFDATA2MSB;
    check_refused(f, -ENOEXEC);
}

static void test_missing_note(void **state)
{
    Fixture *f = *state;

    st32_le(f->image + f->note + 8, 17);        /* another Xen note */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    memcpy(f->image + f->note + 12, "Xyz", 4);  /* another owner */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st32_le(f->image + f->phdr_note, PT_NULL);  /* no PT_NOTE at all */
    check_refused(f, -ENOEXEC);
}

static void test_hostile_note(void **state)
{
    Fixture *f = *state;

    st32_le(f->image + f->note + 4, 0xfffffff0);    /* descsz */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st32_le(f->image + f->note, 0xffffffff);        /* namesz */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st32_le(f->image + f->note + 4, 3);             /* odd entry size */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st64_le(f->image + f->phdr_note + 8, 0xfffffffffffffff0ULL);
    check_refused(f, -ENOEXEC);
}

static void test_segment_outside_ram(void **state)
{
    Fixture *f = *state;
    uint8_t *ph = f->image + f->phdr_load;

    st64_le(ph + 24, 0x10000000);                   /* beyond 64 MiB */
    check_refused(f, -E2BIG);
    st64_le(ph + 24, RAM_SIZE - 0x1000);            /* straddles the end */
    check_refused(f, -E2BIG);
    st64_le(ph + 24, 0x90000);                      /* boot area */
    check_refused(f, -E2BIG);
    st64_le(ph + 24, 0xfffffffffffff000ULL);        /* wraps */
    check_refused(f, -E2BIG);
    st64_le(ph + 24, SEG_PADDR);
    st64_le(ph + 40, 0xffffffffffff0000ULL);        /* huge memsz */
    check_refused(f, -E2BIG);
}

static void test_segment_outside_file(void **state)
{
    Fixture *f = *state;
    uint8_t *ph = f->image + f->phdr_load;

    st64_le(ph + 8, 0xfffffffffffff000ULL);         /* p_offset */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st64_le(ph + 32, SEG_MEMSZ + 1);                /* filesz > memsz */
    check_refused(f, -ENOEXEC);
}

static void test_bad_phdr_table(void **state)
{
    Fixture *f = *state;

    st64_le(f->image + 32, 0xffffffffffffffc0ULL);  /* e_phoff */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st16_le(f->image + 56, 0);                      /* e_phnum */
    check_refused(f, -ENOEXEC);
    image_build(f, true, 8);
    st16_le(f->image + 54, 8);                      /* e_phentsize */
    check_refused(f, -ENOEXEC);
}

static void test_entry_outside_segments(void **state)
{
    Fixture *f = *state;

    st64_le(f->image + f->note + 16, 0x500000);
    check_refused(f, -ENOEXEC);
}

static void test_initrd_too_large(void **state)
{
    Fixture *f = *state;

    f->cfg.initrd_size = RAM_SIZE - SEG_PADDR;   /* more than is left */
    check_refused(f, -E2BIG);
}

/* Truncated at every length and randomly corrupted: errors, no crash. */
static void test_fuzz(void **state)
{
    Fixture *f = *state;
    uint8_t good[IMAGE_MAX];
    unsigned seed = 12345;
    int ok = 0;

    /* Thousands of refusals: keep their messages off the test log. */
    int saved_stderr = dup(2), devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    close(devnull);

    memcpy(good, f->image, IMAGE_MAX);
    for (size_t len = 0; len < f->image_size; len += 7) {
        f->cfg.kernel_size = len;
        assert_true(load(f) < 0);
    }
    for (int round = 0; round < 3000; round++) {
        memcpy(f->image, good, IMAGE_MAX);
        f->cfg.kernel_size = f->image_size;
        for (int i = 0; i < 4; i++) {
            seed = seed * 1103515245 + 12345;
            size_t pos = (seed >> 8) % SEG_OFFSET;
            seed = seed * 1103515245 + 12345;
            f->image[pos] = seed >> 16;
        }
        if (load(f) == 0) {
            ok++;
        }
    }
    dup2(saved_stderr, 2);
    close(saved_stderr);
    /* Most corruptions hit padding, so some still load. */
    assert_true(ok > 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_probe),
        T(test_load_elf64),
        T(test_load_elf64_note32),
        T(test_load_elf32),
        T(test_no_initrd),
        T(test_truncated),
        T(test_wrong_machine),
        T(test_big_endian),
        T(test_missing_note),
        T(test_hostile_note),
        T(test_segment_outside_ram),
        T(test_segment_outside_file),
        T(test_bad_phdr_table),
        T(test_entry_outside_segments),
        T(test_initrd_too_large),
        T(test_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
