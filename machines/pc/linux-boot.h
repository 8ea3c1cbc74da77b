/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Direct boot of a Linux bzImage through the 32-bit boot protocol
 * (Documentation/arch/x86/boot.rst): the protected-mode kernel goes at
 * 1 MiB, a boot_params "zero page" describes memory, command line, initrd
 * and ACPI, and the BSP starts in flat 32-bit protected mode at the
 * kernel's startup_32 with %esi pointing at the zero page. No firmware,
 * no page tables, no real-mode setup code.
 *
 * Also the boot GDT shared with the PVH entry (pvh.h): both protocols
 * want the same selectors, __BOOT_CS 0x10 and __BOOT_DS 0x18.
 *
 * Guest memory is passed as the host view of low RAM: ram[0..ram_size)
 * is guest-physical [0, ram_size), as address_space_map_ram() gives it.
 */
#ifndef MACHINES_PC_LINUX_BOOT_H
#define MACHINES_PC_LINUX_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/x86/cpu-state.h"
#include "machines/pc/e820.h"

/* Boot GDT selectors (boot.rst "32-bit boot protocol", and PVH). */
#define PC_BOOT_CS      0x10
#define PC_BOOT_DS      0x18
#define PC_BOOT_TSS_SEL 0x20
#define PC_BOOT_GDT_ENTRIES 5
#define PC_BOOT_TSS_SIZE    0x68

/* Where the bzImage protected-mode part is loaded and entered. */
#define LINUX_KERNEL_LOAD_ADDR  UINT64_C(0x100000)
/* Oldest boot protocol accepted: 2.06 has cmdline_size and is 2.6.22+. */
#define LINUX_BOOT_PROTOCOL_MIN 0x0206

/* Offsets in the setup header / boot_params (boot.rst, zero-page.rst). */
#define BP_ACPI_RSDP_ADDR       0x070
#define BP_EXT_RAMDISK_IMAGE    0x0c0
#define BP_EXT_RAMDISK_SIZE     0x0c4
#define BP_EXT_CMD_LINE_PTR     0x0c8
#define BP_E820_ENTRIES         0x1e8
#define BP_SENTINEL             0x1ef
#define BP_HDR                  0x1f1
#define BP_SETUP_SECTS          0x1f1
#define BP_SYSSIZE              0x1f4
#define BP_VID_MODE             0x1fa
#define BP_BOOT_FLAG            0x1fe
#define BP_JUMP                 0x200
#define BP_HEADER               0x202
#define BP_VERSION              0x206
#define BP_TYPE_OF_LOADER       0x210
#define BP_LOADFLAGS            0x211
#define BP_CODE32_START         0x214
#define BP_RAMDISK_IMAGE        0x218
#define BP_RAMDISK_SIZE         0x21c
#define BP_HEAP_END_PTR         0x224
#define BP_CMD_LINE_PTR         0x228
#define BP_INITRD_ADDR_MAX      0x22c
#define BP_KERNEL_ALIGNMENT     0x230
#define BP_RELOCATABLE_KERNEL   0x234
#define BP_XLOADFLAGS           0x236
#define BP_CMDLINE_SIZE         0x238
#define BP_PREF_ADDRESS         0x258
#define BP_INIT_SIZE            0x260
#define BP_E820_TABLE           0x2d0
#define BP_SIZE                 0x1000

#define LINUX_HDRS_MAGIC        0x53726448  /* "HdrS" */
#define LINUX_LOADED_HIGH       0x01
#define LINUX_KEEP_SEGMENTS     0x40
#define LINUX_CAN_USE_HEAP      0x80

/* What the kernel and the board hand the loaders. */
typedef struct PcBootConfig {
    const char *kernel_name;    /* file names, for messages */
    const uint8_t *kernel;
    size_t kernel_size;
    const char *initrd_name;
    const uint8_t *initrd;      /* NULL: no initrd */
    size_t initrd_size;
    const char *cmdline;        /* NULL: empty */
    const E820Table *e820;      /* the guest's memory map */
    uint64_t acpi_rsdp_addr;    /* 0: no ACPI */
} PcBootConfig;

/* Where the loader put things; for the board's log and for tests. */
typedef struct PcBootInfo {
    uint64_t entry;             /* guest-physical entry point */
    uint64_t kernel_addr, kernel_end;   /* including bss / init_size */
    uint64_t initrd_addr, initrd_size;
    uint64_t cmdline_addr;
    uint64_t boot_info_addr;    /* zero page or hvm_start_info */
} PcBootInfo;

/*
 * Write the boot GDT (null, null, code32 flat at 0x10, data flat at 0x18,
 * 32-bit TSS at 0x20) and a zeroed TSS into guest memory, and point the
 * CPU's GDTR and TR at them. Returns 0 or -EINVAL if RAM is too small.
 */
int pc_boot_gdt_setup(uint8_t *ram, uint64_t ram_size, X86CPUState *cpu);

/* Does the image look like a bzImage ("HdrS" setup header)? Silent. */
bool linux_boot_probe(const uint8_t *kernel, size_t size);

/*
 * Load a bzImage, its initrd and command line into guest RAM, build the
 * zero page and put the BSP at the 32-bit entry. Everything is checked
 * before the first byte is written. Returns 0, or a negative errno after
 * one error_report() naming the file: -ENOEXEC (not a bzImage, protocol
 * too old, truncated), -E2BIG (kernel, initrd or command line too big).
 */
int linux_boot_load(uint8_t *ram, uint64_t ram_size, const PcBootConfig *cfg,
                    X86CPUState *cpu, PcBootInfo *info);

#endif
