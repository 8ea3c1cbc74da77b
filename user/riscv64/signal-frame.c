/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 rt_sigframe, laid out as Linux builds it (uapi
 * asm/sigcontext.h, asm/ptrace.h, asm/ucontext.h):
 *
 *   struct rt_sigframe { siginfo_t info; struct ucontext uc; }
 *   struct ucontext { uc_flags, uc_link, stack_t uc_stack,
 *                     sigset_t uc_sigmask, 120 bytes of room for a larger
 *                     sigset, struct sigcontext uc_mcontext (16-aligned) }
 *   struct sigcontext { user_regs_struct sc_regs (pc, x1..x31);
 *                       union __riscv_fp_state sc_fpregs }
 *
 * The FP union is sized by its Q variant (f[64] 16-aligned, fcsr,
 * reserved[3]: 528 bytes); we fill the D variant (f[32], fcsr) as a
 * kernel on an RV64GC machine does and leave the rest zero, which is
 * also the "end of extensions" header newer kernels put there.
 */
#include "user/signal-frame.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "target-cpu.h"
#include "user/guest-access.h"


struct target_sigcontext {
    uint64_t sc_regs[32];          /* [0] = pc, [i] = x[i] */
    union {
        struct {
            uint64_t f[32];
            uint32_t fcsr;
        } d;
        struct {
            uint64_t f[64] __attribute__((aligned(16)));
            uint32_t fcsr;
            uint32_t reserved[3];
        } q;
    } sc_fpregs;
};

struct target_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    TargetStack uc_stack;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    struct target_sigcontext uc_mcontext __attribute__((aligned(16)));
};

struct target_rt_sigframe {
    TargetSiginfo info;
    struct target_ucontext uc;
};

/* The sizes and offsets glibc's riscv64 ucontext_t has (checked against
 * the cross toolchain's headers when this was written). */
_Static_assert(sizeof(struct target_sigcontext) == 784, "sigcontext");
_Static_assert(offsetof(struct target_ucontext, uc_sigmask) == 40, "mask");
_Static_assert(offsetof(struct target_ucontext, uc_mcontext) == 176,
               "uc_mcontext");
_Static_assert(sizeof(struct target_ucontext) == 960, "ucontext");
_Static_assert(offsetof(struct target_rt_sigframe, uc) == 128, "uc");
_Static_assert(sizeof(struct target_rt_sigframe) == 1088, "rt_sigframe");

/* addi a7, zero, 139 (__NR_rt_sigreturn); ecall (little-endian words) */
const uint8_t target_sigreturn_code[] = {
    0x93, 0x08, 0xb0, 0x08,
    0x73, 0x00, 0x00, 0x00,
};
const unsigned target_sigreturn_code_size = sizeof(target_sigreturn_code);

uint64_t target_signal_frame_size(void)
{
    return sizeof(struct target_rt_sigframe);
}

int target_signal_frame_setup(CPUArchState *env, int sig,
                              const TargetSiginfo *info,
                              const struct target_sigaction *ka,
                              uint64_t tramp, uint64_t stack_top,
                              uint64_t mask, const TargetStack *altstack)
{
    struct target_rt_sigframe frame;
    struct target_sigcontext *sc = &frame.uc.uc_mcontext;
    uint64_t addr = (stack_top - sizeof(frame)) & ~(uint64_t)15;

    memset(&frame, 0, sizeof(frame));
    frame.info = *info;
    frame.uc.uc_stack = *altstack;
    frame.uc.uc_sigmask = mask;
    sc->sc_regs[0] = env->pc;
    for (int i = 1; i < 32; i++) {
        sc->sc_regs[i] = env->gpr[i];
    }
    memcpy(sc->sc_fpregs.d.f, env->fpr, sizeof(sc->sc_fpregs.d.f));
    sc->sc_fpregs.d.fcsr = (env->fflags & 0x1f) | ((env->frm & 7) << 5);
    if (user_copy_to_guest(addr, &frame, sizeof(frame)) < 0) {
        return -EFAULT;
    }
    env->gpr[TARGET_REG_SP] = addr;
    env->gpr[TARGET_REG_RA] = tramp;
    env->gpr[TARGET_REG_A0] = (uint64_t)sig;
    env->gpr[TARGET_REG_A0 + 1] =
        addr + offsetof(struct target_rt_sigframe, info);
    env->gpr[TARGET_REG_A0 + 2] =
        addr + offsetof(struct target_rt_sigframe, uc);
    env->pc = ka->handler;
    /* The kernel's trap return breaks any LR reservation. */
    env->load_res = (uint64_t)-1;
    return 0;
}

int target_signal_frame_restore(CPUArchState *env, uint64_t *mask,
                                TargetStack *altstack)
{
    struct target_ucontext uc;
    const struct target_sigcontext *sc = &uc.uc_mcontext;
    uint64_t addr = env->gpr[TARGET_REG_SP];

    if (user_copy_from_guest(&uc, addr +
                             offsetof(struct target_rt_sigframe, uc),
                             sizeof(uc)) < 0) {
        return -EFAULT;
    }
    env->pc = sc->sc_regs[0];
    env->gpr[0] = 0;
    for (int i = 1; i < 32; i++) {
        env->gpr[i] = sc->sc_regs[i];
    }
    memcpy(env->fpr, sc->sc_fpregs.d.f, sizeof(env->fpr));
    env->fflags = sc->sc_fpregs.d.fcsr & 0x1f;
    env->frm = (sc->sc_fpregs.d.fcsr >> 5) & 7;
    env->load_res = (uint64_t)-1;
    *mask = uc.uc_sigmask;
    *altstack = uc.uc_stack;
    return 0;
}
