/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * i8042 PS/2 controller (PC ports 0x60 data, 0x64 status/command) with
 * nothing plugged into it: the controller answers its own commands
 * (self tests, command byte, AUX loopback, output port), bytes sent to the
 * keyboard or mouse come back as "no device" (0xfe with the timeout bit),
 * and the output port's reset bit and the pulse commands drive the reset
 * line. A20 gating is reported but not modelled (A20 is always on).
 */
#ifndef DEVICES_I8042_H
#define DEVICES_I8042_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/irq.h"
#include "memory/memory.h"

#define I8042_QUEUE_SIZE 8

typedef struct I8042 {
    MemoryRegion data_mr;   /* 0x60 */
    MemoryRegion cmd_mr;    /* 0x64 */
    IRQLine kbd_irq;        /* IRQ 1 on the PC */
    IRQLine aux_irq;        /* IRQ 12 */
    IRQLine reset;          /* pulsed to reset the machine */
    bool kbd_level, aux_level;

    uint8_t ram[32];        /* ram[0] is the command byte (CTR) */
    uint8_t outport;
    uint8_t status_cmd;     /* status bit 3: last write went to 0x64 */
    uint8_t pending;        /* controller command waiting for its data byte */
    uint8_t last_data;      /* what 0x60 reads when the buffer is empty */

    /* Output buffer: the real one holds a byte; a short queue is kinder. */
    struct {
        uint8_t data;
        bool aux;
        bool timeout;
    } queue[I8042_QUEUE_SIZE];
    unsigned q_head, q_count;
} I8042;

/*
 * Create the controller with its data port at data_base and its command
 * port at cmd_base in io. Any IRQLine may be unwired. Returns NULL after
 * an error report if the ports are taken.
 */
I8042 *i8042_create(MemoryRegion *io, uint64_t data_base, uint64_t cmd_base,
                    IRQLine kbd_irq, IRQLine aux_irq, IRQLine reset);
/* Initialise in place without mapping (regions ready in the struct). */
void i8042_init(I8042 *k, IRQLine kbd_irq, IRQLine aux_irq, IRQLine reset);
/* Power-on state: empty buffer, command byte 0x45, IRQs low. */
void i8042_reset(I8042 *k);

#endif
