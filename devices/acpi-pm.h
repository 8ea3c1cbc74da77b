/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ACPI fixed-hardware power management registers of a PC (the PM1a event
 * and control blocks and the PM timer), as a FADT describes them. Guest
 * poweroff (SLP_EN with the S5 sleep type) goes out on a line.
 */
#ifndef DEVICES_ACPI_PM_H
#define DEVICES_ACPI_PM_H

#include <stdint.h>

#include "devices/irq.h"
#include "memory/memory.h"

/* Offsets and lengths inside the block, as the FADT must give them. */
#define ACPI_PM_EVT_OFFSET 0x00   /* PM1a_EVT_BLK: PM1_STS, then PM1_EN */
#define ACPI_PM_EVT_LEN 4
#define ACPI_PM_CNT_OFFSET 0x04   /* PM1a_CNT_BLK */
#define ACPI_PM_CNT_LEN 2
#define ACPI_PM_TMR_OFFSET 0x08   /* PM_TMR_BLK: 24-bit timer */
#define ACPI_PM_TMR_LEN 4
#define ACPI_PM_BLOCK_SIZE 0x0c
#define ACPI_PM_TIMER_HZ 3579545

/* PM1_CNT bits */
#define ACPI_PM1_CNT_SCI_EN 0x0001
#define ACPI_PM1_CNT_SLP_TYP_SHIFT 10
#define ACPI_PM1_CNT_SLP_TYP_MASK (7u << ACPI_PM1_CNT_SLP_TYP_SHIFT)
#define ACPI_PM1_CNT_SLP_EN 0x2000

typedef struct AcpiPm AcpiPm;

/*
 * Map the block at base in io. poweroff is pulsed when the guest enters
 * the sleep state whose SLP_TYP is s5_slp_typ (the value the DSDT's _S5
 * package gives); sci is the SCI line (no events are generated yet).
 */
AcpiPm *acpi_pm_create(MemoryRegion *io, uint64_t base, uint8_t s5_slp_typ,
                       IRQLine sci, IRQLine poweroff);
void acpi_pm_reset(AcpiPm *pm);

#endif
