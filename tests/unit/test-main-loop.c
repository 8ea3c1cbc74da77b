/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The main loop: timers, fd handlers, quit and notify from other threads. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "io/main-loop.h"
#include "util/machine-lock.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#define MS 1000000LL

/* A watchdog so a broken loop fails the test instead of hanging it. */
static bool watchdog_fired;

static void watchdog_cb(void *opaque)
{
    watchdog_fired = true;
    main_loop_quit();
}

static MainLoopTimer *watchdog_start(int64_t ms)
{
    MainLoopTimer *t = main_loop_timer_new(watchdog_cb, NULL);

    assert_non_null(t);
    watchdog_fired = false;
    main_loop_timer_mod(t, now_ns() + ms * MS);
    return t;
}

/* ---- timers -------------------------------------------------------------- */

static int order[8];
static int nr_fired;
static int64_t fired_late_ns;
static int64_t deadlines[8];

static void record_timer(void *opaque)
{
    int id = (int)(intptr_t)opaque;
    int64_t late = now_ns() - deadlines[id];

    assert_true(machine_lock_held());
    if (late < 0) {
        fired_late_ns = late;   /* fired early: remembered, checked below */
    }
    order[nr_fired++] = id;
    if (nr_fired == 3) {
        main_loop_quit();
    }
}

static void test_timers_fire_in_deadline_order(void **state)
{
    MainLoopTimer *t[4];
    MainLoopTimer *wd = watchdog_start(5000);
    int64_t base = now_ns();
    const int64_t offs[4] = { 30 * MS, 10 * MS, 20 * MS, 15 * MS };

    assert_int_equal(main_loop_init(), 0);
    nr_fired = 0;
    fired_late_ns = 0;
    for (int i = 0; i < 4; i++) {
        t[i] = main_loop_timer_new(record_timer, (void *)(intptr_t)i);
        assert_non_null(t[i]);
        deadlines[i] = base + offs[i];
        main_loop_timer_mod(t[i], deadlines[i]);
    }
    /* Deleted timers never fire; a second mod replaces the first. */
    main_loop_timer_del(t[3]);
    deadlines[0] = base + 25 * MS;
    main_loop_timer_mod(t[0], deadlines[0]);

    main_loop_run();
    assert_false(watchdog_fired);
    assert_false(machine_lock_held());
    assert_int_equal(nr_fired, 3);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 0);
    assert_int_equal(fired_late_ns, 0);

    for (int i = 0; i < 4; i++) {
        main_loop_timer_free(t[i]);
    }
    main_loop_timer_free(wd);
}

static int rearm_count;
static MainLoopTimer *rearm_timer;

/* A timer re-armed into the past by itself must not starve the loop. */
static void rearm_cb(void *opaque)
{
    if (++rearm_count == 5) {
        main_loop_quit();
        return;
    }
    main_loop_timer_mod(rearm_timer, 0);
}

static void test_timer_rearm_in_callback(void **state)
{
    MainLoopTimer *wd = watchdog_start(5000);

    rearm_count = 0;
    rearm_timer = main_loop_timer_new(rearm_cb, NULL);
    main_loop_timer_mod(rearm_timer, now_ns());
    main_loop_run();
    assert_false(watchdog_fired);
    assert_int_equal(rearm_count, 5);
    main_loop_timer_free(rearm_timer);
    main_loop_timer_free(wd);
}

/* ---- file descriptors ---------------------------------------------------- */

typedef struct PipeTest {
    int fds[2];
    char got[16];
    int nr_got;
    int writable_calls;
} PipeTest;

static void pipe_read_cb(void *opaque)
{
    PipeTest *p = opaque;
    ssize_t n;

    assert_true(machine_lock_held());
    n = read(p->fds[0], p->got + p->nr_got, sizeof(p->got) - p->nr_got);
    assert_true(n > 0);
    p->nr_got += n;
    if (p->nr_got >= 3) {
        main_loop_quit();
    }
}

static void pipe_write_cb(void *opaque)
{
    PipeTest *p = opaque;

    assert_true(machine_lock_held());
    p->writable_calls++;
    /* Once is enough: stop asking, then send the bytes. */
    main_loop_remove_fd(p->fds[1]);
    assert_int_equal(write(p->fds[1], "abc", 3), 3);
}

static void test_fd_handlers(void **state)
{
    PipeTest p = { 0 };
    MainLoopTimer *wd = watchdog_start(5000);

    assert_int_equal(pipe(p.fds), 0);
    assert_int_equal(main_loop_set_fd_handler(p.fds[0], pipe_read_cb, NULL,
                                              &p), 0);
    assert_int_equal(main_loop_set_fd_handler(p.fds[1], NULL, pipe_write_cb,
                                              &p), 0);
    main_loop_run();
    assert_false(watchdog_fired);
    assert_int_equal(p.writable_calls, 1);
    assert_int_equal(p.nr_got, 3);
    assert_memory_equal(p.got, "abc", 3);

    main_loop_remove_fd(p.fds[0]);
    close(p.fds[0]);
    close(p.fds[1]);
    main_loop_timer_free(wd);
}

static int file_calls;

static void file_read_cb(void *opaque)
{
    int fd = (int)(intptr_t)opaque;
    char c;

    file_calls++;
    if (read(fd, &c, 1) <= 0) {
        main_loop_remove_fd(fd);
        main_loop_quit();
    }
}

/* epoll refuses regular files; the loop treats them as always readable. */
static void test_regular_file_fd(void **state)
{
    char path[] = "/tmp/janus-test-ml-XXXXXX";
    int fd = mkstemp(path);
    MainLoopTimer *wd = watchdog_start(5000);

    assert_true(fd >= 0);
    unlink(path);
    assert_int_equal(write(fd, "xy", 2), 2);
    lseek(fd, 0, SEEK_SET);
    file_calls = 0;
    assert_int_equal(main_loop_set_fd_handler(fd, file_read_cb, NULL,
                                              (void *)(intptr_t)fd), 0);
    main_loop_run();
    assert_false(watchdog_fired);
    assert_int_equal(file_calls, 3);    /* 'x', 'y', EOF */
    close(fd);
    main_loop_timer_free(wd);
}

/* ---- other threads ------------------------------------------------------- */

static void *quit_thread(void *arg)
{
    usleep(50 * 1000);
    main_loop_quit();
    return NULL;
}

static void test_quit_from_thread(void **state)
{
    pthread_t th;
    MainLoopTimer *wd = watchdog_start(5000);
    int64_t start = now_ns();

    assert_int_equal(pthread_create(&th, NULL, quit_thread, NULL), 0);
    main_loop_run();
    pthread_join(th, NULL);
    assert_false(watchdog_fired);
    assert_true(now_ns() - start >= 40 * MS);
    main_loop_timer_free(wd);
}

static void test_quit_before_run(void **state)
{
    MainLoopTimer *wd = watchdog_start(5000);

    main_loop_quit();
    main_loop_run();    /* returns at once */
    assert_false(watchdog_fired);
    main_loop_timer_free(wd);
}

static atomic_int notify_sent;
static int hook_calls;
static bool hook_saw_lock;

static void wakeup_hook(void *opaque)
{
    hook_calls++;
    hook_saw_lock = machine_lock_held();
    if (atomic_load(&notify_sent)) {
        main_loop_quit();
    }
}

static void *notify_thread(void *arg)
{
    usleep(50 * 1000);
    atomic_store(&notify_sent, 1);
    main_loop_notify();
    return NULL;
}

static void test_notify_wakes_loop(void **state)
{
    pthread_t th;
    MainLoopTimer *wd = watchdog_start(5000);

    atomic_store(&notify_sent, 0);
    hook_calls = 0;
    main_loop_set_wakeup_hook(wakeup_hook, NULL);
    assert_int_equal(pthread_create(&th, NULL, notify_thread, NULL), 0);
    main_loop_run();
    pthread_join(th, NULL);
    main_loop_set_wakeup_hook(NULL, NULL);
    assert_false(watchdog_fired);
    assert_true(hook_calls >= 1);
    assert_true(hook_saw_lock);
    main_loop_timer_free(wd);
}

static bool thread_timer_fired;
static MainLoopTimer *thread_timer;

static void thread_timer_cb(void *opaque)
{
    thread_timer_fired = true;
    main_loop_quit();
}

static void *timer_mod_thread(void *arg)
{
    usleep(30 * 1000);
    main_loop_timer_mod(thread_timer, now_ns() + 10 * MS);
    return NULL;
}

/* A timer armed from another thread while the loop sleeps still fires. */
static void test_timer_mod_from_thread(void **state)
{
    pthread_t th;
    MainLoopTimer *wd = watchdog_start(5000);

    thread_timer_fired = false;
    thread_timer = main_loop_timer_new(thread_timer_cb, NULL);
    assert_int_equal(pthread_create(&th, NULL, timer_mod_thread, NULL), 0);
    main_loop_run();
    pthread_join(th, NULL);
    assert_false(watchdog_fired);
    assert_true(thread_timer_fired);
    main_loop_timer_free(thread_timer);
    main_loop_timer_free(wd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timers_fire_in_deadline_order),
        cmocka_unit_test(test_timer_rearm_in_callback),
        cmocka_unit_test(test_fd_handlers),
        cmocka_unit_test(test_regular_file_fd),
        cmocka_unit_test(test_quit_from_thread),
        cmocka_unit_test(test_quit_before_run),
        cmocka_unit_test(test_notify_wakes_loop),
        cmocka_unit_test(test_timer_mod_from_thread),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
