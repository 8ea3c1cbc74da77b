/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PC guest-physical memory map, as a firmware would report it through
 * BIOS INT 15h/E820, and the fixed low-memory places where the direct
 * kernel boot puts its structures. docs/pc-boot.md draws the whole map.
 */
#ifndef MACHINES_PC_E820_H
#define MACHINES_PC_E820_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* E820 address range types (ACPI "Address Range Types"). */
#define E820_TYPE_RAM       1
#define E820_TYPE_RESERVED  2
#define E820_TYPE_ACPI      3   /* ACPI reclaimable */
#define E820_TYPE_NVS       4
#define E820_TYPE_UNUSABLE  5

/* What boot_params.e820_table holds; we never need more. */
#define E820_MAX_ENTRIES    128

/* ---- the PC memory map ---------------------------------------------- */
/* Top of RAM below 4 GiB once RAM exceeds it; the rest goes above 4 GiB. */
#define PC_LOW_RAM_MAX          UINT64_C(0xc0000000)
#define PC_HIGH_RAM_BASE        UINT64_C(0x100000000)
/* Extended BIOS data area at the top of conventional memory. */
#define PC_EBDA_ADDR            UINT64_C(0x9fc00)
#define PC_EBDA_END             UINT64_C(0xa0000)
/* ACPI tables (RSDP first) inside the legacy RSDP scan window. */
#define PC_ACPI_TABLES_ADDR     UINT64_C(0xe0000)
#define PC_ACPI_TABLES_SIZE     UINT64_C(0x10000)
/* System BIOS area: reserved, as on real PCs. */
#define PC_BIOS_AREA_ADDR       UINT64_C(0xf0000)
#define PC_BIOS_AREA_END        UINT64_C(0x100000)
/* Start of extended memory: kernels load here or above. */
#define PC_HIGH_MEMORY_ADDR     UINT64_C(0x100000)

/* ---- direct-boot structures in conventional memory -------------------- */
/* GDT, then the boot TSS */
#define PC_BOOT_GDT_ADDR        UINT64_C(0x1000)
#define PC_BOOT_TSS_ADDR        UINT64_C(0x1080)
/* PVH hvm_start_info, module list and memory map: one page */
#define PC_BOOT_START_INFO_ADDR UINT64_C(0x6000)
/* Linux boot_params ("zero page"): one page */
#define PC_BOOT_PARAMS_ADDR     UINT64_C(0x7000)
/* Kernel command line, at most PC_BOOT_CMDLINE_MAX bytes with the NUL */
#define PC_BOOT_CMDLINE_ADDR    UINT64_C(0x20000)
#define PC_BOOT_CMDLINE_MAX     UINT64_C(0x10000)

typedef struct E820Entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} E820Entry;

/* Sorted by address, non-overlapping, adjacent equal types merged. */
typedef struct E820Table {
    unsigned nr;
    E820Entry entries[E820_MAX_ENTRIES];
} E820Table;

/* RAM below 4 GiB and above it for a guest with ram_size bytes. */
uint64_t pc_ram_below_4g(uint64_t ram_size);
uint64_t pc_ram_above_4g(uint64_t ram_size);

/*
 * Build the map a PC firmware would report for ram_size bytes of RAM:
 * conventional memory, EBDA, the BIOS area, extended memory up to the
 * 32-bit PCI hole, RAM above 4 GiB, and the ACPI tables region
 * [acpi_addr, acpi_addr + acpi_size) typed ACPI (size 0: none). MMIO
 * (LAPIC, IOAPIC, PCI) is not listed. Returns 0, or -EINVAL (reported)
 * when ram_size is below 2 MiB.
 */
int e820_build_pc(E820Table *t, uint64_t ram_size, uint64_t acpi_addr,
                  uint64_t acpi_size);

/*
 * Give [addr, addr + size) the type, replacing whatever covered it before
 * and keeping the table sorted and merged. Returns 0 or -ENOSPC.
 */
int e820_table_set(E820Table *t, uint64_t addr, uint64_t size, uint32_t type);

/* Is [addr, addr + size) entirely inside one entry of the type? */
bool e820_table_covers(const E820Table *t, uint64_t addr, uint64_t size,
                       uint32_t type);

/*
 * Find the highest align-aligned address a where [a, a + size) is RAM,
 * a >= min_addr and a + size <= max_end. Returns 0 and *addr, or -ENOSPC
 * with *max_fit (if not NULL) set to the largest size that would fit.
 */
int e820_table_place_high(const E820Table *t, uint64_t size,
                          uint64_t min_addr, uint64_t max_end, uint64_t align,
                          uint64_t *addr, uint64_t *max_fit);

/* Encoded sizes of one entry in the two guest formats. */
#define E820_BOOT_PARAMS_ENTRY_SIZE 20  /* struct boot_e820_entry (packed) */
#define E820_HVM_MEMMAP_ENTRY_SIZE  24  /* struct hvm_memmap_table_entry */

/*
 * Encode the table as Linux boot_params.e820_table entries (addr, size,
 * type; packed little endian) into dst, at most max_entries. Returns the
 * number written.
 */
unsigned e820_table_encode_boot_params(const E820Table *t, uint8_t *dst,
                                       unsigned max_entries);
/* Same, as PVH hvm_memmap_table_entry (addr, size, type, reserved). */
unsigned e820_table_encode_hvm_memmap(const E820Table *t, uint8_t *dst,
                                      unsigned max_entries);

#endif
