/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 rt_sigframe, laid out as Linux builds it (uapi
 * asm/sigcontext.h and asm/ucontext.h; arch/x86/kernel/signal*.c for
 * the placement), from the top of the stack down:
 *
 *   128-byte red zone below the interrupted rsp (or the alternate
 *   stack's top), then the 512-byte FXSAVE image, 64-byte aligned, then
 *   struct rt_sigframe { pretcode (= sa_restorer); struct ucontext uc;
 *   siginfo_t info; } placed so that the handler's rsp (= &pretcode) is
 *   16-byte aligned minus 8, as right after a call.
 *
 *   struct ucontext { uc_flags, uc_link, stack_t uc_stack,
 *                     struct sigcontext uc_mcontext, sigset_t uc_sigmask }
 *   struct sigcontext { r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp,
 *                       rip, eflags, cs, gs, fs, ss (16 bits each), err,
 *                       trapno, oldmask, cr2, fpstate pointer,
 *                       reserved[8] }
 *
 * Only FXSAVE state is saved (no XSAVE header, uc_flags without
 * UC_FP_XSTATE), as on a CPU without XSAVE: our CPUID has no OSXSAVE.
 */
#include "user/signal-frame.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "cpu/x86/fpu-state.h"
#include "target-cpu.h"
#include "user/guest-access.h"
#include "user/x86_64/trap-info.h"

struct target_sigcontext {
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;
    uint64_t reserved1[8];
};

struct target_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    TargetStack uc_stack;
    struct target_sigcontext uc_mcontext;
    uint64_t uc_sigmask;
};

struct target_rt_sigframe {
    uint64_t pretcode;
    struct target_ucontext uc;
    TargetSiginfo info;
};

/* The sizes and offsets of glibc's x86-64 ucontext_t / mcontext_t. */
_Static_assert(sizeof(struct target_sigcontext) == 256, "sigcontext");
_Static_assert(offsetof(struct target_sigcontext, rip) == 128, "rip");
_Static_assert(offsetof(struct target_sigcontext, cs) == 144, "cs");
_Static_assert(offsetof(struct target_sigcontext, fpstate) == 184, "fpstate");
_Static_assert(offsetof(struct target_ucontext, uc_mcontext) == 40, "mctx");
_Static_assert(offsetof(struct target_ucontext, uc_sigmask) == 296, "mask");
_Static_assert(offsetof(struct target_rt_sigframe, info) == 312, "info");
_Static_assert(sizeof(struct target_rt_sigframe) == 440, "rt_sigframe");

enum {
    RED_ZONE = 128,
    UC_SIGCONTEXT_SS = 2,
    UC_STRICT_RESTORE_SS = 4,
    USER_CS = 0x33,
    USER_DS = 0x2b,
};

/* The eflags bits rt_sigreturn takes from the frame (Linux FIX_EFLAGS). */
#define SIGRETURN_EFLAGS                                                 \
    (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF |     \
     X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF |     \
     X86_EFLAGS_CF | (1u << 16) /* RF */)

uint64_t target_signal_frame_size(void)
{
    /* red zone, FXSAVE image and its alignment, frame and its alignment */
    return RED_ZONE + X86_FXSAVE_SIZE + 64 +
           sizeof(struct target_rt_sigframe) + 16;
}

int target_signal_frame_setup(CPUArchState *env, int sig,
                              const TargetSiginfo *info,
                              const struct target_sigaction *ka,
                              uint64_t tramp, uint64_t stack_top,
                              uint64_t mask, const TargetStack *altstack)
{
    struct target_rt_sigframe frame;
    struct target_sigcontext *sc = &frame.uc.uc_mcontext;
    uint8_t fx[X86_FXSAVE_SIZE];
    uint64_t sp = stack_top, fx_addr, addr;

    (void)tramp;
    /* x86-64 handlers return through sa_restorer only; Linux refuses
     * the frame (SIGSEGV) without one. */
    if (!(ka->flags & TARGET_SA_RESTORER)) {
        return -EFAULT;
    }
    if (sp == env->regs[R_ESP]) {
        sp -= RED_ZONE;     /* not on a fresh alternate stack */
    }
    fx_addr = (sp - X86_FXSAVE_SIZE) & ~(uint64_t)63;
    addr = ((fx_addr - sizeof(frame)) & ~(uint64_t)15) - 8;

    memset(&frame, 0, sizeof(frame));
    frame.pretcode = ka->restorer;
    frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
    frame.uc.uc_stack = *altstack;
    frame.uc.uc_sigmask = mask;
    frame.info = *info;
    sc->r8 = env->regs[R_R8];
    sc->r9 = env->regs[R_R9];
    sc->r10 = env->regs[R_R10];
    sc->r11 = env->regs[R_R11];
    sc->r12 = env->regs[R_R12];
    sc->r13 = env->regs[R_R13];
    sc->r14 = env->regs[R_R14];
    sc->r15 = env->regs[R_R15];
    sc->rdi = env->regs[R_EDI];
    sc->rsi = env->regs[R_ESI];
    sc->rbp = env->regs[R_EBP];
    sc->rbx = env->regs[R_EBX];
    sc->rdx = env->regs[R_EDX];
    sc->rax = env->regs[R_EAX];
    sc->rcx = env->regs[R_ECX];
    sc->rsp = env->regs[R_ESP];
    sc->rip = env->rip;
    sc->eflags = x86_cpu_get_eflags(env);
    sc->cs = USER_CS;
    sc->ss = USER_DS;
    /* fs and gs: 0 in 64-bit frames (the bases live in arch_prctl) */
    sc->err = x86_user_trap.err;
    sc->trapno = x86_user_trap.trapno;
    sc->oldmask = mask;
    sc->cr2 = x86_user_trap.cr2;
    sc->fpstate = fx_addr;

    x86_fxsave_to(env, fx);
    if (user_copy_to_guest(fx_addr, fx, sizeof(fx)) < 0 ||
        user_copy_to_guest(addr, &frame, sizeof(frame)) < 0) {
        return -EFAULT;
    }

    env->regs[R_EDI] = (uint64_t)sig;
    env->regs[R_ESI] = addr + offsetof(struct target_rt_sigframe, info);
    env->regs[R_EDX] = addr + offsetof(struct target_rt_sigframe, uc);
    env->regs[R_EAX] = 0;
    env->regs[R_ESP] = addr;
    env->rip = ka->handler;
    x86_cpu_set_eflags(env, sc->eflags & ~(uint64_t)(X86_EFLAGS_DF |
                                                     X86_EFLAGS_TF |
                                                     (1u << 16)));
    /* The handler starts with a fresh FPU/SSE state, as on Linux. */
    x86_fpu_reset(env);
    memset(env->xmm, 0, sizeof(env->xmm));
    return 0;
}

int target_signal_frame_restore(CPUArchState *env, uint64_t *mask,
                                TargetStack *altstack)
{
    /* The handler's ret popped pretcode: the frame starts 8 below rsp. */
    uint64_t addr = env->regs[R_ESP] - 8;
    struct target_rt_sigframe frame;
    const struct target_sigcontext *sc = &frame.uc.uc_mcontext;
    uint8_t fx[X86_FXSAVE_SIZE];
    uint64_t eflags;

    if (user_copy_from_guest(&frame, addr, sizeof(frame)) < 0) {
        return -EFAULT;
    }
    if (sc->fpstate) {
        if (user_copy_from_guest(fx, sc->fpstate, sizeof(fx)) < 0 ||
            x86_fxrstor_from(env, fx) < 0) {
            return -EFAULT;     /* unreadable, or reserved MXCSR bits */
        }
    } else {
        /* no FP state in the frame: Linux gives the init state */
        x86_fpu_reset(env);
        memset(env->xmm, 0, sizeof(env->xmm));
    }
    env->regs[R_R8] = sc->r8;
    env->regs[R_R9] = sc->r9;
    env->regs[R_R10] = sc->r10;
    env->regs[R_R11] = sc->r11;
    env->regs[R_R12] = sc->r12;
    env->regs[R_R13] = sc->r13;
    env->regs[R_R14] = sc->r14;
    env->regs[R_R15] = sc->r15;
    env->regs[R_EDI] = sc->rdi;
    env->regs[R_ESI] = sc->rsi;
    env->regs[R_EBP] = sc->rbp;
    env->regs[R_EBX] = sc->rbx;
    env->regs[R_EDX] = sc->rdx;
    env->regs[R_EAX] = sc->rax;
    env->regs[R_ECX] = sc->rcx;
    env->regs[R_ESP] = sc->rsp;
    env->rip = sc->rip;
    eflags = x86_cpu_get_eflags(env);
    x86_cpu_set_eflags(env, (eflags & ~(uint64_t)SIGRETURN_EFLAGS) |
                            (sc->eflags & SIGRETURN_EFLAGS));
    *mask = frame.uc.uc_sigmask;
    *altstack = frame.uc.uc_stack;
    return 0;
}
