/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The `make demo` guest: a PVH kernel of ours that looks at the machine
 * the way an OS would (CPUID, the ACPI MADT for the CPU count, the PVH
 * memory map, the CMOS clock), prints what it finds over COM1, then powers
 * the machine off through ACPI (PM1a_CNT, SLP_TYP 5 + SLP_EN), so the
 * emulator exits with status 0.
 */
#include "lib/guest.h"

#define PM1A_CNT_PORT 0x604   /* PC_ACPI_PM_IO_BASE + 4, from the FADT */

struct acpi_header {
    char signature[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem_id[6], oem_table_id[8];
    uint32_t oem_revision, creator_id, creator_revision;
} __attribute__((packed));

struct hvm_memmap_entry {
    uint64_t addr, size;
    uint32_t type, reserved;
};

static uint8_t cmos_read(uint8_t index)
{
    outb(0x70, index);
    return inb(0x71);
}

static unsigned bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 15);
}

static void put2(unsigned v)
{
    uart_putc('0' + v / 10 % 10);
    uart_putc('0' + v % 10);
}

/* Count the enabled Processor Local APIC entries of the MADT. */
static unsigned acpi_count_cpus(const struct hvm_start_info *si)
{
    const uint8_t *rsdp = (const uint8_t *)(uintptr_t)si->rsdp_paddr;
    const struct acpi_header *rsdt, *madt;
    unsigned n = 0;

    if (!rsdp || memcmp(rsdp, "RSD PTR ", 8)) {
        return 0;
    }
    rsdt = (const void *)(uintptr_t)*(const uint32_t *)(rsdp + 16);
    for (unsigned i = 0; i < (rsdt->length - sizeof(*rsdt)) / 4; i++) {
        const uint32_t *entries = (const void *)(rsdt + 1);
        madt = (const void *)(uintptr_t)entries[i];
        if (memcmp(madt->signature, "APIC", 4)) {
            continue;
        }
        /* Entries start after the 8 bytes of LAPIC address and flags. */
        for (const uint8_t *e = (const uint8_t *)(madt + 1) + 8;
             e < (const uint8_t *)madt + madt->length; e += e[1]) {
            if (e[1] == 0) {
                break;
            }
            if (e[0] == 0 && (e[4] & 1)) {
                n++;
            }
        }
    }
    return n;
}

static uint32_t ram_mib(const struct hvm_start_info *si)
{
    const struct hvm_memmap_entry *map = (const void *)(uintptr_t)si->memmap_paddr;
    uint64_t total = 0;

    for (uint32_t i = 0; i < si->memmap_entries; i++) {
        if (map[i].type == 1) {
            total += map[i].size;
        }
    }
    return (uint32_t)((total + (1 << 19)) >> 20);
}

void guest_main(struct hvm_start_info *si)
{
    uint32_t r[4];
    char vendor[13];

    cpuid(0, 0, r);
    memcpy(vendor, &r[1], 4);
    memcpy(vendor + 4, &r[3], 4);
    memcpy(vendor + 8, &r[2], 4);
    vendor[12] = 0;

    uart_puts("\nHello from a Janus demo guest (PVH entry, no firmware).\n");
    uart_puts("  CPU vendor (CPUID):      ");
    uart_puts(vendor);
    uart_puts("\n  CPUs (ACPI MADT):        ");
    uart_put_dec(acpi_count_cpus(si));
    uart_puts("\n  usable RAM (e820):       ");
    uart_put_dec(ram_mib(si));
    uart_puts(" MiB\n  date (CMOS RTC, UTC):    ");
    put2(bcd(cmos_read(0x32)));   /* century */
    put2(bcd(cmos_read(9)));
    uart_putc('-');
    put2(bcd(cmos_read(8)));
    uart_putc('-');
    put2(bcd(cmos_read(7)));
    uart_putc(' ');
    put2(bcd(cmos_read(4)));
    uart_putc(':');
    put2(bcd(cmos_read(2)));
    uart_putc(':');
    put2(bcd(cmos_read(0)));
    uart_puts("\nPowering off through ACPI S5.\n");

    /* SLP_TYP = 5 (the DSDT's \_S5), SLP_EN: the emulator exits with 0. */
    __asm__ volatile("outw %0, %1" : : "a"((uint16_t)(5 << 10 | 1 << 13)),
                     "Nd"((uint16_t)PM1A_CNT_PORT));
    guest_fail("still running after ACPI poweroff");
}
