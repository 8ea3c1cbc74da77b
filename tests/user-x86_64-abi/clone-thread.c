/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A thread made with raw clone(): CLONE_SETTLS gives it its own FS base,
 * CLONE_PARENT_SETTID stores its TID, CLONE_CHILD_CLEARTID clears and
 * wakes the word the parent waits on with futex when it exits. x86-64
 * argument order: flags, stack, ptid, ctid, tls. Then the same thread
 * with clone3 (glibc's first choice), and a fork with clone3.
 */
#include "sys.h"

#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_THREAD 0x10000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define FUTEX_WAIT 0

long raw_clone(u64 flags, void *stack, int *ptid, int *ctid, u64 tls,
               void (*fn)(void));
__asm__(".text\n"
        "raw_clone:\n"
        "    mov %rcx, %r10\n"
        "    sub $16, %rsi\n"
        "    mov %r9, (%rsi)\n"       /* the child pops fn */
        "    mov $56, %eax\n"
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jnz 1f\n"
        "    pop %rax\n"
        "    and $-16, %rsp\n"
        "    call *%rax\n"
        "    mov $60, %eax\n"
        "    xor %edi, %edi\n"
        "    syscall\n"
        "    hlt\n"
        "1:  ret\n");

/* clone3(args, size), the child calling fn on its new stack. */
long raw_clone3(void *args, u64 size, void (*fn)(void));
__asm__(".text\n"
        "raw_clone3:\n"
        "    mov $435, %eax\n"
        "    syscall\n"
        "    test %rax, %rax\n"
        "    jnz 1f\n"
        "    and $-16, %rsp\n"
        "    call *%rdx\n"
        "    mov $60, %eax\n"
        "    xor %edi, %edi\n"
        "    syscall\n"
        "    hlt\n"
        "1:  ret\n");

struct clone_args {
    u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size,
        tls, set_tid, set_tid_size, cgroup;
};

static u64 child_tls[2] = { 0, 0xc0ffee };
static u64 parent_tls[2] = { 0, 0xbeef };
static volatile u64 child_fs0, child_fs8, child_rsp_ok;
static volatile long child_tid;
static int ptid_word, ctid_word = 1;
static char child_stack[16384] __attribute__((aligned(16)));

static void child(void)
{
    u64 v, rsp;

    __asm__ volatile("mov %%fs:0, %0" : "=r"(v));
    child_fs0 = v;
    __asm__ volatile("mov %%fs:8, %0" : "=r"(v));
    child_fs8 = v;
    __asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
    child_rsp_ok = rsp > (u64)child_stack &&
                   rsp < (u64)child_stack + sizeof(child_stack);
    child_tid = sys0(NR_gettid);
}

int test_main(long *sp)
{
    u64 fs = 0;
    long tid;
    int v;

    (void)sp;
    child_tls[0] = (u64)child_tls;
    parent_tls[0] = (u64)parent_tls;
    sys2(NR_arch_prctl, ARCH_SET_FS, parent_tls);
    tid = raw_clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
                    CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
                    CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
                    child_stack + sizeof(child_stack), &ptid_word,
                    &ctid_word, (u64)child_tls, child);
    check("clone returned a tid", tid > 0, tid);
    while ((v = __atomic_load_n(&ctid_word, __ATOMIC_ACQUIRE)) != 0) {
        sys4(NR_futex, &ctid_word, FUTEX_WAIT, v, 0);
    }
    check("CHILD_CLEARTID cleared and woke", ctid_word == 0, ctid_word);
    check("PARENT_SETTID", ptid_word == tid, ptid_word);
    check("child gettid", child_tid == tid, child_tid);
    check("child fs:0 is its TLS", child_fs0 == (u64)child_tls, 0);
    check("child fs:8", child_fs8 == 0xc0ffee, (long)child_fs8);
    check("child on its stack", child_rsp_ok == 1, 0);
    sys2(NR_arch_prctl, ARCH_GET_FS, &fs);
    check("parent fs unchanged", fs == (u64)parent_tls, 0);

    {
        struct clone_args ca = {
            .flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
                     CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
                     CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
            .child_tid = (u64)&ctid_word, .parent_tid = (u64)&ptid_word,
            .stack = (u64)child_stack, .stack_size = sizeof(child_stack),
            .tls = (u64)child_tls,
        };
        int status = 0;
        long w;

        child_fs8 = 0;
        child_tls[1] = 0x3c3c;
        ctid_word = 1;
        tid = raw_clone3(&ca, sizeof(ca), child);
        check("clone3 thread", tid > 0, tid);
        while ((v = __atomic_load_n(&ctid_word, __ATOMIC_ACQUIRE)) != 0) {
            sys4(NR_futex, &ctid_word, FUTEX_WAIT, v, 0);
        }
        check("clone3 PARENT_SETTID", ptid_word == tid, ptid_word);
        check("clone3 child TLS", child_fs8 == 0x3c3c, (long)child_fs8);
        check("clone3 child on its stack", child_rsp_ok == 1, 0);

        {
            struct clone_args bad = {
                .flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD,
                .exit_signal = 17, .stack = (u64)child_stack,
                .stack_size = sizeof(child_stack),
            };

            tid = raw_clone3(&bad, sizeof(bad), child);
            check("clone3 thread with an exit signal is EINVAL", tid == -22,
                  tid);
            tid = raw_clone3(&bad, 63, child);
            check("clone3 size 63 is EINVAL", tid == -22, tid);
        }

        ca = (struct clone_args){ .exit_signal = 17 /* SIGCHLD */ };
        tid = raw_clone3(&ca, 64, child);
        check("clone3 fork", tid > 0, tid);
        w = sys4(61 /* wait4 */, tid, &status, 0, 0);
        check("clone3 fork child exits 0", w == tid && status == 0, status);
    }
    return failures;
}
