/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the chardev backends (io/chardev*.c); not for other
 * subsystems. All Chardev state is protected by the machine lock, except
 * during chardev_new, which runs before any vCPU thread.
 */
#ifndef IO_CHARDEV_INTERNAL_H
#define IO_CHARDEV_INTERNAL_H

#include "io/chardev.h"
#include "io/main-loop.h"

#include <stdbool.h>
#include <stdint.h>

/* Bytes the mux may read ahead while the frontend is full (QEMU: 32). */
#define CHARDEV_QUEUE_SIZE 32

typedef enum ChardevKind {
    CHARDEV_NULL,
    CHARDEV_STDIO,
    CHARDEV_FILE,
    CHARDEV_SOCKET,
} ChardevKind;

struct Chardev {
    ChardevKind kind;
    ChardevFrontend fe;
    bool has_fe;

    int in_fd;              /* read for input; -1 when there is none */
    bool in_watched;        /* in_fd registered with the main loop */
    int out_fd;             /* written by chardev_write; -1 drops output */
    bool out_is_socket;     /* send(MSG_NOSIGNAL), short wait on EAGAIN */
    bool out_stalled;       /* last write timed out: do not wait again */
    bool out_watched;       /* waiting for out_fd to become writable */

    /* Ctrl-a escapes (mon:stdio) */
    bool mux;
    bool mux_escape;        /* the previous input byte was C-a */

    /* input read ahead by the mux, not yet taken by the frontend */
    uint8_t queue[CHARDEV_QUEUE_SIZE];
    size_t queue_len;
    MainLoopTimer *kick;    /* accept_input: flush and re-watch in the loop */

    /* unix sockets */
    char *path;
    int listen_fd;
    bool server;

    /* input EOF or error on in_fd (in_fd is already unwatched) */
    void (*input_closed)(Chardev *chr);

    Chardev *next;          /* every chardev lives until the process exits */
};

/* The list of all chardevs, newest first; read by chardev_cleanup. */
extern Chardev *_Atomic chardev_list;

/* Start reading in_fd (with back-pressure). Returns negative errno. */
int chardev_input_start(Chardev *chr);
/* Stop reading in_fd; the caller owns closing it. */
void chardev_input_stop(Chardev *chr);

/* Open the backends; spec is what follows the "kind:" prefix. */
int chardev_stdio_open(Chardev *chr, bool mux);
int chardev_file_open(Chardev *chr, const char *path);
int chardev_socket_open(Chardev *chr, const char *args);

/* Register the fds with the main loop as in_watched/out_watched say. */
int chardev_update_watches(Chardev *chr);

/*
 * Drop the connected client (the server waits for the next one). Returns
 * whether output was waiting for it to become writable.
 */
bool chardev_socket_disconnect(Chardev *chr);

/* The stdio backend's quit path (C-a x, quit signals). */
void chardev_quit_request(void);
/* Run chardev_cleanup at exit and on error paths (idempotent). */
void chardev_cleanup_register(void);
/* The quit signal caught but not yet handled by the main loop, or 0. */
int chardev_quit_signal_pending(void);

#endif
