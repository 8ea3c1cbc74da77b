/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Catching the signals instructions raise (run_trapping, used by every
 * group) and the `faults` group: #UD, #GP, #BP, #DE and page faults,
 * printed as the signal, si_code, si_addr relative to a known buffer,
 * the faulting RIP relative to the function holding the instruction, and
 * the registers and flags at the fault (which must be precise).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "x86-insns.h"

static sigjmp_buf trap_env;
static volatile int trap_sig, trap_code;
static volatile uint64_t trap_rip, trap_addr;
static volatile uint64_t trap_regs[6], trap_flags;
static volatile int trap_resume;        /* skip the instruction and return */
static volatile unsigned trap_skip;
static volatile int trap_fpu_probe;     /* read and change the FPU context */
static struct {
    uint16_t cwd, swd, ftw;
    uint32_t mxcsr;
    uint8_t st0[10];
    uint32_t xmm0[4], xmm15[4];
} trap_fpu;

static void trap_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *r = uc->uc_mcontext.gregs;

    trap_sig = sig;
    trap_code = si->si_code;
    trap_addr = (uint64_t)(uintptr_t)si->si_addr;
    trap_rip = r[REG_RIP];
    trap_regs[0] = r[REG_RAX];
    trap_regs[1] = r[REG_RBX];
    trap_regs[2] = r[REG_RCX];
    trap_regs[3] = r[REG_RDX];
    trap_regs[4] = r[REG_RSI];
    trap_regs[5] = r[REG_RDI];
    trap_flags = r[REG_EFL];
    if (trap_fpu_probe && uc->uc_mcontext.fpregs) {
        struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
        trap_fpu.cwd = fp->cwd;
        trap_fpu.swd = fp->swd;
        trap_fpu.ftw = fp->ftw;
        trap_fpu.mxcsr = fp->mxcsr;
        memcpy(trap_fpu.st0, &fp->_st[0], 10);
        memcpy(trap_fpu.xmm0, &fp->_xmm[0], 16);
        memcpy(trap_fpu.xmm15, &fp->_xmm[15], 16);
        /* sigreturn must restore what the handler writes */
        fp->_xmm[0].element[0] = 0x600d600d;
        fp->_xmm[15].element[3] = 0xfeedf00d;
        fp->mxcsr = 0x3f80;
        fp->_st[0].exponent = 0x4001;   /* pi becomes 2 pi */
    }
    if (trap_resume) {
        /* return through sigreturn with a changed context */
        r[REG_RIP] += trap_skip;
        r[REG_RAX] = 0x600d;
        return;
    }
    siglongjmp(trap_env, 1);
}

static void trap_install(void)
{
    static int done;
    static const int sigs[] = { SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGTRAP };
    struct sigaction sa;

    if (done) {
        return;
    }
    /* an alternate stack: some cases fault on the stack pointer */
    static uint8_t alt_stack[64 * 1024] __attribute__((aligned(16)));
    stack_t ss = { .ss_sp = alt_stack, .ss_size = sizeof(alt_stack) };
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = trap_handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
    done = 1;
}

int run_trapping(void (*fn)(void *), void *arg, int *code, uint64_t *rip,
                 uint64_t *addr)
{
    trap_install();
    trap_sig = 0;
    if (sigsetjmp(trap_env, 1)) {
        *code = trap_code;
        *rip = trap_rip;
        *addr = trap_addr;
        return trap_sig;
    }
    fn(arg);
    return 0;
}

/* ---- the faults group ---------------------------------------------------- */

GPR_INSN(f_ud2, "mov $1, %k[a]\n\tud2\n\tmov $2, %k[a]")
GPR_INSN(f_lock_nop, "mov $1, %k[a]\n\t.byte 0xf0, 0x90")
GPR_INSN(f_lock_reg, "mov $1, %k[a]\n\t.byte 0xf0, 0x01, 0xc3")
GPR_INSN(f_into, "mov $1, %k[a]\n\t.byte 0xce")
GPR_INSN(f_push_es, "mov $1, %k[a]\n\t.byte 0x06")
GPR_INSN(f_hlt, "mov $1, %k[a]\n\thlt")
GPR_INSN(f_cli, "mov $1, %k[a]\n\tcli")
GPR_INSN(f_mov_cr0, "mov $1, %k[a]\n\tmov %%cr0, %q[a]")
GPR_INSN(f_out, "mov $1, %k[a]\n\tmov $0x80, %%dx\n\toutb %%al, %%dx")
GPR_INSN(f_int3, "mov $1, %k[a]\n\tint3\n\tmov $2, %k[a]")
GPR_INSN(f_div0, "mov $7, %k[a]\n\txor %k[d], %k[d]\n\tdivl %k[b]")
GPR_INSN(f_idiv_ovf, "mov $0x80000000, %k[a]\n\tcltd\n\tmov $-1, %k[b]\n\t"
         "idivl %k[b]")
/* flags and registers written just before the fault must be in the
 * signal context */
GPR_INSN(f_load, "add $5, %q[b]\n\tcmp %q[b], %q[c]\n\tmov (%[si]), %q[a]")
GPR_INSN(f_store, "sub $5, %q[b]\n\ttest %q[b], %q[b]\n\tmovl %k[c], (%[si])")
GPR_INSN(f_rmw, "neg %q[b]\n\taddl %k[c], (%[si])")
GPR_INSN(f_push_pop, "mov %%rsp, %%r8\n\tmov %[si], %%rsp\n\tpush %q[c]\n\t"
         "mov %%r8, %%rsp")
GPR_INSN(f_string, "rep movsb")
GPR_INSN(f_call, "call *%[si]")
GPR_INSN(f_noncanon, "mov $0x8000000000001000, %q[a]\n\tmov (%q[a]), %q[b]")
GPR_INSN(f_movaps, "movaps (%[si]), %%xmm0")
GPR_INSN(f_cmpxchg, "lock cmpxchgl %k[c], (%[si])")

static const char *sig_name(int sig)
{
    switch (sig) {
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGTRAP: return "SIGTRAP";
    case 0: return "none";
    default: return "SIG?";
    }
}

static GprFn fault_fn;

static void fault_trampoline(void *g)
{
    fault_fn(g);
}

static uint8_t *area;                  /* RW, NONE, RO, unmapped pages */
static long page;

static const char *where(uint64_t addr)
{
    uint64_t base = (uint64_t)(uintptr_t)area;
    if (addr >= base && addr < base + 4 * page) {
        return fmt("area+%#llx", (unsigned long long)(addr - base));
    }
    return fmt("%#llx", (unsigned long long)addr);
}

static void fault_case(const char *name, GprFn fn, struct gpr *g, int resume,
                       unsigned skip)
{
    int code, sig;
    uint64_t rip, addr;

    fault_fn = fn;
    trap_resume = resume;
    trap_skip = skip;
    sig = run_trapping(fault_trampoline, g, &code, &rip, &addr);
    trap_resume = 0;
    if (resume) {
        /* the handler returned: the function ran to its end */
        sig = trap_sig;
        code = trap_code;
        rip = trap_rip;
        addr = trap_addr;
    }
    if (!sig) {
        out("fault %s -> none rax=%016llx rbx=%016llx rcx=%016llx "
            "rdx=%016llx fl=%s", name, (unsigned long long)g->a,
            (unsigned long long)g->b, (unsigned long long)g->c,
            (unsigned long long)g->d, flags_str(g->fl, 0));
        return;
    }
    uint64_t base = (uint64_t)(uintptr_t)area;
    const char *at = rip >= base && rip < base + 4 * page ? where(rip)
        : fmt("fn+%#llx", (unsigned long long)(rip - (uint64_t)(uintptr_t)fn));
    out("fault %s%s -> %s code=%d addr=%s rip=%s rax=%016llx "
        "rbx=%016llx rcx=%016llx rdx=%016llx fl=%s%s",
        name, resume ? " (resumed)" : "", sig_name(sig), code,
        sig == SIGSEGV || sig == SIGBUS ? where(addr) : "-", at,
        (unsigned long long)trap_regs[0], (unsigned long long)trap_regs[1],
        (unsigned long long)trap_regs[2], (unsigned long long)trap_regs[3],
        flags_str(trap_flags, 0),
        resume ? fmt(" after: rax=%016llx", (unsigned long long)g->a) : "");
}

/* The FPU state in the signal frame: what the handler sees, and what
 * sigreturn restores after the handler changed it. */
struct fpu_probe {
    V128 x0, x15, x0_after, x15_after;
    uint32_t mxcsr, mxcsr_after;
    uint8_t st0_after[10];
};

static void __attribute__((noinline)) fpu_probe_run(void *arg)
{
    struct fpu_probe *s = arg;
    uint32_t def = 0x1f80;
    asm volatile("movdqu %[x0], %%xmm0\n\tmovdqu %[x15], %%xmm15\n\t"
                 "ldmxcsr %[mx]\n\tfninit\n\tfld1\n\tfldpi\n\tud2\n\t"
                 "movdqu %%xmm0, %[x0a]\n\tmovdqu %%xmm15, %[x15a]\n\t"
                 "stmxcsr %[mxa]\n\tfstpt %[st0a]\n\tfninit\n\t"
                 "ldmxcsr %[def]"
                 : [x0a] "=m"(s->x0_after), [x15a] "=m"(s->x15_after),
                   [mxa] "=m"(s->mxcsr_after), [st0a] "=m"(s->st0_after)
                 : [x0] "m"(s->x0), [x15] "m"(s->x15), [mx] "m"(s->mxcsr),
                   [def] "m"(def)
                 : "xmm0", "xmm15", "memory");
}

static void fpu_in_signal_frame(void)
{
    struct fpu_probe s;
    int code;
    uint64_t rip, addr;

    memset(&s, 0, sizeof(s));
    s.x0.q[0] = 0x0123456789abcdefull;
    s.x0.q[1] = 0xfedcba9876543210ull;
    s.x15.q[0] = 0x1111222233334444ull;
    s.x15.q[1] = 0x5555666677778888ull;
    s.mxcsr = 0x7f80 | 0x3;     /* RZ, IE and DE raised */
    memset(&trap_fpu, 0, sizeof(trap_fpu));
    trap_fpu_probe = 1;
    trap_resume = 1;
    trap_skip = 2;
    int sig = run_trapping(fpu_probe_run, &s, &code, &rip, &addr);
    trap_resume = 0;
    trap_fpu_probe = 0;
    out("fault fpu frame: sig=%d handler saw cwd=%04x swd=%04x ftw=%04x "
        "mxcsr=%08x st0=%04x_%016llx xmm0=%08x%08x%08x%08x "
        "xmm15=%08x%08x%08x%08x", sig ? sig : trap_sig, trap_fpu.cwd,
        trap_fpu.swd, trap_fpu.ftw, trap_fpu.mxcsr,
        trap_fpu.st0[9] << 8 | trap_fpu.st0[8],
        (unsigned long long)((uint64_t)trap_fpu.st0[7] << 56 |
                             (uint64_t)trap_fpu.st0[6] << 48 |
                             (uint64_t)trap_fpu.st0[5] << 40 |
                             (uint64_t)trap_fpu.st0[4] << 32 |
                             (uint64_t)trap_fpu.st0[3] << 24 |
                             (uint64_t)trap_fpu.st0[2] << 16 |
                             (uint64_t)trap_fpu.st0[1] << 8 | trap_fpu.st0[0]),
        trap_fpu.xmm0[3], trap_fpu.xmm0[2], trap_fpu.xmm0[1],
        trap_fpu.xmm0[0], trap_fpu.xmm15[3], trap_fpu.xmm15[2],
        trap_fpu.xmm15[1], trap_fpu.xmm15[0]);
    uint16_t se;
    uint64_t mant;
    memcpy(&mant, s.st0_after, 8);
    memcpy(&se, s.st0_after + 8, 2);
    out("fault fpu frame: after sigreturn xmm0=%s xmm15=%s mxcsr=%08x "
        "st0=%04x_%016llx", hex128(&s.x0_after), hex128(&s.x15_after),
        s.mxcsr_after, se, (unsigned long long)mant);
}

static struct gpr fresh(void)
{
    struct gpr g = { 0 };
    g.a = 0x1111111111111111ull;
    g.b = 0x2222222222222222ull;
    g.c = 0x3333333333333333ull;
    g.d = 0x4444444444444444ull;
    g.fl = F_BASE;
    return g;
}

void group_faults(void)
{
    static const struct {
        const char *name;
        GprFn fn;
        unsigned skip;              /* instruction length, for resuming */
    } simple[] = {
        { "ud2", f_ud2, 2 }, { "lock nop", f_lock_nop, 2 },
        { "lock add r,r", f_lock_reg, 3 }, { "into", f_into, 1 },
        { "push es", f_push_es, 1 }, { "hlt", f_hlt, 1 },
        { "cli", f_cli, 1 }, { "mov cr0", f_mov_cr0, 3 },
        { "out", f_out, 1 }, { "int3", f_int3, 0 },
        { "div 0", f_div0, 2 }, { "idiv overflow", f_idiv_ovf, 2 },
        { "non-canonical load", f_noncanon, 3 },
    };
    struct gpr g;

    page = sysconf(_SC_PAGESIZE);
    area = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        out("fault setup: mmap failed");
        return;
    }
    memset(area, 0x5a, 3 * page);
    mprotect(area + page, page, PROT_NONE);
    mprotect(area + 2 * page, page, PROT_READ);
    munmap(area + 3 * page, page);

    for (unsigned i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
        g = fresh();
        g.b = 0;
        fault_case(simple[i].name, simple[i].fn, &g, 0, 0);
        {
            g = fresh();
            g.b = 0;
            fault_case(simple[i].name, simple[i].fn, &g, 1, simple[i].skip);
        }
    }

    static const struct {
        const char *name;
        GprFn fn;
        long offset;                /* of si into the area */
    } mem[] = {
        { "load none", f_load, 1 }, { "load ro", f_load, 2 },
        { "load unmapped", f_load, 3 }, { "store none", f_store, 1 },
        { "store ro", f_store, 2 }, { "store unmapped", f_store, 3 },
        { "rmw ro", f_rmw, 2 }, { "rmw none", f_rmw, 1 },
        { "push to ro", f_push_pop, 2 },
        { "call into none", f_call, 1 }, { "call into ro", f_call, 2 },
        { "cmpxchg ro", f_cmpxchg, 2 },
    };
    for (unsigned i = 0; i < sizeof(mem) / sizeof(mem[0]); i++) {
        for (long delta = 0; delta < 2; delta++) {
            g = fresh();
            g.si = (uintptr_t)(area + mem[i].offset * page + delta * 0x123);
            if (mem[i].fn == f_push_pop) {
                g.si = (uintptr_t)(area + mem[i].offset * page + 0x100);
            }
            fault_case(fmt("%s +%#lx", mem[i].name, delta * 0x123), mem[i].fn,
                       &g, 0, 0);
        }
    }

    /* a load straddling into the PROT_NONE page faults at the page */
    g = fresh();
    g.si = (uintptr_t)(area + page - 4);
    fault_case("load straddling", f_load, &g, 0, 0);
    g = fresh();
    g.si = (uintptr_t)(area + page - 2);
    fault_case("store straddling", f_store, &g, 0, 0);
    out("fault store straddling wrote: %02x %02x %02x %02x", area[page - 4],
        area[page - 3], area[page - 2], area[page - 1]);

    /* REP MOVSB stops at the faulting byte with rcx/rsi/rdi counting what
     * was copied */
    g = fresh();
    g.si = (uintptr_t)area;
    g.di = (uintptr_t)(area + page - 0x40);
    g.c = 0x100;
    fault_case("rep movsb into none", f_string, &g, 0, 0);
    out("fault rep movsb state: rsi=%s rdi=%s", where(trap_regs[4]),
        where(trap_regs[5]));

    g = fresh();
    g.si = (uintptr_t)(area + 8);
    fault_case("movaps misaligned", f_movaps, &g, 0, 0);

    munmap(area, 3 * page);
    fpu_in_signal_frame();
}
