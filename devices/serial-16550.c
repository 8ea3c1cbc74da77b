/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 16550A UART, modelled from the National/TI PC16550D data sheet.
 *
 * Choices worth knowing (see docs/devices.md):
 * - Transmission is immediate: a THR write goes to the chardev at once and
 *   THR/TSR are empty again before the write returns, so LSR.THRE/TEMT
 *   always read set and the THRE interrupt re-arms right after each byte.
 * - The character timeout (IIR 0xc) is reported as soon as the receive
 *   FIFO holds data below its trigger level, with no four-character wait.
 *   Linux reads all data on either RX indication, so this only makes the
 *   interrupt earlier; it avoids a timer per UART.
 * - Baud rate, word length, parity and break are stored but have no effect.
 */
#include "devices/serial-16550.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

enum {
    UART_RBR_THR = 0, /* DLL when LCR.DLAB */
    UART_IER = 1,     /* DLM when LCR.DLAB */
    UART_IIR_FCR = 2,
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,
    UART_MSR = 6,
    UART_SCR = 7,
};

#define IER_ERBFI 0x01 /* received data available */
#define IER_ETBEI 0x02 /* THR empty */
#define IER_ELSI 0x04  /* receiver line status */
#define IER_EDSSI 0x08 /* modem status */

#define IIR_NO_INT 0x01
#define IIR_MSI 0x00
#define IIR_THRI 0x02
#define IIR_RDI 0x04
#define IIR_RLSI 0x06
#define IIR_CTI 0x0c
#define IIR_FIFO_ON 0xc0

#define FCR_ENABLE 0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04
#define FCR_TRIGGER_MASK 0xc0

#define LCR_DLAB 0x80

#define MCR_DTR 0x01
#define MCR_RTS 0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10

#define LSR_DR 0x01
#define LSR_OE 0x02
#define LSR_PE 0x04
#define LSR_FE 0x08
#define LSR_BI 0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define LSR_ERRORS (LSR_OE | LSR_PE | LSR_FE | LSR_BI)

#define MSR_DCTS 0x01
#define MSR_DDSR 0x02
#define MSR_TERI 0x04
#define MSR_DDCD 0x08
#define MSR_DELTAS 0x0f
#define MSR_CTS 0x10
#define MSR_DSR 0x20
#define MSR_RI 0x40
#define MSR_DCD 0x80

/*
 * Modem inputs when not in loopback: a chardev has no modem lines, so
 * report a connected, ready peer (carrier, DSR, CTS) as a null-modem cable
 * would; drivers using hardware flow control then never stall.
 */
#define MSR_INPUTS_EXTERNAL (MSR_DCD | MSR_DSR | MSR_CTS)

static bool serial_fifo_enabled(const Serial16550 *s)
{
    return s->fcr & FCR_ENABLE;
}

static unsigned serial_rx_capacity(const Serial16550 *s)
{
    return serial_fifo_enabled(s) ? SERIAL16550_FIFO_SIZE : 1;
}

static unsigned serial_rx_trigger(const Serial16550 *s)
{
    static const uint8_t levels[4] = { 1, 4, 8, 14 };

    return levels[(s->fcr & FCR_TRIGGER_MASK) >> 6];
}

/* The interrupt source IIR reports now, by the 16550's fixed priority. */
static uint8_t serial_pending_iir(const Serial16550 *s)
{
    if ((s->ier & IER_ELSI) && (s->lsr & LSR_ERRORS)) {
        return IIR_RLSI;
    }
    if ((s->ier & IER_ERBFI) && s->rx_count) {
        if (serial_fifo_enabled(s) && s->rx_count < serial_rx_trigger(s)) {
            return IIR_CTI;
        }
        return IIR_RDI;
    }
    if ((s->ier & IER_ETBEI) && s->thr_ipending) {
        return IIR_THRI;
    }
    if ((s->ier & IER_EDSSI) && (s->msr & MSR_DELTAS)) {
        return IIR_MSI;
    }
    return IIR_NO_INT;
}

/*
 * On a PC the UART's INTR pin reaches the PIC through a buffer enabled by
 * the OUT2 output; in loopback the chip forces OUT2 inactive, so the line
 * is then disconnected as well. SoC UARTs wire INTR directly.
 */
static void serial_update_irq(Serial16550 *s)
{
    bool level = serial_pending_iir(s) != IIR_NO_INT &&
                 (s->intr_direct ||
                  (s->mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2);

    if (level != s->irq_level) {
        s->irq_level = level;
        irq_line_set(&s->irq, level);
    }
}

static void serial_update_lsr_dr(Serial16550 *s)
{
    if (s->rx_count) {
        s->lsr |= LSR_DR;
    } else {
        s->lsr &= ~LSR_DR;
    }
}

/* Queue one received byte; a full FIFO (or full RBR) is an overrun. */
static void serial_rx_push(Serial16550 *s, uint8_t byte)
{
    if (s->rx_count >= serial_rx_capacity(s)) {
        /* The byte in the shift register is lost; the FIFO is kept. */
        s->lsr |= LSR_OE;
        return;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % SERIAL16550_FIFO_SIZE] = byte;
    s->rx_count++;
    serial_update_lsr_dr(s);
}

static void serial_rx_clear(Serial16550 *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    serial_update_lsr_dr(s);
}

/* Tell the backend it may send again once the guest made room. */
static void serial_rx_drained(Serial16550 *s)
{
    if (s->chr && (s->rx_blocked || s->rx_count == 0)) {
        s->rx_blocked = false;
        chardev_accept_input(s->chr);
    }
}

static uint8_t serial_rx_pop(Serial16550 *s)
{
    uint8_t byte;

    if (!s->rx_count) {
        /* Real hardware re-reads the last byte; nothing better to give. */
        return s->rx_fifo[(s->rx_head + SERIAL16550_FIFO_SIZE - 1) %
                          SERIAL16550_FIFO_SIZE];
    }
    byte = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % SERIAL16550_FIFO_SIZE;
    s->rx_count--;
    serial_update_lsr_dr(s);
    serial_rx_drained(s);
    return byte;
}

/* Modem inputs as the chip sees them: its own outputs in loopback. */
static uint8_t serial_modem_inputs(const Serial16550 *s)
{
    uint8_t in = 0;

    if (!(s->mcr & MCR_LOOP)) {
        return MSR_INPUTS_EXTERNAL;
    }
    if (s->mcr & MCR_RTS) {
        in |= MSR_CTS;
    }
    if (s->mcr & MCR_DTR) {
        in |= MSR_DSR;
    }
    if (s->mcr & MCR_OUT1) {
        in |= MSR_RI;
    }
    if (s->mcr & MCR_OUT2) {
        in |= MSR_DCD;
    }
    return in;
}

/* Recompute MSR's input bits and latch the delta bits for changes. */
static void serial_update_msr(Serial16550 *s)
{
    uint8_t old = s->msr & 0xf0;
    uint8_t now = serial_modem_inputs(s);
    uint8_t changed = old ^ now;
    uint8_t deltas = s->msr & MSR_DELTAS;

    if (changed & MSR_CTS) {
        deltas |= MSR_DCTS;
    }
    if (changed & MSR_DSR) {
        deltas |= MSR_DDSR;
    }
    if ((old & MSR_RI) && !(now & MSR_RI)) {
        deltas |= MSR_TERI; /* trailing edge only */
    }
    if (changed & MSR_DCD) {
        deltas |= MSR_DDCD;
    }
    s->msr = now | deltas;
}

/* Hand waiting bytes to the chardev; THR is empty again once it took all. */
static void serial_tx_flush(Serial16550 *s)
{
    size_t n = chardev_write_nonblock(s->chr, s->tx_fifo, s->tx_count);

    memmove(s->tx_fifo, s->tx_fifo + n, s->tx_count - n);
    s->tx_count -= n;
    if (s->tx_count == 0) {
        s->lsr |= LSR_THRE | LSR_TEMT;
        s->thr_ipending = true;
    }
}

static void serial_transmit(Serial16550 *s, uint8_t byte)
{
    s->thr_ipending = false;
    if (s->mcr & MCR_LOOP) {
        /* TX is wired to RX inside the chip; nothing leaves it. */
        serial_rx_push(s, byte);
        s->lsr |= LSR_THRE | LSR_TEMT;
        s->thr_ipending = true;
        return;
    }
    if (!s->chr) {
        s->lsr |= LSR_THRE | LSR_TEMT;
        s->thr_ipending = true;
        return;
    }
    /*
     * A byte written while the transmitter is busy goes into the FIFO (or
     * replaces THR without one, as the chip would overwrite it).
     */
    if (s->tx_count == SERIAL16550_FIFO_SIZE ||
        (s->tx_count && !serial_fifo_enabled(s))) {
        s->tx_fifo[s->tx_count - 1] = byte;
        return;
    }
    s->tx_fifo[s->tx_count++] = byte;
    s->lsr &= ~(LSR_THRE | LSR_TEMT);
    if (s->tx_count == 1) {
        serial_tx_flush(s);
    }
}

void serial16550_writable(void *opaque)
{
    Serial16550 *s = opaque;

    if (s->tx_count) {
        serial_tx_flush(s);
        serial_update_irq(s);
    }
}

static void serial_write_fcr(Serial16550 *s, uint8_t val)
{
    bool was_enabled = serial_fifo_enabled(s);
    bool enable = val & FCR_ENABLE;

    /* Toggling the FIFO enable clears both FIFOs; so does CLEAR_TX for
     * bytes still waiting to go out. */
    if (enable != was_enabled || (val & FCR_CLEAR_TX)) {
        if (s->tx_count) {
            s->tx_count = 0;
            s->lsr |= LSR_THRE | LSR_TEMT;
            s->thr_ipending = true;
        }
    }
    if (enable != was_enabled || (val & FCR_CLEAR_RX)) {
        serial_rx_clear(s);
        s->fcr = val & (FCR_ENABLE | FCR_TRIGGER_MASK);
        serial_rx_drained(s);
        return;
    }
    /* DMA mode (bit 3) and the reserved bits are not modelled. */
    s->fcr = val & (FCR_ENABLE | FCR_TRIGGER_MASK);
}

static uint64_t serial_read(void *opaque, uint64_t offset, unsigned size)
{
    Serial16550 *s = opaque;
    uint8_t val = 0xff;

    switch (offset) {
    case UART_RBR_THR:
        if (s->lcr & LCR_DLAB) {
            val = s->dll;
        } else {
            val = serial_rx_pop(s);
        }
        break;
    case UART_IER:
        val = (s->lcr & LCR_DLAB) ? s->dlm : s->ier;
        break;
    case UART_IIR_FCR:
        val = serial_pending_iir(s);
        /* Reading IIR while it names THRE is that interrupt's ack. */
        if (val == IIR_THRI) {
            s->thr_ipending = false;
        }
        if (serial_fifo_enabled(s)) {
            val |= IIR_FIFO_ON;
        }
        break;
    case UART_LCR:
        val = s->lcr;
        break;
    case UART_MCR:
        val = s->mcr;
        break;
    case UART_LSR:
        val = s->lsr;
        /* Error bits clear on read, which also ends the RLS interrupt. */
        s->lsr &= ~LSR_ERRORS;
        break;
    case UART_MSR:
        val = s->msr;
        s->msr &= ~MSR_DELTAS;
        break;
    case UART_SCR:
        val = s->scr;
        break;
    }
    serial_update_irq(s);
    return val;
}

static void serial_write(void *opaque, uint64_t offset, uint64_t value,
                         unsigned size)
{
    Serial16550 *s = opaque;
    uint8_t val = value;

    switch (offset) {
    case UART_RBR_THR:
        if (s->lcr & LCR_DLAB) {
            s->dll = val;
        } else {
            serial_transmit(s, val);
        }
        break;
    case UART_IER:
        if (s->lcr & LCR_DLAB) {
            s->dlm = val;
        } else {
            uint8_t old = s->ier;

            s->ier = val & 0x0f;
            /*
             * Enabling ETBEI while THR is empty raises THRE at once; Linux
             * checks this (UART_BUG_THRE) by toggling the bit.
             */
            if (!(old & IER_ETBEI) && (s->ier & IER_ETBEI) &&
                (s->lsr & LSR_THRE)) {
                s->thr_ipending = true;
            }
        }
        break;
    case UART_IIR_FCR:
        serial_write_fcr(s, val);
        break;
    case UART_LCR:
        s->lcr = val;
        break;
    case UART_MCR: {
        bool was_loop = s->mcr & MCR_LOOP;

        s->mcr = val & 0x1f;
        serial_update_msr(s);
        /* Host input is cut off in loopback; resume it when leaving. */
        if (was_loop && !(s->mcr & MCR_LOOP) && s->chr) {
            s->rx_blocked = false;
            chardev_accept_input(s->chr);
        }
        break;
    }
    case UART_LSR:
    case UART_MSR:
        /* Writable only for factory test; ignore. */
        break;
    case UART_SCR:
        s->scr = val;
        break;
    }
    serial_update_irq(s);
}

static const MemoryRegionOps serial_ops = {
    .read = serial_read,
    .write = serial_write,
    .valid_min = 1,
    .valid_max = 4,
    /* Byte registers: wider ISA accesses reach them one byte at a time. */
    .impl_min = 1,
    .impl_max = 1,
};

size_t serial16550_can_receive(void *opaque)
{
    Serial16550 *s = opaque;
    size_t room;

    if (s->mcr & MCR_LOOP) {
        room = 0;
    } else {
        room = serial_rx_capacity(s) - s->rx_count;
    }
    if (!room) {
        s->rx_blocked = true;
    }
    return room;
}

void serial16550_receive(void *opaque, const uint8_t *buf, size_t len)
{
    Serial16550 *s = opaque;

    if (s->mcr & MCR_LOOP) {
        return; /* the serial input pin is disconnected in loopback */
    }
    for (size_t i = 0; i < len; i++) {
        serial_rx_push(s, buf[i]);
    }
    serial_update_irq(s);
}

void serial16550_reset(Serial16550 *s)
{
    s->ier = 0;
    s->lcr = 0;
    s->mcr = 0;
    s->lsr = LSR_THRE | LSR_TEMT;
    s->msr = serial_modem_inputs(s);
    s->scr = 0;
    /* The divisor is undefined at power-on; 12 is 9600 baud. */
    s->dll = 12;
    s->dlm = 0;
    s->fcr = 0;
    s->thr_ipending = false;
    memset(s->rx_fifo, 0, sizeof(s->rx_fifo));
    s->tx_count = 0;
    serial_rx_clear(s);
    s->irq_level = false;
    irq_line_set(&s->irq, 0);
    if (s->chr) {
        s->rx_blocked = false;
        chardev_accept_input(s->chr);
    }
}

void serial16550_init(Serial16550 *s, IRQLine irq, Chardev *chr)
{
    memset(s, 0, sizeof(*s));
    s->irq = irq;
    memory_region_init_io(&s->mr, "serial", 8, &serial_ops, s);
    serial16550_reset(s);
    /* Set after the reset: the frontend is not attached to chr yet. */
    s->chr = chr;
}

int serial16550_console_getchar(Serial16550 *s)
{
    int byte;

    if (!s->rx_count || (s->mcr & MCR_LOOP)) {
        return -1;
    }
    byte = serial_rx_pop(s);
    serial_update_irq(s);
    return byte;
}

static Serial16550 *serial_create(MemoryRegion *io, uint64_t base, IRQLine irq,
                                  Chardev *chr, bool intr_direct)
{
    Serial16550 *s = xzalloc(sizeof(*s));
    int ret;

    serial16550_init(s, irq, chr);
    s->intr_direct = intr_direct;
    ret = memory_region_add_subregion(io, base, &s->mr);
    if (ret < 0) {
        error_report("serial: cannot map ports 0x%" PRIx64 "-0x%" PRIx64
                     ": %s", base, base + 7, strerror(-ret));
        memory_region_destroy(&s->mr);
        free(s);
        return NULL;
    }
    if (chr) {
        ChardevFrontend fe = {
            .can_receive = serial16550_can_receive,
            .receive = serial16550_receive,
            .writable = serial16550_writable,
            .opaque = s,
        };
        chardev_set_frontend(chr, &fe);
    }
    return s;
}

Serial16550 *serial16550_create(MemoryRegion *io, uint64_t base, IRQLine irq,
                                Chardev *chr)
{
    return serial_create(io, base, irq, chr, false);
}

Serial16550 *serial16550_create_mmio(MemoryRegion *sysmem, uint64_t base,
                                     IRQLine irq, Chardev *chr)
{
    return serial_create(sysmem, base, irq, chr, true);
}
