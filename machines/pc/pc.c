/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86 PC board: RAM with the 32-bit PCI hole, an optional firmware ROM,
 * the legacy ISA devices Linux probes, ACPI tables, and direct kernel boot
 * (bzImage or PVH ELF) without firmware. Wired explicitly, in order.
 */
#include "accel/accel.h"
#include "cpu/x86/cpu-state.h"
#include "devices/acpi-pm.h"
#include "devices/i8042.h"
#include "devices/port-sink.h"
#include "devices/reset-control.h"
#include "devices/rtc-mc146818.h"
#include "devices/serial-16550.h"
#include "machines/machine.h"
#include "machines/pc/acpi-build.h"
#include "machines/pc/e820.h"
#include "machines/pc/linux-boot.h"
#include "machines/pc/pvh.h"
#include "util/cutils.h"
#include "util/error.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define PC_MAX_CPUS 255   /* xAPIC IDs; 0xff is the broadcast ID */
#define PC_BIOS_MAX_SIZE (16 * MiB)
#define PC_ISA_BIOS_MAX_SIZE (128 * KiB)

typedef struct PcBoard {
    MemoryRegion ram;            /* all guest RAM, one host mapping */
    MemoryRegion ram_below_4g;   /* alias: [0, below_4g) */
    MemoryRegion ram_above_4g;   /* alias: the rest, from 4 GiB */
    MemoryRegion bios;           /* -bios image just below 4 GiB */
    MemoryRegion isa_bios;       /* its last 128 KiB, below 1 MiB */
    uint8_t *bios_data;
    size_t bios_size;
    uint64_t below_4g, above_4g;
    uint8_t *kernel_data, *initrd_data;
    size_t kernel_size, initrd_size;
    bool kernel_is_pvh;

    Serial16550 *serials[MACHINE_MAX_SERIALS];
    RtcMc146818 *rtc;
    I8042 *i8042;
    AcpiPm *pm;
    ResetControl *reset_control;
} PcBoard;

static const uint16_t serial_ports[MACHINE_MAX_SERIALS] = {
    0x3f8, 0x2f8, 0x3e8, 0x2e8 };
static const uint8_t serial_irqs[MACHINE_MAX_SERIALS] = { 4, 3, 4, 3 };

/* ISA IRQ n drives GSI n of the in-kernel PIC and IOAPIC. */
static void pc_gsi_set(void *opaque, int gsi, int level)
{
    Machine *m = opaque;

    m->accel->irqchip_set_line(m, gsi, level);
}

static IRQLine pc_gsi(Machine *m, int gsi)
{
    return irq_line_make(pc_gsi_set, m, gsi);
}

static void pc_poweroff(void *opaque, int n, int level)
{
    if (level) {
        machine_request_shutdown(opaque, SHUTDOWN_GUEST_POWEROFF, 0);
    }
}

static void pc_reset_line(void *opaque, int n, int level)
{
    if (level) {
        machine_request_reset(opaque);
    }
}

static int pc_init_ram(Machine *m, PcBoard *b)
{
    uint64_t size = m->opts->ram_size;
    int ret;

    b->below_4g = pc_ram_below_4g(size);
    b->above_4g = pc_ram_above_4g(size);
    ret = memory_region_init_ram(&b->ram, "pc.ram", size);
    if (ret < 0) {
        error_report("cannot set up guest memory 'pc.ram': %s",
                     strerror(-ret));
        return ret;
    }
    memory_region_init_alias(&b->ram_below_4g, "ram-below-4g", &b->ram, 0,
                             b->below_4g);
    memory_region_add_subregion(&m->system_memory, 0, &b->ram_below_4g);
    if (b->above_4g) {
        memory_region_init_alias(&b->ram_above_4g, "ram-above-4g", &b->ram,
                                 b->below_4g, b->above_4g);
        memory_region_add_subregion(&m->system_memory, 4 * GiB,
                                    &b->ram_above_4g);
    }
    return 0;
}

/*
 * -bios: the image is mapped read-only so it ends at 4 GiB, where the
 * reset vector is, and its last 128 KiB also just below 1 MiB, as on a PC.
 */
static int pc_init_bios(Machine *m, PcBoard *b)
{
    const char *path = m->opts->bios;
    uint64_t isa_size;
    int ret;

    ret = file_read_all(path, &b->bios_data, &b->bios_size);
    if (ret < 0) {
        error_report("-bios %s: %s", path, strerror(-ret));
        return ret;
    }
    if (b->bios_size == 0 || b->bios_size % (4 * KiB) ||
        b->bios_size > PC_BIOS_MAX_SIZE) {
        error_report("-bios %s: a firmware image must be a multiple of 4 KiB "
                     "and at most 16 MiB (this one is %zu bytes)",
                     path, b->bios_size);
        return -EINVAL;
    }
    ret = memory_region_init_rom(&b->bios, "pc.bios", b->bios_size);
    if (ret < 0) {
        error_report("-bios %s: %s", path, strerror(-ret));
        return ret;
    }
    memory_region_add_subregion(&m->system_memory, 4 * GiB - b->bios_size,
                                &b->bios);
    isa_size = MIN(b->bios_size, PC_ISA_BIOS_MAX_SIZE);
    memory_region_init_alias(&b->isa_bios, "isa-bios", &b->bios,
                             b->bios_size - isa_size, isa_size);
    memory_region_add_subregion_overlap(&m->system_memory, 1 * MiB - isa_size,
                                        &b->isa_bios, 1);
    return 0;
}

static void pc_init_devices(Machine *m, PcBoard *b)
{
    MemoryRegion *io = &m->system_io;

    for (unsigned i = 0; i < MACHINE_MAX_SERIALS; i++) {
        if (m->serials[i]) {
            b->serials[i] = serial16550_create(io, serial_ports[i],
                                               pc_gsi(m, serial_irqs[i]),
                                               m->serials[i]);
        }
    }
    b->rtc = rtc_mc146818_create(io, 0x70, pc_gsi(m, 8));
    b->i8042 = i8042_create(io, 0x60, 0x64, pc_gsi(m, 1), pc_gsi(m, 12),
                            irq_line_make(pc_reset_line, m, 0));
    b->pm = acpi_pm_create(io, PC_ACPI_PM_IO_BASE, PC_ACPI_SLP_TYP_S5,
                           pc_gsi(m, PC_ACPI_SCI_IRQ),
                           irq_line_make(pc_poweroff, m, 0));
    b->reset_control = reset_control_create(io,
                                            irq_line_make(pc_reset_line, m, 0));
    /* POST code and I/O delay ports: Linux writes them, nothing answers. */
    port_sink_create(io, "post", 0x80, 1, 0xff);
    port_sink_create(io, "io-delay", 0xed, 1, 0xff);
}

/* The CMOS bytes a PC BIOS leaves for the OS: memory sizes and century. */
static void pc_init_cmos(PcBoard *b)
{
    uint64_t ext_kib = b->below_4g > MiB ? (b->below_4g - MiB) / KiB : 0;
    uint64_t above16 = b->below_4g > 16 * MiB ?
                       (b->below_4g - 16 * MiB) / (64 * KiB) : 0;
    uint64_t high = b->above_4g / (64 * KiB);

    ext_kib = MIN(ext_kib, 0xffff);
    above16 = MIN(above16, 0xffff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_BASE_MEM_LO, 640 & 0xff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_BASE_MEM_HI, 640 >> 8);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_EXT_MEM_LO, ext_kib & 0xff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_EXT_MEM_HI, ext_kib >> 8);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_EXT_MEM2_LO, ext_kib & 0xff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_EXT_MEM2_HI, ext_kib >> 8);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_MEM_16M_LO, above16 & 0xff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_MEM_16M_HI, above16 >> 8);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_HIGH_MEM_LO, high & 0xff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_HIGH_MEM_MID, (high >> 8) & 0xff);
    rtc_mc146818_set_cmos(b->rtc, RTC_CMOS_HIGH_MEM_HI, (high >> 16) & 0xff);
}

static int pc_create_cpus(Machine *m)
{
    m->nr_cpus = m->opts->smp_cpus;
    m->cpus = xzalloc(sizeof(CPU *) * m->nr_cpus);
    for (unsigned i = 0; i < m->nr_cpus; i++) {
        CPU *cpu = xzalloc(sizeof(*cpu));
        int ret;

        cpu->index = i;
        cpu->machine = m;
        cpu->accel = m->accel;
        cpu->arch = xzalloc(sizeof(*cpu->arch));
        pthread_cond_init(&cpu->cond, NULL);
        m->cpus[i] = cpu;
        ret = m->accel->cpu_create(cpu);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

/* Read -kernel and -initrd once; resets reload them from memory. */
static int pc_read_images(Machine *m, PcBoard *b)
{
    const MachineOptions *o = m->opts;
    int ret;

    if (!o->kernel) {
        return 0;
    }
    ret = file_read_all(o->kernel, &b->kernel_data, &b->kernel_size);
    if (ret < 0) {
        error_report("-kernel %s: %s", o->kernel, strerror(-ret));
        return ret;
    }
    if (pvh_probe(b->kernel_data, b->kernel_size)) {
        b->kernel_is_pvh = true;
    } else if (!linux_boot_probe(b->kernel_data, b->kernel_size)) {
        error_report("-kernel %s: not a bzImage or PVH ELF kernel", o->kernel);
        return -ENOEXEC;
    }
    if (o->initrd) {
        ret = file_read_all(o->initrd, &b->initrd_data, &b->initrd_size);
        if (ret < 0) {
            error_report("-initrd %s: %s", o->initrd, strerror(-ret));
            return ret;
        }
        /* The loader checks the exact fit; this catches the hopeless case
         * before any accelerator starts. */
        if (b->initrd_size > pc_ram_below_4g(o->ram_size)) {
            error_report("-initrd %s: initrd is too large: %zu bytes, but "
                         "the guest has only %" PRIu64 " bytes of RAM below "
                         "4 GiB", o->initrd, b->initrd_size,
                         pc_ram_below_4g(o->ram_size));
            return -E2BIG;
        }
    }
    return 0;
}

/*
 * Everything a power-on puts in place: CPU registers, firmware ROM
 * contents, and for direct boot the kernel, initrd and tables in RAM.
 */
static int pc_load(Machine *m, PcBoard *b)
{
    const MachineOptions *o = m->opts;
    X86CPUState *bsp = m->cpus[0]->arch;
    E820Table e820;
    PcBootConfig cfg;
    PcBootInfo info;
    AcpiPcConfig acpi = {
        .nr_cpus = m->nr_cpus,
        .pm_io_base = PC_ACPI_PM_IO_BASE,
        .sci_irq = PC_ACPI_SCI_IRQ,
        .ioapic_id = 0,
        .iapc_boot_arch = ACPI_IAPC_LEGACY_DEVICES | ACPI_IAPC_8042,
    };
    uint8_t *ram = b->ram.ram;
    int ret;

    for (unsigned i = 0; i < m->nr_cpus; i++) {
        x86_cpu_state_reset(m->cpus[i]->arch, i == 0);
        m->cpus[i]->arch_dirty = true;
    }
    if (b->bios_data) {
        memcpy(b->bios.ram, b->bios_data, b->bios_size);
    }
    if (!b->kernel_data) {
        return 0;   /* the firmware starts at the reset vector */
    }

    ret = e820_build_pc(&e820, o->ram_size, PC_ACPI_TABLES_ADDR,
                        PC_ACPI_TABLES_SIZE);
    if (ret < 0) {
        return ret;
    }
    cfg = (PcBootConfig){
        .kernel_name = o->kernel,
        .kernel = b->kernel_data,
        .kernel_size = b->kernel_size,
        .initrd_name = o->initrd,
        .initrd = b->initrd_data,
        .initrd_size = b->initrd_size,
        .cmdline = o->append,
        .e820 = &e820,
    };
    ret = acpi_build_pc(ram + PC_ACPI_TABLES_ADDR, PC_ACPI_TABLES_SIZE,
                        PC_ACPI_TABLES_ADDR, &acpi, &cfg.acpi_rsdp_addr);
    if (ret < 0) {
        return ret;
    }
    if (b->kernel_is_pvh) {
        return pvh_load(ram, b->below_4g, &cfg, bsp, &info);
    }
    return linux_boot_load(ram, b->below_4g, &cfg, bsp, &info);
}

static int pc_prepare(Machine *m)
{
    PcBoard *b = xzalloc(sizeof(*b));

    m->board = b;
    if (m->opts->kernel && m->opts->bios) {
        /* Firmware that loads -kernel needs fw_cfg, which is not built. */
        error_report("-bios with -kernel is not supported yet: the firmware "
                     "would need fw_cfg to find the kernel");
        return -ENOTSUP;
    }
    if (!m->opts->kernel && !m->opts->bios) {
        error_report("no -kernel or -bios given: Janus has no built-in "
                     "firmware, so it needs a kernel to boot directly");
        return -EINVAL;
    }
    return pc_read_images(m, b);
}

static int pc_init(Machine *m)
{
    PcBoard *b = m->board;
    int ret;

    if (!m->accel->irqchip_set_line) {
        error_report("machine 'pc' needs an accelerator with an interrupt "
                     "controller; '%s' has none yet", m->accel->name);
        return -ENOTSUP;
    }
    ret = pc_init_ram(m, b);
    if (ret == 0 && m->opts->bios) {
        ret = pc_init_bios(m, b);
    }
    if (ret < 0) {
        return ret;
    }
    pc_init_devices(m, b);
    pc_init_cmos(b);
    ret = pc_create_cpus(m);
    if (ret < 0) {
        return ret;
    }
    return pc_load(m, b);
}

static int pc_reset(Machine *m)
{
    PcBoard *b = m->board;

    for (unsigned i = 0; i < MACHINE_MAX_SERIALS; i++) {
        if (b->serials[i]) {
            serial16550_reset(b->serials[i]);
        }
    }
    rtc_mc146818_reset(b->rtc);
    pc_init_cmos(b);
    i8042_reset(b->i8042);
    acpi_pm_reset(b->pm);
    reset_control_reset(b->reset_control);
    if (m->accel->machine_reset) {
        m->accel->machine_reset(m);
    }
    return pc_load(m, b);
}

const MachineType pc_machine_type = {
    .name = "pc",
    .desc = "Standard PC (direct kernel boot, ACPI, ISA devices)",
    .max_cpus = PC_MAX_CPUS,
    .default_ram_size = 128 * MiB,
    .prepare = pc_prepare,
    .init = pc_init,
    .reset = pc_reset,
};
