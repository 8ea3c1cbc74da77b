/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "devices/reset-control.h"
#include "util/cutils.h"

#define RCR_SYS_RST 0x02   /* full reset when RST_CPU goes high */
#define RCR_RST_CPU 0x04
#define PORT_A_FAST_RESET 0x01
#define PORT_A_A20 0x02

struct ResetControl {
    MemoryRegion rcr_region, port_a_region;
    uint8_t rcr, port_a;
    IRQLine reset;
};

static uint64_t rcr_read(void *opaque, uint64_t offset, unsigned size)
{
    ResetControl *rc = opaque;

    return rc->rcr;
}

static void rcr_write(void *opaque, uint64_t offset, uint64_t value,
                      unsigned size)
{
    ResetControl *rc = opaque;

    /* A 0 -> 1 transition of RST_CPU resets; the chipset latches SYS_RST. */
    if ((value & RCR_RST_CPU) && !(rc->rcr & RCR_RST_CPU)) {
        rc->rcr = 0;
        irq_line_pulse(&rc->reset);
        return;
    }
    rc->rcr = value & RCR_SYS_RST;
}

static uint64_t port_a_read(void *opaque, uint64_t offset, unsigned size)
{
    ResetControl *rc = opaque;

    return rc->port_a;
}

static void port_a_write(void *opaque, uint64_t offset, uint64_t value,
                         unsigned size)
{
    ResetControl *rc = opaque;

    /* A20 is always enabled in this machine; the bit only reads back. */
    rc->port_a = value & PORT_A_A20;
    if ((value & PORT_A_FAST_RESET)) {
        irq_line_pulse(&rc->reset);
    }
}

static const MemoryRegionOps rcr_ops = {
    .read = rcr_read,
    .write = rcr_write,
    .valid_min = 1,
    .valid_max = 1,
};

static const MemoryRegionOps port_a_ops = {
    .read = port_a_read,
    .write = port_a_write,
    .valid_min = 1,
    .valid_max = 1,
};

ResetControl *reset_control_create(MemoryRegion *io, IRQLine reset)
{
    ResetControl *rc = xzalloc(sizeof(*rc));

    rc->reset = reset;
    rc->port_a = PORT_A_A20;
    memory_region_init_io(&rc->rcr_region, "reset-control", 1, &rcr_ops, rc);
    memory_region_init_io(&rc->port_a_region, "port92", 1, &port_a_ops, rc);
    memory_region_add_subregion(io, RESET_CONTROL_PORT, &rc->rcr_region);
    memory_region_add_subregion(io, SYSTEM_CONTROL_PORT_A, &rc->port_a_region);
    return rc;
}

void reset_control_reset(ResetControl *rc)
{
    rc->rcr = 0;
    rc->port_a = PORT_A_A20;
}
