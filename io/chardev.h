/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Character devices: the host end of a serial port. Specs follow QEMU's
 * -serial syntax: stdio, file:PATH, unix:PATH[,server][,nowait|,wait=off],
 * null, mon:stdio. The stdio backend puts the terminal in raw mode and
 * multiplexes QEMU's Ctrl-a escape keys; the terminal is restored on every
 * exit path (chardev_cleanup is registered with the error helper and run
 * from signal handlers).
 */
#ifndef IO_CHARDEV_H
#define IO_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Chardev Chardev;

/* The device side (frontend), e.g. a UART. Called with the machine lock. */
typedef struct ChardevFrontend {
    /* How many bytes the device can take now. */
    size_t (*can_receive)(void *opaque);
    void (*receive)(void *opaque, const uint8_t *buf, size_t len);
    void *opaque;
} ChardevFrontend;

/*
 * Open a backend from a -serial spec. Returns NULL after one error_report
 * line on a bad spec or an unopenable path.
 */
Chardev *chardev_new(const char *spec);
/* Bytes from the device to the host; never blocks the guest for long. */
void chardev_write(Chardev *chr, const uint8_t *buf, size_t len);
void chardev_set_frontend(Chardev *chr, const ChardevFrontend *fe);
/* The frontend can take more input now (re-enables reading). */
void chardev_accept_input(Chardev *chr);
/* Restore the terminal; idempotent and async-signal safe. */
void chardev_cleanup(void);

#endif
