/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The main loop: one epoll set holding the watched file descriptors, an
 * eventfd for notify/quit and a timerfd armed at the earliest timer
 * deadline. The thread blocks in epoll_wait without the machine lock and
 * takes it around every batch of callbacks.
 *
 * Locking: the fd table and the timer list each have a private mutex so
 * registrations and timer changes may come from any thread (devices on
 * vCPU threads hold the machine lock, never these). Lock order: machine
 * lock, then fd_lock or timer_lock; no callback runs under either.
 */
#include "io/main-loop.h"

#include "util/cutils.h"
#include "util/error.h"
#include "util/machine-lock.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAIN_LOOP_MAX_EVENTS 64

typedef struct FdWatch {
    MainLoopFdHandler *on_read;
    MainLoopFdHandler *on_write;
    void *opaque;
    bool in_use;
    /*
     * epoll refuses regular files and some devices (EPERM); poll() reports
     * those as always ready, so the loop calls them on every pass.
     */
    bool always_ready;
} FdWatch;

struct MainLoopTimer {
    MainLoopTimerFn *fn;
    void *opaque;
    int64_t deadline;
    bool active;
    uint64_t fired_pass;        /* loop pass that last ran it */
    MainLoopTimer *prev, *next; /* sorted by deadline while active */
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_error;
static int epoll_fd = -1;
static int event_fd = -1;
static int timer_fd = -1;

static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;
static FdWatch *watches;
static int nr_watches;          /* size of watches[], indexed by fd */
static atomic_int nr_always_ready;   /* read by the loop without fd_lock */

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static MainLoopTimer *timer_head;
static uint64_t loop_pass;

static atomic_int quit_requested;

static void (*wakeup_fn)(void *opaque);
static void *wakeup_opaque;

static void main_loop_do_init(void)
{
    struct epoll_event ev = { .events = EPOLLIN };

    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    event_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (epoll_fd < 0 || event_fd < 0 || timer_fd < 0) {
        init_error = -errno;
        error_report("main loop: cannot create epoll/eventfd/timerfd: %s",
                     strerror(errno));
        return;
    }
    ev.data.fd = event_fd;
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, event_fd, &ev) < 0) {
        init_error = -errno;
    }
    ev.data.fd = timer_fd;
    if (!init_error && epoll_ctl(epoll_fd, EPOLL_CTL_ADD, timer_fd, &ev) < 0) {
        init_error = -errno;
    }
    if (init_error) {
        error_report("main loop: epoll_ctl: %s", strerror(-init_error));
    }
}

/* Idempotent: the other entry points call it, so init order is loose. */
int main_loop_init(void)
{
    pthread_once(&init_once, main_loop_do_init);
    return init_error;
}

/* ---- file descriptors ---------------------------------------------------- */

static int watches_grow(int fd)
{
    int n = nr_watches ? nr_watches : 64;
    FdWatch *w;

    while (n <= fd) {
        n *= 2;
    }
    w = realloc(watches, n * sizeof(*w));
    if (!w) {
        return -ENOMEM;
    }
    memset(w + nr_watches, 0, (n - nr_watches) * sizeof(*w));
    watches = w;
    nr_watches = n;
    return 0;
}

int main_loop_set_fd_handler(int fd, MainLoopFdHandler *on_read,
                             MainLoopFdHandler *on_write, void *opaque)
{
    struct epoll_event ev = { .data.fd = fd };
    FdWatch *w;
    int ret = main_loop_init();

    if (ret < 0) {
        return ret;
    }
    if (fd < 0) {
        return -EBADF;
    }
    if (!on_read && !on_write) {
        main_loop_remove_fd(fd);
        return 0;
    }
    ev.events = (on_read ? EPOLLIN : 0) | (on_write ? EPOLLOUT : 0);

    pthread_mutex_lock(&fd_lock);
    if (fd >= nr_watches && (ret = watches_grow(fd)) < 0) {
        goto out;
    }
    w = &watches[fd];
    if (!w->in_use) {
        if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) == 0) {
            w->always_ready = false;
        } else if (errno == EPERM) {
            w->always_ready = true;
            nr_always_ready++;
        } else {
            ret = -errno;
            goto out;
        }
    } else if (!w->always_ready &&
               epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &ev) < 0 &&
               (errno != ENOENT ||
                epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) < 0)) {
        /* ENOENT: fd was closed and reopened without main_loop_remove_fd. */
        ret = -errno;
        goto out;
    }
    w->on_read = on_read;
    w->on_write = on_write;
    w->opaque = opaque;
    w->in_use = true;
out:
    pthread_mutex_unlock(&fd_lock);
    if (nr_always_ready) {
        /* The loop may be asleep with no timeout: make it poll. */
        main_loop_notify();
    }
    return ret;
}

void main_loop_remove_fd(int fd)
{
    pthread_mutex_lock(&fd_lock);
    if (fd >= 0 && fd < nr_watches && watches[fd].in_use) {
        if (watches[fd].always_ready) {
            nr_always_ready--;
        } else {
            /* Fails harmlessly if the caller closed fd already. */
            epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, NULL);
        }
        memset(&watches[fd], 0, sizeof(watches[fd]));
    }
    pthread_mutex_unlock(&fd_lock);
}

/* A snapshot of fd's registration; false if it is not watched any more. */
static bool watch_get(int fd, FdWatch *out)
{
    bool found = false;

    pthread_mutex_lock(&fd_lock);
    if (fd < nr_watches && watches[fd].in_use) {
        *out = watches[fd];
        found = true;
    }
    pthread_mutex_unlock(&fd_lock);
    return found;
}

static void fd_dispatch(int fd, uint32_t events)
{
    FdWatch w;
    bool error = events & (EPOLLHUP | EPOLLERR);

    /*
     * Re-read the table before each call: an earlier callback of this
     * batch may have removed or replaced the registration.
     */
    if ((events & EPOLLIN || error) && watch_get(fd, &w) && w.on_read) {
        w.on_read(w.opaque);
    }
    if ((events & EPOLLOUT || error) && watch_get(fd, &w) && w.on_write &&
        (events & EPOLLOUT || !w.on_read)) {
        w.on_write(w.opaque);
    }
}

static void always_ready_dispatch(void)
{
    for (int fd = 0; ; fd++) {
        bool more, ready;

        pthread_mutex_lock(&fd_lock);
        more = fd < nr_watches && nr_always_ready > 0;
        ready = more && watches[fd].in_use && watches[fd].always_ready;
        pthread_mutex_unlock(&fd_lock);
        if (!more) {
            break;
        }
        if (ready) {
            fd_dispatch(fd, EPOLLIN | EPOLLOUT);
        }
    }
}

/* ---- timers -------------------------------------------------------------- */

/* Arm the timerfd for the list head; called with timer_lock held. */
static void timer_fd_rearm(void)
{
    struct itimerspec its = { 0 };

    if (timer_head) {
        /* An absolute 0 would disarm the timer: clamp past deadlines to 1. */
        int64_t d = timer_head->deadline > 0 ? timer_head->deadline : 1;

        its.it_value.tv_sec = d / 1000000000;
        its.it_value.tv_nsec = d % 1000000000;
    }
    timerfd_settime(timer_fd, TFD_TIMER_ABSTIME, &its, NULL);
}

static void timer_unlink(MainLoopTimer *t)
{
    if (t->prev) {
        t->prev->next = t->next;
    } else {
        timer_head = t->next;
    }
    if (t->next) {
        t->next->prev = t->prev;
    }
    t->prev = t->next = NULL;
    t->active = false;
}

MainLoopTimer *main_loop_timer_new(MainLoopTimerFn *fn, void *opaque)
{
    MainLoopTimer *t;

    if (main_loop_init() < 0) {
        return NULL;
    }
    t = calloc(1, sizeof(*t));
    if (!t) {
        error_report("main loop: out of memory for a timer");
        return NULL;
    }
    t->fn = fn;
    t->opaque = opaque;
    return t;
}

void main_loop_timer_mod(MainLoopTimer *t, int64_t deadline_ns)
{
    MainLoopTimer **pos, *prev = NULL;
    bool was_head;

    pthread_mutex_lock(&timer_lock);
    was_head = timer_head == t;
    if (t->active) {
        timer_unlink(t);
    }
    t->deadline = deadline_ns;
    /* Equal deadlines keep insertion order. */
    for (pos = &timer_head; *pos && (*pos)->deadline <= deadline_ns;
         pos = &(*pos)->next) {
        prev = *pos;
    }
    t->next = *pos;
    t->prev = prev;
    if (*pos) {
        (*pos)->prev = t;
    }
    *pos = t;
    t->active = true;
    if (was_head || timer_head == t) {
        timer_fd_rearm();
    }
    pthread_mutex_unlock(&timer_lock);
}

void main_loop_timer_del(MainLoopTimer *t)
{
    pthread_mutex_lock(&timer_lock);
    if (t->active) {
        bool was_head = timer_head == t;

        timer_unlink(t);
        if (was_head) {
            timer_fd_rearm();
        }
    }
    pthread_mutex_unlock(&timer_lock);
}

void main_loop_timer_free(MainLoopTimer *t)
{
    if (t) {
        main_loop_timer_del(t);
        free(t);
    }
}

/*
 * Run the timers due now, earliest first. A timer re-armed into the past
 * by its own callback waits for the next pass, so fds are not starved.
 */
static void timers_run_due(void)
{
    int64_t now = clock_monotonic_ns();
    uint64_t pass;

    pthread_mutex_lock(&timer_lock);
    pass = ++loop_pass;
    pthread_mutex_unlock(&timer_lock);

    for (;;) {
        MainLoopTimer *t;

        pthread_mutex_lock(&timer_lock);
        t = timer_head;
        if (!t || t->deadline > now || t->fired_pass == pass) {
            pthread_mutex_unlock(&timer_lock);
            break;
        }
        timer_unlink(t);
        t->fired_pass = pass;
        timer_fd_rearm();
        pthread_mutex_unlock(&timer_lock);
        t->fn(t->opaque);
    }
}

/* ---- the loop ------------------------------------------------------------ */

static void drain_fd(int fd)
{
    uint64_t v;

    while (read(fd, &v, sizeof(v)) == sizeof(v)) {
        /* eventfd and timerfd return one counter per read */
    }
}

void main_loop_run(void)
{
    struct epoll_event events[MAIN_LOOP_MAX_EVENTS];

    if (main_loop_init() < 0) {
        return;
    }
    while (!atomic_load(&quit_requested)) {
        int timeout = nr_always_ready ? 0 : -1;
        int n = epoll_wait(epoll_fd, events, MAIN_LOOP_MAX_EVENTS, timeout);

        if (n < 0) {
            if (errno != EINTR) {
                error_report("main loop: epoll_wait: %s", strerror(errno));
                break;
            }
            n = 0;
        }

        machine_lock();
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;

            if (fd == event_fd || fd == timer_fd) {
                drain_fd(fd);
            } else {
                fd_dispatch(fd, events[i].events);
            }
        }
        if (nr_always_ready) {
            always_ready_dispatch();
        }
        timers_run_due();
        if (wakeup_fn) {
            wakeup_fn(wakeup_opaque);
        }
        machine_unlock();
    }
    /* One quit ends one run; a later run starts afresh. */
    atomic_store(&quit_requested, 0);
}

void main_loop_notify(void)
{
    uint64_t one = 1;
    int saved_errno = errno;

    /* Async-signal safe: one write(); a full counter means a wake is due. */
    if (event_fd >= 0 && write(event_fd, &one, sizeof(one)) < 0) {
        /* EAGAIN: the counter is saturated, the loop will wake anyway. */
    }
    errno = saved_errno;
}

void main_loop_quit(void)
{
    atomic_store(&quit_requested, 1);
    main_loop_notify();
}

void main_loop_set_wakeup_hook(void (*fn)(void *opaque), void *opaque)
{
    wakeup_fn = fn;
    wakeup_opaque = opaque;
}
