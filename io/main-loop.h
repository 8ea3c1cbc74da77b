/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The main loop: host-side events (file descriptors, timers) on the main
 * thread. Every callback runs with the machine lock held.
 */
#ifndef IO_MAIN_LOOP_H
#define IO_MAIN_LOOP_H

#include <stdbool.h>
#include <stdint.h>

typedef void MainLoopFdHandler(void *opaque);

int main_loop_init(void);
/*
 * Watch fd: on_read is called when it is readable (or hung up), on_write
 * when writable; either may be NULL. Replaces an earlier registration.
 */
int main_loop_set_fd_handler(int fd, MainLoopFdHandler *on_read,
                             MainLoopFdHandler *on_write, void *opaque);
void main_loop_remove_fd(int fd);

typedef struct MainLoopTimer MainLoopTimer;
typedef void MainLoopTimerFn(void *opaque);
MainLoopTimer *main_loop_timer_new(MainLoopTimerFn *fn, void *opaque);
/* Fire once at deadline (CLOCK_MONOTONIC ns); replaces an earlier deadline. */
void main_loop_timer_mod(MainLoopTimer *t, int64_t deadline_ns);
void main_loop_timer_del(MainLoopTimer *t);
void main_loop_timer_free(MainLoopTimer *t);

/* Run callbacks until main_loop_quit(); takes the machine lock itself. */
void main_loop_run(void);
/* Any thread (and async-signal safe): make main_loop_run return. */
void main_loop_quit(void);
/* Any thread (and async-signal safe): wake the loop to re-check requests. */
void main_loop_notify(void);
/* Called by the loop each time it wakes, with the machine lock held. */
void main_loop_set_wakeup_hook(void (*fn)(void *opaque), void *opaque);

#endif
