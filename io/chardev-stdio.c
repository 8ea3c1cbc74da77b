/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The stdio backend: the terminal in raw mode, and the promise that it
 * comes back on every way out of the process: normal exit (atexit), error
 * paths (error_set_cleanup), quit signals (SIGINT/SIGTERM/SIGHUP) and
 * fatal ones (SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGPIPE).
 *
 * As in QEMU, plain "stdio" keeps ISIG (Ctrl-C raises SIGINT) and has no
 * escape keys; "mon:stdio" turns ISIG off (Ctrl-C goes to the guest) and
 * multiplexes the Ctrl-a keys (io/chardev-mux.c).
 */
#include "io/chardev-internal.h"
#include "io/chardev-stdio.h"

#include "util/error.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <termios.h>
#include <unistd.h>

/*
 * Defined here, next to its reader, so that a unit test faking the
 * chardev.c functions (a link seam) never drags chardev.o in.
 */
Chardev *_Atomic chardev_list;

static bool stdio_in_use;

/* Terminal state; read from signal handlers, so plain data + atomics. */
static struct termios saved_tio;
static struct termios raw_tio;
static atomic_int raw_active;

/* Quit signals are handed to the main loop through this eventfd. */
static int quit_event_fd = -1;
static volatile sig_atomic_t quit_signal;       /* the pending one, or 0 */
static volatile sig_atomic_t quit_handler_ready;
static void (*quit_fn)(void *opaque);
static void *quit_opaque;

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int fatal_signals[] = {
    SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGPIPE,
};
static struct sigaction old_actions[NSIG];

void chardev_cleanup(void)
{
    /* The exchange makes it idempotent, also against a racing signal. */
    if (atomic_exchange(&raw_active, 0)) {
        while (tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio) < 0 &&
               errno == EINTR) {
        }
    }
    /* Listening sockets go with us, as in QEMU (unlink is signal safe). */
    for (Chardev *chr = chardev_list; chr; chr = chr->next) {
        if (chr->server && chr->listen_fd >= 0 && chr->path) {
            unlink(chr->path);
        }
    }
}

/* Restore the terminal, then die by sig with its earlier disposition. */
static void die_by_signal(int sig)
{
    struct sigaction dfl = { .sa_handler = SIG_DFL };

    chardev_cleanup();
    sigaction(sig, &dfl, NULL);
    /* Blocked while this handler runs; delivered when it returns. */
    raise(sig);
}

static void quit_signal_handler(int sig)
{
    int saved_errno = errno;
    uint64_t one = 1;

    if (!quit_handler_ready || quit_signal) {
        /* Nobody to ask, or asked already and still alive: go now. */
        die_by_signal(sig);
    } else {
        quit_signal = sig;
        if (write(quit_event_fd, &one, sizeof(one)) < 0) {
            /* counter full: the loop wakes anyway */
        }
    }
    errno = saved_errno;
}

static void fatal_signal_handler(int sig, siginfo_t *si, void *uc)
{
    int saved_errno = errno;

    chardev_cleanup();
    sigaction(sig, &old_actions[sig], NULL);
    /*
     * A fault raised by the kernel (si_code > 0) happens again when we
     * return, now reaching the earlier handler (e.g. ASan's); anything
     * sent by a process is sent again.
     */
    if (si->si_code <= 0 || sig == SIGQUIT || sig == SIGABRT ||
        sig == SIGPIPE) {
        raise(sig);
    }
    errno = saved_errno;
}

/* After a job-control stop the shell has put the terminal back to cooked. */
static void cont_signal_handler(int sig)
{
    int saved_errno = errno;

    if (atomic_load(&raw_active)) {
        tcsetattr(STDIN_FILENO, TCSANOW, &raw_tio);
    }
    errno = saved_errno;
}

static void quit_event_ready(void *opaque)
{
    uint64_t v;
    int sig = quit_signal;

    if (read(quit_event_fd, &v, sizeof(v)) < 0) {
        /* spurious wake-up */
    }
    if (sig) {
        error_report("terminating on signal %d", sig);
        chardev_quit_request();
    }
}

int chardev_quit_signal_pending(void)
{
    return quit_signal;
}

static void chardev_install_quit_signals(void)
{
    static bool done;
    struct sigaction sa = { .sa_handler = quit_signal_handler,
                            .sa_flags = SA_RESTART };

    if (done) {
        return;
    }
    quit_event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (quit_event_fd < 0 ||
        main_loop_set_fd_handler(quit_event_fd, quit_event_ready, NULL,
                                 NULL) < 0) {
        error_report("chardev: cannot watch for quit signals: %s",
                     strerror(errno));
        return;
    }
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(quit_signals) / sizeof(int); i++) {
        sigaddset(&sa.sa_mask, quit_signals[i]);
    }
    for (size_t i = 0; i < sizeof(quit_signals) / sizeof(int); i++) {
        sigaction(quit_signals[i], &sa, NULL);
    }
    done = true;
}

/* Only while the terminal is raw: elsewhere the defaults are right. */
static void chardev_install_fatal_signals(void)
{
    static bool done;
    struct sigaction sa = { .sa_sigaction = fatal_signal_handler,
                            .sa_flags = SA_SIGINFO | SA_RESTART };
    struct sigaction cont = { .sa_handler = cont_signal_handler,
                              .sa_flags = SA_RESTART };

    if (done) {
        return;
    }
    sigemptyset(&sa.sa_mask);
    sigemptyset(&cont.sa_mask);
    for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(int); i++) {
        int sig = fatal_signals[i];

        /* Keep a signal someone chose to ignore ignored. */
        if (sigaction(sig, NULL, &old_actions[sig]) == 0 &&
            old_actions[sig].sa_handler != SIG_IGN) {
            sigaction(sig, &sa, NULL);
        }
    }
    sigaction(SIGCONT, &cont, NULL);
    done = true;
}

void chardev_stdio_set_quit_handler(void (*fn)(void *opaque), void *opaque)
{
    quit_fn = fn;
    quit_opaque = opaque;
    chardev_install_quit_signals();
    quit_handler_ready = fn != NULL && quit_event_fd >= 0;
}

void chardev_quit_request(void)
{
    if (quit_fn) {
        quit_fn(quit_opaque);
    } else {
        main_loop_quit();
    }
}

static void chardev_stdio_input_closed(Chardev *chr)
{
    /* EOF on stdin: the guest just gets no more input; fd 0 stays open. */
    chr->in_fd = -1;
}

void chardev_cleanup_register(void)
{
    static bool registered;

    if (!registered) {
        error_set_cleanup(chardev_cleanup);
        atexit(chardev_cleanup);
        registered = true;
    }
}

static int chardev_stdio_raw(bool keep_isig)
{

    if (tcgetattr(STDIN_FILENO, &saved_tio) < 0) {
        return -errno;
    }
    raw_tio = saved_tio;
    raw_tio.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                         ICRNL | IXON);
    /* Output processing stays on so a lone \n still starts a new line. */
    raw_tio.c_oflag |= OPOST;
    raw_tio.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!keep_isig) {
        raw_tio.c_lflag &= ~ISIG;
    }
    raw_tio.c_cflag &= ~(CSIZE | PARENB);
    raw_tio.c_cflag |= CS8;
    raw_tio.c_cc[VMIN] = 1;
    raw_tio.c_cc[VTIME] = 0;

    chardev_cleanup_register();
    chardev_install_quit_signals();
    chardev_install_fatal_signals();
    atomic_store(&raw_active, 1);
    if (tcsetattr(STDIN_FILENO, TCSANOW, &raw_tio) < 0) {
        int err = errno;

        atomic_store(&raw_active, 0);
        return -err;
    }
    return 0;
}

int chardev_stdio_open(Chardev *chr, bool mux)
{
    if (stdio_in_use) {
        error_report("chardev 'stdio': cannot use stdio by multiple character "
                     "devices");
        return -EBUSY;
    }
    if (isatty(STDIN_FILENO)) {
        int ret = chardev_stdio_raw(!mux);

        if (ret < 0) {
            error_report("chardev 'stdio': cannot set the terminal to raw "
                         "mode: %s", strerror(-ret));
            return ret;
        }
    }
    stdio_in_use = true;
    chr->in_fd = STDIN_FILENO;
    chr->out_fd = STDOUT_FILENO;
    chr->input_closed = chardev_stdio_input_closed;
    return 0;
}
