/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tiny library shared by the KVM test guests: port I/O, COM1 output,
 * isa-debug-exit, LAPIC/IOAPIC registers, the PVH start_info.
 *
 * Exit convention (isa-debug-exit at 0xf4, status = (value << 1) | 1):
 * guest_pass() writes 0x10 -> janus exits 33; guest_fail() writes 0x11 ->
 * janus exits 35.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

#define GUEST_EXIT_PASS 0x10
#define GUEST_EXIT_FAIL 0x11

#define COM1 0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define LAPIC_BASE 0xfee00000u
#define IOAPIC_BASE 0xfec00000u

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint32_t mmio_read32(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}
static inline void mmio_write32(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}
static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(sub));
}

/* struct hvm_start_info, as far as the guests use it. */
struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries;
    uint32_t reserved;
};
#define HVM_START_MAGIC 0x336ec578

/* Called by entry.S with the PVH start_info pointer (%ebx). */
void guest_main(struct hvm_start_info *si);

void uart_putc(char c);
void uart_puts(const char *s);
void uart_put_hex(uint32_t v);
void uart_put_dec(uint32_t v);
__attribute__((noreturn)) void guest_exit(uint32_t value);
__attribute__((noreturn)) void guest_pass(void);
/* Prints "FAIL: why" and exits with the failure code. */
__attribute__((noreturn)) void guest_fail(const char *why);
#define guest_check(cond) \
    do { if (!(cond)) guest_fail(#cond); } while (0)

/* "key=NUMBER" in the PVH command line, or def. */
uint32_t cmdline_get_uint(const struct hvm_start_info *si, const char *key,
                          uint32_t def);

int memcmp(const void *a, const void *b, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);
void *memset(void *d, int c, unsigned n);

/* Interrupt descriptor tables (32-bit, flat code selector). */
struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t zero, flags;
    uint16_t off_hi;
} __attribute__((packed));
void idt_set(struct idt_entry *idt, int vec, void (*handler)(void), uint16_t sel,
             int dpl);
void lidt(const struct idt_entry *idt, unsigned entries);

/*
 * An interrupt entry point `name` that calls the C function fn (declare it
 * __attribute__((used))). It returns with `lret $4`, not `iret`: KVM's
 * instruction emulator has no protected-mode IRET, so hosts that emulate
 * guest CPL0 (kvm_pvm) stop the guest on it. lret $4 drops the saved
 * EFLAGS and leaves IF clear, which is right for our guests: they take
 * interrupts only in `sti; hlt; cli`.
 */
#define GUEST_IRQ_HANDLER(name, fn)                                     \
    void name(void);                                                    \
    __asm__(".text\n.globl " #name "\n" #name ":\n"                    \
            "push %eax\npush %ecx\npush %edx\ncall " #fn "\n"           \
            "pop %edx\npop %ecx\npop %eax\nlret $4\n")

/* Local APIC (xAPIC MMIO) and IOAPIC. */
#define LAPIC_ID 0x20
#define LAPIC_VERSION 0x30
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
static inline uint32_t lapic_read(uint32_t reg)
{
    return mmio_read32(LAPIC_BASE + reg);
}
static inline void lapic_write(uint32_t reg, uint32_t v)
{
    mmio_write32(LAPIC_BASE + reg, v);
}
void lapic_enable(void);
void ioapic_route(unsigned pin, uint8_t vector, uint8_t dest_apic_id);

#endif
