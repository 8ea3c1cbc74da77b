/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A port range that answers but does nothing: writes are dropped and
 * every byte reads as a fixed value. For ports a PC guest pokes and
 * expects to exist, such as the POST/delay port 0x80 and port 0xed.
 */
#ifndef DEVICES_PORT_SINK_H
#define DEVICES_PORT_SINK_H

#include <stdint.h>

#include "memory/memory.h"

typedef struct PortSink {
    MemoryRegion mr;
    uint8_t read_value;
} PortSink;

/*
 * Map size ports at base in io, each reading read_value. name must stay
 * valid (a string literal). Returns NULL after an error report if the
 * ports are taken.
 */
PortSink *port_sink_create(MemoryRegion *io, const char *name, uint64_t base,
                           uint64_t size, uint8_t read_value);
/* Initialise in place without mapping (region ready in ps->mr). */
void port_sink_init(PortSink *ps, const char *name, uint64_t size,
                    uint8_t read_value);

#endif
