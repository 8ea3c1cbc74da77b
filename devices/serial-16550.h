/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 16550A UART (the PC's COM ports). Eight byte registers at base; the
 * interrupt output is gated by MCR.OUT2 as on PC hardware. Bytes the guest
 * sends go to the chardev at once when it takes them (no line timing is
 * modelled); when it cannot, they wait in the transmitter (THR, or the
 * 16-byte FIFO) with THRE clear until the chardev is writable again, so a
 * slow reader slows the guest down instead of losing output. Host input
 * fills the 16-byte receive FIFO through the ChardevFrontend.
 */
#ifndef DEVICES_SERIAL_16550_H
#define DEVICES_SERIAL_16550_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/irq.h"
#include "io/chardev.h"
#include "memory/memory.h"

#define SERIAL16550_FIFO_SIZE 16

typedef struct Serial16550 {
    MemoryRegion mr;
    IRQLine irq;
    Chardev *chr;          /* NULL: output dropped, no input */
    bool irq_level;        /* what we last drove on irq */
    bool intr_direct;      /* INTR wired straight out, not through OUT2 */

    uint8_t ier, lcr, mcr, lsr, msr, scr, dll, dlm;
    uint8_t fcr;           /* FIFO enable and trigger bits as written */
    bool thr_ipending;     /* THRE interrupt armed, not yet acknowledged */
    bool rx_blocked;       /* can_receive said 0: backend waits for accept */

    uint8_t rx_fifo[SERIAL16550_FIFO_SIZE];
    unsigned rx_head, rx_count;

    /* bytes the chardev has not taken yet (THR + FIFO) */
    uint8_t tx_fifo[SERIAL16550_FIFO_SIZE];
    unsigned tx_count;
} Serial16550;

/*
 * Create a UART at I/O port base in io (8 ports), raising irq. chr may be
 * NULL (no backend). Returns NULL after an error report if the ports are
 * taken.
 */
Serial16550 *serial16550_create(MemoryRegion *io, uint64_t base, IRQLine irq,
                                Chardev *chr);
/*
 * The same UART as a memory-mapped SoC block (reg-shift 0: register n at
 * base + n): its INTR pin drives irq directly, without the PC's OUT2 gate.
 */
Serial16550 *serial16550_create_mmio(MemoryRegion *sysmem, uint64_t base,
                                     IRQLine irq, Chardev *chr);

/*
 * Take one received byte for a firmware console (SBI getchar) as a read
 * of RBR would, or -1 if none is waiting. Machine lock held.
 */
int serial16550_console_getchar(Serial16550 *s);

/* Power-on state: FIFO off, interrupts off, THR empty, IRQ low. */
void serial16550_reset(Serial16550 *s);

/*
 * Initialise s in place without mapping it (the region is ready in s->mr).
 * For boards that embed the state, and for tests.
 */
void serial16550_init(Serial16550 *s, IRQLine irq, Chardev *chr);

/* The chardev frontend callbacks, exposed for tests. */
size_t serial16550_can_receive(void *opaque);
void serial16550_receive(void *opaque, const uint8_t *buf, size_t len);
void serial16550_writable(void *opaque);

#endif
