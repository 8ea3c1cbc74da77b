/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 virt board: QEMU's memory map, interrupt numbers and boot
 * conventions, and the pieces of it that are plain functions (device
 * tree, Image header, boot layout, reset-vector ROM) so they can be unit
 * tested without a machine.
 */
#ifndef MACHINES_VIRT_VIRT_H
#define MACHINES_VIRT_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/cutils.h"

/* Memory map (QEMU's hw/riscv virt board, as its documentation shows). */
#define VIRT_MROM_BASE 0x1000ull
#define VIRT_MROM_SIZE 0xf000ull
#define VIRT_TEST_BASE 0x100000ull
#define VIRT_RTC_BASE 0x101000ull
#define VIRT_CLINT_BASE 0x2000000ull
#define VIRT_PLIC_BASE 0xc000000ull
#define VIRT_PLIC_SIZE 0x600000ull
#define VIRT_UART0_BASE 0x10000000ull
#define VIRT_UART0_SIZE 0x100ull
#define VIRT_VIRTIO_BASE 0x10001000ull
#define VIRT_VIRTIO_COUNT 8
#define VIRT_DRAM_BASE 0x80000000ull

/* PLIC sources (0 is "no interrupt"). */
#define VIRT_PLIC_NUM_SOURCES 96
#define VIRT_VIRTIO_IRQ 1          /* slot i uses 1 + i */
#define VIRT_UART0_IRQ 10
#define VIRT_RTC_IRQ 11

#define VIRT_MAX_HARTS 512         /* QEMU's limit for the board */
#define VIRT_UART_CLOCK_HZ 3686400
#define VIRT_TIMEBASE_HZ 10000000
#define VIRT_ISA "rv64imafdc_zicsr_zifencei_zba_zbb_zbs_sstc"
#define VIRT_MMU_TYPE "riscv,sv57"

/* ---- riscv Linux Image (Documentation/riscv/boot-image-header.rst) ---- */

#define RISCV_IMAGE_HEADER_SIZE 64

typedef struct RiscvImageInfo {
    uint64_t text_offset;   /* load offset from a 2 MiB aligned base */
    uint64_t image_size;    /* bytes the kernel occupies (with bss) */
} RiscvImageInfo;

/*
 * Check that data is a riscv64 Linux Image (either magic) and read its
 * header. Reports "-kernel NAME: ..." and returns -ENOEXEC if it is not.
 */
int riscv_image_parse(const char *name, const uint8_t *data, size_t size,
                      RiscvImageInfo *info);

/* ---- where the boot images go ------------------------------------------ */

typedef struct VirtLayoutInput {
    uint64_t ram_size;
    size_t bios_size;        /* 0: no firmware (built-in SBI) */
    bool has_kernel;
    RiscvImageInfo kernel;
    size_t kernel_file_size;
    size_t initrd_size;      /* 0: none */
    size_t fdt_size;
} VirtLayoutInput;

typedef struct VirtLayout {
    uint64_t kernel_addr;    /* where -kernel is loaded and entered */
    uint64_t kernel_end;
    uint64_t initrd_start, initrd_end;
    uint64_t fdt_addr;
} VirtLayout;

/*
 * QEMU's placement: firmware at the start of RAM; the kernel at the next
 * 2 MiB boundary after it (RAM + 2 MiB without firmware, the space an
 * SBI firmware would own); the device tree 2 MiB aligned at the top of
 * RAM below 3 GiB; the initrd just below it. Reports and returns -E2BIG
 * when something does not fit.
 */
int virt_layout_compute(const VirtLayoutInput *in, const char *kernel_name,
                        const char *initrd_name, VirtLayout *out);

/* ---- reset vector ROM -------------------------------------------------- */

/*
 * Fill rom (at VIRT_MROM_BASE) with the reset code every hart runs with
 * -bios: a0 = mhartid, a1 = fdt_addr, a2 = an OpenSBI fw_dynamic_info
 * (next stage kernel_addr in S mode), then jump to start_addr. Returns
 * the bytes used.
 */
size_t virt_rom_build(uint8_t *rom, size_t rom_size, uint64_t start_addr,
                      uint64_t fdt_addr, uint64_t kernel_addr);

/* ---- device tree ------------------------------------------------------- */

typedef struct VirtFdtConfig {
    unsigned nr_harts;
    uint64_t ram_size;
    const char *bootargs;    /* NULL: none */
    bool has_initrd;
    uint64_t initrd_start, initrd_end;
} VirtFdtConfig;

/*
 * Build the board's device tree (malloc'ed, packed) into *fdt. With
 * has_initrd the initrd properties are written with the given values and
 * may be updated in place later (virt_fdt_set_initrd). Returns 0 or a
 * negative errno after a report.
 */
int virt_fdt_build(const VirtFdtConfig *c, void **fdt, size_t *size);
/*
 * Take a user's device tree (-dtb) and add /chosen's bootargs and initrd
 * properties as for our own; the result is malloc'ed and packed.
 */
int virt_fdt_from_user(const char *name, const void *blob, size_t blob_size,
                       const VirtFdtConfig *c, void **fdt, size_t *size);
/* Update linux,initrd-start/end written by the builders (same size). */
int virt_fdt_set_initrd(void *fdt, uint64_t start, uint64_t end);

#endif
