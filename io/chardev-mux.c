/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The Ctrl-a escape keys of mon:stdio, as QEMU's mux spells them. There is
 * no monitor yet, so the mux only filters the input of one frontend.
 */
#include "io/chardev-internal.h"
#include "io/chardev-stdio.h"

#include <string.h>

#define MUX_ESCAPE_CHAR 0x01   /* C-a */

static const char mux_help[] =
    "\n"
    "C-a h    print this help\n"
    "C-a x    exit emulator\n"
    "C-a c    switch between console and monitor\n"
    "C-a C-a  sends C-a\n";

static const char mux_no_monitor[] =
    "\njanus: the monitor is not available yet\n";

static const char mux_terminated[] = "janus: Terminated\n";

static void mux_print(Chardev *chr, const char *s)
{
    chardev_write(chr, (const uint8_t *)s, strlen(s));
}

size_t chardev_mux_feed(Chardev *chr, const uint8_t *in, size_t len,
                        uint8_t *out)
{
    size_t n = 0;

    /* out may be in: n never passes i, and in[i] is read first. */
    for (size_t i = 0; i < len; i++) {
        uint8_t c = in[i];

        if (!chr->mux_escape) {
            if (c == MUX_ESCAPE_CHAR) {
                chr->mux_escape = true;
            } else {
                out[n++] = c;
            }
            continue;
        }
        chr->mux_escape = false;
        switch (c) {
        case 'h':
        case '?':
            mux_print(chr, mux_help);
            break;
        case 'x':
            mux_print(chr, mux_terminated);
            chardev_quit_request();
            break;
        case 'c':
            mux_print(chr, mux_no_monitor);
            break;
        case MUX_ESCAPE_CHAR:
            out[n++] = c;
            break;
        default:
            /* QEMU drops escapes it does not know; so do we. */
            break;
        }
    }
    return n;
}
