/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ACPI tables for the firmware-less PC: RSDP (2.0+), RSDT, XSDT, FADT
 * (full hardware model, not hardware-reduced), FACS, DSDT (\_SB and
 * \_S5) and MADT. They describe the devices the board must model:
 *
 *   - a PM1a event block (PM1_STS, PM1_EN: 16 bits each), a PM1a control
 *     block (PM1_CNT, 16 bits) and a 24-bit ACPI PM timer at 3.579545 MHz,
 *     at pm_io_base + the PC_ACPI_PM_* offsets below. PM1_CNT.SCI_EN
 *     (bit 0) must read 1: there is no SMI_CMD port, ACPI is always on.
 *     Writing PM1_CNT with SLP_EN (bit 13) and SLP_TYP (bits 12:10) ==
 *     PC_ACPI_SLP_TYP_S5 is a poweroff;
 *   - the SCI on ISA IRQ sci_irq, level triggered, active high;
 *   - the reset register: I/O port 0xcf9, writing 0x06 resets;
 *   - LAPICs at 0xfee00000 with APIC IDs 0..nr_cpus-1, one IOAPIC with
 *     ID ioapic_id at 0xfec00000 (GSI 0..23), ISA IRQ 0 on GSI 2.
 */
#ifndef MACHINES_PC_ACPI_BUILD_H
#define MACHINES_PC_ACPI_BUILD_H

#include <stddef.h>
#include <stdint.h>

#define PC_LAPIC_ADDR           UINT64_C(0xfee00000)
#define PC_IOAPIC_ADDR          UINT64_C(0xfec00000)
#define PC_IOAPIC_NR_PINS       24

#define PC_ACPI_PM_IO_BASE      0x600
#define PC_ACPI_SCI_IRQ         9
#define PC_ACPI_SLP_TYP_S5      5
/* The PM block's layout and the reset register are the devices' own:
 * devices/acpi-pm.h and devices/reset-control.h. */

/* FADT IAPC_BOOT_ARCH flags. */
#define ACPI_IAPC_LEGACY_DEVICES (1u << 0)
#define ACPI_IAPC_8042           (1u << 1)
#define ACPI_IAPC_NO_VGA         (1u << 2)
#define ACPI_IAPC_NO_MSI         (1u << 3)
#define ACPI_IAPC_NO_ASPM        (1u << 4)
#define ACPI_IAPC_NO_CMOS_RTC    (1u << 5)

/* Sizes of the fixed parts, for tests and for the board's budget. */
#define ACPI_RSDP_SIZE          36
#define ACPI_HEADER_SIZE        36
#define ACPI_FADT_SIZE          276     /* revision 6 */
#define ACPI_FACS_SIZE          64
#define ACPI_MAX_CPUS           255     /* xAPIC IDs 0..254 */

typedef struct AcpiPcConfig {
    unsigned nr_cpus;           /* LAPIC IDs and processor UIDs 0..n-1 */
    uint16_t pm_io_base;        /* PC_ACPI_PM_IO_BASE */
    uint8_t sci_irq;            /* PC_ACPI_SCI_IRQ */
    uint8_t ioapic_id;
    uint16_t iapc_boot_arch;    /* ACPI_IAPC_* for the devices present */
} AcpiPcConfig;

/* Sum of the bytes, mod 256: a table is valid when this is 0. */
uint8_t acpi_checksum(const uint8_t *p, size_t len);

/*
 * Build every table into buf, which the guest sees at buf_guest_addr
 * (16-byte aligned and below 4 GiB; 0xe0000..0xfffff lets Linux's legacy
 * scan find the RSDP, which goes first). Sets *rsdp_guest_addr. Returns
 * the bytes used, or -EINVAL / -ENOSPC after one error_report().
 */
int acpi_build_pc(uint8_t *buf, size_t buf_size, uint64_t buf_guest_addr,
                  const AcpiPcConfig *cfg, uint64_t *rsdp_guest_addr);

#endif
