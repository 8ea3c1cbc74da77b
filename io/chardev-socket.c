/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unix: backend. Server mode listens and serves one client at a time
 * (the next one waits in the backlog); output is dropped while nobody is
 * connected. Without nowait/wait=off, chardev_new waits for the first
 * client, so the guest does not start before someone is watching, as in
 * QEMU. Client mode connects once and does not reconnect.
 */
#include "io/chardev-internal.h"

#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static void chardev_socket_accept_ready(void *opaque);

static void chardev_socket_set_client(Chardev *chr, int fd)
{
    chr->in_fd = fd;
    chr->out_fd = fd;
    chr->out_stalled = false;
    chr->mux_escape = false;
    if (chr->listen_fd >= 0) {
        /* One client at a time: later ones wait until this one leaves. */
        main_loop_remove_fd(chr->listen_fd);
    }
    chardev_input_start(chr);
}

bool chardev_socket_disconnect(Chardev *chr)
{
    bool was_waiting = chr->out_watched;

    if (chr->in_fd < 0) {
        return false;
    }
    chr->out_watched = false;
    chr->in_watched = false;
    chardev_update_watches(chr);
    close(chr->in_fd);
    chr->in_fd = -1;
    chr->out_fd = -1;
    if (chr->listen_fd >= 0 &&
        main_loop_set_fd_handler(chr->listen_fd, chardev_socket_accept_ready,
                                 NULL, chr) < 0) {
        error_report("chardev 'unix:%s': cannot wait for clients any more",
                     chr->path);
    }
    return was_waiting;
}

static void chardev_socket_input_closed(Chardev *chr)
{
    /* A device waiting to send learns that its output now goes nowhere. */
    if (chardev_socket_disconnect(chr) && chr->has_fe && chr->fe.writable) {
        chr->fe.writable(chr->fe.opaque);
    }
}

static void chardev_socket_accept_ready(void *opaque)
{
    Chardev *chr = opaque;
    int fd;

    if (chr->in_fd >= 0) {
        return;
    }
    fd = accept4(chr->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
        chardev_socket_set_client(chr, fd);
    }
    /* EAGAIN, ECONNABORTED...: the listener stays watched; try later. */
}

/* Block until the first client connects (or a quit signal comes). */
static int chardev_socket_wait_client(Chardev *chr)
{
    error_report("info: janus waiting for connection on: "
                 "disconnected:unix:%s,server=on", chr->path);
    for (;;) {
        struct pollfd pfd = { .fd = chr->listen_fd, .events = POLLIN };
        int fd;

        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
            int err = errno;

            error_report("chardev 'unix:%s': poll: %s", chr->path,
                         strerror(err));
            return -err;
        }
        if (chardev_quit_signal_pending()) {
            error_report("terminating on signal %d",
                         chardev_quit_signal_pending());
            return -EINTR;
        }
        fd = accept4(chr->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            chardev_socket_set_client(chr, fd);
            return 0;
        }
    }
}

static int chardev_socket_listen(Chardev *chr, const struct sockaddr_un *sa,
                                 bool wait)
{
    struct stat st;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0) {
        error_report("chardev 'unix:%s': socket: %s", chr->path,
                     strerror(errno));
        return -errno;
    }
    /* A stale socket from an earlier run; never remove anything else. */
    if (lstat(chr->path, &st) == 0 && S_ISSOCK(st.st_mode)) {
        unlink(chr->path);
    }
    if (bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0 ||
        listen(fd, 1) < 0) {
        int err = errno;

        error_report("chardev 'unix:%s': failed to bind socket to %s: %s",
                     chr->path, chr->path, strerror(err));
        close(fd);
        return -err;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    chr->listen_fd = fd;
    chardev_cleanup_register();
    if (wait) {
        int ret = chardev_socket_wait_client(chr);

        if (ret < 0) {
            close(fd);
            chr->listen_fd = -1;
            unlink(chr->path);
        }
        return ret;
    }
    if (main_loop_set_fd_handler(fd, chardev_socket_accept_ready, NULL,
                                 chr) < 0) {
        error_report("chardev 'unix:%s': cannot watch the socket", chr->path);
        close(fd);
        chr->listen_fd = -1;
        return -EIO;
    }
    return 0;
}

static int chardev_socket_connect(Chardev *chr, const struct sockaddr_un *sa)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0 || connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0) {
        int err = errno;

        error_report("chardev 'unix:%s': failed to connect to '%s': %s",
                     chr->path, chr->path, strerror(err));
        if (fd >= 0) {
            close(fd);
        }
        return -err;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    chardev_socket_set_client(chr, fd);
    return 0;
}

/* on/off values as QEMU's option parser takes them. */
static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
        return 0;
    }
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
        return 0;
    }
    return -EINVAL;
}

int chardev_socket_open(Chardev *chr, const char *args)
{
    char *copy = strdup(args), *save = NULL, *opt;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    bool server = false, wait = true, wait_given = false;
    int ret = -EINVAL;

    if (!copy) {
        return -ENOMEM;
    }
    chr->out_is_socket = true;
    chr->input_closed = chardev_socket_input_closed;
    opt = strtok_r(copy, ",", &save);
    if (!opt || args[0] == ',') {
        error_report("chardev 'unix:%s': a socket path is required", args);
        goto out;
    }
    chr->path = strdup(opt);
    if (!chr->path) {
        ret = -ENOMEM;
        goto out;
    }
    if (strlen(chr->path) >= sizeof(sa.sun_path)) {
        error_report("chardev 'unix:%s': socket path too long (max %zu)",
                     args, sizeof(sa.sun_path) - 1);
        goto out;
    }
    strcpy(sa.sun_path, chr->path);
    while ((opt = strtok_r(NULL, ",", &save))) {
        if (!strcmp(opt, "server")) {
            server = true;
        } else if (!strncmp(opt, "server=", 7) &&
                   !parse_bool(opt + 7, &server)) {
            /* parsed */
        } else if (!strcmp(opt, "nowait")) {
            wait = false;
            wait_given = true;
        } else if (!strcmp(opt, "wait")) {
            wait = true;
            wait_given = true;
        } else if (!strncmp(opt, "wait=", 5) && !parse_bool(opt + 5, &wait)) {
            wait_given = true;
        } else {
            error_report("chardev 'unix:%s': unknown or invalid option '%s'",
                         args, opt);
            goto out;
        }
    }
    if (!server && wait_given) {
        error_report("chardev 'unix:%s': 'wait' option is incompatible with "
                     "socket in client connect mode", args);
        goto out;
    }
    chr->server = server;
    ret = server ? chardev_socket_listen(chr, &sa, wait)
                 : chardev_socket_connect(chr, &sa);
out:
    free(copy);
    return ret;
}
