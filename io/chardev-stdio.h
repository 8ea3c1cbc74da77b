/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Extras of the stdio chardev beyond io/chardev.h: who to call when the
 * user asks to quit (C-a x, SIGINT, SIGTERM, SIGHUP), and the Ctrl-a
 * escape parser, exposed so it can be tested without a terminal.
 */
#ifndef IO_CHARDEV_STDIO_H
#define IO_CHARDEV_STDIO_H

#include "io/chardev.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Called from the main loop with the machine lock held when the user asks
 * to quit: C-a x, or SIGINT/SIGTERM/SIGHUP (after "terminating on signal
 * N" is reported). Without a handler, main_loop_quit() is called for C-a x
 * and a quit signal kills the process by the signal (terminal restored).
 * A second quit signal while the first is pending always kills. Setting a
 * handler also installs those signal handlers.
 */
void chardev_stdio_set_quit_handler(void (*fn)(void *opaque), void *opaque);

/*
 * Pass input bytes through chr's Ctrl-a escape state machine (QEMU's mux
 * keys: C-a h help, C-a x quit, C-a c monitor, C-a C-a one C-a; other
 * escapes are dropped). Messages are written to chr's output. The bytes
 * meant for the guest are stored in out (room for len bytes); returns
 * their count. Works on any chardev; the state persists across calls.
 */
size_t chardev_mux_feed(Chardev *chr, const uint8_t *in, size_t len,
                        uint8_t *out);

#endif
