/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Freestanding x86-64 Linux helpers for the ABI test programs: built
 * with -nostdlib -ffreestanding -mgeneral-regs-only, so they run before
 * the x86 front end has SSE. Raw system calls, a few string helpers, the
 * kernel's structures as the x86-64 ABI defines them.
 */
#ifndef TESTS_USER_X86_64_ABI_SYS_H
#define TESTS_USER_X86_64_ABI_SYS_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;

enum {
    NR_read = 0, NR_write = 1, NR_open = 2, NR_close = 3, NR_stat = 4,
    NR_mmap = 9, NR_mprotect = 10, NR_munmap = 11, NR_rt_sigaction = 13,
    NR_rt_sigprocmask = 14, NR_rt_sigreturn = 15, NR_pipe = 22,
    NR_dup2 = 33, NR_getpid = 39, NR_clone = 56, NR_exit = 60, NR_kill = 62,
    NR_getdents = 78, NR_mkdir = 83, NR_rmdir = 84, NR_unlink = 87,
    NR_readlink = 89, NR_gettid = 186, NR_time = 201, NR_futex = 202,
    NR_arch_prctl = 158, NR_exit_group = 231, NR_sigaltstack = 131,
};

static inline long sys6(long n, long a, long b, long c, long d, long e,
                        long f)
{
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;

    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}

#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) \
    sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static inline __attribute__((noreturn)) void sys_exit_group(int code)
{
    sys1(NR_exit_group, code);
    for (;;) {
    }
}

static inline unsigned long str_len(const char *s)
{
    unsigned long n = 0;

    while (s[n]) {
        n++;
    }
    return n;
}

static inline void put(const char *s)
{
    sys3(NR_write, 1, s, str_len(s));
}

/* Print a signed decimal number. */
static inline void put_dec(long v)
{
    char buf[24];
    int i = sizeof(buf);
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) {
        buf[--i] = '-';
    }
    put(&buf[i]);
}

/* "name: ok" or "name: FAIL" plus the failing value; counts failures. */
static int failures;
static inline void check(const char *name, int ok, long value)
{
    put(name);
    if (ok) {
        put(": ok\n");
    } else {
        put(": FAIL (");
        put_dec(value);
        put(")\n");
        failures++;
    }
}

/* The kernel's x86-64 struct sigaction and siginfo prefix. */
struct ksigaction {
    void *handler;
    u64 flags;
    void (*restorer)(void);
    u64 mask;
};
#define SA_SIGINFO 0x4ul
#define SA_RESTORER 0x04000000ul
#define SA_ONSTACK 0x08000000ul
#define SA_RESTART 0x10000000ul
#define SA_NODEFER 0x40000000ul

struct ksiginfo {
    int si_signo, si_errno, si_code, pad;
    union {
        void *addr;
        struct { int pid; u32 uid; } kill;
        u64 raw[14];
    } u;
};

/* uc_mcontext (struct sigcontext) as glibc's mcontext_t gregs. */
struct ksigcontext {
    u64 r8, r9, r10, r11, r12, r13, r14, r15;
    u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    u16 cs, gs, fs, ss;
    u64 err, trapno, oldmask, cr2, fpstate, reserved[8];
};

struct kucontext {
    u64 uc_flags;
    void *uc_link;
    struct { void *sp; int flags; int pad; u64 size; } uc_stack;
    struct ksigcontext mc;
    u64 sigmask;
};

/* The restorer glibc's sigaction installs: rt_sigreturn. */
void test_restore_rt(void);
__asm__(".text\n"
        ".globl test_restore_rt\n"
        "test_restore_rt:\n"
        "    mov $15, %eax\n"
        "    syscall\n"
        "    hlt\n");

static inline long set_handler(int sig, void *fn, u64 flags)
{
    struct ksigaction sa = {
        .handler = fn,
        .flags = flags | SA_SIGINFO | SA_RESTORER,
        .restorer = test_restore_rt,
        .mask = 0,
    };

    return sys4(NR_rt_sigaction, sig, &sa, 0, 8);
}

/* The entry point: test_main(sp) with sp at argc; its result is the
 * exit status. */
int test_main(long *sp);
__asm__(".text\n"
        ".globl _start\n"
        "_start:\n"
        "    xor %ebp, %ebp\n"
        "    mov %rsp, %rdi\n"
        "    and $-16, %rsp\n"
        "    call test_main\n"
        "    mov %eax, %edi\n"
        "    mov $231, %eax\n"
        "    syscall\n"
        "    hlt\n");

#endif
