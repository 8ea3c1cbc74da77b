/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A forked child must not see translations its parent makes after the
 * fork. Each round writes a fresh function to a new page,
 *
 *     A: blt a0, zero, C      (a0 < 0 goes to C)
 *     B: addi a0, a0, 1; ret
 *     C: addi a0, a0, -1; ret
 *
 * runs it with a0 = -1 (A and C translated, A chained to C), then forks.
 * The parent at once runs it with a0 = 5: B is translated after the fork
 * and A's jump is patched to reach it. The child then runs it with
 * a0 = 5 too and must get 6: had its copy of the translated code taken in
 * the parent's patch, A would jump to where the parent put B, which is
 * not code in the child. Everyone runs on one CPU, so a child usually
 * starts only when the parent blocks in waitpid, after the patch.
 *
 * With "flush", a second thread keeps filling the code buffer with fresh
 * blocks meanwhile (run with JANUS_TCG_CODE_SIZE=64K: every translation
 * is dropped every few milliseconds, often between a fork and the
 * child's first instruction). A child that hangs is killed and reported.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define FORKS 40
#define BLOCKS 1024
#define CHILD_TIMEOUT 20

static atomic_int stop;
static atomic_long worker_rounds;

static void *new_code(const uint32_t *insns, size_t n)
{
    uint32_t *code = mmap(NULL, 4 * n, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (code == MAP_FAILED) {
        perror("mmap");
        _exit(1);
    }
    memcpy(code, insns, 4 * n);
    mprotect(code, 4 * n, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)code, (char *)code + 4 * n);
    return code;
}

/*
 * BLOCKS blocks "addi a0, a0, step; jal zero, +4" then "ret": returns
 * a0 + BLOCKS * step. Every jump ends a translation block, so one call
 * translates BLOCKS new blocks (tens of KiB of host code).
 */
#ifdef __x86_64__
/*
 * The x86-64 build (tests/user-x86_64): each block is "add rdi, step;
 * jmp +3; 3-byte nop" (12 bytes), then "mov rax, rdi; ret".
 */
#define BLOCK_WORDS 3
static void write_blocks(uint32_t *insns, long step)
{
    uint8_t *b = (uint8_t *)insns;
    int32_t imm = (int32_t)step;

    for (int i = 0; i < BLOCKS; i++, b += 12) {
        b[0] = 0x48, b[1] = 0x81, b[2] = 0xc7;          /* add rdi, imm32 */
        memcpy(b + 3, &imm, 4);
        b[7] = 0xeb, b[8] = 0x03;                       /* jmp +3 */
        b[9] = 0x0f, b[10] = 0x1f, b[11] = 0x00;        /* nop */
    }
    b[0] = 0x48, b[1] = 0x89, b[2] = 0xf8, b[3] = 0xc3; /* mov rax,rdi; ret */
}
#else
#define BLOCK_WORDS 2
static void write_blocks(uint32_t *insns, long step)
{
    for (int i = 0; i < BLOCKS; i++) {
        insns[2 * i] = 0x00050513u | ((uint32_t)step << 20);  /* addi a0,a0 */
        insns[2 * i + 1] = 0x0040006fu;                       /* jal x0,+4 */
    }
    insns[2 * BLOCKS] = 0x00008067u;                          /* ret */
}
#endif

static long run_blocks(long a0, long step)
{
    static __thread uint32_t insns[BLOCK_WORDS * BLOCKS + 1];
    long (*fn)(long);
    long r;

    write_blocks(insns, step);
    fn = (long (*)(long))new_code(insns, BLOCK_WORDS * BLOCKS + 1);
    r = fn(a0);
    munmap((void *)fn, sizeof(insns));
    return r;
}

static void *worker(void *arg)
{
    while (!atomic_load(&stop)) {
        long n = atomic_fetch_add(&worker_rounds, 1);
        long step = n % 1000;

        if (run_blocks(n, step) != n + BLOCKS * step) {
            fprintf(stderr, "worker: wrong result\n");
            _exit(2);
        }
    }
    return NULL;
}

/* Wait for pid up to CHILD_TIMEOUT s; false (child killed) if it hangs. */
static int wait_child(pid_t pid, int *status)
{
    for (int ms = 0; ms < CHILD_TIMEOUT * 1000; ms += 5) {
        pid_t r = waitpid(pid, status, WNOHANG);

        if (r == pid) {
            return 1;
        }
        if (r < 0) {
            perror("waitpid");
            _exit(1);
        }
        usleep(5000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, status, 0);
    return 0;
}

int main(int argc, char **argv)
{
#ifdef __x86_64__
    /* A: test rdi, rdi; js C; B: lea rax, [rdi+1]; ret;
     * C: lea rax, [rdi-1]; ret; int3 (padding to 4 words) */
    static const uint8_t branchy[] __attribute__((aligned(4))) = {
        0x48, 0x85, 0xff, 0x78, 0x05, 0x48, 0x8d, 0x47,
        0x01, 0xc3, 0x48, 0x8d, 0x47, 0xff, 0xc3, 0xcc,
    };
#else
    static const uint32_t branchy[] = {
        0x00054663u,    /* A: blt a0, zero, +12 (C) */
        0x00150513u,    /* B: addi a0, a0, 1 */
        0x00008067u,    /*    ret */
        0xfff50513u,    /* C: addi a0, a0, -1 */
        0x00008067u,    /*    ret */
    };
#endif
    int flush = argc > 1 && !strcmp(argv[1], "flush");
    cpu_set_t one_cpu;
    pthread_t t;
    int ok = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    CPU_ZERO(&one_cpu);
    CPU_SET(0, &one_cpu);
    if (sched_setaffinity(0, sizeof(one_cpu), &one_cpu) < 0) {
        perror("sched_setaffinity");
    }
    if (flush) {
        if (pthread_create(&t, NULL, worker, NULL)) {
            perror("pthread_create");
            return 1;
        }
        while (atomic_load(&worker_rounds) < 3) {
            sched_yield();
        }
    }
    for (int i = 0; i < FORKS; i++) {
        long (*fn)(long) = (long (*)(long))new_code((const uint32_t *)branchy,
                                                 sizeof(branchy) / 4);
        int status;
        pid_t pid;

        if (fn(-1) != -2) {
            printf("round %d: f(-1) wrong before fork\n", i);
            return 1;
        }
        pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            long r = fn(5);

            printf("child %d: f(5) = %ld\n", i, r);
            fflush(stdout);
            _exit(r == 6 ? 0 : 1);
        }
        if (fn(5) != 6) {
            printf("round %d: f(5) wrong in the parent\n", i);
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
        munmap((void *)fn, sizeof(branchy));
    }
    if (flush) {
        /* a loaded host may have starved the worker: let it catch up, so
         * the buffer was refilled many times over whatever the timing */
        while (atomic_load(&worker_rounds) <= FORKS) {
            sched_yield();
        }
        atomic_store(&stop, 1);
        pthread_join(t, NULL);
    }
    printf("children ok: %d/%d%s\n", ok, FORKS,
           flush ? (atomic_load(&worker_rounds) > FORKS ? ", worker ran"
                                                         : ", worker idle")
                 : "");
    return ok == FORKS ? 0 : 1;
}
