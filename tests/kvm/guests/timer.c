/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Timers and interrupt delivery through KVM's in-kernel irqchip: PIT
 * channel 0 as a rate generator, its IRQ 0 routed through IOAPIC pin 2
 * (the MADT override) to the BSP's LAPIC; the CPU halts and each tick
 * wakes it. Then a one-shot LAPIC timer does the same.
 * Debug knobs on the command line: pit_pin=N routes IOAPIC pin N instead
 * of 2, skip_pit=1 goes straight to the LAPIC timer.
 */
#include "lib/guest.h"

#define PIT_VECTOR 0x20
#define LAPIC_TIMER_VECTOR 0x30
#define PIT_HZ 1193182
#define CODE_SEL 0x10 /* the PVH boot GDT's code segment */

static struct idt_entry idt[256];
static volatile uint32_t pit_ticks;
static volatile uint32_t lapic_ticks;

__attribute__((used)) static void pit_tick(void)
{
    pit_ticks++;
    lapic_write(LAPIC_EOI, 0);
}
GUEST_IRQ_HANDLER(pit_handler, pit_tick);

__attribute__((used)) static void lapic_timer_tick(void)
{
    lapic_ticks++;
    lapic_write(LAPIC_EOI, 0);
}
GUEST_IRQ_HANDLER(lapic_timer_handler, lapic_timer_tick);

__attribute__((used)) static void spurious(void)
{
}
GUEST_IRQ_HANDLER(spurious_handler, spurious);

__attribute__((used)) static void fault(void)
{
    guest_fail("unexpected exception");
}
GUEST_IRQ_HANDLER(fault_handler, fault);

void guest_main(struct hvm_start_info *si)
{
    uint16_t divisor = PIT_HZ / 100; /* 10 ms */

    uart_puts("janus-kvm-test: timer\n");
    for (int v = 0; v < 32; v++) {
        idt_set(idt, v, fault_handler, CODE_SEL, 0);
    }
    idt_set(idt, PIT_VECTOR, pit_handler, CODE_SEL, 0);
    idt_set(idt, LAPIC_TIMER_VECTOR, lapic_timer_handler,
            CODE_SEL, 0);
    idt_set(idt, 0xff, spurious_handler, CODE_SEL, 0);
    lidt(idt, 256);

    /* The 8259s stay masked: IRQ 0 must come through the IOAPIC. */
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
    lapic_enable();
    ioapic_route(cmdline_get_uint(si, "pit_pin", 2), PIT_VECTOR, 0);

    outb(0x43, 0x34); /* channel 0, lobyte/hibyte, mode 2 */
    outb(0x40, divisor & 0xff);
    outb(0x40, divisor >> 8);
    while (pit_ticks < 3 && !cmdline_get_uint(si, "skip_pit", 0)) {
        __asm__ volatile("sti; hlt; cli");
    }
    uart_puts("PIT ticks through IOAPIC pin 2: ");
    uart_put_dec(pit_ticks);
    uart_puts("\n");

    /* Stop the PIT: mode 0 with no count loaded never fires again. */
    outb(0x43, 0x30);
    lapic_write(LAPIC_TIMER_DIV, 0xb);          /* divide by 1 */
    lapic_write(LAPIC_LVT_TIMER, LAPIC_TIMER_VECTOR); /* one-shot */
    lapic_write(LAPIC_TIMER_INIT, 1000000);
    while (lapic_ticks < 1) {
        __asm__ volatile("sti; hlt; cli");
    }
    uart_puts("LAPIC timer fired\n");
    guest_pass();
}
