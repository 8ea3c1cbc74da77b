/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signal delivery to handlers: raise/kill, SA_SIGINFO fields, blocking
 * and unblocking (delivered once), sigpending, SA_RESETHAND, SA_NODEFER,
 * nested handlers, sigqueue values, sigsuspend, sigtimedwait, and the
 * interrupted code's integer and FP registers surviving a handler.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t count1, count2, depth, max_depth;
static volatile int last_code, last_pid, last_value, last_signo;

static void on_usr1(int sig)
{
    (void)sig;
    count1++;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    last_signo = si->si_signo;
    last_code = si->si_code;
    last_pid = si->si_pid;
    last_value = si->si_value.sival_int;
    (void)sig;
}

static void on_usr2_nested(int sig)
{
    (void)sig;
    depth++;
    if (depth > max_depth) {
        max_depth = depth;
    }
    count2++;
    depth--;
}

static void on_usr1_nest(int sig)
{
    (void)sig;
    depth++;
    max_depth = depth;
    raise(SIGUSR2);         /* runs inside this handler: not blocked */
    depth--;
}

static volatile int nodefer_depth, nodefer_max;
static void on_nodefer(int sig)
{
    nodefer_depth++;
    if (nodefer_depth > nodefer_max) {
        nodefer_max = nodefer_depth;
    }
    if (nodefer_depth < 3) {
        raise(sig);         /* SA_NODEFER: re-enters at once */
    }
    nodefer_depth--;
}

static void on_clobber(int sig)
{
    /* Trash caller-saved integer and FP registers and the FP flags: the
     * interrupted code must get its own back from the signal frame. */
#ifdef __x86_64__
    /* the x86-64 build (tests/user-x86_64): r8, xmm0, xmm1, MXCSR */
    unsigned int mxcsr = 0x1f80;

    __asm__ volatile("mov $-1, %%r8\n\tpxor %%xmm0, %%xmm0\n\t"
                     "pcmpeqd %%xmm1, %%xmm1\n\tldmxcsr %0"
                     :: "m"(mxcsr) : "r8", "xmm0", "xmm1", "memory");
#else
    __asm__ volatile("li t3, -1\n\tfmv.d.x ft0, zero\n\tfmv.d.x fa0, t3\n\t"
                     "csrw fflags, zero"
                     ::: "t3", "ft0", "fa0", "memory");
#endif
    count1 += sig == SIGUSR1;
}

static void install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    struct sigaction sa, old;
    sigset_t set, pend, oldset;
    siginfo_t si;
    struct timespec ts = { 0, 0 };

    setvbuf(stdout, NULL, _IONBF, 0);

    install(SIGUSR1, on_usr1, 0);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("raise+kill count=%d\n", count1);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("siginfo signo=%d code_is_user=%d pid_ok=%d\n", last_signo,
           last_code == SI_USER, last_pid == getpid());
    {
        union sigval v = { .sival_int = 1234 };
        sigqueue(getpid(), SIGUSR2, v);
    }
    printf("sigqueue code_is_queue=%d value=%d\n", last_code == SI_QUEUE,
           last_value);

    /* Block, send twice, see it pending, unblock: delivered once. */
    count1 = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &oldset);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked count=%d pending=%d\n", count1, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &oldset, NULL);
    sigpending(&pend);
    printf("unblocked count=%d pending=%d\n", count1,
           sigismember(&pend, SIGUSR1));

    /* SA_RESETHAND: the handler runs once, then the disposition is DFL. */
    count1 = 0;
    install(SIGUSR1, on_usr1, SA_RESETHAND);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &old);
    printf("resethand count=%d now_default=%d\n", count1,
           old.sa_handler == SIG_DFL);

    /* Nested: a handler raising another signal. */
    install(SIGUSR1, on_usr1_nest, 0);
    install(SIGUSR2, on_usr2_nested, 0);
    depth = max_depth = 0;
    raise(SIGUSR1);
    printf("nested count2=%d max_depth=%d depth=%d\n", count2, max_depth,
           depth);

    install(SIGUSR1, on_nodefer, SA_NODEFER);
    raise(SIGUSR1);
    printf("nodefer max_depth=%d\n", nodefer_max);

    /* Registers of the interrupted code survive the handler. */
    install(SIGUSR1, on_clobber, 0);
    {
        /* tgkill by hand so t3, ft0, fa0, fflags stay live across it. */
        unsigned long in = 0x400921fb54442d18ul, fout, aout, t3out, flags;
        long pid = getpid(), tid = syscall(SYS_gettid);

        count1 = 0;
#ifdef __x86_64__
        /* r8, xmm0, xmm1 and the MXCSR flags live across a syscall */
        unsigned int mx;

        __asm__ volatile(
            "movq %[in], %%xmm0\n\t"
            "movq %[in], %%xmm1\n\t"
            "mov $0x1234, %%r8\n\t"
            "stmxcsr %[mx]\n\torl $0x15, %[mx]\n\tldmxcsr %[mx]\n\t"
            "mov %[pid], %%rdi\n\tmov %[tid], %%rsi\n\tmov %[sig], %%edx\n\t"
            "mov %[nr], %%eax\n\tsyscall\n\t"
            "movq %%xmm0, %[fout]\n\t"
            "movq %%xmm1, %[aout]\n\t"
            "mov %%r8, %[t3out]\n\t"
            "stmxcsr %[mx]\n\t"
            : [fout] "=&r"(fout), [aout] "=&r"(aout), [t3out] "=&r"(t3out),
              [mx] "=m"(mx)
            : [in] "r"(in), [pid] "r"(pid), [tid] "r"(tid),
              [sig] "i"(SIGUSR1), [nr] "i"(SYS_tgkill)
            : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r11", "xmm0", "xmm1",
              "memory");
        flags = mx & 0x3f;
        printf("regs kept: handler=%d xmm0=%d xmm1=%d r8=%d mxcsr_flags=%#lx\n",
               count1, fout == in, aout == in, t3out == 0x1234, flags);
#else
        __asm__ volatile(
            "fmv.d.x ft0, %[in]\n\t"
            "fmv.d.x fa0, %[in]\n\t"
            "li t3, 0x1234\n\t"
            "csrw fflags, 0x15\n\t"
            "mv a0, %[pid]\n\tmv a1, %[tid]\n\tli a2, %[sig]\n\t"
            "li a7, %[nr]\n\tecall\n\t"
            "fmv.x.d %[fout], ft0\n\t"
            "fmv.x.d %[aout], fa0\n\t"
            "mv %[t3out], t3\n\t"
            "csrr %[flags], fflags\n\t"
            : [fout] "=&r"(fout), [aout] "=&r"(aout), [t3out] "=&r"(t3out),
              [flags] "=&r"(flags)
            : [in] "r"(in), [pid] "r"(pid), [tid] "r"(tid),
              [sig] "i"(SIGUSR1), [nr] "i"(SYS_tgkill)
            : "a0", "a1", "a2", "a7", "t3", "ft0", "fa0", "memory");
        printf("regs kept: handler=%d ft0=%d fa0=%d t3=%d fflags=%#lx\n",
               count1, fout == in, aout == in, t3out == 0x1234, flags);
#endif
    }

    /* sigsuspend: wait with SIGUSR1 unblocked, mask back afterwards. */
    count1 = 0;
    install(SIGUSR1, on_usr1, 0);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigemptyset(&oldset);
    sigsuspend(&oldset);
    sigprocmask(SIG_BLOCK, NULL, &pend);
    printf("sigsuspend count=%d still_blocked=%d\n", count1,
           sigismember(&pend, SIGUSR1));

    /* sigtimedwait takes a blocked pending signal without the handler. */
    raise(SIGUSR1);
    printf("sigtimedwait=%d count=%d\n", sigtimedwait(&set, &si, &ts), count1);
    printf("sigtimedwait empty=%d\n", sigtimedwait(&set, &si, &ts));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("done\n");
    return 0;
}
