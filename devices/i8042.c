/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * i8042 keyboard controller with no keyboard or mouse attached.
 *
 * Linux probes the controller (self test, command byte, AUX loopback and
 * its IRQ 12 delivery), registers the KBD and AUX serio ports, and then
 * atkbd/psmouse find no device quickly: every byte sent to a device is
 * answered with 0xfe plus the status timeout bit, which the PS/2 drivers
 * take as a failed command instead of waiting for their timeouts. The
 * commands are from the IBM PC/AT technical reference and the PS/2
 * hardware interface manual.
 */
#include "devices/i8042.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

#define STATUS_OBF 0x01
#define STATUS_IBF 0x02
#define STATUS_SYS 0x04
#define STATUS_CMD 0x08
#define STATUS_UNLOCKED 0x10
#define STATUS_AUXDATA 0x20
#define STATUS_TIMEOUT 0x40

#define CTR_KBDINT 0x01
#define CTR_AUXINT 0x02
#define CTR_SYS 0x04
#define CTR_KBDDIS 0x10
#define CTR_AUXDIS 0x20
#define CTR_XLATE 0x40
#define CTR_RESET_VALUE (CTR_XLATE | CTR_SYS | CTR_KBDINT)

#define OUTPORT_RESET_N 0x01  /* low: CPU reset */
#define OUTPORT_A20 0x02
#define OUTPORT_RESET_VALUE (OUTPORT_RESET_N | OUTPORT_A20)

enum {
    CMD_READ_RAM = 0x20,      /* 0x20-0x3f: read RAM byte (0x20: CTR) */
    CMD_WRITE_RAM = 0x60,     /* 0x60-0x7f: write RAM byte (0x60: CTR) */
    CMD_AUX_DISABLE = 0xa7,
    CMD_AUX_ENABLE = 0xa8,
    CMD_AUX_TEST = 0xa9,
    CMD_SELF_TEST = 0xaa,
    CMD_KBD_TEST = 0xab,
    CMD_KBD_DISABLE = 0xad,
    CMD_KBD_ENABLE = 0xae,
    CMD_READ_INPUT = 0xc0,
    CMD_READ_OUTPORT = 0xd0,
    CMD_WRITE_OUTPORT = 0xd1,
    CMD_WRITE_KBD_OBUF = 0xd2,
    CMD_WRITE_AUX_OBUF = 0xd3,
    CMD_WRITE_AUX = 0xd4,
    CMD_A20_DISABLE = 0xdd,
    CMD_A20_ENABLE = 0xdf,
    CMD_PULSE_FIRST = 0xf0,   /* 0xf0-0xff: pulse output bits low */
};

#define REPLY_SELF_TEST_OK 0x55
#define REPLY_INTERFACE_OK 0x00
#define REPLY_NO_DEVICE 0xfe

static void i8042_update_irq(I8042 *k)
{
    bool full = k->q_count > 0;
    bool aux = full && k->queue[k->q_head].aux;
    bool kbd_level = full && !aux && (k->ram[0] & CTR_KBDINT);
    bool aux_level = aux && (k->ram[0] & CTR_AUXINT);

    if (kbd_level != k->kbd_level) {
        k->kbd_level = kbd_level;
        irq_line_set(&k->kbd_irq, kbd_level);
    }
    if (aux_level != k->aux_level) {
        k->aux_level = aux_level;
        irq_line_set(&k->aux_irq, aux_level);
    }
}

/* Put a byte in the output buffer as if it came from a port. */
static void i8042_queue(I8042 *k, uint8_t data, bool aux, bool timeout)
{
    unsigned tail;

    if (k->q_count == I8042_QUEUE_SIZE) {
        return; /* the guest is not reading; real hardware drops too */
    }
    tail = (k->q_head + k->q_count) % I8042_QUEUE_SIZE;
    k->queue[tail].data = data;
    k->queue[tail].aux = aux;
    k->queue[tail].timeout = timeout;
    k->q_count++;
}

static void i8042_reply(I8042 *k, uint8_t data)
{
    i8042_queue(k, data, false, false);
}

static void i8042_pulse_reset(I8042 *k)
{
    irq_line_pulse(&k->reset);
}

static void i8042_write_outport(I8042 *k, uint8_t val)
{
    k->outport = val;
    if (!(val & OUTPORT_RESET_N)) {
        i8042_pulse_reset(k);
        /* The line is a pulse here: the CPU is reset, the pin recovers. */
        k->outport |= OUTPORT_RESET_N;
    }
}

static void i8042_command(I8042 *k, uint8_t cmd)
{
    if (cmd >= CMD_READ_RAM && cmd < CMD_READ_RAM + 0x20) {
        i8042_reply(k, k->ram[cmd & 0x1f]);
        return;
    }
    if ((cmd >= CMD_WRITE_RAM && cmd < CMD_WRITE_RAM + 0x20) ||
        cmd == CMD_WRITE_OUTPORT || cmd == CMD_WRITE_KBD_OBUF ||
        cmd == CMD_WRITE_AUX_OBUF || cmd == CMD_WRITE_AUX) {
        k->pending = cmd; /* completes with the next byte written to 0x60 */
        return;
    }
    if (cmd >= CMD_PULSE_FIRST) {
        /* Bits clear in the low nibble pulse those output lines; bit 0 is
         * the CPU reset (0xfe is the classic reboot). */
        if (!(cmd & OUTPORT_RESET_N)) {
            i8042_pulse_reset(k);
        }
        return;
    }
    switch (cmd) {
    case CMD_AUX_DISABLE:
        k->ram[0] |= CTR_AUXDIS;
        break;
    case CMD_AUX_ENABLE:
        k->ram[0] &= ~CTR_AUXDIS;
        break;
    case CMD_AUX_TEST:
    case CMD_KBD_TEST:
        /* The clock and data lines test fine even with nothing plugged. */
        i8042_reply(k, REPLY_INTERFACE_OK);
        break;
    case CMD_SELF_TEST:
        i8042_reply(k, REPLY_SELF_TEST_OK);
        break;
    case CMD_KBD_DISABLE:
        k->ram[0] |= CTR_KBDDIS;
        break;
    case CMD_KBD_ENABLE:
        k->ram[0] &= ~CTR_KBDDIS;
        break;
    case CMD_READ_INPUT:
        i8042_reply(k, 0x80); /* keyboard not inhibited by the keylock */
        break;
    case CMD_READ_OUTPORT:
        i8042_reply(k, k->outport);
        break;
    case CMD_A20_DISABLE:
        k->outport &= ~OUTPORT_A20;
        break;
    case CMD_A20_ENABLE:
        k->outport |= OUTPORT_A20;
        break;
    default:
        /* Vendor commands: an 8042 ignores what it does not know. */
        break;
    }
}

static void i8042_write_data(I8042 *k, uint8_t val)
{
    uint8_t cmd = k->pending;

    k->pending = 0;
    if (cmd >= CMD_WRITE_RAM && cmd < CMD_WRITE_RAM + 0x20) {
        k->ram[cmd & 0x1f] = val;
        return;
    }
    switch (cmd) {
    case CMD_WRITE_OUTPORT:
        i8042_write_outport(k, val);
        break;
    case CMD_WRITE_KBD_OBUF:
        i8042_queue(k, val, false, false);
        break;
    case CMD_WRITE_AUX_OBUF:
        /* The AUX loopback Linux uses to find the AUX port and its IRQ. */
        i8042_queue(k, val, true, false);
        break;
    case CMD_WRITE_AUX:
        i8042_queue(k, REPLY_NO_DEVICE, true, true);
        break;
    default:
        /* A byte for the keyboard, and no keyboard clocks it in. */
        i8042_queue(k, REPLY_NO_DEVICE, false, true);
        break;
    }
}

static uint8_t i8042_status(const I8042 *k)
{
    uint8_t st = STATUS_UNLOCKED | k->status_cmd;

    if (k->ram[0] & CTR_SYS) {
        st |= STATUS_SYS;
    }
    if (k->q_count) {
        st |= STATUS_OBF;
        if (k->queue[k->q_head].aux) {
            st |= STATUS_AUXDATA;
        }
        if (k->queue[k->q_head].timeout) {
            st |= STATUS_TIMEOUT;
        }
    }
    return st; /* IBF never: every byte is consumed at once */
}

static uint64_t i8042_data_read(void *opaque, uint64_t offset, unsigned size)
{
    I8042 *k = opaque;

    if (k->q_count) {
        k->last_data = k->queue[k->q_head].data;
        k->q_head = (k->q_head + 1) % I8042_QUEUE_SIZE;
        k->q_count--;
        i8042_update_irq(k);
    }
    return k->last_data;
}

static void i8042_data_write(void *opaque, uint64_t offset, uint64_t value,
                             unsigned size)
{
    I8042 *k = opaque;

    k->status_cmd = 0;
    i8042_write_data(k, value);
    i8042_update_irq(k);
}

static uint64_t i8042_cmd_read(void *opaque, uint64_t offset, unsigned size)
{
    return i8042_status(opaque);
}

static void i8042_cmd_write(void *opaque, uint64_t offset, uint64_t value,
                            unsigned size)
{
    I8042 *k = opaque;

    k->status_cmd = STATUS_CMD;
    k->pending = 0;
    i8042_command(k, value);
    i8042_update_irq(k);
}

static const MemoryRegionOps i8042_data_ops = {
    .read = i8042_data_read,
    .write = i8042_data_write,
    .valid_min = 1,
    .valid_max = 1,
};

static const MemoryRegionOps i8042_cmd_ops = {
    .read = i8042_cmd_read,
    .write = i8042_cmd_write,
    .valid_min = 1,
    .valid_max = 1,
};

void i8042_reset(I8042 *k)
{
    memset(k->ram, 0, sizeof(k->ram));
    k->ram[0] = CTR_RESET_VALUE;
    k->outport = OUTPORT_RESET_VALUE;
    k->status_cmd = 0;
    k->pending = 0;
    k->last_data = 0;
    k->q_head = 0;
    k->q_count = 0;
    k->kbd_level = false;
    k->aux_level = false;
    irq_line_set(&k->kbd_irq, 0);
    irq_line_set(&k->aux_irq, 0);
}

void i8042_init(I8042 *k, IRQLine kbd_irq, IRQLine aux_irq, IRQLine reset)
{
    memset(k, 0, sizeof(*k));
    k->kbd_irq = kbd_irq;
    k->aux_irq = aux_irq;
    k->reset = reset;
    memory_region_init_io(&k->data_mr, "i8042-data", 1, &i8042_data_ops, k);
    memory_region_init_io(&k->cmd_mr, "i8042-cmd", 1, &i8042_cmd_ops, k);
    i8042_reset(k);
}

I8042 *i8042_create(MemoryRegion *io, uint64_t data_base, uint64_t cmd_base,
                    IRQLine kbd_irq, IRQLine aux_irq, IRQLine reset)
{
    I8042 *k = xzalloc(sizeof(*k));
    int ret;

    i8042_init(k, kbd_irq, aux_irq, reset);
    ret = memory_region_add_subregion(io, data_base, &k->data_mr);
    if (ret == 0) {
        ret = memory_region_add_subregion(io, cmd_base, &k->cmd_mr);
        if (ret < 0) {
            memory_region_del_subregion(io, &k->data_mr);
        }
    }
    if (ret < 0) {
        error_report("i8042: cannot map ports 0x%" PRIx64 " and 0x%" PRIx64
                     ": %s", data_base, cmd_base, strerror(-ret));
        memory_region_destroy(&k->data_mr);
        memory_region_destroy(&k->cmd_mr);
        free(k);
        return NULL;
    }
    return k;
}
