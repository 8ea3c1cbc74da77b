/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "devices/acpi-pm.h"
#include "util/cutils.h"

struct AcpiPm {
    MemoryRegion region;
    uint16_t pm1_sts, pm1_en, pm1_cnt;
    uint8_t s5_slp_typ;
    IRQLine sci, poweroff;
};

/* The 24-bit PM timer (FADT TMR_VAL_EXT clear) counts host time. */
static uint32_t acpi_pm_timer(void)
{
    unsigned __int128 ns = clock_monotonic_ns();

    return (uint32_t)(ns * ACPI_PM_TIMER_HZ / 1000000000u) & 0xffffff;
}

static uint64_t acpi_pm_read(void *opaque, uint64_t offset, unsigned size)
{
    AcpiPm *pm = opaque;
    uint8_t bytes[ACPI_PM_BLOCK_SIZE];
    uint64_t v = 0;

    st16_le(bytes + 0, pm->pm1_sts);
    st16_le(bytes + 2, pm->pm1_en);
    /* SMI_CMD is 0 in the FADT, so SCI_EN always reads as set. */
    st16_le(bytes + 4, pm->pm1_cnt | ACPI_PM1_CNT_SCI_EN);
    st16_le(bytes + 6, 0);
    st32_le(bytes + 8, acpi_pm_timer());
    for (unsigned i = 0; i < size && offset + i < sizeof(bytes); i++) {
        v |= (uint64_t)bytes[offset + i] << (8 * i);
    }
    return v;
}

static void acpi_pm_write_cnt(AcpiPm *pm, uint16_t value)
{
    pm->pm1_cnt = value & ~ACPI_PM1_CNT_SLP_EN;
    if ((value & ACPI_PM1_CNT_SLP_EN) &&
        ((value & ACPI_PM1_CNT_SLP_TYP_MASK) >> ACPI_PM1_CNT_SLP_TYP_SHIFT) ==
            pm->s5_slp_typ) {
        irq_line_pulse(&pm->poweroff);
    }
    /* Other sleep states (S1-S4) are not offered by the DSDT. */
}

static void acpi_pm_write(void *opaque, uint64_t offset, uint64_t value,
                          unsigned size)
{
    AcpiPm *pm = opaque;

    /* Each register is written whole or by its low/high bytes. */
    for (unsigned i = 0; i < size; i++) {
        uint64_t off = offset + i;
        uint8_t b = value >> (8 * i);

        switch (off) {
        case 0: case 1:        /* PM1_STS: write one to clear */
            pm->pm1_sts &= ~((uint16_t)b << (8 * off));
            break;
        case 2: case 3:        /* PM1_EN */
            pm->pm1_en = (pm->pm1_en & ~(0xff << (8 * (off - 2)))) |
                         (uint16_t)b << (8 * (off - 2));
            break;
        default:
            break;
        }
    }
    if (offset <= ACPI_PM_CNT_OFFSET + 1 && offset + size > ACPI_PM_CNT_OFFSET) {
        uint16_t cnt = pm->pm1_cnt;
        for (unsigned i = 0; i < size; i++) {
            uint64_t off = offset + i;
            if (off == 4 || off == 5) {
                unsigned sh = 8 * (off - 4);
                cnt = (cnt & ~(0xff << sh)) | (uint16_t)((value >> (8 * i)) & 0xff) << sh;
            }
        }
        acpi_pm_write_cnt(pm, cnt);
    }
}

static const MemoryRegionOps acpi_pm_ops = {
    .read = acpi_pm_read,
    .write = acpi_pm_write,
    .valid_min = 1,
    .valid_max = 4,
};

AcpiPm *acpi_pm_create(MemoryRegion *io, uint64_t base, uint8_t s5_slp_typ,
                       IRQLine sci, IRQLine poweroff)
{
    AcpiPm *pm = xzalloc(sizeof(*pm));

    pm->s5_slp_typ = s5_slp_typ;
    pm->sci = sci;
    pm->poweroff = poweroff;
    memory_region_init_io(&pm->region, "acpi-pm", ACPI_PM_BLOCK_SIZE,
                          &acpi_pm_ops, pm);
    memory_region_add_subregion(io, base, &pm->region);
    return pm;
}

void acpi_pm_reset(AcpiPm *pm)
{
    pm->pm1_sts = pm->pm1_en = pm->pm1_cnt = 0;
}
