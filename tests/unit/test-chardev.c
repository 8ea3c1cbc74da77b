/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Character devices: file output, unix sockets both ways with back-pressure,
 * spec errors, the Ctrl-a escape parser, and the terminal on a real pty
 * (raw while running, restored on exit, on C-a x and on signals).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "io/chardev.h"
#include "io/chardev-stdio.h"
#include "io/main-loop.h"
#include "util/machine-lock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[64];

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static size_t read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    ssize_t n;

    assert_true(fd >= 0);
    n = read(fd, buf, size - 1);
    assert_true(n >= 0);
    buf[n] = 0;
    close(fd);
    return n;
}

/* ---- running the loop ---------------------------------------------------- */

static bool deadline_hit;

static void deadline_cb(void *opaque)
{
    deadline_hit = true;
    main_loop_quit();
}

/* Run the loop until something calls main_loop_quit or ms pass. */
static bool loop_run_for(int ms)
{
    MainLoopTimer *t = main_loop_timer_new(deadline_cb, NULL);

    deadline_hit = false;
    main_loop_timer_mod(t, now_ns() + (int64_t)ms * 1000000);
    main_loop_run();
    main_loop_timer_free(t);
    return !deadline_hit;
}

/* ---- a frontend with a bounded FIFO -------------------------------------- */

typedef struct TestFe {
    size_t room;        /* what can_receive reports */
    uint8_t got[256];
    size_t n;
    size_t quit_at;     /* main_loop_quit once n reaches it */
    bool overrun;
} TestFe;

static size_t fe_can_receive(void *opaque)
{
    TestFe *fe = opaque;

    assert_true(machine_lock_held());
    return fe->room;
}

static void fe_receive(void *opaque, const uint8_t *buf, size_t len)
{
    TestFe *fe = opaque;

    if (len > fe->room || fe->n + len > sizeof(fe->got)) {
        fe->overrun = true;
        return;
    }
    memcpy(fe->got + fe->n, buf, len);
    fe->n += len;
    fe->room -= len;
    if (fe->quit_at && fe->n >= fe->quit_at) {
        main_loop_quit();
    }
}

static void fe_attach(Chardev *chr, TestFe *fe)
{
    ChardevFrontend f = {
        .can_receive = fe_can_receive,
        .receive = fe_receive,
        .opaque = fe,
    };

    chardev_set_frontend(chr, &f);
}

/* ---- stderr capture ------------------------------------------------------ */

/* Count the lines chardev_new prints for spec; returns its result. */
static Chardev *chardev_new_captured(const char *spec, int *lines)
{
    char path[128], buf[2048];
    int saved = dup(2), fd;
    Chardev *chr;
    size_t n;

    tmp_path(path, sizeof(path), "stderr");
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0 && saved >= 0);
    fflush(stderr);
    dup2(fd, 2);
    close(fd);
    chr = chardev_new(spec);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);

    n = read_file(path, buf, sizeof(buf));
    *lines = 0;
    for (size_t i = 0; i < n; i++) {
        *lines += buf[i] == '\n';
    }
    return chr;
}

/* ---- tests --------------------------------------------------------------- */

static void test_file_exact_bytes(void **state)
{
    static const uint8_t data[] = { 'h', 'i', '\n', 0, 0xff, '\r', 0x01, 'z' };
    char path[128], buf[64], spec[160];
    Chardev *chr;
    int fd;

    tmp_path(path, sizeof(path), "out.txt");
    /* An existing file is truncated. */
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_int_equal(write(fd, "old contents that must go", 25), 25);
    close(fd);

    snprintf(spec, sizeof(spec), "file:%s", path);
    chr = chardev_new(spec);
    assert_non_null(chr);
    chardev_write(chr, data, 5);
    chardev_write(chr, data + 5, sizeof(data) - 5);
    assert_int_equal(read_file(path, buf, sizeof(buf)), sizeof(data));
    assert_memory_equal(buf, data, sizeof(data));
}

static void test_null(void **state)
{
    Chardev *chr = chardev_new("null");

    assert_non_null(chr);
    chardev_write(chr, (const uint8_t *)"x", 1);
    chardev_accept_input(chr);
}

static void test_bad_specs(void **state)
{
    char nodir[160], longpath[300], badopt[160], noserver[160];
    const char *specs[] = {
        "", "bogus", "file:", "unix:", "unix:,server", "pty", "tcp:1.2.3.4:5",
        "vc", "mon:", "mon:bogus", "stdio,signal=off",
        nodir, longpath, badopt, noserver,
    };

    snprintf(nodir, sizeof(nodir), "file:%s/no/such/dir/x", tmpdir);
    memset(longpath, 'a', sizeof(longpath));
    memcpy(longpath, "unix:/tmp/", 10);
    longpath[sizeof(longpath) - 1] = 0;
    snprintf(badopt, sizeof(badopt), "unix:%s/s-bad,server,bogus", tmpdir);
    snprintf(noserver, sizeof(noserver), "unix:%s/no-such-socket", tmpdir);

    for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
        int lines = -1;
        Chardev *chr = chardev_new_captured(specs[i], &lines);

        if (chr || lines != 1) {
            fail_msg("spec '%s': chardev %p, %d error lines", specs[i],
                     (void *)chr, lines);
        }
    }
}

static void recv_exact(int fd, const char *want, size_t len)
{
    char buf[256];
    size_t got = 0;

    assert_true(len <= sizeof(buf));
    while (got < len) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t n;

        assert_int_equal(poll(&pfd, 1, 5000), 1);
        n = recv(fd, buf + got, len - got, 0);
        assert_true(n > 0);
        got += n;
    }
    assert_memory_equal(buf, want, len);
}

static int unix_connect(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    strcpy(sa.sun_path, path);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void test_unix_server_nowait(void **state)
{
    char path[128], spec[160];
    TestFe fe = { .room = 100, .quit_at = 5 };
    char payload[150];
    Chardev *chr;
    int c, c2;

    tmp_path(path, sizeof(path), "srv");
    snprintf(spec, sizeof(spec), "unix:%s,server,nowait", path);
    chr = chardev_new(spec);
    assert_non_null(chr);
    fe_attach(chr, &fe);

    /* Output with nobody connected is dropped, not queued. */
    chardev_write(chr, (const uint8_t *)"lost", 4);

    c = unix_connect(path);
    assert_true(c >= 0);
    assert_int_equal(send(c, "hello", 5, 0), 5);
    assert_true(loop_run_for(5000));
    assert_int_equal(fe.n, 5);
    assert_memory_equal(fe.got, "hello", 5);

    chardev_write(chr, (const uint8_t *)"world", 5);
    recv_exact(c, "world", 5);

    /*
     * Back-pressure: the frontend takes 3 bytes, the rest waits in the
     * socket (more than any read-ahead buffer could hold) until it asks.
     */
    for (int i = 0; i < (int)sizeof(payload); i++) {
        payload[i] = 'A' + i % 26;
    }
    fe.n = 0;
    fe.room = 3;
    fe.quit_at = 3;
    assert_int_equal(send(c, payload, sizeof(payload), 0), sizeof(payload));
    assert_true(loop_run_for(5000));
    assert_int_equal(fe.n, 3);
    assert_memory_equal(fe.got, payload, 3);
    /* Nothing more while it stays full, even if the loop runs on. */
    fe.quit_at = 0;
    assert_false(loop_run_for(50));
    assert_int_equal(fe.n, 3);

    fe.room = 50;
    fe.quit_at = 53;
    chardev_accept_input(chr);
    assert_true(loop_run_for(5000));
    fe.quit_at = 0;
    assert_false(loop_run_for(50));
    assert_int_equal(fe.n, 53);
    fe.room = 200;
    fe.quit_at = sizeof(payload);
    chardev_accept_input(chr);
    assert_true(loop_run_for(5000));
    assert_int_equal(fe.n, sizeof(payload));
    assert_memory_equal(fe.got, payload, sizeof(payload));
    assert_false(fe.overrun);

    /* The client leaves: writes are dropped quietly (no SIGPIPE). */
    close(c);
    assert_false(loop_run_for(50));
    chardev_write(chr, (const uint8_t *)"nobody", 6);

    /* The next client is served. */
    c2 = unix_connect(path);
    assert_true(c2 >= 0);
    fe.n = 0;
    fe.quit_at = 5;
    assert_int_equal(send(c2, "again", 5, 0), 5);
    assert_true(loop_run_for(5000));
    assert_memory_equal(fe.got, "again", 5);
    chardev_write(chr, (const uint8_t *)"back", 4);
    recv_exact(c2, "back", 4);
    close(c2);
}

static void test_unix_server_wait_off_syntax(void **state)
{
    char path[128], spec[160];
    struct stat st;

    tmp_path(path, sizeof(path), "srv2");
    snprintf(spec, sizeof(spec), "unix:%s,server=on,wait=off", path);
    assert_non_null(chardev_new(spec));
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    /* The socket is removed on the way out. */
    chardev_cleanup();
    assert_int_equal(stat(path, &st), -1);
}

static void test_unix_client(void **state)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    TestFe fe = { .room = 100, .quit_at = 4 };
    char spec[160];
    Chardev *chr;
    int l, c;

    tmp_path(sa.sun_path, sizeof(sa.sun_path), "cli");
    l = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(l, 1), 0);

    snprintf(spec, sizeof(spec), "unix:%s", sa.sun_path);
    chr = chardev_new(spec);
    assert_non_null(chr);
    fe_attach(chr, &fe);
    c = accept(l, NULL, NULL);
    assert_true(c >= 0);

    chardev_write(chr, (const uint8_t *)"ping", 4);
    recv_exact(c, "ping", 4);
    assert_int_equal(send(c, "pong", 4, 0), 4);
    assert_true(loop_run_for(5000));
    assert_memory_equal(fe.got, "pong", 4);
    close(c);
    close(l);
}

static char wait_path[128];
static int wait_client = -1;

static void *wait_connect_thread(void *arg)
{
    for (int i = 0; i < 500 && wait_client < 0; i++) {
        usleep(10 * 1000);
        wait_client = unix_connect(wait_path);
    }
    return NULL;
}

/* Without nowait, chardev_new returns only once a client is there. */
static void test_unix_server_wait(void **state)
{
    char spec[160];
    pthread_t th;
    Chardev *chr;
    int lines;

    tmp_path(wait_path, sizeof(wait_path), "srv-wait");
    snprintf(spec, sizeof(spec), "unix:%s,server", wait_path);
    assert_int_equal(pthread_create(&th, NULL, wait_connect_thread, NULL), 0);
    chr = chardev_new_captured(spec, &lines);
    pthread_join(th, NULL);
    assert_non_null(chr);
    assert_int_equal(lines, 1);     /* the "waiting for connection" line */
    assert_true(wait_client >= 0);
    chardev_write(chr, (const uint8_t *)"first", 5);
    recv_exact(wait_client, "first", 5);
    close(wait_client);
}

static int quit_calls;

static void count_quit(void *opaque)
{
    quit_calls++;
}

static void test_mux_escapes(void **state)
{
    char path[128], spec[160], buf[1024];
    uint8_t out[16];
    Chardev *chr;
    size_t n;

    tmp_path(path, sizeof(path), "mux.txt");
    snprintf(spec, sizeof(spec), "file:%s", path);
    chr = chardev_new(spec);
    assert_non_null(chr);
    quit_calls = 0;
    chardev_stdio_set_quit_handler(count_quit, NULL);

    /* Plain bytes pass; C-a h prints the help and passes nothing. */
    n = chardev_mux_feed(chr, (const uint8_t *)"a\001hb", 4, out);
    assert_int_equal(n, 2);
    assert_memory_equal(out, "ab", 2);
    read_file(path, buf, sizeof(buf));
    assert_non_null(strstr(buf, "C-a h    print this help\n"));
    assert_non_null(strstr(buf, "C-a x    exit emulator\n"));
    assert_non_null(strstr(buf, "C-a C-a  sends C-a\n"));
    assert_int_equal(quit_calls, 0);

    /* C-a C-a delivers exactly one C-a. */
    n = chardev_mux_feed(chr, (const uint8_t *)"\001\001", 2, out);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 0x01);

    /* Unknown escapes are dropped; the escape state spans calls. */
    n = chardev_mux_feed(chr, (const uint8_t *)"\001zq\001", 4, out);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 'q');
    n = chardev_mux_feed(chr, (const uint8_t *)"c", 1, out);
    assert_int_equal(n, 0);
    read_file(path, buf, sizeof(buf));
    assert_non_null(strstr(buf, "monitor is not available"));
    assert_int_equal(quit_calls, 0);

    /* C-a x: one message and one quit request; later bytes still pass. */
    n = chardev_mux_feed(chr, (const uint8_t *)"\001xk", 3, out);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 'k');
    assert_int_equal(quit_calls, 1);
    read_file(path, buf, sizeof(buf));
    assert_non_null(strstr(buf, "janus: Terminated\n"));

    /* In place (out == in) works too. */
    memcpy(out, "x\001\001y", 4);
    n = chardev_mux_feed(chr, out, 4, out);
    assert_int_equal(n, 3);
    assert_memory_equal(out, "x\001y", 3);

    chardev_stdio_set_quit_handler(NULL, NULL);
}

/* ---- the terminal, on a pty ---------------------------------------------- */

/*
 * The child is this binary re-executed ("pty-child SPEC MODE") with the pty
 * slave as its controlling terminal, stdin and stdout, fd 3 a pipe to us.
 * Re-executing gives it a main loop of its own (epoll sets survive fork).
 */
enum { CHILD_PLAIN, CHILD_QUIT_HANDLER };

static void child_quit(void *opaque)
{
    main_loop_quit();
}

static int pty_child_main(const char *spec, int mode)
{
    TestFe fe = { .room = sizeof(fe.got) };
    Chardev *chr = chardev_new(spec);

    if (!chr) {
        return 10;
    }
    fe_attach(chr, &fe);
    if (mode == CHILD_QUIT_HANDLER) {
        chardev_stdio_set_quit_handler(child_quit, NULL);
    }
    if (write(3, "R", 1) != 1) {
        return 11;
    }
    main_loop_run();
    if (write(3, fe.got, fe.n) != (ssize_t)fe.n) {
        return 12;
    }
    return 0;   /* exit() runs the atexit cleanup */
}

typedef struct PtyChild {
    int master;
    int slave;          /* our own handle keeps the termios alive */
    int sync;
    pid_t pid;
    struct termios before;
} PtyChild;

static void pty_child_start(PtyChild *p, const char *spec, int mode)
{
    char *slave_name, mode_str[8];
    int sync[2];

    p->master = posix_openpt(O_RDWR | O_NOCTTY);
    assert_true(p->master >= 0);
    assert_int_equal(grantpt(p->master), 0);
    assert_int_equal(unlockpt(p->master), 0);
    slave_name = ptsname(p->master);
    assert_non_null(slave_name);
    p->slave = open(slave_name, O_RDWR | O_NOCTTY);
    assert_true(p->slave >= 0);
    assert_int_equal(tcgetattr(p->slave, &p->before), 0);
    assert_true(p->before.c_lflag & ICANON);
    assert_int_equal(pipe(sync), 0);
    snprintf(mode_str, sizeof(mode_str), "%d", mode);

    p->pid = fork();
    assert_true(p->pid >= 0);
    if (p->pid == 0) {
        int s, null = open("/dev/null", O_WRONLY);

        setsid();
        s = open(slave_name, O_RDWR);   /* becomes the controlling tty */
        dup2(s, 0);
        dup2(s, 1);
        dup2(null, 2);
        dup2(sync[1], 3);
        execl("/proc/self/exe", "test-chardev", "pty-child", spec, mode_str,
              (char *)NULL);
        _exit(127);
    }
    close(sync[1]);
    p->sync = sync[0];
}

static void pty_wait_ready(PtyChild *p)
{
    struct pollfd pfd = { .fd = p->sync, .events = POLLIN };
    char c = 0;

    assert_int_equal(poll(&pfd, 1, 10000), 1);
    assert_int_equal(read(p->sync, &c, 1), 1);
    assert_int_equal(c, 'R');
}

static void pty_assert_raw(PtyChild *p, bool isig)
{
    struct termios t;

    assert_int_equal(tcgetattr(p->slave, &t), 0);
    assert_int_equal(t.c_lflag & (ICANON | ECHO), 0);
    assert_int_equal(t.c_iflag & (ICRNL | IXON), 0);
    assert_true(t.c_oflag & OPOST);
    assert_int_equal(!!(t.c_lflag & ISIG), isig);
}

static int pty_child_wait(PtyChild *p)
{
    int status;

    for (int i = 0; i < 1000; i++) {
        pid_t r = waitpid(p->pid, &status, WNOHANG);

        if (r == p->pid) {
            return status;
        }
        usleep(10 * 1000);
    }
    kill(p->pid, SIGKILL);
    waitpid(p->pid, &status, 0);
    fail_msg("pty child did not exit");
    return -1;
}

static void pty_assert_restored(PtyChild *p)
{
    struct termios t;

    assert_int_equal(tcgetattr(p->slave, &t), 0);
    assert_int_equal(t.c_lflag, p->before.c_lflag);
    assert_int_equal(t.c_iflag, p->before.c_iflag);
    assert_int_equal(t.c_oflag, p->before.c_oflag);
    assert_int_equal(t.c_cflag, p->before.c_cflag);
}

static void pty_close(PtyChild *p)
{
    close(p->master);
    close(p->slave);
    close(p->sync);
}

/* mon:stdio: raw without ISIG; keys reach the frontend; C-a x quits. */
static void test_pty_mux_quit(void **state)
{
    PtyChild p;
    char buf[4096];
    ssize_t n;
    int status;

    pty_child_start(&p, "mon:stdio", CHILD_QUIT_HANDLER);
    pty_wait_ready(&p);
    pty_assert_raw(&p, false);
    assert_int_equal(write(p.master, "a\003\001\001b\001x", 7), 7);
    status = pty_child_wait(&p);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    n = read(p.sync, buf, sizeof(buf));
    assert_int_equal(n, 4);
    assert_memory_equal(buf, "a\003\001b", 4);   /* Ctrl-C is data here */
    pty_assert_restored(&p);

    fcntl(p.master, F_SETFL, O_NONBLOCK);
    n = read(p.master, buf, sizeof(buf) - 1);
    assert_true(n > 0);
    buf[n] = 0;
    assert_non_null(strstr(buf, "janus: Terminated"));
    pty_close(&p);
}

/* stdio with nobody to ask: SIGTERM kills, the terminal comes back. */
static void test_pty_sigterm_restores(void **state)
{
    PtyChild p;
    int status;

    pty_child_start(&p, "stdio", CHILD_PLAIN);
    pty_wait_ready(&p);
    pty_assert_raw(&p, true);
    kill(p.pid, SIGTERM);
    status = pty_child_wait(&p);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    pty_assert_restored(&p);
    pty_close(&p);
}

/* With a quit handler, SIGTERM is a clean quit through the main loop. */
static void test_pty_sigterm_quit_handler(void **state)
{
    PtyChild p;
    int status;

    pty_child_start(&p, "stdio", CHILD_QUIT_HANDLER);
    pty_wait_ready(&p);
    kill(p.pid, SIGTERM);
    status = pty_child_wait(&p);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    pty_assert_restored(&p);
    pty_close(&p);
}

/* A crash restores the terminal too. */
static void test_pty_crash_restores(void **state)
{
    PtyChild p;
    int status;

    pty_child_start(&p, "mon:stdio", CHILD_PLAIN);
    pty_wait_ready(&p);
    kill(p.pid, SIGSEGV);
    status = pty_child_wait(&p);
    /* Killed by the signal, or by a sanitizer's handler after its report. */
    assert_true(WIFSIGNALED(status) || WEXITSTATUS(status) != 0);
    pty_assert_restored(&p);
    pty_close(&p);
}

static int setup(void **state)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/janus-chardev-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_exact_bytes),
        cmocka_unit_test(test_null),
        cmocka_unit_test(test_bad_specs),
        cmocka_unit_test(test_unix_server_nowait),
        cmocka_unit_test(test_unix_server_wait_off_syntax),
        cmocka_unit_test(test_unix_client),
        cmocka_unit_test(test_unix_server_wait),
        cmocka_unit_test(test_mux_escapes),
        cmocka_unit_test(test_pty_mux_quit),
        cmocka_unit_test(test_pty_sigterm_restores),
        cmocka_unit_test(test_pty_sigterm_quit_handler),
        cmocka_unit_test(test_pty_crash_restores),
    };

    if (argc == 4 && !strcmp(argv[1], "pty-child")) {
        exit(pty_child_main(argv[2], atoi(argv[3])));
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
