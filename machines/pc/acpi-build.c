/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ACPI table construction (ACPI 6.x layouts). Tables are laid out in one
 * buffer: RSDP, RSDT, XSDT, FADT, FACS, DSDT, MADT. Every multi-byte
 * field is stored little endian at its spec offset; checksums last.
 */
#include "machines/pc/acpi-build.h"
#include "devices/acpi-pm.h"
#include "devices/reset-control.h"

#include <errno.h>
#include <string.h>

#include "machines/pc/aml.h"
#include "util/cutils.h"
#include "util/error.h"

#define ACPI_OEM_ID         "JANUS "
#define ACPI_OEM_TABLE_ID   "JANUSPC "
#define ACPI_CREATOR_ID     "JNUS"

/* Generic Address Structure address spaces and access sizes. */
#define GAS_SYSTEM_IO       1
#define GAS_ACCESS_BYTE     1
#define GAS_ACCESS_WORD     2
#define GAS_ACCESS_DWORD    3

/* FADT flags. */
#define FADT_WBINVD             (1u << 0)
#define FADT_PROC_C1            (1u << 2)
#define FADT_SLP_BUTTON         (1u << 5)   /* no fixed sleep button */
#define FADT_FIX_RTC            (1u << 6)   /* no RTC wake status */
#define FADT_RESET_REG_SUP      (1u << 10)
#define FADT_USE_PLATFORM_CLOCK (1u << 15)

/* MADT structure types and flags. */
#define MADT_PCAT_COMPAT        1
#define MADT_LOCAL_APIC         0
#define MADT_IO_APIC            1
#define MADT_INT_SRC_OVERRIDE   2
#define MADT_LOCAL_APIC_NMI     4
#define MADT_LAPIC_ENABLED      1
/* MPS INTI flags: polarity bits 1:0, trigger mode bits 3:2. */
#define MPS_INTI_ACTIVE_HIGH    0x1
#define MPS_INTI_LEVEL          0xc

typedef struct AcpiBuilder {
    uint8_t *buf;
    size_t size, used;
    uint64_t guest_addr;
    bool overflow;
} AcpiBuilder;

uint8_t acpi_checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++) {
        sum += p[i];
    }
    return sum;
}

/* Reserve len bytes at the next align boundary; NULL when out of room. */
static uint8_t *acpi_alloc(AcpiBuilder *b, size_t len, size_t align,
                           uint64_t *guest_addr)
{
    size_t off = ALIGN_UP(b->used, align);

    if (off > b->size || len > b->size - off) {
        b->overflow = true;
        b->used = off + len;
        return NULL;
    }
    b->used = off + len;
    memset(b->buf + off, 0, len);
    *guest_addr = b->guest_addr + off;
    return b->buf + off;
}

static void acpi_header_init(uint8_t *t, const char *sig, uint32_t len,
                             uint8_t rev)
{
    memcpy(t, sig, 4);
    st32_le(t + 4, len);
    t[8] = rev;
    memcpy(t + 10, ACPI_OEM_ID, 6);
    memcpy(t + 16, ACPI_OEM_TABLE_ID, 8);
    st32_le(t + 24, 1);                 /* OEM revision */
    memcpy(t + 28, ACPI_CREATOR_ID, 4);
    st32_le(t + 32, 1);                 /* creator revision */
}

static void acpi_table_finish(uint8_t *t)
{
    t[9] = 0;
    t[9] = -acpi_checksum(t, ld32_le(t + 4));
}

static void acpi_gas_io(uint8_t *p, uint8_t bit_width, uint8_t access,
                        uint64_t port)
{
    p[0] = GAS_SYSTEM_IO;
    p[1] = bit_width;
    p[2] = 0;
    p[3] = access;
    st64_le(p + 4, port);
}

static void acpi_fadt_fill(uint8_t *f, const AcpiPcConfig *cfg,
                           uint64_t facs, uint64_t dsdt)
{
    uint32_t evt = cfg->pm_io_base + ACPI_PM_EVT_OFFSET;
    uint32_t cnt = cfg->pm_io_base + ACPI_PM_CNT_OFFSET;
    uint32_t tmr = cfg->pm_io_base + ACPI_PM_TMR_OFFSET;

    acpi_header_init(f, "FACP", ACPI_FADT_SIZE, 6);
    st32_le(f + 36, facs);              /* FIRMWARE_CTRL */
    st32_le(f + 40, dsdt);              /* DSDT */
    st16_le(f + 46, cfg->sci_irq);      /* SCI_INT */
    st32_le(f + 48, 0);                 /* SMI_CMD: none, always ACPI mode */
    st32_le(f + 56, evt);               /* PM1a_EVT_BLK */
    st32_le(f + 64, cnt);               /* PM1a_CNT_BLK */
    st32_le(f + 76, tmr);               /* PM_TMR_BLK */
    f[88] = ACPI_PM_EVT_LEN;
    f[89] = ACPI_PM_CNT_LEN;
    f[91] = ACPI_PM_TMR_LEN;
    /* Latencies above 100/1000 us say C2/C3 are not supported. */
    st16_le(f + 96, 0xfff);             /* P_LVL2_LAT */
    st16_le(f + 98, 0xfff);             /* P_LVL3_LAT */
    st16_le(f + 109, cfg->iapc_boot_arch);
    st32_le(f + 112, FADT_WBINVD | FADT_PROC_C1 | FADT_SLP_BUTTON |
                     FADT_FIX_RTC | FADT_RESET_REG_SUP |
                     FADT_USE_PLATFORM_CLOCK);
    acpi_gas_io(f + 116, 8, GAS_ACCESS_BYTE, RESET_CONTROL_PORT);   /* RESET_REG */
    f[128] = RESET_CONTROL_VALUE;
    f[131] = 0;                         /* FADT minor version: 6.0 */
    st64_le(f + 132, facs);             /* X_FIRMWARE_CTRL */
    st64_le(f + 140, dsdt);             /* X_DSDT */
    acpi_gas_io(f + 148, ACPI_PM_EVT_LEN * 8, GAS_ACCESS_WORD, evt);
    acpi_gas_io(f + 172, ACPI_PM_CNT_LEN * 8, GAS_ACCESS_WORD, cnt);
    acpi_gas_io(f + 208, ACPI_PM_TMR_LEN * 8, GAS_ACCESS_DWORD, tmr);
    acpi_table_finish(f);
}

/* The DSDT body: \_SB for devices, \_S5 so the guest can power off. */
static void acpi_dsdt_aml(AmlBuf *aml)
{
    AmlBuf empty = { 0 }, elems = { 0 }, pkg = { 0 };

    aml_append_scope(aml, "\\_SB", &empty);
    /* { PM1a_CNT.SLP_TYP, PM1b_CNT.SLP_TYP, reserved, reserved } */
    aml_append_integer(&elems, PC_ACPI_SLP_TYP_S5);
    aml_append_integer(&elems, PC_ACPI_SLP_TYP_S5);
    aml_append_integer(&elems, 0);
    aml_append_integer(&elems, 0);
    aml_append_package(&pkg, 4, &elems);
    aml_append_name(aml, "\\_S5", &pkg);
    aml_buf_free(&elems);
    aml_buf_free(&pkg);
}

static size_t acpi_madt_size(unsigned nr_cpus)
{
    return ACPI_HEADER_SIZE + 8 + nr_cpus * 8 + 12 + 2 * 10 + 6;
}

static void acpi_madt_fill(uint8_t *m, const AcpiPcConfig *cfg)
{
    uint32_t len = acpi_madt_size(cfg->nr_cpus);
    uint8_t *p = m + ACPI_HEADER_SIZE + 8;

    acpi_header_init(m, "APIC", len, 4);
    st32_le(m + 36, PC_LAPIC_ADDR);
    st32_le(m + 40, MADT_PCAT_COMPAT);  /* dual 8259s present */
    for (unsigned i = 0; i < cfg->nr_cpus; i++, p += 8) {
        p[0] = MADT_LOCAL_APIC;
        p[1] = 8;
        p[2] = i;                       /* ACPI processor UID */
        p[3] = i;                       /* APIC ID */
        st32_le(p + 4, MADT_LAPIC_ENABLED);
    }
    p[0] = MADT_IO_APIC;
    p[1] = 12;
    p[2] = cfg->ioapic_id;
    st32_le(p + 4, PC_IOAPIC_ADDR);
    st32_le(p + 8, 0);                  /* GSI base */
    p += 12;
    /* The PIT's IRQ 0 is wired to IOAPIC pin 2, as on every PC. */
    p[0] = MADT_INT_SRC_OVERRIDE;
    p[1] = 10;
    p[2] = 0;                           /* ISA bus */
    p[3] = 0;
    st32_le(p + 4, 2);
    st16_le(p + 8, 0);                  /* conforms to the bus: edge, high */
    p += 10;
    /* The SCI is level triggered, active high (not ISA's default). */
    p[0] = MADT_INT_SRC_OVERRIDE;
    p[1] = 10;
    p[2] = 0;
    p[3] = cfg->sci_irq;
    st32_le(p + 4, cfg->sci_irq);
    st16_le(p + 8, MPS_INTI_LEVEL | MPS_INTI_ACTIVE_HIGH);
    p += 10;
    /* NMI comes in on LINT1 of every processor. */
    p[0] = MADT_LOCAL_APIC_NMI;
    p[1] = 6;
    p[2] = 0xff;                        /* all processors */
    st16_le(p + 3, 0);
    p[5] = 1;                           /* LINT1 */
    acpi_table_finish(m);
}

int acpi_build_pc(uint8_t *buf, size_t buf_size, uint64_t buf_guest_addr,
                  const AcpiPcConfig *cfg, uint64_t *rsdp_guest_addr)
{
    AcpiBuilder b = { .buf = buf, .size = buf_size,
                      .guest_addr = buf_guest_addr };
    uint64_t rsdp_a, rsdt_a, xsdt_a, fadt_a, facs_a, dsdt_a, madt_a;
    uint8_t *rsdp, *rsdt, *xsdt, *fadt, *facs, *dsdt, *madt;
    AmlBuf aml = { 0 };

    if (cfg->nr_cpus == 0 || cfg->nr_cpus > ACPI_MAX_CPUS) {
        error_report("ACPI: %u CPUs cannot be described, 1 to %u can",
                     cfg->nr_cpus, ACPI_MAX_CPUS);
        return -EINVAL;
    }
    if ((buf_guest_addr & 15) || buf_guest_addr >= UINT64_C(0x100000000) ||
        buf_size > UINT64_C(0x100000000) - buf_guest_addr) {
        error_report("ACPI: tables at 0x%llx (%zu bytes) must be 16-byte "
                     "aligned and below 4 GiB",
                     (unsigned long long)buf_guest_addr, buf_size);
        return -EINVAL;
    }
    acpi_dsdt_aml(&aml);

    rsdp = acpi_alloc(&b, ACPI_RSDP_SIZE, 16, &rsdp_a);
    rsdt = acpi_alloc(&b, ACPI_HEADER_SIZE + 2 * 4, 16, &rsdt_a);
    xsdt = acpi_alloc(&b, ACPI_HEADER_SIZE + 2 * 8, 16, &xsdt_a);
    fadt = acpi_alloc(&b, ACPI_FADT_SIZE, 16, &fadt_a);
    facs = acpi_alloc(&b, ACPI_FACS_SIZE, 64, &facs_a); /* spec: 64 */
    dsdt = acpi_alloc(&b, ACPI_HEADER_SIZE + aml.len, 16, &dsdt_a);
    madt = acpi_alloc(&b, acpi_madt_size(cfg->nr_cpus), 16, &madt_a);
    if (b.overflow) {
        error_report("ACPI: tables need %zu bytes, only %zu are reserved",
                     b.used, buf_size);
        aml_buf_free(&aml);
        return -ENOSPC;
    }

    memcpy(facs, "FACS", 4);
    st32_le(facs + 4, ACPI_FACS_SIZE);
    facs[32] = 2;                       /* version; FACS has no checksum */

    acpi_header_init(dsdt, "DSDT", ACPI_HEADER_SIZE + aml.len, 2);
    memcpy(dsdt + ACPI_HEADER_SIZE, aml.data, aml.len);
    acpi_table_finish(dsdt);
    aml_buf_free(&aml);

    acpi_fadt_fill(fadt, cfg, facs_a, dsdt_a);
    acpi_madt_fill(madt, cfg);

    acpi_header_init(rsdt, "RSDT", ACPI_HEADER_SIZE + 2 * 4, 1);
    st32_le(rsdt + ACPI_HEADER_SIZE, fadt_a);
    st32_le(rsdt + ACPI_HEADER_SIZE + 4, madt_a);
    acpi_table_finish(rsdt);

    acpi_header_init(xsdt, "XSDT", ACPI_HEADER_SIZE + 2 * 8, 1);
    st64_le(xsdt + ACPI_HEADER_SIZE, fadt_a);
    st64_le(xsdt + ACPI_HEADER_SIZE + 8, madt_a);
    acpi_table_finish(xsdt);

    memcpy(rsdp, "RSD PTR ", 8);
    memcpy(rsdp + 9, ACPI_OEM_ID, 6);
    rsdp[15] = 2;                       /* ACPI 2.0+: XSDT present */
    st32_le(rsdp + 16, rsdt_a);
    st32_le(rsdp + 20, ACPI_RSDP_SIZE);
    st64_le(rsdp + 24, xsdt_a);
    rsdp[8] = -acpi_checksum(rsdp, 20);                 /* ACPI 1.0 part */
    rsdp[32] = -acpi_checksum(rsdp, ACPI_RSDP_SIZE);    /* whole */

    *rsdp_guest_addr = rsdp_a;
    return b.used;
}
