/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * /init of the riscv64 test initramfs (built static with riscv64-linux-gnu-gcc
 * by riscv64_fixtures.py). It mounts proc, sysfs and devtmpfs, prints the
 * boot marker and the number of online harts, then reads commands from the
 * console, one per line, answering each with one line the tests can match:
 *
 *   echo TEXT          TEXT
 *   harts              harts: N
 *   sleep SECONDS      slept MS ms           (CLOCK_MONOTONIC around nanosleep)
 *   date               date: YYYY-MM-DD HH:MM:SS UTC (epoch S)
 *   cat FILE           the file's contents
 *   bench NAME [SIZE]  runs /bin/NAME [SIZE]; bench NAME: MS ms (exit S)
 *   poweroff           powers the machine off (reboot(2) RB_POWER_OFF)
 *   reboot             restarts it (RB_AUTOBOOT)
 *   help               the list above
 *
 * Anything else gets "unknown command: ...". End of input on the console
 * powers off, since init must never exit.
 *
 * Commands can also come from the kernel command line, for unattended runs
 * (bench/boot-riscv64): janus_init=bench:hash:40,poweroff runs "bench hash
 * 40" then "poweroff" before the console is read. The kernel hands an
 * unknown name=value parameter to init as an environment variable; ','
 * separates commands and ':' stands for a space, since a space would end
 * the parameter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BOOT_MARKER
#define BOOT_MARKER "JANUS-BOOT-OK"
#endif
#ifndef GUEST_PROMPT
#define GUEST_PROMPT "janus# "
#endif

static void mount_or_warn(const char *src, const char *dir, const char *type)
{
    mkdir(dir, 0755);
    if (mount(src, dir, type, 0, NULL) != 0 && errno != EBUSY) {
        printf("init: mount %s on %s: %s\n", type, dir, strerror(errno));
    }
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Harts in /sys/devices/system/cpu/online ("0-3,5"); sysconf as fallback. */
static long online_harts(void)
{
    char buf[256];
    FILE *f = fopen("/sys/devices/system/cpu/online", "r");
    long n = 0;

    if (f && fgets(buf, sizeof(buf), f)) {
        char *p = buf;
        while (*p && *p != '\n') {
            char *end;
            long lo = strtol(p, &end, 10), hi = lo;
            if (end == p) {
                n = 0;
                break;
            }
            p = end;
            if (*p == '-') {
                hi = strtol(p + 1, &end, 10);
                p = end;
            }
            n += hi - lo + 1;
            if (*p == ',') {
                p++;
            }
        }
    }
    if (f) {
        fclose(f);
    }
    return n > 0 ? n : sysconf(_SC_NPROCESSORS_ONLN);
}

static void cmd_sleep(const char *arg)
{
    char *end;
    double secs = strtod(arg, &end);
    struct timespec req;
    double start;

    if (end == arg || secs < 0 || secs > 3600) {
        printf("sleep: bad duration '%s'\n", arg);
        return;
    }
    req.tv_sec = (time_t)secs;
    req.tv_nsec = (long)((secs - req.tv_sec) * 1e9);
    start = now_ms();
    while (nanosleep(&req, &req) != 0 && errno == EINTR) {
        continue;
    }
    printf("slept %.0f ms\n", now_ms() - start);
}

static void cmd_date(void)
{
    time_t t = time(NULL);
    struct tm tm;
    char buf[64];

    gmtime_r(&t, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
    printf("date: %s UTC (epoch %lld)\n", buf, (long long)t);
}

static void cmd_cat(const char *path)
{
    char buf[512];
    size_t n;
    FILE *f = fopen(path, "r");

    if (!f) {
        printf("cat: %s: %s\n", path, strerror(errno));
        return;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        fwrite(buf, 1, n, stdout);
    }
    fclose(f);
}

static void cmd_bench(char *args)
{
    char *name = strtok(args, " \t");
    char *size = strtok(NULL, " \t");
    char path[128];
    double start;
    pid_t pid;
    int status;

    if (!name || strchr(name, '/')) {
        printf("bench: usage: bench NAME [SIZE]\n");
        return;
    }
    snprintf(path, sizeof(path), "/bin/%s", name);
    if (access(path, X_OK) != 0) {
        printf("bench: %s: %s\n", path, strerror(errno));
        return;
    }
    fflush(stdout);
    start = now_ms();
    pid = fork();
    if (pid < 0) {
        printf("bench: fork: %s\n", strerror(errno));
        return;
    }
    if (pid == 0) {
        char *argv[] = { path, size, NULL };
        execv(path, argv);
        printf("bench: exec %s: %s\n", path, strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        continue;
    }
    printf("bench %s: %.0f ms (exit %d)\n", name, now_ms() - start,
           WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

static void power(int how, const char *what)
{
    printf("init: %s\n", what);
    fflush(stdout);
    sync();
    reboot(how);
    /* Only reached if the kernel refused. */
    printf("init: %s failed: %s\n", what, strerror(errno));
}

static void help(void)
{
    printf("commands: echo TEXT, harts, sleep SECONDS, date, cat FILE, "
           "bench NAME [SIZE], poweroff, reboot, help\n");
}

static void run_command(char *line)
{
    char *cmd, *arg;

    line[strcspn(line, "\r\n")] = '\0';
    cmd = line + strspn(line, " \t");
    if (!*cmd) {
        return;
    }
    arg = cmd + strcspn(cmd, " \t");
    if (*arg) {
        *arg++ = '\0';
        arg += strspn(arg, " \t");
    }
    if (!strcmp(cmd, "echo")) {
        printf("%s\n", arg);
    } else if (!strcmp(cmd, "harts")) {
        printf("harts: %ld\n", online_harts());
    } else if (!strcmp(cmd, "sleep")) {
        cmd_sleep(arg);
    } else if (!strcmp(cmd, "date")) {
        cmd_date();
    } else if (!strcmp(cmd, "cat")) {
        cmd_cat(arg);
    } else if (!strcmp(cmd, "bench")) {
        cmd_bench(arg);
    } else if (!strcmp(cmd, "poweroff")) {
        power(RB_POWER_OFF, "poweroff");
    } else if (!strcmp(cmd, "reboot")) {
        power(RB_AUTOBOOT, "reboot");
    } else if (!strcmp(cmd, "help")) {
        help();
    } else {
        printf("unknown command: %s\n", cmd);
    }
}

/* Commands from $janus_init (see the top of this file). */
static void run_boot_commands(void)
{
    const char *cmds = getenv("janus_init");
    char line[512], *p, *next;

    if (!cmds || strlen(cmds) >= sizeof(line)) {
        return;
    }
    strcpy(line, cmds);
    for (p = line; p; p = next) {
        next = strchr(p, ',');
        if (next) {
            *next++ = '\0';
        }
        for (char *c = p; *c; c++) {
            if (*c == ':') {
                *c = ' ';
            }
        }
        printf("%s%s\n", GUEST_PROMPT, p);
        run_command(p);
    }
}

int main(void)
{
    char line[512];

    setvbuf(stdout, NULL, _IOLBF, 0);
    mount_or_warn("proc", "/proc", "proc");
    mount_or_warn("sysfs", "/sys", "sysfs");
    mount_or_warn("devtmpfs", "/dev", "devtmpfs");
    printf("%s\n", BOOT_MARKER);
    printf("harts: %ld\n", online_harts());
    run_boot_commands();
    for (;;) {
        fputs(GUEST_PROMPT, stdout);
        fflush(stdout);
        if (!fgets(line, sizeof(line), stdin)) {
            printf("\ninit: end of console input\n");
            power(RB_POWER_OFF, "poweroff");
            sleep(1);
            continue;
        }
        run_command(line);
    }
}
