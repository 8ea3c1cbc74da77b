/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 virt board, laid out as QEMU's (docs/virt.md): boot ROM,
 * sifive,test finisher, goldfish RTC, CLINT-layout ACLINT, PLIC, a 16550
 * UART, eight virtio-mmio slots and RAM from 2 GiB. Without -bios the
 * built-in SBI (sbi.c) serves the kernel, which hart 0 enters in S mode;
 * with -bios every hart starts in M mode at the ROM, which jumps to the
 * firmware at the start of RAM.
 */
#include "accel/accel.h"
#include "devices/goldfish-rtc.h"
#include "devices/riscv-aclint.h"
#include "devices/riscv-plic.h"
#include "devices/serial-16550.h"
#include "devices/sifive-test.h"
#include "devices/virtio-mmio.h"
#include "machines/machine.h"
#include "machines/virt/sbi.h"
#include "machines/virt/virt.h"
#include "util/cutils.h"
#include "util/error.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct VirtBoard {
    MemoryRegion ram;
    MemoryRegion rom;
    RiscvAclint aclint;
    RiscvPlic plic;
    SifiveTest test;
    GoldfishRtc rtc;
    VirtioMmioSlot virtio[VIRT_VIRTIO_COUNT];
    Serial16550 *uart;
    RiscvSbi sbi;
    const char *bios_path;   /* -bios FILE; NULL: the built-in SBI */
    bool builtin_sbi;

    uint8_t *bios, *kernel, *initrd;
    size_t bios_size, kernel_size, initrd_size;
    RiscvImageInfo kernel_info;
    void *fdt;
    size_t fdt_size;
    VirtLayout layout;
} VirtBoard;

/* ---- prepare: read and place the images, build the device tree ---------- */

static int virt_read_file(const char *opt, const char *path, uint8_t **data,
                          size_t *size)
{
    int ret = file_read_all(path, data, size);

    if (ret < 0) {
        error_report("%s %s: %s", opt, path, strerror(-ret));
    }
    return ret;
}

static int virt_read_images(Machine *m, VirtBoard *b)
{
    const MachineOptions *o = m->opts;
    int ret;

    if (b->bios_path) {
        ret = virt_read_file("-bios", b->bios_path, &b->bios, &b->bios_size);
        if (ret < 0) {
            return ret;
        }
        if (b->bios_size == 0) {
            error_report("-bios %s: the firmware file is empty", b->bios_path);
            return -EINVAL;
        }
    }
    if (o->kernel) {
        ret = virt_read_file("-kernel", o->kernel, &b->kernel, &b->kernel_size);
        if (ret < 0) {
            return ret;
        }
        ret = riscv_image_parse(o->kernel, b->kernel, b->kernel_size,
                                &b->kernel_info);
        if (ret < 0) {
            return ret;
        }
    }
    if (o->initrd) {
        ret = virt_read_file("-initrd", o->initrd, &b->initrd, &b->initrd_size);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

static int virt_build_fdt(Machine *m, VirtBoard *b)
{
    const MachineOptions *o = m->opts;
    VirtFdtConfig c = {
        .nr_harts = o->smp_cpus,
        .ram_size = o->ram_size,
        .bootargs = o->append,
        .has_initrd = b->initrd != NULL,
    };
    VirtLayoutInput in = {
        .ram_size = o->ram_size,
        .bios_size = b->bios_size,
        .has_kernel = b->kernel != NULL,
        .kernel = b->kernel_info,
        .kernel_file_size = b->kernel_size,
        .initrd_size = b->initrd_size,
    };
    int ret;

    if (o->dtb) {
        uint8_t *blob;
        size_t blob_size;

        ret = virt_read_file("-dtb", o->dtb, &blob, &blob_size);
        if (ret < 0) {
            return ret;
        }
        ret = virt_fdt_from_user(o->dtb, blob, blob_size, &c, &b->fdt,
                                 &b->fdt_size);
        free(blob);
    } else {
        ret = virt_fdt_build(&c, &b->fdt, &b->fdt_size);
    }
    if (ret < 0) {
        return ret;
    }
    /* The tree's size fixes where it goes, and so where the initrd goes. */
    in.fdt_size = b->fdt_size;
    ret = virt_layout_compute(&in, o->kernel, o->initrd, &b->layout);
    if (ret < 0) {
        return ret;
    }
    if (b->initrd) {
        ret = virt_fdt_set_initrd(b->fdt, b->layout.initrd_start,
                                  b->layout.initrd_end);
        if (ret < 0) {
            error_report("device tree: cannot record the initrd");
            return ret;
        }
    }
    return 0;
}

static int virt_dump_fdt(const VirtBoard *b, const char *path)
{
    FILE *f = fopen(path, "wb");

    if (!f) {
        error_report("-machine dumpdtb=%s: %s", path, strerror(errno));
        return -errno;
    }
    if (fwrite(b->fdt, 1, b->fdt_size, f) != b->fdt_size || fclose(f) != 0) {
        error_report("-machine dumpdtb=%s: write failed", path);
        return -EIO;
    }
    return 0;
}

static int virt_prepare(Machine *m)
{
    const MachineOptions *o = m->opts;
    VirtBoard *b = xzalloc(sizeof(*b));
    int ret;

    m->board = b;
    if (o->bios && !strcmp(o->bios, "none")) {
        error_report("-bios none: not supported; leave out -bios to boot "
                     "the kernel on the built-in SBI");
        return -ENOTSUP;
    }
    if (o->nr_devices) {
        /* The -device table holds ISA devices, which this board lacks. */
        error_report("-device %s: the virt board takes no -device yet (it "
                     "has no ISA bus and no virtio devices)",
                     o->devices[0].driver);
        return -ENOTSUP;
    }
    /* "default" is QEMU's own firmware; ours is the built-in SBI. */
    if (o->bios && strcmp(o->bios, "default")) {
        b->bios_path = o->bios;
    }
    if (o->ram_size < 16 * MiB) {
        error_report("-m: the virt board needs at least 16 MiB of RAM");
        return -EINVAL;
    }
    if (o->ram_size > (1ull << 40)) {
        error_report("-m: the virt board takes at most 1 TiB of RAM");
        return -EINVAL;
    }
    ret = virt_read_images(m, b);
    if (ret == 0) {
        ret = virt_build_fdt(m, b);
    }
    if (ret < 0) {
        return ret;
    }
    if (o->dumpdtb) {
        return virt_dump_fdt(b, o->dumpdtb) < 0 ? -EIO : 1;
    }
    if (!o->kernel && !b->bios_path) {
        error_report("no -kernel or -bios given: the virt board needs a "
                     "kernel to run on its built-in SBI, or firmware");
        return -EINVAL;
    }
    b->builtin_sbi = !b->bios_path;
    return 0;
}

/* ---- init: memory, devices, harts --------------------------------------- */

static void virt_hart_irq(void *opaque, int irq, int level)
{
    riscv_hart_set_irq(opaque, irq, level);
}

static void virt_test_action(void *opaque, SifiveTestAction action, int code)
{
    Machine *m = opaque;

    switch (action) {
    case SIFIVE_TEST_ACTION_POWEROFF:
        machine_request_shutdown(m, SHUTDOWN_GUEST_POWEROFF, 0);
        break;
    case SIFIVE_TEST_ACTION_RESET:
        machine_request_reset(m);
        break;
    case SIFIVE_TEST_ACTION_FAIL:
        machine_request_shutdown(m, SHUTDOWN_EXIT_DEVICE, code);
        break;
    }
}

static int virt_map(Machine *m, const char *what, uint64_t addr,
                    MemoryRegion *mr)
{
    int ret = memory_region_add_subregion(&m->system_memory, addr, mr);

    if (ret < 0) {
        error_report("virt: cannot map %s at 0x%" PRIx64 ": %s", what, addr,
                     strerror(-ret));
    }
    return ret;
}

static int virt_init_memory(Machine *m, VirtBoard *b)
{
    int ret = memory_region_init_ram(&b->ram, "riscv_virt_board.ram",
                                     m->opts->ram_size);

    if (ret < 0) {
        error_report("cannot set up guest memory: %s", strerror(-ret));
        return ret;
    }
    ret = virt_map(m, "RAM", VIRT_DRAM_BASE, &b->ram);
    if (ret < 0) {
        return ret;
    }
    ret = memory_region_init_rom(&b->rom, "riscv_virt_board.mrom",
                                 VIRT_MROM_SIZE);
    if (ret < 0) {
        error_report("cannot set up the boot ROM: %s", strerror(-ret));
        return ret;
    }
    return virt_map(m, "the boot ROM", VIRT_MROM_BASE, &b->rom);
}

static int virt_init_devices(Machine *m, VirtBoard *b)
{
    unsigned n = m->nr_cpus;
    IRQLine *msip = xzalloc(sizeof(IRQLine) * n);
    IRQLine *mtip = xzalloc(sizeof(IRQLine) * n);
    IRQLine *ctx = xzalloc(sizeof(IRQLine) * 2 * n);
    int ret;

    for (unsigned h = 0; h < n; h++) {
        CPU *cpu = m->cpus[h];

        msip[h] = irq_line_make(virt_hart_irq, cpu, RISCV_IRQ_M_SOFT);
        mtip[h] = irq_line_make(virt_hart_irq, cpu, RISCV_IRQ_M_TIMER);
        ctx[2 * h] = irq_line_make(virt_hart_irq, cpu, RISCV_IRQ_M_EXT);
        ctx[2 * h + 1] = irq_line_make(virt_hart_irq, cpu, RISCV_IRQ_S_EXT);
    }
    riscv_aclint_init(&b->aclint, n, msip, mtip, NULL);
    riscv_plic_init(&b->plic, VIRT_PLIC_NUM_SOURCES, 2 * n, ctx,
                    VIRT_PLIC_SIZE);
    free(msip);
    free(mtip);
    free(ctx);
    sifive_test_init(&b->test, virt_test_action, m);
    goldfish_rtc_init(&b->rtc, riscv_plic_source(&b->plic, VIRT_RTC_IRQ),
                      NULL, NULL);

    ret = virt_map(m, "the ACLINT", VIRT_CLINT_BASE, &b->aclint.mr);
    if (ret == 0) {
        ret = virt_map(m, "the PLIC", VIRT_PLIC_BASE, &b->plic.mr);
    }
    if (ret == 0) {
        ret = virt_map(m, "sifive,test", VIRT_TEST_BASE, &b->test.mr);
    }
    if (ret == 0) {
        ret = virt_map(m, "the RTC", VIRT_RTC_BASE, &b->rtc.mr);
    }
    for (unsigned i = 0; ret == 0 && i < VIRT_VIRTIO_COUNT; i++) {
        uint64_t addr = VIRT_VIRTIO_BASE + (uint64_t)i * VIRTIO_MMIO_SLOT_SIZE;

        virtio_mmio_empty_init(&b->virtio[i], "virtio-mmio");
        ret = virt_map(m, "a virtio-mmio slot", addr, &b->virtio[i].mr);
    }
    if (ret < 0) {
        return ret;
    }
    /* One UART, as QEMU's virt; -serial beyond the first has no port. */
    for (unsigned i = 1; i < MACHINE_MAX_SERIALS; i++) {
        if (m->serials[i]) {
            warn_report("-serial: the virt board has one UART; serial "
                        "port %u is not connected", i);
        }
    }
    b->uart = serial16550_create_mmio(&m->system_memory, VIRT_UART0_BASE,
                                      riscv_plic_source(&b->plic,
                                                        VIRT_UART0_IRQ),
                                      m->serials[0]);
    return b->uart ? 0 : -EBUSY;
}

static int virt_create_harts(Machine *m)
{
    unsigned n = m->opts->smp_cpus;

    /* m->cpus only ever lists harts that exist: teardown walks it */
    m->cpus = xzalloc(sizeof(CPU *) * n);
    m->nr_cpus = 0;
    for (unsigned i = 0; i < n; i++) {
        CPU *cpu = riscv_hart_create(m, i);

        if (!cpu) {
            return -ENODEV;
        }
        m->cpus[m->nr_cpus++] = cpu;
    }
    return 0;
}

/*
 * Copy an image into the boot ROM or RAM. Straight into the regions, not
 * through the address space: at init the board's memory map is still
 * inside main's transaction and not rendered yet.
 */
static bool virt_write_image(VirtBoard *b, uint64_t addr, const void *buf,
                             size_t len)
{
    MemoryRegion *mr = addr >= VIRT_DRAM_BASE ? &b->ram : &b->rom;
    uint64_t base = addr >= VIRT_DRAM_BASE ? VIRT_DRAM_BASE : VIRT_MROM_BASE;

    if (addr < base || addr - base > mr->size || len > mr->size - (addr - base)) {
        return false;
    }
    memcpy((uint8_t *)mr->ram + (addr - base), buf, len);
    return true;
}

/* Put the images in memory and every hart at its first instruction. */
static int virt_load(Machine *m, VirtBoard *b)
{
    const VirtLayout *l = &b->layout;
    uint8_t rom[128];
    size_t rom_used;

    rom_used = virt_rom_build(rom, sizeof(rom), VIRT_DRAM_BASE, l->fdt_addr,
                              l->kernel_addr);
    if (!virt_write_image(b, VIRT_MROM_BASE, rom, rom_used) ||
        (b->bios && !virt_write_image(b, VIRT_DRAM_BASE, b->bios,
                                      b->bios_size)) ||
        (b->kernel && !virt_write_image(b, l->kernel_addr, b->kernel,
                                        b->kernel_size)) ||
        (b->initrd && !virt_write_image(b, l->initrd_start, b->initrd,
                                        b->initrd_size)) ||
        !virt_write_image(b, l->fdt_addr, b->fdt, b->fdt_size)) {
        error_report("virt: cannot load the boot images into RAM");
        return -EIO;
    }

    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = m->cpus[i];

        if (!b->builtin_sbi) {
            riscv_hart_reset(cpu, i, VIRT_MROM_BASE, l->fdt_addr);
        } else if (i == 0) {
            riscv_hart_reset_to_supervisor(cpu, i, l->kernel_addr,
                                           l->fdt_addr);
        } else {
            /* Secondary harts wait for the kernel's SBI hart_start. */
            riscv_hart_reset(cpu, i, VIRT_MROM_BASE, l->fdt_addr);
            riscv_hart_stop(cpu);
        }
    }
    return 0;
}

static int virt_init(Machine *m)
{
    VirtBoard *b = m->board;
    int ret;

    if (strcmp(m->accel->name, "tcg")) {
        error_report("machine 'virt' runs on TCG only; -accel %s cannot run "
                     "riscv64 harts", m->accel->name);
        return -ENOTSUP;
    }
    ret = virt_init_memory(m, b);
    if (ret == 0) {
        ret = virt_create_harts(m);
    }
    if (ret == 0) {
        ret = virt_init_devices(m, b);
    }
    if (ret < 0) {
        return ret;
    }
    if (b->builtin_sbi) {
        riscv_sbi_init(&b->sbi, m, m->cpus, m->nr_cpus, VIRT_DRAM_BASE,
                       m->opts->ram_size, b->uart, m->serials[0]);
    }
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        riscv_hart_set_time_source(m->cpus[i], riscv_aclint_read_mtime,
                                   &b->aclint);
        if (b->builtin_sbi) {
            riscv_hart_set_sbi_handler(m->cpus[i], riscv_sbi_ecall, &b->sbi);
        }
    }
    return virt_load(m, b);
}

static int virt_reset(Machine *m)
{
    VirtBoard *b = m->board;

    riscv_aclint_reset(&b->aclint);
    riscv_plic_reset(&b->plic);
    goldfish_rtc_reset(&b->rtc);
    serial16550_reset(b->uart);
    if (m->accel->machine_reset) {
        m->accel->machine_reset(m);
    }
    return virt_load(m, b);
}

const MachineType virt_machine_type = {
    .name = "virt",
    .desc = "RISC-V VirtIO board (QEMU's memory map, built-in SBI)",
    .max_cpus = VIRT_MAX_HARTS,
    .default_ram_size = 128 * MiB,
    .uses_fdt = true,
    .prepare = virt_prepare,
    .init = virt_init,
    .reset = virt_reset,
};
