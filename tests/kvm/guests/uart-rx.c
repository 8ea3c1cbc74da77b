/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interrupt-driven serial input under KVM's in-kernel irqchip: bytes the
 * host writes to the COM1 backend land in the 16550A's receive FIFO, raise
 * IRQ 4, reach the BSP through IOAPIC pin 4 and are drained by the
 * handler. The main loop only halts; it never polls LSR.
 *
 * Protocol with tests/kvm/test_guests.py: the guest prints
 * "uart-rx: ready" once set up, and again for every empty line received
 * before the first real one (a socket client that connected late pings
 * with "\n" until it sees it). Each non-empty line ending in '\n' or '\r'
 * is echoed as "uart-rx: got <line>"; after `lines` lines (default 2) the
 * guest passes. The guest fails on an overrun (LSR.OE, or IIR 0x6 with
 * IER.ELSI: the backend ignored back-pressure and a byte was lost), on an
 * unexpected IIR or a full buffer.
 * Knobs: lines=N, trigger=1|4|8|14 (FIFO trigger level, default 4).
 */
#include "lib/guest.h"

#define UART_VECTOR 0x24
#define UART_GSI 4
#define CODE_SEL 0x10 /* the PVH boot GDT's code segment */

#define UART_RBR 0
#define UART_IER 1
#define UART_IIR 2
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6

#define LSR_DR 0x01
#define LSR_OE 0x02
#define IIR_NO_INT 0x01

#define RX_BUF_SIZE 256

static struct idt_entry idt[256];

/* Written by the handler, read by guest_main with interrupts off. */
static volatile uint8_t rx_buf[RX_BUF_SIZE];
static volatile uint32_t rx_len;
static volatile uint32_t irq_count;     /* handler entries naming RX data */
static volatile uint32_t spurious_count; /* entries with IIR "none" */
static volatile uint32_t bad_iir;       /* first unexpected IIR, | 0x100 */
static volatile uint32_t overruns;
static volatile uint32_t rx_full;

__attribute__((used)) static void uart_rx_irq(void)
{
    uint8_t iir = inb(COM1 + UART_IIR);
    uint8_t lsr;

    if (iir & IIR_NO_INT) {
        /* An edge for data an earlier pass already drained. */
        spurious_count++;
    } else if (((iir & 0x0f) != 0x04 && (iir & 0x0f) != 0x0c) ||
               (iir & 0xc0) != 0xc0) {
        /* Not RX data or timeout, or the FIFO-enabled bits are missing. */
        if (!bad_iir) {
            bad_iir = 0x100 | iir;
        }
    } else {
        irq_count++;
    }
    while ((lsr = inb(COM1 + UART_LSR)) & LSR_DR) {
        uint8_t c = inb(COM1 + UART_RBR);

        if (lsr & LSR_OE) {
            overruns++;
        }
        if (rx_len < RX_BUF_SIZE) {
            rx_buf[rx_len++] = c;
        } else {
            rx_full = 1;
        }
    }
    if (lsr & LSR_OE) {
        overruns++;
    }
    lapic_write(LAPIC_EOI, 0);
}
GUEST_IRQ_HANDLER(uart_rx_handler, uart_rx_irq);

__attribute__((used)) static void spurious(void)
{
}
GUEST_IRQ_HANDLER(spurious_handler, spurious);

__attribute__((used)) static void fault(void)
{
    guest_fail("unexpected exception");
}
GUEST_IRQ_HANDLER(fault_handler, fault);

static uint8_t fcr_trigger_bits(uint32_t level)
{
    switch (level) {
    case 1:
        return 0x00;
    case 8:
        return 0x80;
    case 14:
        return 0xc0;
    default:
        return 0x40; /* 4 */
    }
}

static void uart_setup(uint32_t trigger)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, 0x80);  /* DLAB */
    outb(COM1 + UART_RBR, 1);     /* DLL: 115200 baud */
    outb(COM1 + UART_IER, 0);     /* DLM */
    outb(COM1 + UART_LCR, 0x03);  /* 8N1 */
    /* FIFO on, both FIFOs cleared, receive trigger level. */
    outb(COM1 + UART_FCR, 0x07 | fcr_trigger_bits(trigger));
    outb(COM1 + UART_MCR, 0x0b);  /* OUT2 | RTS | DTR */
    /* Forget anything left from before: stale data, errors, deltas. */
    while (inb(COM1 + UART_LSR) & LSR_DR) {
        inb(COM1 + UART_RBR);
    }
    inb(COM1 + UART_IIR);
    inb(COM1 + UART_MSR);
    /* Receive data and line status (an overrun then shows in IIR too). */
    outb(COM1 + UART_IER, 0x05);
}

/*
 * Output without lib.c's LSR polling: reading LSR clears LSR.OE, and only
 * the handler may see it, or an overrun between interrupts would go
 * unnoticed. Janus transmits at once, so THR is always free.
 */
static void rx_puts(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            outb(COM1, '\r');
        }
        outb(COM1, *s);
    }
}

static void rx_put_dec(uint32_t v)
{
    char buf[11];
    int n = sizeof(buf) - 1;

    buf[n] = 0;
    do {
        buf[--n] = '0' + v % 10;
        v /= 10;
    } while (v);
    rx_puts(buf + n);
}

static void check_handler_state(void)
{
    if (bad_iir) {
        rx_puts("uart-rx: IIR ");
        uart_put_hex(bad_iir & 0xff);
        rx_puts("\n");
        guest_fail("unexpected IIR in the receive interrupt");
    }
    guest_check(overruns == 0);
    guest_check(rx_full == 0);
}

void guest_main(struct hvm_start_info *si)
{
    uint32_t want = cmdline_get_uint(si, "lines", 2);
    uint32_t trigger = cmdline_get_uint(si, "trigger", 4);
    char line[RX_BUF_SIZE + 1];
    uint32_t got = 0, line_len = 0;

    rx_puts("janus-kvm-test: uart-rx\n");
    for (int v = 0; v < 32; v++) {
        idt_set(idt, v, fault_handler, CODE_SEL, 0);
    }
    idt_set(idt, UART_VECTOR, uart_rx_handler, CODE_SEL, 0);
    idt_set(idt, 0xff, spurious_handler, CODE_SEL, 0);
    lidt(idt, 256);

    /* The 8259s stay masked: IRQ 4 must come through the IOAPIC. */
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
    lapic_enable();
    ioapic_route(UART_GSI, UART_VECTOR, 0);
    uart_setup(trigger);
    rx_puts("uart-rx: ready\n");

    while (got < want) {
        uint32_t n;

        /* Interrupts are off here: the handler runs only inside hlt. */
        __asm__ volatile("sti; hlt; cli" ::: "memory");
        check_handler_state();
        n = rx_len;
        for (uint32_t i = 0; i < n && got < want; i++) {
            char c = rx_buf[i];

            if (c != '\n' && c != '\r') {
                guest_check(line_len < RX_BUF_SIZE);
                line[line_len++] = c;
                continue;
            }
            if (!line_len) {
                if (!got) {
                    rx_puts("uart-rx: ready\n");
                }
                continue;
            }
            line[line_len] = 0;
            rx_puts("uart-rx: got ");
            rx_puts(line);
            rx_puts("\nuart-rx: interrupts so far: ");
            rx_put_dec(irq_count);
            rx_puts("\n");
            line_len = 0;
            got++;
        }
        /* Still inside cli: the handler cannot have added bytes. */
        rx_len = 0;
    }
    rx_puts("uart-rx: spurious entries: ");
    rx_put_dec(spurious_count);
    rx_puts("\n");
    check_handler_state();
    guest_pass();
}
