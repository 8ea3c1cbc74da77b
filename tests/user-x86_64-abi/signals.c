/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Signal frames: SIGUSR1 from kill() with the handler's arguments,
 * alignment, mask and frame contents checked and rt_sigreturn restoring
 * every register; SIGSEGV from a load of an unmapped page and a store
 * to a PROT_NONE page, with si_code/si_addr/trapno/cr2/err, resumed by
 * rewriting the saved rip; SIGUSR2 on an alternate stack (SA_ONSTACK).
 * With the argument "bad-mxcsr" the handler sets a reserved MXCSR bit in
 * the frame's FXSAVE image: rt_sigreturn then kills with SIGSEGV.
 */
#include "sys.h"

#define SIGUSR1 10
#define SIGUSR2 12
#define SIGSEGV 11
#define PROT_NONE 0
#define PROT_RW 3
#define MAP_PRIVATE_ANON 0x22

static volatile u64 entry_rsp;
static volatile int usr1_count;
static volatile long usr1_pid, usr1_code, usr1_signo;
static volatile u64 usr1_blocked, usr1_mask_in_frame, usr1_fpstate;
static volatile u32 usr1_mxcsr;
static volatile u64 usr1_rdx_is_uc, usr1_cs;
static int corrupt_mxcsr;

void usr1_entry(void);
void segv_entry(void);
__asm__(".text\n"
        "usr1_entry:\n"
        "    mov %rsp, entry_rsp(%rip)\n"
        "    jmp usr1_handler\n"
        "segv_entry:\n"
        "    jmp segv_handler\n");

__attribute__((used)) void usr1_handler(int sig, struct ksiginfo *info,
                                         struct kucontext *uc)
{
    u64 cur = 0;

    usr1_count++;
    usr1_signo = sig == info->si_signo ? sig : -1;
    usr1_code = info->si_code;
    usr1_pid = info->u.kill.pid;
    sys4(NR_rt_sigprocmask, 0 /* SIG_BLOCK */, 0, &cur, 8);
    usr1_blocked = cur;
    usr1_mask_in_frame = uc->sigmask;
    usr1_fpstate = uc->mc.fpstate;
    usr1_mxcsr = usr1_fpstate ? *(u32 *)(usr1_fpstate + 24) : 0;
    usr1_cs = uc->mc.cs;
    usr1_rdx_is_uc = 1;
    if (corrupt_mxcsr && usr1_fpstate) {
        *(u32 *)(usr1_fpstate + 24) |= 1u << 20;
    }
}

static char alt_stack[16384] __attribute__((aligned(16)));
static volatile u64 usr2_rsp, usr2_ss_sp, usr2_ss_size;
static volatile long usr2_ss_flags, usr2_onstack_flags;

void usr2_entry(void);
__asm__(".text\n"
        "usr2_entry:\n"
        "    mov %rsp, usr2_rsp(%rip)\n"
        "    jmp usr2_handler\n");

__attribute__((used)) void usr2_handler(int sig, struct ksiginfo *info,
                                         struct kucontext *uc)
{
    struct { u64 sp; int flags; int pad; u64 size; } cur;

    (void)sig;
    (void)info;
    usr2_ss_sp = (u64)uc->uc_stack.sp;
    usr2_ss_size = uc->uc_stack.size;
    usr2_ss_flags = uc->uc_stack.flags;
    sys2(NR_sigaltstack, 0, &cur);
    usr2_onstack_flags = cur.flags;
}

static volatile long segv_code, segv_trapno, segv_err;
static volatile u64 segv_addr, segv_cr2;
static volatile u64 segv_resume;

__attribute__((used)) void segv_handler(int sig, struct ksiginfo *info,
                                         struct kucontext *uc)
{
    (void)sig;
    segv_code = info->si_code;
    segv_addr = (u64)info->u.addr;
    segv_trapno = uc->mc.trapno;
    segv_cr2 = uc->mc.cr2;
    segv_err = uc->mc.err;
    uc->mc.rip = segv_resume;       /* skip the faulting access */
}

/* Load from addr; returns 1 if it faulted (the handler resumed at 1:). */
static int faulting_load(u64 addr)
{
    long faulted;

    __asm__ volatile("lea 1f(%%rip), %%rax\n"
                     "mov %%rax, segv_resume(%%rip)\n"
                     "xor %0, %0\n"
                     "mov (%1), %%rax\n"
                     "jmp 2f\n"
                     "1: mov $1, %0\n"
                     "2:\n"
                     : "=&r"(faulted) : "r"(addr) : "rax", "memory");
    return (int)faulted;
}

static int faulting_store(u64 addr)
{
    long faulted;

    __asm__ volatile("lea 1f(%%rip), %%rax\n"
                     "mov %%rax, segv_resume(%%rip)\n"
                     "xor %0, %0\n"
                     "movl $5, (%1)\n"
                     "jmp 2f\n"
                     "1: mov $1, %0\n"
                     "2:\n"
                     : "=&r"(faulted) : "r"(addr) : "rax", "memory");
    return (int)faulted;
}

int test_main(long *sp)
{
    long pid = sys0(NR_getpid), r;
    u64 rbx_after, r12_after, r15_after;
    long page;

    corrupt_mxcsr = sp[0] > 1;
    r = set_handler(SIGUSR1, usr1_entry, 0);
    check("sigaction SIGUSR1", r == 0, r);

    /* kill ourselves with callee-saved registers holding markers */
    __asm__ volatile("mov $0x1111, %%rbx\n"
                     "mov $0x1212, %%r12\n"
                     "mov $0x1515, %%r15\n"
                     "mov $62, %%eax\n"
                     "syscall\n"
                     "mov %%rbx, %0\n"
                     "mov %%r12, %1\n"
                     "mov %%r15, %2\n"
                     : "=r"(rbx_after), "=r"(r12_after), "=r"(r15_after)
                     : "D"(pid), "S"(SIGUSR1)
                     : "rax", "rbx", "r12", "r15", "rcx", "r11", "memory");
    check("handler ran once", usr1_count == 1, usr1_count);
    check("rdi = signal = si_signo", usr1_signo == SIGUSR1, usr1_signo);
    check("si_code SI_USER", usr1_code == 0, usr1_code);
    check("si_pid", usr1_pid == pid, usr1_pid);
    check("rsp at entry is 16n+8", (entry_rsp & 15) == 8, entry_rsp & 15);
    check("SIGUSR1 blocked in handler",
          (usr1_blocked >> (SIGUSR1 - 1)) & 1, (long)usr1_blocked);
    check("frame mask is the old mask",
          !((usr1_mask_in_frame >> (SIGUSR1 - 1)) & 1),
          (long)usr1_mask_in_frame);
    check("fpstate 64-byte aligned", usr1_fpstate && !(usr1_fpstate & 63),
          (long)(usr1_fpstate & 63));
    check("fpstate mxcsr", usr1_mxcsr == 0x1f80, usr1_mxcsr);
    check("sigcontext cs", usr1_cs == 0x33, (long)usr1_cs);
    check("rbx/r12/r15 restored", rbx_after == 0x1111 && r12_after == 0x1212
          && r15_after == 0x1515, (long)rbx_after);

    r = set_handler(SIGSEGV, segv_entry, SA_NODEFER);
    check("sigaction SIGSEGV", r == 0, r);
    page = sys6(NR_mmap, 0, 8192, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    check("mmap", page > 0, page);
    sys2(NR_munmap, page, 4096);
    sys3(NR_mprotect, page + 4096, 4096, PROT_NONE);

    check("load of an unmapped page faults", faulting_load(page + 8), 0);
    check("MAPERR", segv_code == 1, segv_code);
    check("si_addr", segv_addr == (u64)page + 8, (long)segv_addr);
    check("trapno 14", segv_trapno == 14, segv_trapno);
    check("cr2", segv_cr2 == (u64)page + 8, (long)segv_cr2);
    check("err: user read", (segv_err & 6) == 4, segv_err);

    check("store to a PROT_NONE page faults", faulting_store(page + 4100), 0);
    check("ACCERR", segv_code == 2, segv_code);
    check("si_addr", segv_addr == (u64)page + 4100, (long)segv_addr);
    check("err: user write", (segv_err & 6) == 6, segv_err);

    {
        struct { u64 sp; int flags; int pad; u64 size; } ss = {
            (u64)alt_stack, 0, 0, sizeof(alt_stack) };

        r = sys2(NR_sigaltstack, &ss, 0);
        check("sigaltstack", r == 0, r);
        set_handler(SIGUSR2, usr2_entry, SA_ONSTACK);
        sys2(NR_kill, pid, SIGUSR2);
        check("SA_ONSTACK: handler on the alternate stack",
              usr2_rsp > (u64)alt_stack &&
              usr2_rsp < (u64)alt_stack + sizeof(alt_stack), 0);
        check("uc_stack saved", usr2_ss_sp == (u64)alt_stack &&
              usr2_ss_size == sizeof(alt_stack) && usr2_ss_flags == 0,
              usr2_ss_flags);
        check("SS_ONSTACK inside the handler", usr2_onstack_flags == 1,
              usr2_onstack_flags);
    }
    put(failures ? "signals: FAILED\n" : "signals: all ok\n");
    return failures;
}
