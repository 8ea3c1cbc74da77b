/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest library. Guest kernel code is emulated instruction by instruction
 * on some hosts, so everything here is short and straight.
 */
#include "guest.h"

void uart_putc(char c)
{
    /* Wait for THR empty (LSR bit 5): the UART holds it busy while the
     * host side of the serial port is not reading. */
    while (!(inb(COM1 + 5) & 0x20)) {
    }
    outb(COM1, c);
}

void uart_puts(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            uart_putc('\r');
        }
        uart_putc(*s++);
    }
}

void uart_put_hex(uint32_t v)
{
    uart_puts("0x");
    for (int i = 28; i >= 0; i -= 4) {
        uart_putc("0123456789abcdef"[(v >> i) & 0xf]);
    }
}

void uart_put_dec(uint32_t v)
{
    char buf[11];
    int n = 0;

    do {
        buf[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (n) {
        uart_putc(buf[--n]);
    }
}

void guest_exit(uint32_t value)
{
    outl(DEBUG_EXIT_PORT, value);
    /* Without the exit device: stop here, the test times out. */
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}

void guest_pass(void)
{
    uart_puts("PASS\n");
    guest_exit(GUEST_EXIT_PASS);
}

void guest_fail(const char *why)
{
    uart_puts("FAIL: ");
    uart_puts(why);
    uart_puts("\n");
    guest_exit(GUEST_EXIT_FAIL);
}

int memcmp(const void *a, const void *b, unsigned n)
{
    const uint8_t *x = a, *y = b;

    for (unsigned i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] - y[i];
        }
    }
    return 0;
}

void *memcpy(void *d, const void *s, unsigned n)
{
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    return d;
}

void *memset(void *d, int c, unsigned n)
{
    void *r = d;

    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return r;
}

uint32_t cmdline_get_uint(const struct hvm_start_info *si, const char *key,
                          uint32_t def)
{
    const char *p;
    unsigned klen = 0;

    if (!si || si->magic != HVM_START_MAGIC || !si->cmdline_paddr) {
        return def;
    }
    while (key[klen]) {
        klen++;
    }
    p = (const char *)(uintptr_t)si->cmdline_paddr;
    while (*p) {
        if ((p == (const char *)(uintptr_t)si->cmdline_paddr || p[-1] == ' ') &&
            !memcmp(p, key, klen) && p[klen] == '=') {
            uint32_t v = 0;

            for (p += klen + 1; *p >= '0' && *p <= '9'; p++) {
                v = v * 10 + (*p - '0');
            }
            return v;
        }
        p++;
    }
    return def;
}

void idt_set(struct idt_entry *idt, int vec, void (*handler)(void), uint16_t sel,
             int dpl)
{
    uint32_t off = (uint32_t)(uintptr_t)handler;

    idt[vec] = (struct idt_entry){
        .off_lo = off & 0xffff,
        .sel = sel,
        .flags = 0x8e | (dpl << 5), /* present, 32-bit interrupt gate */
        .off_hi = off >> 16,
    };
}

void lidt(const struct idt_entry *idt, unsigned entries)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) d = { entries * 8 - 1, (uint32_t)(uintptr_t)idt };

    __asm__ volatile("lidt %0" : : "m"(d));
}

void lapic_enable(void)
{
    lapic_write(LAPIC_SVR, 0x1ff); /* enabled, spurious vector 0xff */
}

void ioapic_route(unsigned pin, uint8_t vector, uint8_t dest_apic_id)
{
    /* Redirection entry: fixed, physical, edge, active high, unmasked. */
    mmio_write32(IOAPIC_BASE, 0x10 + pin * 2 + 1);
    mmio_write32(IOAPIC_BASE + 0x10, (uint32_t)dest_apic_id << 24);
    mmio_write32(IOAPIC_BASE, 0x10 + pin * 2);
    mmio_write32(IOAPIC_BASE + 0x10, vector);
}
