/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fork() while another thread keeps the emulator's internals busy: the
 * worker thread maps pages, writes fresh code into them, runs it (a new
 * translation every time), changes a signal disposition and unmaps; the
 * main thread forks 50 times. Each child must not find a lock held by
 * the vanished worker: it maps, translates and runs new code, changes a
 * disposition, prints and exits. A child that hangs is killed by the
 * parent (SIGKILL: a deadlocked emulator delivers no other signal) and
 * reported, and no more children are forked.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define FORKS 50
#define CHILD_TIMEOUT 20

static atomic_int stop;
static atomic_long worker_rounds;

#ifdef __x86_64__
/* "mov eax, imm; ret" (the x86-64 build of tests/user-x86_64). */
static long run_new_code(long imm)
{
    uint8_t code[6] = { 0xb8, (uint8_t)imm, (uint8_t)(imm >> 8), 0, 0, 0xc3 };
#else
/* "li a0, imm; ret" (addi a0,zero,imm; jalr zero,0(ra)), imm < 2048. */
static long run_new_code(long imm)
{
    uint32_t code[2] = {
        0x00000513u | ((uint32_t)imm << 20),
        0x00008067u,
    };
#endif
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long r;

    if (page == MAP_FAILED) {
        return -1;
    }
    memcpy(page, code, sizeof(code));
    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)page, (char *)page + sizeof(code));
    r = ((long (*)(void))page)();
    munmap(page, 4096);
    return r;
}

static void on_usr1(int sig)
{
}

static void *worker(void *arg)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    while (!atomic_load(&stop)) {
        long n = atomic_fetch_add(&worker_rounds, 1);

        if (run_new_code(n % 2000) != n % 2000) {
            fprintf(stderr, "worker: wrong result\n");
            _exit(2);
        }
        sa.sa_handler = (n & 1) ? on_usr1 : SIG_IGN;
        sigaction(SIGUSR1, &sa, NULL);
    }
    return NULL;
}

static void child(int i)
{
    struct sigaction sa;
    long r;

    r = run_new_code(1000 + i);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    printf("child %d: code returned %ld\n", i, r);
    fflush(stdout);
    _exit(r == 1000 + i ? 0 : 1);
}

/* Wait for pid up to CHILD_TIMEOUT s; false (child killed) if it hangs. */
static int wait_child(pid_t pid, int *status)
{
    for (int ms = 0; ms < CHILD_TIMEOUT * 1000; ms += 10) {
        pid_t r = waitpid(pid, status, WNOHANG);

        if (r == pid) {
            return 1;
        }
        if (r < 0) {
            perror("waitpid");
            _exit(1);
        }
        usleep(10000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, status, 0);
    return 0;
}

int main(void)
{
    pthread_t t;
    int ok = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (pthread_create(&t, NULL, worker, NULL)) {
        perror("pthread_create");
        return 1;
    }
    while (atomic_load(&worker_rounds) < 10) {
        sched_yield();
    }
    for (int i = 0; i < FORKS; i++) {
        int status;
        pid_t pid = fork();

        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            child(i);
        }
        if (!wait_child(pid, &status)) {
            printf("child %d: hung (killed after %d s)\n", i, CHILD_TIMEOUT);
            break;
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            ok++;
        } else if (WIFSIGNALED(status)) {
            printf("child %d: killed by signal %d\n", i, WTERMSIG(status));
        } else {
            printf("child %d: exit status %d\n", i, WEXITSTATUS(status));
        }
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    printf("children ok: %d/%d, worker ran: %s\n", ok, FORKS,
           atomic_load(&worker_rounds) > 10 ? "yes" : "no");
    return ok == FORKS ? 0 : 1;
}
