/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PIO and MMIO round trips through Janus's memory tree: CMOS RTC bytes
 * (ports 0x70/0x71) written and read back, string I/O (rep outsb/insb,
 * KVM_EXIT_IO with count > 1), reads of unmapped memory (all ones) and
 * writes there (dropped), and the in-kernel LAPIC answering MMIO itself.
 */
#include "lib/guest.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_SCRATCH 0x40 /* general-purpose NVRAM byte */
#define UNMAPPED_ADDR 0xd0000000u

static void cmos_write(uint8_t index, uint8_t v)
{
    outb(CMOS_INDEX, index);
    outb(CMOS_DATA, v);
}

static uint8_t cmos_read(uint8_t index)
{
    outb(CMOS_INDEX, index);
    return inb(CMOS_DATA);
}

void guest_main(struct hvm_start_info *si)
{
    static const char msg[] = "string I/O through rep outsb\r\n";
    uint8_t buf[4] = { 0, 0, 0, 0 };
    const void *src = msg;
    void *dst = buf;
    unsigned n;

    uart_puts("janus-kvm-test: pio-mmio\n");

    cmos_write(CMOS_SCRATCH, 0x5a);
    cmos_write(CMOS_SCRATCH + 1, 0xa5);
    guest_check(cmos_read(CMOS_SCRATCH) == 0x5a);
    guest_check(cmos_read(CMOS_SCRATCH + 1) == 0xa5);
    uart_puts("CMOS round trip ok\n");

    /* rep outsb: one KVM exit carrying many bytes. */
    n = sizeof(msg) - 1;
    __asm__ volatile("rep outsb" : "+S"(src), "+c"(n) : "d"(COM1) : "memory");
    /* rep insb: four reads of the same CMOS byte. */
    outb(CMOS_INDEX, CMOS_SCRATCH);
    n = 4;
    __asm__ volatile("rep insb" : "+D"(dst), "+c"(n) : "d"(CMOS_DATA) : "memory");
    guest_check(buf[0] == 0x5a && buf[3] == 0x5a);
    uart_puts("string I/O ok\n");

    guest_check(mmio_read32(UNMAPPED_ADDR) == 0xffffffffu);
    mmio_write32(UNMAPPED_ADDR, 0x12345678);
    guest_check(mmio_read32(UNMAPPED_ADDR) == 0xffffffffu);
    uart_puts("unmapped MMIO reads all-ones ok\n");

    /* The in-kernel LAPIC: version register reads a real version. */
    guest_check((lapic_read(LAPIC_VERSION) & 0xff) >= 0x10);
    guest_check((lapic_read(LAPIC_ID) >> 24) == 0);
    uart_puts("LAPIC MMIO ok\n");
    guest_pass();
}
