/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 front end against the real CPU. Every snippet of
 * x86-insns-snippets.S runs natively (registers loaded by
 * x86t_native_enter, the ending UD2 or a fault caught by a signal
 * handler that records the registers) and under TCG (user mode,
 * guest_base 0: the guest address of the snippet is its host address),
 * from the same registers, flags and memory, over edge-case operands.
 * Registers, rip, the signal (exception) and memory must match exactly,
 * and the flags the snippet's record names. Both back ends run it all.
 */

#include <asm/prctl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include <cmocka.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "cpu/x86/cpu.h"
#include "x86-tcg-test.h"

typedef struct X86TRegs {
    uint64_t r[16];
    uint64_t rflags;
    uint64_t rip;
    int sig;
} X86TRegs;

typedef struct X86TSnippet {
    const uint8_t *code;
    const char *name;
    uint32_t mask, kind, width, pad;
} X86TSnippet;

enum { K_BIN, K_UN, K_SHIFT, K_DIV, K_SHIFTD };

static const X86TSnippet *current_snippet;

extern const X86TSnippet __start_x86t_table[], __stop_x86t_table[];
extern void x86t_native_enter(const X86TRegs *in, const void *code);
extern void x86t_native_resume(void);
extern uint64_t x86t_host_rsp;
extern const uint8_t x86t_cpuid[], x86t_rdtsc[], x86t_syscall[], x86t_sse[],
    x86t_toolong[], x86t_longok[], x86t_int3[], x86t_lock_loop[],
    x86t_rdrand[], x86t_rep_fault[], x86t_load_fault[];

uint8_t x86t_mem[512] __attribute__((aligned(64)));
static uint8_t test_stack[4096] __attribute__((aligned(64)));
static uint8_t alt_stack[65536] __attribute__((aligned(64)));
static X86TRegs native_out;
static volatile bool in_native;

static CPU x86t_cpu;
static X86CPUState x86t_env;
static uint64_t host_fs_base;

static const uint64_t vals[] = {
    0, 1, 2, 7, 0xf, 0x10, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
    0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
    0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
    0xfffffffffffffffe, 0x0123456789abcdef, 0xfedcba9876543210,
    0x8000000080008080, 0x00000000deadbeef,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static const uint64_t counts[] = {
    0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47, 63, 64, 65, 0x101,
    0xffffffffffffff3f,
};
#define NCOUNTS (sizeof(counts) / sizeof(counts[0]))

static const uint64_t hi_vals[] = {
    0, 1, 0x7f, 0x80, 0xffff, 0x7fffffff, 0xffffffffffffffff,
    0x8000000000000000, 0x0000000100000000, 0x123,
};

/* ---- native ---- */

static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

static void native_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *g = uc->uc_mcontext.gregs;

    if (!in_native && (sig == SIGSEGV || sig == SIGBUS) &&
        tcg_cpu_in_guest_code()) {
        /* a guest access under TCG faulted: what user mode's handler
         * does, #PF with the faulting instruction's state restored */
        x86t_env.fault_addr = (uint64_t)(uintptr_t)si->si_addr;
        tcg_raise_exception(tcg_current_cpu(), X86_EXCP_PF, 1);
    }
    if (!in_native) {
        /* a fault outside the native snippet: a bug, not a result */
        fprintf(stderr, "signal %d at %#llx (addr %p) outside a native run\n",
                sig, (unsigned long long)g[REG_RIP], si->si_addr);
        fprintf(stderr, "while running %s under TCG\n",
                current_snippet ? current_snippet->name : "?");
        abort();
    }
    in_native = false;
    for (int i = 0; i < 16; i++) {
        native_out.r[i] = (uint64_t)g[greg_of[i]];
    }
    native_out.rflags = (uint64_t)g[REG_EFL];
    native_out.rip = (uint64_t)g[REG_RIP];
    native_out.sig = sig;
    g[REG_RIP] = (greg_t)(uintptr_t)x86t_native_resume;
    g[REG_RSP] = (greg_t)x86t_host_rsp;
    g[REG_EFL] &= ~(greg_t)(X86_EFLAGS_DF | X86_EFLAGS_TF | X86_EFLAGS_AC);
}

static void install_handlers(void)
{
    struct sigaction sa;
    stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack) };

    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = native_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
}

static void run_native(const X86TRegs *in, const void *code, X86TRegs *out)
{
    static uint8_t host_fpu[512] __attribute__((aligned(16)));
    unsigned reset_mxcsr = 0x1f80;

    memset(&native_out, 0, sizeof(native_out));
    /* the snippet starts from the reset MXCSR, as under TCG, and may
     * leave x87/MMX/SSE state of its own (rounding, unmasked exceptions):
     * the host's comes back afterwards */
    __asm__ volatile("fxsave64 %0\n\tldmxcsr %1"
                     : "=m"(host_fpu) : "m"(reset_mxcsr));
    in_native = true;
    x86t_native_enter(in, code);
    __asm__ volatile("fxrstor64 %0" : : "m"(host_fpu));
    *out = native_out;
}

/* ---- TCG ---- */

static int sig_of_excp(int excp)
{
    switch (excp) {
    case X86_EXCP_UD: return SIGILL;
    case X86_EXCP_DE: case X86_EXCP_MF: case X86_EXCP_XM: return SIGFPE;
    case X86_EXCP_GP: case X86_EXCP_PF: return SIGSEGV;
    case X86_EXCP_BP: return SIGTRAP;
    }
    return 1000 + excp;
}

static int run_tcg(const X86TRegs *in, const void *code, X86TRegs *out)
{
    int excp;

    x86_tcg_cpu_reset_user(&x86t_env);
    memcpy(x86t_env.regs, in->r, sizeof(in->r));
    x86_cpu_set_eflags(&x86t_env, in->rflags);
    x86t_env.rip = (uint64_t)(uintptr_t)code;
    x86t_env.fs_base = host_fs_base;
    excp = tcg_cpu_exec(&x86t_cpu);
    memcpy(out->r, x86t_env.regs, sizeof(out->r));
    out->rflags = x86_cpu_get_eflags(&x86t_env);
    out->rip = x86t_env.rip;
    out->sig = sig_of_excp(excp);
    return excp;
}

/* ---- comparing ---- */

static void fill_mem(void)
{
    for (unsigned i = 0; i < sizeof(x86t_mem); i++) {
        x86t_mem[i] = (uint8_t)(i * 37 + 11);
    }
    for (unsigned i = 0; i < sizeof(test_stack); i++) {
        test_stack[i] = (uint8_t)(i * 13 + 5);
    }
}

static void base_regs(X86TRegs *in)
{
    memset(in, 0, sizeof(*in));
    for (int i = 0; i < 16; i++) {
        in->r[i] = 0x0101010101010101ull * (uint64_t)(i + 1) ^
                   0x8040201008040201ull;
    }
    in->r[R_EBX] = (uint64_t)(uintptr_t)(x86t_mem + 256);
    in->r[R_ESP] = (uint64_t)(uintptr_t)(test_stack + 2048);
    in->rflags = 0x202;
}

static unsigned cases_run, failures, snippet_failures;

static void report(const X86TSnippet *sn, const X86TRegs *in,
                   const X86TRegs *n, const X86TRegs *t, const char *what)
{
    failures++;
    if (snippet_failures++ >= 2) {
        return;
    }
    print_message("%s: %s differs; in rdi=%#llx rsi=%#llx rcx=%#llx rax=%#llx"
                  " rdx=%#llx fl=%#llx\n", sn->name, what,
                  (unsigned long long)in->r[R_EDI],
                  (unsigned long long)in->r[R_ESI],
                  (unsigned long long)in->r[R_ECX],
                  (unsigned long long)in->r[R_EAX],
                  (unsigned long long)in->r[R_EDX],
                  (unsigned long long)in->rflags);
    for (int i = 0; i < 16; i++) {
        if (n->r[i] != t->r[i]) {
            print_message("  r%d native %#llx tcg %#llx\n", i,
                          (unsigned long long)n->r[i],
                          (unsigned long long)t->r[i]);
        }
    }
    print_message("  flags native %#llx tcg %#llx; rip native %#llx tcg %#llx;"
                  " sig %d/%d\n",
                  (unsigned long long)n->rflags, (unsigned long long)t->rflags,
                  (unsigned long long)n->rip, (unsigned long long)t->rip,
                  n->sig, t->sig);
}

static void check_case(const X86TSnippet *sn, const X86TRegs *in,
                       uint32_t mask)
{
    static uint8_t mem_n[sizeof(x86t_mem)], stack_n[sizeof(test_stack)];
    X86TRegs n, t;

    fill_mem();
    run_native(in, sn->code, &n);
    memcpy(mem_n, x86t_mem, sizeof(mem_n));
    memcpy(stack_n, test_stack, sizeof(stack_n));
    fill_mem();
    run_tcg(in, sn->code, &t);
    cases_run++;
    if (memcmp(n.r, t.r, sizeof(n.r))) {
        report(sn, in, &n, &t, "registers");
    } else if (n.rip != t.rip || n.sig != t.sig) {
        report(sn, in, &n, &t, "end (rip or exception)");
    } else if ((n.rflags ^ t.rflags) & mask) {
        report(sn, in, &n, &t, "flags");
    } else if (memcmp(mem_n, x86t_mem, sizeof(mem_n))) {
        report(sn, in, &n, &t, "memory");
    } else if (memcmp(stack_n, test_stack, sizeof(stack_n))) {
        report(sn, in, &n, &t, "stack");
    }
}

/* Flags a shift by count leaves defined. */
static uint32_t shift_mask(const X86TSnippet *sn, uint64_t count)
{
    uint32_t mask = sn->mask;
    unsigned mc = count & (sn->width == 64 ? 63 : 31);

    if (mc != 1) {
        mask &= ~(uint32_t)X86_EFLAGS_OF;
    }
    if ((sn->name[0] == 's') && mc >= sn->width) {
        mask &= ~(uint32_t)X86_EFLAGS_CF;    /* SHL/SHR/SAR/SHLD/SHRD */
    }
    return mask;
}

static void run_snippet(const X86TSnippet *sn)
{
    X86TRegs in;

    current_snippet = sn;
    base_regs(&in);
    snippet_failures = 0;
    switch (sn->kind) {
    case K_BIN:
        for (unsigned a = 0; a < NVALS; a++) {
            for (unsigned b = 0; b < NVALS; b++) {
                for (int cf = 0; cf < 2; cf++) {
                    in.r[R_EDI] = vals[a];
                    in.r[R_ESI] = vals[b];
                    in.rflags = 0x202 | (uint64_t)cf;
                    check_case(sn, &in, sn->mask);
                }
            }
        }
        break;
    case K_UN:
        for (unsigned a = 0; a < NVALS; a++) {
            for (int fl = 0; fl < 3; fl++) {
                in.r[R_EDI] = vals[a];
                in.r[R_ESI] = vals[(a + 5) % NVALS];
                in.r[R_EAX] = vals[(a + 11) % NVALS] ^ 0x5500;
                in.rflags = 0x202 | (fl == 1 ? 0xcd5 : fl == 2 ? 0x41 : 0);
                check_case(sn, &in, sn->mask);
            }
        }
        break;
    case K_SHIFT:
    case K_SHIFTD:
        for (unsigned a = 0; a < NVALS; a++) {
            for (unsigned c = 0; c < NCOUNTS; c++) {
                unsigned mc = counts[c] & (sn->width == 64 ? 63 : 31);

                if (sn->kind == K_SHIFTD && sn->width == 16 && mc > 16) {
                    continue;        /* undefined result */
                }
                for (int fl = 0; fl < 2; fl++) {
                    in.r[R_EDI] = vals[a];
                    in.r[R_ESI] = vals[(a * 7 + c) % NVALS];
                    in.r[R_ECX] = counts[c];
                    in.rflags = 0x202 | (fl ? 0x8d5 : 0);
                    check_case(sn, &in, shift_mask(sn, counts[c]));
                }
            }
        }
        break;
    case K_DIV:
        for (unsigned h = 0; h < sizeof(hi_vals) / sizeof(hi_vals[0]); h++) {
            for (unsigned a = 0; a < NVALS; a++) {
                for (unsigned b = 0; b < NVALS; b++) {
                    in.r[R_EDX] = hi_vals[h];
                    in.r[R_EAX] = vals[a];
                    in.r[R_ESI] = vals[b];
                    check_case(sn, &in, sn->mask);
                }
            }
        }
        break;
    }
}

static void test_snippets(void **state)
{
    unsigned n = 0;

    (void)state;
    install_handlers();
    failures = 0;
    cases_run = 0;
    for (const X86TSnippet *sn = __start_x86t_table; sn < __stop_x86t_table;
         sn++) {
        run_snippet(sn);
        n++;
    }
    print_message("%u snippets, %u cases, %u failures (%s back end)\n", n,
                  cases_run, failures,
                  tcg_backend_kind() == TCG_BACKEND_X86_64 ? "x86_64"
                                                           : "interp");
    assert_true(n > 100);
    assert_int_equal(failures, 0);
}

/* ---- what only TCG can answer ---- */

static void test_cpuid(void **state)
{
    X86TRegs in, out;

    (void)state;
    base_regs(&in);
    in.r[R_EAX] = 0;
    assert_int_equal(run_tcg(&in, x86t_cpuid, &out), X86_EXCP_UD);
    assert_int_equal(out.rip, (uint64_t)(uintptr_t)x86t_cpuid + 2);
    assert_int_equal(out.r[R_EAX], 0xd);
    assert_int_equal(out.r[R_EBX], 0x756e6547);
    in.r[R_EAX] = 1;
    run_tcg(&in, x86t_cpuid, &out);
    /* FPU TSC CX8 CMOV MMX FXSR SSE SSE2, nothing else (no APIC, no HTT) */
    assert_int_equal(out.r[R_EDX],
                     (1u << 0) | (1u << 4) | (1u << 8) | (1u << 15) |
                     (1u << 23) | (1u << 24) | (1u << 25) | (1u << 26));
    /* SSE3 PCLMUL SSSE3 CX16 SSE4.1 SSE4.2 MOVBE POPCNT AES XSAVE OSXSAVE
     * RDRAND; no AVX, no FMA, no F16C */
    assert_int_equal(out.r[R_ECX],
                     (1u << 0) | (1u << 1) | (1u << 9) | (1u << 13) |
                     (1u << 19) | (1u << 20) | (1u << 22) | (1u << 23) |
                     (1u << 25) | (1u << 26) | (1u << 27) | (1u << 30));
    in.r[R_EAX] = 7;
    in.r[R_ECX] = 0;
    run_tcg(&in, x86t_cpuid, &out);
    /* BMI1, BMI2, RDSEED, ADX, FCS/FDS deprecation (and FDP_EXCPTN_ONLY
     * as the host has it); no AVX2, no ERMS */
    assert_int_equal(out.r[R_EBX] & ~(1u << 6),
                     (1u << 3) | (1u << 8) | (1u << 13) | (1u << 18) |
                     (1u << 19));
    /* XSAVE: x87 and SSE components, 576 bytes, no XSAVEC */
    in.r[R_EAX] = 0xd;
    in.r[R_ECX] = 0;
    run_tcg(&in, x86t_cpuid, &out);
    assert_int_equal(out.r[R_EAX], 3);
    assert_int_equal(out.r[R_EBX], 576);
    in.r[R_ECX] = 1;
    run_tcg(&in, x86t_cpuid, &out);
    assert_int_equal(out.r[R_EAX], 0);
}

static void test_rdtsc_syscall_int3(void **state)
{
    X86TRegs in, out;
    uint64_t t1, t2;

    (void)state;
    base_regs(&in);
    run_tcg(&in, x86t_rdtsc, &out);
    assert_int_equal(out.r[R_EAX] >> 32, 0);
    t1 = out.r[R_EDX] << 32 | out.r[R_EAX];
    run_tcg(&in, x86t_rdtsc, &out);
    t2 = out.r[R_EDX] << 32 | out.r[R_EAX];
    assert_true(t2 > t1);

    in.rflags = 0x203;
    assert_int_equal(run_tcg(&in, x86t_syscall, &out), X86_EXCP_SYSCALL);
    assert_int_equal(out.rip, (uint64_t)(uintptr_t)x86t_syscall + 2);
    assert_int_equal(out.r[R_ECX], out.rip);
    assert_int_equal(out.r[11], 0x203);

    /* RDRAND/RDSEED: CF = 1, ZF = 0, random values (two 64-bit draws
     * equal by chance: 2^-64) */
    assert_int_equal(run_tcg(&in, x86t_rdrand, &out), X86_EXCP_UD);
    assert_int_equal(out.rflags & X86_EFLAGS_ARITH, X86_EFLAGS_CF);
    assert_true(out.r[R_EAX] != out.r[R_EDX]);
    assert_int_equal(out.r[R_ECX] >> 16, 0);       /* 16-bit form */

    assert_int_equal(run_tcg(&in, x86t_int3, &out), X86_EXCP_BP);
    assert_int_equal(out.rip, (uint64_t)(uintptr_t)x86t_int3 + 1);
}

static void test_undefined_and_limits(void **state)
{
    X86TRegs in, out;

    (void)state;
    base_regs(&in);
    /* AVX-512 (EVEX) is not implemented: #UD exactly at the VADDPS,
     * after the INC */
    assert_int_equal(run_tcg(&in, x86t_sse, &out), X86_EXCP_UD);
    assert_int_equal(out.rip, (uint64_t)(uintptr_t)x86t_sse + 3);
    assert_int_equal(out.r[R_EDI], in.r[R_EDI] + 1);
    /* 16 bytes: #GP; 15 bytes: fine */
    assert_int_equal(run_tcg(&in, x86t_toolong, &out), X86_EXCP_GP);
    assert_int_equal(out.rip, (uint64_t)(uintptr_t)x86t_toolong);
    assert_int_equal(run_tcg(&in, x86t_longok, &out), X86_EXCP_UD);
    assert_int_equal(out.rip, (uint64_t)(uintptr_t)x86t_longok + 15);
}

/* ---- instruction fetch across a page the guest may not execute ---- */

static uint8_t *fetch_pages;
static bool second_page_exec;

static int fetch_prot(uint64_t addr)
{
    uint64_t base = (uint64_t)(uintptr_t)fetch_pages;

    if (addr >= base && addr < base + 4096) {
        return PROT_READ | PROT_EXEC;
    }
    if (addr >= base + 4096 && addr < base + 8192) {
        return PROT_READ | (second_page_exec ? PROT_EXEC : 0);
    }
    return -1;
}

static void test_fetch_faults(void **state)
{
    static const uint8_t code[] = {
        0x48, 0xff, 0xc7,                           /* inc %rdi */
        0x48, 0xc7, 0xc0, 0x44, 0x33, 0x22, 0x11,   /* mov $0x11223344,%rax */
        0x0f, 0x0b,                                 /* ud2 */
    };
    uint64_t base, start;
    X86TRegs in, out;

    (void)state;
    fetch_pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(fetch_pages != MAP_FAILED);
    base = (uint64_t)(uintptr_t)fetch_pages;
    /* the MOV straddles the page boundary: 3 bytes before, 4 after */
    start = base + 4096 - 6;
    memcpy(fetch_pages + 4096 - 6, code, sizeof(code));
    base_regs(&in);
    guest_page_prot_hook = fetch_prot;

    second_page_exec = false;
    tb_flush_all();
    assert_int_equal(run_tcg(&in, (void *)(uintptr_t)start, &out),
                     X86_EXCP_PF);
    assert_int_equal(out.rip, start + 3);          /* at the MOV */
    assert_int_equal(out.r[R_EDI], in.r[R_EDI] + 1);
    assert_int_equal(out.r[R_EAX], in.r[R_EAX]);
    assert_int_equal(x86t_env.fault_addr, base + 4096);

    /* a TB starting on the non-executable page */
    assert_int_equal(run_tcg(&in, (void *)(uintptr_t)(start + 6), &out),
                     X86_EXCP_PF);
    assert_int_equal(out.rip, start + 6);
    assert_int_equal(x86t_env.fault_addr, start + 6);

    second_page_exec = true;
    tb_flush_all();
    assert_int_equal(run_tcg(&in, (void *)(uintptr_t)start, &out),
                     X86_EXCP_UD);
    assert_int_equal(out.rip, start + 10);
    assert_int_equal(out.r[R_EAX], 0x11223344);

    guest_page_prot_hook = NULL;
    tb_flush_all();
    munmap(fetch_pages, 8192);
}

/* ---- guest memory faults: precise state, also between REP iterations */

static void test_memory_faults(void **state)
{
    uint8_t *pages;
    X86TRegs in, n, t;

    (void)state;
    install_handlers();
    pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(pages != MAP_FAILED);
    assert_int_equal(mprotect(pages + 4096, 4096, PROT_NONE), 0);
    memset(pages, 0x5a, 4096);

    for (int k = 0; k < 2; k++) {
        const uint8_t *code = k ? x86t_load_fault : x86t_rep_fault;

        base_regs(&in);
        in.r[R_ESI] = (uint64_t)(uintptr_t)(pages + 4096 - 10);
        in.r[R_EDI] = (uint64_t)(uintptr_t)(x86t_mem + 16);
        in.r[R_ECX] = 100;
        in.r[R_EDX] = (uint64_t)(uintptr_t)(pages + 4096 + 64);
        in.rflags = 0x203;
        fill_mem();
        run_native(&in, code, &n);
        fill_mem();
        run_tcg(&in, code, &t);
        assert_int_equal(n.sig, SIGSEGV);
        assert_int_equal(t.sig, SIGSEGV);
        assert_int_equal(t.rip, n.rip);
        assert_memory_equal(t.r, n.r, sizeof(n.r));
        assert_int_equal(t.rflags & 0xcd5, n.rflags & 0xcd5);
        if (k == 0) {
            /* ten bytes copied, the eleventh faulted */
            assert_int_equal(t.r[R_ECX], 90);
            assert_int_equal(x86t_env.fault_addr,
                             (uint64_t)(uintptr_t)(pages + 4096));
        }
    }
    munmap(pages, 8192);
}

/* ---- LOCK across threads: each thread its own vCPU, same counters ---- */

#define LOCK_THREADS 4
#define LOCK_ITERS 20000

static uint64_t lock_counters[8] __attribute__((aligned(64)));

static void *lock_thread(void *arg)
{
    CPU *cpu = arg;
    X86CPUState *env = cpu->arch;
    int excp;

    x86_tcg_cpu_reset_user(env);
    env->regs[R_EBX] = (uint64_t)(uintptr_t)lock_counters;
    env->regs[R_ESI] = 1;
    env->regs[R_ECX] = LOCK_ITERS;
    env->rip = (uint64_t)(uintptr_t)x86t_lock_loop;
    do {
        excp = tcg_cpu_exec(cpu);
    } while (excp == EXCP_INTERRUPT);
    return (void *)(intptr_t)(excp == X86_EXCP_UD && env->regs[R_ECX] == 0);
}

static void test_lock_threads(void **state)
{
    static CPU cpus[LOCK_THREADS];
    static X86CPUState envs[LOCK_THREADS];
    static bool ready[LOCK_THREADS];
    pthread_t th[LOCK_THREADS];
    const uint64_t n = (uint64_t)LOCK_THREADS * LOCK_ITERS;

    (void)state;
    memset(lock_counters, 0, sizeof(lock_counters));
    for (int i = 0; i < LOCK_THREADS; i++) {
        if (!ready[i]) {
            cpus[i].index = i + 1;
            cpus[i].arch = &envs[i];
            assert_int_equal(tcg_cpu_init(&cpus[i], &x86_64_tcg_ops), 0);
            ready[i] = true;
        }
        assert_int_equal(pthread_create(&th[i], NULL, lock_thread, &cpus[i]),
                         0);
    }
    for (int i = 0; i < LOCK_THREADS; i++) {
        void *ok;

        pthread_join(th[i], &ok);
        assert_true(ok != NULL);
    }
    assert_int_equal(lock_counters[0], n);
    assert_int_equal(lock_counters[1], 2 * n);
    assert_int_equal(lock_counters[2], n);
    assert_int_equal(lock_counters[3], 3 * n);
    assert_int_equal(lock_counters[4], 0);
}

/* Snippets that use FS see the host's FS base, as natively. */
static void read_host_fs_base(void)
{
    syscall(SYS_arch_prctl, ARCH_GET_FS, &host_fs_base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snippets),
        cmocka_unit_test(test_cpuid),
        cmocka_unit_test(test_rdtsc_syscall_int3),
        cmocka_unit_test(test_undefined_and_limits),
        cmocka_unit_test(test_lock_threads),
        cmocka_unit_test(test_fetch_faults),
        cmocka_unit_test(test_memory_faults),
    };
    int r;

#ifndef __x86_64__
    printf("SKIPPED: the real CPU is the oracle and this host is not x86-64\n");
    return 0;
#endif
    r = x86_tcg_test_run_both("x86-insns", tests, &x86t_cpu, &x86t_env,
                              read_host_fs_base);
    return r;
}
