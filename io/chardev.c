/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Character devices: spec parsing, the input path with back-pressure and
 * the bounded output path shared by every backend.
 *
 * Input: the fd handler reads no more than the frontend can take now; when
 * it can take nothing the fd leaves the main loop until the frontend calls
 * chardev_accept_input, so a guest UART FIFO never overflows and no byte is
 * lost. The mux (mon:stdio) may read a few bytes ahead into chr->queue so
 * C-a x still works while the guest ignores its serial port, like QEMU's.
 */
#include "io/chardev.h"

#include "io/chardev-internal.h"
#include "io/chardev-stdio.h"
#include "util/error.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* How long one write may wait for a slow reader before output is dropped. */
#define CHARDEV_WRITE_WAIT_MS 1000
#define CHARDEV_SOCKET_WAIT_MS 100
/* Large writes go out in pieces that a writable pipe accepts at once. */
#define CHARDEV_WRITE_CHUNK 4096

/* ---- input --------------------------------------------------------------- */

static size_t chardev_fe_can_receive(Chardev *chr)
{
    if (!chr->has_fe || !chr->fe.can_receive) {
        return 0;
    }
    return chr->fe.can_receive(chr->fe.opaque);
}

static void chardev_fe_receive(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (len && chr->has_fe && chr->fe.receive) {
        chr->fe.receive(chr->fe.opaque, buf, len);
    }
}

/* Give queued bytes to the frontend as far as it takes them. */
static void chardev_queue_flush(Chardev *chr)
{
    while (chr->queue_len) {
        size_t n = chardev_fe_can_receive(chr);

        if (n == 0) {
            return;
        }
        if (n > chr->queue_len) {
            n = chr->queue_len;
        }
        chardev_fe_receive(chr, chr->queue, n);
        memmove(chr->queue, chr->queue + n, chr->queue_len - n);
        chr->queue_len -= n;
    }
}

/* Bytes for the frontend: what it cannot take now waits in the queue. */
static void chardev_deliver(Chardev *chr, const uint8_t *buf, size_t len)
{
    size_t room;

    if (!chr->queue_len) {
        size_t n = chardev_fe_can_receive(chr);

        if (n > len) {
            n = len;
        }
        chardev_fe_receive(chr, buf, n);
        buf += n;
        len -= n;
    }
    room = sizeof(chr->queue) - chr->queue_len;
    if (len > room) {
        /* Only a frontend whose can_receive shrank unasked gets here. */
        warn_report_once("chardev: frontend took less input than it offered; "
                         "%zu bytes dropped", len - room);
        len = room;
    }
    memcpy(chr->queue + chr->queue_len, buf, len);
    chr->queue_len += len;
}

static void chardev_input_ready(void *opaque)
{
    Chardev *chr = opaque;
    uint8_t buf[CHARDEV_WRITE_CHUNK];
    size_t want;
    ssize_t n;

    chardev_queue_flush(chr);
    want = chr->queue_len ? 0 : chardev_fe_can_receive(chr);
    if (!want && chr->mux && chr->queue_len < sizeof(chr->queue)) {
        /* Keep the escape keys alive: read ahead one byte at a time. */
        want = 1;
    }
    if (!want) {
        chardev_input_stop(chr);
        return;
    }
    if (want > sizeof(buf)) {
        want = sizeof(buf);
    }
    n = read(chr->in_fd, buf, want);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        return;
    }
    if (n <= 0) {
        chardev_input_stop(chr);
        if (chr->input_closed) {
            chr->input_closed(chr);
        }
        return;
    }
    if (chr->mux) {
        n = chardev_mux_feed(chr, buf, n, buf);
    }
    chardev_deliver(chr, buf, n);
}

static void chardev_output_ready(void *opaque);

/*
 * (Re)register in_fd and out_fd with the main loop from in_watched and
 * out_watched. A socket uses one fd for both, so one registration carries
 * both handlers.
 */
int chardev_update_watches(Chardev *chr)
{
    bool same = chr->in_fd >= 0 && chr->in_fd == chr->out_fd;
    int ret = 0;

    if (chr->in_fd >= 0) {
        bool out_here = same && chr->out_watched;

        if (chr->in_watched || out_here) {
            ret = main_loop_set_fd_handler(
                chr->in_fd, chr->in_watched ? chardev_input_ready : NULL,
                out_here ? chardev_output_ready : NULL, chr);
        } else {
            main_loop_remove_fd(chr->in_fd);
        }
    }
    if (ret == 0 && chr->out_fd >= 0 && !same) {
        if (chr->out_watched) {
            ret = main_loop_set_fd_handler(chr->out_fd, NULL,
                                           chardev_output_ready, chr);
        } else {
            main_loop_remove_fd(chr->out_fd);
        }
    }
    return ret;
}

int chardev_input_start(Chardev *chr)
{
    int ret;

    if (chr->in_fd < 0 || chr->in_watched) {
        return 0;
    }
    chr->in_watched = true;
    ret = chardev_update_watches(chr);
    if (ret < 0) {
        chr->in_watched = false;
    }
    return ret;
}

void chardev_input_stop(Chardev *chr)
{
    if (chr->in_watched) {
        chr->in_watched = false;
        chardev_update_watches(chr);
    }
}

/* Runs in the main loop after chardev_accept_input: no re-entry into the
 * frontend from inside its own register access. */
static void chardev_kick(void *opaque)
{
    Chardev *chr = opaque;

    chardev_queue_flush(chr);
    chardev_input_start(chr);
}

void chardev_accept_input(Chardev *chr)
{
    if (chr && (chr->queue_len || (chr->in_fd >= 0 && !chr->in_watched))) {
        main_loop_timer_mod(chr->kick, 0);
    }
}

void chardev_set_frontend(Chardev *chr, const ChardevFrontend *fe)
{
    if (!chr) {
        return;
    }
    if (fe) {
        chr->fe = *fe;
        chr->has_fe = true;
    } else {
        memset(&chr->fe, 0, sizeof(chr->fe));
        chr->has_fe = false;
    }
    chardev_accept_input(chr);
}

/* ---- output -------------------------------------------------------------- */

static bool chardev_wait_writable(int fd, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int n;

    do {
        n = poll(&pfd, 1, timeout_ms);
    } while (n < 0 && errno == EINTR);
    return n > 0 && (pfd.revents & POLLOUT);
}

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    int wait_ms;

    if (!chr) {
        return;
    }
    wait_ms = chr->out_is_socket ? CHARDEV_SOCKET_WAIT_MS
                                 : CHARDEV_WRITE_WAIT_MS;
    while (len && chr->out_fd >= 0) {
        size_t chunk = len < CHARDEV_WRITE_CHUNK ? len : CHARDEV_WRITE_CHUNK;
        ssize_t n;

        if (chr->out_is_socket) {
            n = send(chr->out_fd, buf, chunk, MSG_NOSIGNAL | MSG_DONTWAIT);
        } else {
            /*
             * stdout may be a blocking pipe or terminal shared with other
             * processes: only write once poll says a chunk fits.
             */
            if (!chardev_wait_writable(chr->out_fd,
                                       chr->out_stalled ? 0 : wait_ms)) {
                chr->out_stalled = true;
                return;
            }
            n = write(chr->out_fd, buf, chunk);
        }
        if (n > 0) {
            buf += n;
            len -= n;
            chr->out_stalled = false;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (chardev_wait_writable(chr->out_fd,
                                      chr->out_stalled ? 0 : wait_ms)) {
                continue;
            }
            /* A reader that does not read loses output, not the guest. */
            chr->out_stalled = true;
            return;
        }
        if (chr->kind == CHARDEV_SOCKET) {
            chardev_socket_disconnect(chr);
        } else {
            warn_report_once("chardev: output write failed: %s; output "
                             "dropped", n < 0 ? strerror(errno) : "EOF");
        }
        return;
    }
}

static void chardev_output_ready(void *opaque)
{
    Chardev *chr = opaque;

    chr->out_watched = false;
    chardev_update_watches(chr);
    if (chr->has_fe && chr->fe.writable) {
        chr->fe.writable(chr->fe.opaque);
    }
}

size_t chardev_write_nonblock(Chardev *chr, const uint8_t *buf, size_t len)
{
    size_t done = 0;

    if (!chr || chr->out_fd < 0 || !chr->has_fe || !chr->fe.writable) {
        return len;   /* nowhere to send it, or nobody to tell: dropped */
    }
    while (done < len) {
        ssize_t n;

        if (chr->out_is_socket) {
            n = send(chr->out_fd, buf + done, len - done,
                     MSG_NOSIGNAL | MSG_DONTWAIT);
        } else if (!chardev_wait_writable(chr->out_fd, 0)) {
            /* stdout may be a shared blocking fd: write only what fits */
            n = -1;
            errno = EAGAIN;
        } else {
            n = write(chr->out_fd, buf + done, len - done);
        }
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!chr->out_watched) {
                chr->out_watched = true;
                if (chardev_update_watches(chr) < 0) {
                    /* a regular file: epoll cannot wait; it will not block */
                    chr->out_watched = false;
                    continue;
                }
            }
            return done;
        }
        /* The reader is gone: what is left has nowhere to go. */
        if (chr->kind == CHARDEV_SOCKET) {
            chardev_socket_disconnect(chr);
        } else {
            warn_report_once("chardev: output write failed: %s; output "
                             "dropped", n < 0 ? strerror(errno) : "EOF");
        }
        return len;
    }
    return done;
}

/* ---- creation ------------------------------------------------------------ */

static const char *const chardev_unsupported[] = {
    "pty", "tcp:", "telnet:", "websocket:", "udp:", "pipe:", "vc", "chardev:",
    "serial:", "tty:", "parallel:", "msmouse", "braille", "testdev", "/dev/",
    "console:", "spicevmc", "spiceport",
};

static bool prefix_is(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);

    if (strncmp(s, prefix, n)) {
        return false;
    }
    if (rest) {
        *rest = s + n;
    }
    return true;
}

static int chardev_open(Chardev *chr, const char *spec, const char *orig,
                        bool mux)
{
    const char *rest;

    if (!strcmp(spec, "null")) {
        chr->kind = CHARDEV_NULL;
        return 0;
    }
    if (!strcmp(spec, "stdio")) {
        chr->kind = CHARDEV_STDIO;
        return chardev_stdio_open(chr, mux);
    }
    if (prefix_is(spec, "file:", &rest)) {
        chr->kind = CHARDEV_FILE;
        return chardev_file_open(chr, rest);
    }
    if (prefix_is(spec, "unix:", &rest)) {
        chr->kind = CHARDEV_SOCKET;
        return chardev_socket_open(chr, rest);
    }
    for (size_t i = 0; i < sizeof(chardev_unsupported) /
                           sizeof(chardev_unsupported[0]); i++) {
        const char *u = chardev_unsupported[i];
        size_t n = strlen(u);

        if (!strncmp(spec, u, n) &&
            (u[n - 1] == ':' || u[n - 1] == '/' || spec[n] == 0 ||
             spec[n] == ':' || spec[n] == ',')) {
            error_report("chardev '%s': this backend is not supported yet "
                         "(use stdio, mon:stdio, file:, unix: or null)", orig);
            return -ENOTSUP;
        }
    }
    error_report("chardev '%s': '%s' is not a valid char driver name", orig,
                 spec);
    return -EINVAL;
}

static void chardev_free(Chardev *chr)
{
    main_loop_timer_free(chr->kick);
    free(chr->path);
    free(chr);
}

Chardev *chardev_new(const char *spec)
{
    Chardev *chr = calloc(1, sizeof(*chr));
    const char *orig = spec;
    bool mux = false;

    if (!chr) {
        error_report("chardev: out of memory");
        return NULL;
    }
    chr->in_fd = -1;
    chr->out_fd = -1;
    chr->listen_fd = -1;
    chr->kick = main_loop_timer_new(chardev_kick, chr);
    if (!chr->kick) {
        chardev_free(chr);
        return NULL;
    }
    /* "mon:" would put the monitor on the same backend; there is none yet. */
    if (prefix_is(spec, "mon:", NULL)) {
        spec += 4;
        mux = true;
    }
    if (chardev_open(chr, spec, orig, mux) < 0) {
        chardev_free(chr);
        return NULL;
    }
    chr->mux = mux;
    if (chardev_input_start(chr) < 0) {
        /* Not pollable and not a regular file: no input, output still works. */
        warn_report("chardev '%s': input cannot be watched; ignoring input",
                    orig);
        chr->in_fd = -1;
    }
    /* Published complete, so a signal handler may walk the list. */
    chr->next = chardev_list;
    chardev_list = chr;
    return chr;
}
