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
    /*
     * The backend can take output again after chardev_write_nonblock took
     * less than it was given. Called from the main loop. May be NULL.
     */
    void (*writable)(void *opaque);
    void *opaque;
} ChardevFrontend;

/*
 * Open a backend from a -serial spec. Returns NULL after one error_report
 * line on a bad spec or an unopenable path.
 */
Chardev *chardev_new(const char *spec);
/* Bytes from the device to the host; never blocks the guest for long. */
void chardev_write(Chardev *chr, const uint8_t *buf, size_t len);
/*
 * Bytes from the device without waiting: returns how many the backend
 * took now. A backend with nowhere to send them (no client connected, a
 * failed file) takes everything and drops it. When it takes fewer than len,
 * the frontend's writable() is called once more fit, so a device can hold
 * its transmitter busy as the hardware would (back-pressure instead of
 * lost output).
 */
size_t chardev_write_nonblock(Chardev *chr, const uint8_t *buf, size_t len);
void chardev_set_frontend(Chardev *chr, const ChardevFrontend *fe);
/* The frontend can take more input now (re-enables reading). */
void chardev_accept_input(Chardev *chr);
/* Restore the terminal; idempotent and async-signal safe. */
void chardev_cleanup(void);

#endif
