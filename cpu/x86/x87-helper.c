/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x87 instructions, run on the host's own x87 unit (helper-x87.h).
 *
 * For each guest instruction the helper builds the 108-byte FNSAVE image
 * of the guest's x87 state, and in one asm block: FRSTOR it, execute the
 * guest's instruction (same opcode and ModRM; a memory operand is
 * redirected to a host buffer through [rcx]), FNSAVE the result (which
 * also puts the host unit back to its initial, empty state) and reload
 * the host's control word. The guest's control word is in force during
 * the instruction, masks included, so rounding (RC), precision (PC),
 * C0-C3, C1 on stack faults, the masked responses (QNaN indefinite) and
 * the unmasked ones (no store, TOP unchanged, ES/B set) are exactly the
 * hardware's. A pending unmasked exception (ES) is never handed to the
 * host: a waiting instruction that finds it raises the guest's #MF
 * instead, before anything else.
 *
 * Guest memory is host memory at guest_base + addr (user mode, as for
 * op-helper.c's LOCK operations): a faulting access lands in the user
 * mode SIGSEGV handler, which raises #PF with the instruction's state.
 * Operands are read before, results written after, the host unit is
 * used, and env is changed only once the store has been done, so a fault
 * leaves both the host unit and the guest state as they were.
 */
#if !defined(__x86_64__)
#error "x87 emulation runs the host's x87 unit: a non-x86-64 host needs a softfloat path (floatx80), which is not written"
#endif

#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "accel/tcg/guest-mem.h"
#include "cpu/x86/cc.h"
#include "cpu/x86/fpu-state.h"
#include "cpu/x86/helper.h"
#include "cpu/x86/helper-x87.h"
#include "util/cutils.h"

enum { X87_IMAGE_SIZE = 108, X87_FOP_NONE = 0x7ff };

/* What a memory form does with its operand. */
enum {
    MEM_INVALID,
    MEM_LOAD,       /* read (FLD, arithmetic, FLDCW, FLDENV, FRSTOR) */
    MEM_STORE,      /* written unless an unmasked exception stops it */
    MEM_SAVE,       /* FNSTSW, FNSTCW, FNSTENV, FNSAVE: always written,
                     * no wait */
};

typedef struct X87MemForm {
    uint8_t len, kind;
} X87MemForm;

#define L(n) { n, MEM_LOAD }
#define S(n) { n, MEM_STORE }
#define V(n) { n, MEM_SAVE }
#define X { 0, MEM_INVALID }

/* by (opcode & 7) << 3 | reg */
static const X87MemForm mem_forms[64] = {
    /* D8: m32fp arithmetic */
    L(4), L(4), L(4), L(4), L(4), L(4), L(4), L(4),
    /* D9: FLD m32, -, FST, FSTP, FLDENV, FLDCW, FNSTENV, FNSTCW */
    L(4), X, S(4), S(4), L(28), L(2), V(28), V(2),
    /* DA: m32int arithmetic */
    L(4), L(4), L(4), L(4), L(4), L(4), L(4), L(4),
    /* DB: FILD m32, FISTTP, FIST, FISTP, -, FLD m80, -, FSTP m80 */
    L(4), S(4), S(4), S(4), X, L(10), X, S(10),
    /* DC: m64fp arithmetic */
    L(8), L(8), L(8), L(8), L(8), L(8), L(8), L(8),
    /* DD: FLD m64, FISTTP m64, FST, FSTP, FRSTOR, -, FNSAVE, FNSTSW */
    L(8), S(8), S(8), S(8), L(108), X, V(108), V(2),
    /* DE: m16int arithmetic */
    L(2), L(2), L(2), L(2), L(2), L(2), L(2), L(2),
    /* DF: FILD m16, FISTTP, FIST, FISTP, FBLD, FILD m64, FBSTP, FISTP m64 */
    L(2), S(2), S(2), S(2), L(10), L(8), S(10), S(8),
};

/* the 66-prefixed environment forms: FLDENV, FNSTENV, FRSTOR, FNSAVE */
static const X87MemForm env16_forms[4] = { L(14), V(14), L(94), V(94) };

#undef L
#undef S
#undef V
#undef X

/* Register forms that exist (bit i of row: ModRM C0 + i), by opcode & 7.
 * The undocumented aliases (FSTP1, FCOM2, FCOMP3, FXCH4, FCOMP5, FFREEP,
 * FXCH7, FSTP8, FSTP9) and the 8087 leftovers DB E0/E1/E4 (no-ops) are
 * there because hardware executes them. */
static bool reg_valid(int opcode, int modrm)
{
    int m = modrm & 0xff;

    switch (opcode & 7) {
    case 1:
        return m <= 0xd0 || (m >= 0xd8 && m <= 0xe1) || m == 0xe4 ||
               m == 0xe5 || (m >= 0xe8 && m <= 0xee) || m >= 0xf0;
    case 2:
        return m <= 0xdf || m == 0xe9;
    case 3:
        return m <= 0xe4 || (m >= 0xe8 && m <= 0xf7);
    case 5:
        return m <= 0xef;
    case 6:
        return m <= 0xd7 || m == 0xd9 || m >= 0xe0;
    case 7:
        return m <= 0xe0 || (m >= 0xe8 && m <= 0xf7);
    default:        /* D8, DC: every form */
        return m >= 0xc0;
    }
}

bool x87_reg_form_valid(int opcode, int modrm)
{
    return (modrm & 0xc0) == 0xc0 && reg_valid(opcode, modrm);
}

bool x87_mem_form_valid(int opcode, int reg)
{
    return mem_forms[(opcode & 7) << 3 | (reg & 7)].kind != MEM_INVALID;
}

static const X87MemForm *slot_mem_form(unsigned slot)
{
    if (slot >= X87_SLOT_ENV16) {
        return &env16_forms[slot - X87_SLOT_ENV16];
    }
    if (slot >= X87_SLOT_MEM) {
        return &mem_forms[slot - X87_SLOT_MEM];
    }
    return NULL;
}

/* The FN forms do not look at a pending exception: FNENI, FNDISI,
 * FNCLEX, FNINIT, FNSETPM (DB E0-E4), FNSTSW AX here, FNSTSW, FNSTCW,
 * FNSTENV, FNSAVE by their MEM_SAVE kind. Everything else waits, FLDCW,
 * FLDENV, FRSTOR and FNOP included. */
static bool slot_waits(unsigned slot, const X87MemForm *mf)
{
    if (mf) {
        return mf->kind != MEM_SAVE;
    }
    return !(slot >= x87_slot_reg(3, 0xe0) && slot <= x87_slot_reg(3, 0xe4)) &&
           slot != x87_slot_reg(7, 0xe0);
}

static bool slot_is_fcomi(unsigned slot)
{
    unsigned m = slot & 63, op = slot >> 6;

    return slot < X87_SLOT_MEM && (op == 3 || op == 7) && m >= 0x28 &&
           m <= 0x37;
}

/*
 * What a waiting instruction raises #MF for: an exception flag whose
 * mask bit is clear. Hardware goes by exactly that, not by the ES bit as
 * stored (FLDENV of flags with ES clear traps at the next instruction,
 * ES set with the flags masked does not).
 */
static bool pending_exception(const X86CPUState *env)
{
    return env->fpus & ~env->fpuc & 0x3f;
}

/*
 * env -> FNSAVE image (32-bit protected-mode layout). Tags: 11 empty, 00
 * otherwise (FRSTOR only tells empty from not). fop: the FOP to load.
 */
static void image_from_env(const X86CPUState *env, uint8_t *img,
                           uint16_t fop)
{
    uint16_t ftw = 0;

    memset(img, 0, X87_IMAGE_SIZE);
    for (int i = 0; i < 8; i++) {
        if (env->fptags[i]) {
            ftw |= (uint16_t)(3u << (2 * i));
        }
    }
    st16_le(img + 0, env->fpuc);
    st16_le(img + 4, x86_fpu_get_fsw(env));
    st16_le(img + 8, ftw);
    st32_le(img + 12, (uint32_t)env->fpip);
    st32_le(img + 16, (uint32_t)(fop & 0x7ff) << 16);
    st32_le(img + 20, (uint32_t)env->fpdp);
    for (int i = 0; i < 8; i++) {
        const X86FPReg *r = &env->fpregs[(env->fpstt + i) & 7];

        memcpy(img + 28 + 10 * i, &r->mant, 8);
        st16_le(img + 36 + 10 * i, r->exp);
    }
}

/* FNSAVE image -> env: control, status (with TOP), tags, registers. */
static void env_from_image(X86CPUState *env, const uint8_t *img)
{
    uint16_t ftw = ld16_le(img + 8);

    env->fpuc = ld16_le(img + 0);
    x86_fpu_set_fsw(env, ld16_le(img + 4));
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = ((ftw >> (2 * i)) & 3) == 3;
    }
    for (int i = 0; i < 8; i++) {
        X86FPReg *r = &env->fpregs[(env->fpstt + i) & 7];

        memcpy(&r->mant, img + 28 + 10 * i, 8);
        r->exp = ld16_le(img + 36 + 10 * i);
    }
}

/*
 * The host side. The table after label 1 has one 16-byte slot per
 * encoding: ENDBR64 (an indirect jump lands there: harmless without
 * CET, required with IBT), the x87 instruction, a jump to label 2.
 * Register forms
 * are D8+op, C0+m; memory forms use ModRM reg<<3 | 1, i.e. [rcx]; the
 * 66-prefixed environment forms come last. rflags are loaded first for
 * FCMOVcc and read back for FCOMI (the push/pop step over the red zone).
 * Returns rax (FNSTSW AX) and, through *table, the table address (the
 * FIP the host records names its slot).
 */
static uint64_t __attribute__((noinline))
host_run(uint8_t *img, unsigned slot, uint8_t *mem, uint64_t flags_in,
         uint64_t *flags_out, uintptr_t *table)
{
    uint64_t rax = 0, fl;
    uintptr_t tab;
    uint16_t hcw = 0;

    __asm__ volatile(
        "fnstcw %[hcw]\n\t"
        "fnclex\n\t"          /* FRSTOR waits: nothing may be pending */
        "lea -128(%%rsp), %%rsp\n\t"
        "push %[flin]\n\t"
        "popfq\n\t"
        "lea 128(%%rsp), %%rsp\n\t"
        "frstor %[img]\n\t"
        "lea 1f(%%rip), %[tab]\n\t"
        "lea (%[tab],%[slot],8), %%rdx\n\t"
        "lea (%%rdx,%[slot],8), %%rdx\n\t"
        "jmp *%%rdx\n\t"
        ".p2align 4\n"
        "1:\n\t"
        ".set x87_slot, 0\n\t"
        ".rept 512\n\t"
        ".p2align 4\n\t"
        ".byte 0xf3, 0x0f, 0x1e, 0xfa\n\t"          /* endbr64 */
        ".byte 0xd8 + (x87_slot >> 6), 0xc0 + (x87_slot & 63)\n\t"
        ".byte 0xe9\n\t"
        ".long 2f - . - 4\n\t"
        ".set x87_slot, x87_slot + 1\n\t"
        ".endr\n\t"
        ".set x87_slot, 0\n\t"
        ".rept 64\n\t"
        ".p2align 4\n\t"
        ".byte 0xf3, 0x0f, 0x1e, 0xfa\n\t"
        ".byte 0xd8 + (x87_slot >> 3), ((x87_slot & 7) << 3) | 1\n\t"
        ".byte 0xe9\n\t"
        ".long 2f - . - 4\n\t"
        ".set x87_slot, x87_slot + 1\n\t"
        ".endr\n\t"
        /* FLDENV, FNSTENV, FRSTOR, FNSAVE with 66: 16-bit layouts */
        ".irp op, 0xd921, 0xd931, 0xdd21, 0xdd31\n\t"
        ".p2align 4\n\t"
        ".byte 0xf3, 0x0f, 0x1e, 0xfa, 0x66\n\t"
        ".byte \\op >> 8, \\op & 0xff, 0xe9\n\t"
        ".long 2f - . - 4\n\t"
        ".endr\n"
        "2:\n\t"
        "lea -128(%%rsp), %%rsp\n\t"
        "pushfq\n\t"
        "pop %[flout]\n\t"
        "lea 128(%%rsp), %%rsp\n\t"
        "fnsave %[img]\n\t"
        "fldcw %[hcw]\n\t"
        : [img] "+m" (*(uint8_t (*)[X87_IMAGE_SIZE])img),
          [hcw] "+m" (hcw), [tab] "=&r" (tab), [flout] "=&r" (fl),
          "+a" (rax)
        : [slot] "r" ((uint64_t)slot), [flin] "r" (flags_in), "c" (mem)
        : "rdx", "cc", "memory", "st", "st(1)", "st(2)", "st(3)", "st(4)",
          "st(5)", "st(6)", "st(7)");
    *flags_out = fl;
    *table = tab;
    return rax;
}

static void *guest_ptr(uint64_t addr)
{
    return (void *)(uintptr_t)(guest_base + addr);
}

/* A pattern no store is taken for: what is still there was not written
 * (if an instruction stores exactly this, the exception flags decide). */
static void fill_unwritten(uint8_t *mem, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        mem[i] = (uint8_t)(0xa5 ^ (i * 29));
    }
}

static bool still_unwritten(const uint8_t *mem, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        if (mem[i] != (uint8_t)(0xa5 ^ (i * 29))) {
            return false;
        }
    }
    return true;
}

uint64_t helper_x86_x87(X86CPUState *env, uint32_t op, uint64_t pc,
                        uint64_t addr, uint64_t ea, uint64_t flags)
{
    unsigned slot = op & 0x3ff;
    uint16_t fop = (op >> 16) & 0x7ff;
    const X87MemForm *mf;
    uint8_t img[X87_IMAGE_SIZE], mem[X87_IMAGE_SIZE];
    uint64_t rax, flags_out;
    uintptr_t table;
    uint16_t cw_in = env->fpuc, fsw_out, fop_in;
    uint32_t fip_in = (uint32_t)env->fpip, fdp_in = (uint32_t)env->fpdp;
    uint32_t fip_out, fdp_out;
    unsigned len = 0;

    if (op & X87_OP_FWAIT) {
        if (pending_exception(env)) {
            helper_x86_raise_exception(env, X86_EXCP_MF);
        }
        return 0;
    }
    if (slot >= X87_NR_SLOTS) {
        helper_x86_raise_exception(env, X86_EXCP_UD);
    }
    mf = slot_mem_form(slot);
    if (slot_waits(slot, mf) && pending_exception(env)) {
        helper_x86_raise_exception(env, X86_EXCP_MF);
    }
    memset(mem, 0, sizeof(mem));
    if (mf) {
        len = mf->len;
        if (mf->kind == MEM_LOAD) {
            memcpy(mem, guest_ptr(addr), len);
        } else {
            fill_unwritten(mem, len);
        }
    }
    /* FNSTENV/FNSAVE store the guest's FOP; elsewhere a FOP no executed
     * instruction has shows whether the host recorded a new one */
    fop_in = (mf && mf->kind == MEM_SAVE) ? env->fpop : X87_FOP_NONE;
    image_from_env(env, img, fop_in);
    rax = host_run(img, slot, mem, (flags & X86_EFLAGS_ARITH) | 2,
                   &flags_out, &table);

    fsw_out = ld16_le(img + 4);
    if (mf && mf->kind != MEM_LOAD) {
        bool stored = mf->kind == MEM_SAVE || !still_unwritten(mem, len);

        if (!stored) {
            /* unmasked IE DE ZE OE UE suppress the store, PE does not
             * (none was set before: that would have been #MF) */
            stored = !(fsw_out & (uint16_t)~cw_in & 0x1f);
        }
        if (stored) {
            memcpy(guest_ptr(addr), mem, len);
        }
    }

    env_from_image(env, img);
    fip_out = ld32_le(img + 12);
    fdp_out = ld32_le(img + 20);
    if (fip_out == (uint32_t)(table + 16u * slot + 4)) {
        /* a non-control instruction: the pointers name the guest's */
        env->fpip = pc;
        if (((ld32_le(img + 16) >> 16) & 0x7ff) != X87_FOP_NONE) {
            env->fpop = fop;
        }
        if (fdp_out == (uint32_t)(uintptr_t)mem) {
            env->fpdp = ea;
        } else if (fdp_out != fdp_in) {
            env->fpdp = fdp_out;
        }
    } else if (fip_out != fip_in ||
               ((ld32_le(img + 16) >> 16) & 0x7ff) != fop_in ||
               fdp_out != fdp_in) {
        /* loaded (FLDENV, FRSTOR) or cleared (FNINIT, FNSAVE) */
        env->fpip = fip_out;
        env->fpdp = fdp_out;
        env->fpop = (ld32_le(img + 16) >> 16) & 0x7ff;
    }

    if (slot == x87_slot_reg(7, 0xe0)) {
        return rax & 0xffff;
    }
    if (slot_is_fcomi(slot)) {
        return flags_out & X86_EFLAGS_ARITH;
    }
    return 0;
}

#define T(slot, t) TCG_HELPER_TYPE(slot, TCG_HELPER_##t)
const TCGHelperInfo helper_info_x86_x87 = {
    .func = (void *)helper_x86_x87,
    .name = "x86_x87",
    .typemask = T(0, I64) | T(1, PTR) | T(2, I32) | T(3, I64) | T(4, I64) |
                T(5, I64) | T(6, I64),
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 6,
};
