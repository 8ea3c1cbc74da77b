/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PC's two software reset ports: the chipset reset control register at
 * 0xcf9 (the FADT's RESET_REG) and System Control Port A at 0x92 (fast
 * reset and the A20 gate). A reset goes out on a line.
 */
#ifndef DEVICES_RESET_CONTROL_H
#define DEVICES_RESET_CONTROL_H

#include "devices/irq.h"
#include "memory/memory.h"

#define RESET_CONTROL_PORT 0xcf9
#define RESET_CONTROL_VALUE 0x06  /* what the FADT tells the OS to write */
#define SYSTEM_CONTROL_PORT_A 0x92

typedef struct ResetControl ResetControl;

ResetControl *reset_control_create(MemoryRegion *io, IRQLine reset);
void reset_control_reset(ResetControl *rc);

#endif
