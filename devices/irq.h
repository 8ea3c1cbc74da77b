/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IRQ lines: a value a board hands to a device, naming the controller
 * input the device drives. Devices only call irq_line_set(); whether the
 * other end is a user-space controller or KVM's in-kernel irqchip is the
 * board's business (design contract 1).
 */
#ifndef DEVICES_IRQ_H
#define DEVICES_IRQ_H

#include <stddef.h>

typedef struct IRQLine {
    void (*set)(void *opaque, int n, int level);
    void *opaque;
    int n;
} IRQLine;

static inline IRQLine irq_line_make(void (*set)(void *, int, int),
                                    void *opaque, int n)
{
    return (IRQLine){ .set = set, .opaque = opaque, .n = n };
}

/* A line wired to nothing is allowed (set == NULL) and ignored. */
static inline void irq_line_set(const IRQLine *l, int level)
{
    if (l->set) {
        l->set(l->opaque, l->n, level);
    }
}

static inline void irq_line_pulse(const IRQLine *l)
{
    irq_line_set(l, 1);
    irq_line_set(l, 0);
}

#endif
