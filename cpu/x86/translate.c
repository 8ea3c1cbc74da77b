/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86-64 front end: TCGTargetOps, the translation loop, prefix and
 * ModRM/SIB decoding, operand access and the lazy-flags plumbing the
 * instruction groups (trans-*.c) build on. 64-bit mode only for now
 * (docs/x86.md); the decoder keeps address and operand size separate so
 * 16/32-bit code segments can be added.
 *
 * A TB ends at a jump, at an instruction that must be followed by a fresh
 * lookup, after max_insns, or before an instruction that might cross the
 * end of the TB's first page (it then starts its own TB).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/tcg-log.h"
#include "cpu/x86/cpu.h"
#include "cpu/x86/fpu-state.h"
#include "cpu/x86/helper.h"
#include "cpu/x86/helper-sse-fp.h"
#include "cpu/x86/translate.h"

__thread TCGvI64 cpu_regs[16];
__thread TCGvI64 cpu_rip;
__thread TCGvI32 cpu_cc_op;
__thread TCGvI64 cpu_cc_dst, cpu_cc_src, cpu_cc_src2;
__thread TCGvI64 cpu_df;

static __thread sigjmp_buf *fetch_fail;

static const char *const x86_reg_names[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

void x86_init_globals(void)
{
    for (int i = 0; i < 16; i++) {
        cpu_regs[i] = tcg_global_mem_new_i64(offsetof(X86CPUState, regs[i]),
                                             x86_reg_names[i]);
    }
    cpu_rip = tcg_global_mem_new_i64(offsetof(X86CPUState, rip), "rip");
    cpu_cc_op = tcg_global_mem_new_i32(offsetof(X86CPUState, cc_op), "cc_op");
    cpu_cc_dst = tcg_global_mem_new_i64(offsetof(X86CPUState, cc_dst), "cc_dst");
    cpu_cc_src = tcg_global_mem_new_i64(offsetof(X86CPUState, cc_src), "cc_src");
    cpu_cc_src2 = tcg_global_mem_new_i64(offsetof(X86CPUState, cc_src2),
                                         "cc_src2");
    cpu_df = tcg_global_mem_new_i64(offsetof(X86CPUState, df), "df");
}

/* ---- instruction fetch ---- */

enum { FETCH_TOO_LONG = 1, FETCH_FAULT = 2 };

uint8_t x86_ldub_code(DisasContext *s)
{
    unsigned off = (unsigned)(s->pc_next - s->pc);

    if (off >= X86_MAX_INSN_LEN) {
        siglongjmp(*fetch_fail, FETCH_TOO_LONG);
    }
    if (off >= s->avail) {
        siglongjmp(*fetch_fail, FETCH_FAULT);
    }
    s->pc_next++;
    return s->bytes[off];
}

uint16_t x86_lduw_code(DisasContext *s)
{
    uint16_t v = x86_ldub_code(s);

    return v | (uint16_t)x86_ldub_code(s) << 8;
}

uint32_t x86_ldl_code(DisasContext *s)
{
    uint32_t v = x86_lduw_code(s);

    return v | (uint32_t)x86_lduw_code(s) << 16;
}

uint64_t x86_ldq_code(DisasContext *s)
{
    uint64_t v = x86_ldl_code(s);

    return v | (uint64_t)x86_ldl_code(s) << 32;
}

int64_t x86_imm(DisasContext *s, int ot)
{
    switch (ot) {
    case OT_B:
        return (int8_t)x86_ldub_code(s);
    case OT_W:
        return (int16_t)x86_lduw_code(s);
    default:
        return (int32_t)x86_ldl_code(s);
    }
}

int64_t x86_imm8s(DisasContext *s)
{
    return (int8_t)x86_ldub_code(s);
}

/* How many bytes of the insn at pc may be fetched: up to the page end,
 * and into the next page only if the guest may execute it. */
static unsigned x86_fetch_avail(uint64_t pc)
{
    uint64_t to_end = X86_PAGE_SIZE - (pc & (X86_PAGE_SIZE - 1));
    int (*prot_of)(uint64_t addr) = guest_page_prot_hook;

    if (to_end >= X86_MAX_INSN_LEN) {
        return X86_MAX_INSN_LEN;
    }
    if (prot_of) {
        int prot = prot_of(pc + to_end);

        if (prot < 0 || !(prot & PROT_EXEC)) {
            return (unsigned)to_end;
        }
    }
    return X86_MAX_INSN_LEN;
}

/* User mode: the first byte of a TB must be on an executable page. */
static void x86_check_fetch(CPU *cpu, uint64_t pc)
{
    int (*prot_of)(uint64_t addr) = guest_page_prot_hook;
    int prot;

    if (!prot_of) {
        return;
    }
    prot = prot_of(pc);
    if (prot < 0 || !(prot & PROT_EXEC)) {
        cpu->arch->fault_addr = pc;
        cpu->arch->error_code = 0x10 | 4;   /* fetch, user */
        tcg_raise_exception(cpu, X86_EXCP_PF, 0);
    }
}

/* ---- registers and operands ---- */

bool x86_byte_reg_is_high(DisasContext *s, int r)
{
    return !s->rex && r >= 4 && r < 8;
}

void x86_gen_ext(int ot, TCGvI64 v, bool sign)
{
    switch (ot) {
    case OT_B:
        sign ? tcg_gen_ext8s_i64(v, v) : tcg_gen_ext8u_i64(v, v);
        break;
    case OT_W:
        sign ? tcg_gen_ext16s_i64(v, v) : tcg_gen_ext16u_i64(v, v);
        break;
    case OT_L:
        sign ? tcg_gen_ext32s_i64(v, v) : tcg_gen_ext32u_i64(v, v);
        break;
    default:
        break;
    }
}

void x86_gen_get_reg(DisasContext *s, int ot, TCGvI64 dst, int r)
{
    if (ot == OT_B && x86_byte_reg_is_high(s, r)) {
        tcg_gen_extract_i64(dst, cpu_regs[r - 4], 8, 8);
        return;
    }
    switch (ot) {
    case OT_B:
        tcg_gen_ext8u_i64(dst, cpu_regs[r]);
        break;
    case OT_W:
        tcg_gen_ext16u_i64(dst, cpu_regs[r]);
        break;
    case OT_L:
        tcg_gen_ext32u_i64(dst, cpu_regs[r]);
        break;
    default:
        tcg_gen_mov_i64(dst, cpu_regs[r]);
        break;
    }
}

void x86_gen_set_reg(DisasContext *s, int ot, int r, TCGvI64 v)
{
    if (ot == OT_B && x86_byte_reg_is_high(s, r)) {
        tcg_gen_deposit_i64(cpu_regs[r - 4], cpu_regs[r - 4], v, 8, 8);
        return;
    }
    switch (ot) {
    case OT_B:
        tcg_gen_deposit_i64(cpu_regs[r], cpu_regs[r], v, 0, 8);
        break;
    case OT_W:
        tcg_gen_deposit_i64(cpu_regs[r], cpu_regs[r], v, 0, 16);
        break;
    case OT_L:
        tcg_gen_ext32u_i64(cpu_regs[r], v);
        break;
    default:
        tcg_gen_mov_i64(cpu_regs[r], v);
        break;
    }
}

void x86_gen_mask_addr(DisasContext *s, TCGvI64 v)
{
    if (s->aflag == OT_L) {
        tcg_gen_ext32u_i64(v, v);
    }
}

TCGvI64 x86_gen_lea_noseg(DisasContext *s)
{
    TCGvI64 a = tcg_temp_new_i64();
    const X86ModRM *m = &s->m;

    if (m->base == -2) {
        tcg_gen_movi_i64(a, (int64_t)(s->pc_next + (uint64_t)m->disp));
    } else {
        if (m->base >= 0) {
            tcg_gen_addi_i64(a, cpu_regs[m->base], m->disp);
        } else {
            tcg_gen_movi_i64(a, m->disp);
        }
        if (m->index >= 0) {
            TCGvI64 t = tcg_temp_new_i64();

            tcg_gen_shli_i64(t, cpu_regs[m->index], m->scale);
            tcg_gen_add_i64(a, a, t);
        }
    }
    x86_gen_mask_addr(s, a);
    return a;
}

TCGvI64 x86_gen_seg_addr(DisasContext *s, TCGvI64 addr, int def_seg)
{
    int seg = s->seg >= 0 ? s->seg : def_seg;

    if (seg == R_FS || seg == R_GS) {
        TCGvI64 base = tcg_temp_new_i64();
        TCGvI64 a = tcg_temp_new_i64();

        tcg_gen_ld_i64(base, tcg_ctx->env, seg == R_FS ?
                       offsetof(X86CPUState, fs_base) :
                       offsetof(X86CPUState, gs_base));
        tcg_gen_add_i64(a, addr, base);
        return a;
    }
    return addr;
}

TCGvI64 x86_gen_lea(DisasContext *s)
{
    return x86_gen_seg_addr(s, x86_gen_lea_noseg(s), R_DS);
}

void x86_gen_ld(DisasContext *s, int ot, TCGvI64 dst, TCGvI64 addr)
{
    (void)s;
    tcg_gen_guest_ld_i64(dst, addr, 0, (MemOp)ot);
}

void x86_gen_ld_sx(DisasContext *s, int ot, TCGvI64 dst, TCGvI64 addr)
{
    (void)s;
    tcg_gen_guest_ld_i64(dst, addr, 0, (MemOp)(ot | MO_SIGN));
}

void x86_gen_st(DisasContext *s, int ot, TCGvI64 v, TCGvI64 addr)
{
    (void)s;
    tcg_gen_guest_st_i64(v, addr, 0, (MemOp)ot);
}

void x86_gen_ld_rm(DisasContext *s, int ot, TCGvI64 dst, TCGvI64 *addr)
{
    if (s->m.mod == 3) {
        x86_gen_get_reg(s, ot, dst, s->m.rm);
        if (addr) {
            *addr = NULL;
        }
        return;
    }
    TCGvI64 a = x86_gen_lea(s);

    x86_gen_ld(s, ot, dst, a);
    if (addr) {
        *addr = a;
    }
}

void x86_gen_st_rm(DisasContext *s, int ot, TCGvI64 v, TCGvI64 addr)
{
    if (s->m.mod == 3) {
        x86_gen_set_reg(s, ot, s->m.rm, v);
    } else {
        x86_gen_st(s, ot, v, addr ? addr : x86_gen_lea(s));
    }
}

void x86_gen_push(DisasContext *s, int ot, TCGvI64 v)
{
    TCGvI64 sp = tcg_temp_new_i64();

    tcg_gen_subi_i64(sp, cpu_regs[R_ESP], 1 << ot);
    x86_gen_st(s, ot, v, sp);
    tcg_gen_mov_i64(cpu_regs[R_ESP], sp);
}

void x86_gen_pop_value(DisasContext *s, int ot, TCGvI64 dst)
{
    x86_gen_ld(s, ot, dst, cpu_regs[R_ESP]);
}

void x86_gen_pop_commit(DisasContext *s, int ot)
{
    (void)s;
    tcg_gen_addi_i64(cpu_regs[R_ESP], cpu_regs[R_ESP], 1 << ot);
}

/* ---- lazy flags ---- */

void x86_set_cc(DisasContext *s, X86CCOpKind op, int ot, TCGvI64 dst,
                TCGvI64 src, TCGvI64 src2)
{
    if (dst) {
        tcg_gen_mov_i64(cpu_cc_dst, dst);
    }
    if (src) {
        tcg_gen_mov_i64(cpu_cc_src, src);
    }
    if (src2) {
        tcg_gen_mov_i64(cpu_cc_src2, src2);
    }
    s->cc_op = CC_OP(op, ot);
    tcg_gen_movi_i32(cpu_cc_op, (int32_t)s->cc_op);
}

TCGvI64 x86_gen_compute_eflags(DisasContext *s)
{
    TCGvI64 f = tcg_temp_new_i64();

    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_mov_i64(f, cpu_cc_src);
    } else {
        x86_gen_call(&helper_info_x86_cc_compute_all, f, "lqqq", cpu_cc_op,
                     cpu_cc_dst, cpu_cc_src, cpu_cc_src2);
    }
    return f;
}

/* v at the size of the known cc_op, zero- or sign-extended, new temp. */
static TCGvI64 cc_ext(DisasContext *s, TCGvI64 v, bool sign)
{
    TCGvI64 t = tcg_temp_new_i64();

    tcg_gen_mov_i64(t, v);
    x86_gen_ext(CC_OP_SIZE(s->cc_op), t, sign);
    return t;
}

TCGvI64 x86_gen_compute_cf(DisasContext *s)
{
    TCGvI64 r = tcg_temp_new_i64();

    if (s->cc_op != CC_OP_DYNAMIC) {
        switch (CC_OP_KIND(s->cc_op)) {
        case CC_K_ADD:
            tcg_gen_setcond_i64(TCG_COND_LTU, r, cc_ext(s, cpu_cc_dst, false),
                                cc_ext(s, cpu_cc_src, false));
            return r;
        case CC_K_SUB: {
            TCGvI64 src1 = tcg_temp_new_i64();

            tcg_gen_add_i64(src1, cpu_cc_dst, cpu_cc_src);
            tcg_gen_setcond_i64(TCG_COND_LTU, r, cc_ext(s, src1, false),
                                cc_ext(s, cpu_cc_src, false));
            return r;
        }
        case CC_K_LOGIC:
            tcg_gen_movi_i64(r, 0);
            return r;
        case CC_K_EFLAGS:
            tcg_gen_andi_i64(r, cpu_cc_src, 1);
            return r;
        default:
            break;
        }
    }
    tcg_gen_andi_i64(r, x86_gen_compute_eflags(s), 1);
    return r;
}

/* Conditions 0-15 straight from the operands of a known SUB (CMP). */
static bool cond_from_sub(DisasContext *s, int base, TCGvI64 r)
{
    TCGvI64 src1 = tcg_temp_new_i64();
    TCGCond c;
    bool sign;

    switch (base) {
    case 1: c = TCG_COND_LTU; sign = false; break;
    case 2: c = TCG_COND_EQ; sign = false; break;
    case 3: c = TCG_COND_LEU; sign = false; break;
    case 6: c = TCG_COND_LT; sign = true; break;
    case 7: c = TCG_COND_LE; sign = true; break;
    default: return false;
    }
    tcg_gen_add_i64(src1, cpu_cc_dst, cpu_cc_src);
    tcg_gen_setcond_i64(c, r, cc_ext(s, src1, sign),
                        cc_ext(s, cpu_cc_src, sign));
    return true;
}

TCGvI64 x86_gen_cond(DisasContext *s, int cc)
{
    TCGvI64 r = tcg_temp_new_i64();
    int base = (cc >> 1) & 7;
    bool done = false;

    if (s->cc_op != CC_OP_DYNAMIC && CC_OP_KIND(s->cc_op) != CC_K_EFLAGS) {
        X86CCOpKind k = CC_OP_KIND(s->cc_op);

        if (k == CC_K_SUB) {
            done = cond_from_sub(s, base, r);
        } else if (k == CC_K_LOGIC) {
            switch (base) {
            case 0: case 1:             /* OF = CF = 0 */
                tcg_gen_movi_i64(r, 0);
                done = true;
                break;
            case 2: case 3:             /* ZF; BE = ZF */
                tcg_gen_setcondi_i64(TCG_COND_EQ, r,
                                     cc_ext(s, cpu_cc_dst, false), 0);
                done = true;
                break;
            case 4: case 6:             /* SF; L = SF */
                tcg_gen_setcondi_i64(TCG_COND_LT, r,
                                     cc_ext(s, cpu_cc_dst, true), 0);
                done = true;
                break;
            case 7:                     /* ZF | SF */
                tcg_gen_setcondi_i64(TCG_COND_LE, r,
                                     cc_ext(s, cpu_cc_dst, true), 0);
                done = true;
                break;
            default:
                break;
            }
        }
        if (!done && k != CC_K_MUL && (base == 2 || base == 4)) {
            /* ZF and SF come from the result for every other kind */
            if (base == 2) {
                tcg_gen_setcondi_i64(TCG_COND_EQ, r,
                                     cc_ext(s, cpu_cc_dst, false), 0);
            } else {
                tcg_gen_setcondi_i64(TCG_COND_LT, r,
                                     cc_ext(s, cpu_cc_dst, true), 0);
            }
            done = true;
        }
    }
    if (!done) {
        TCGvI64 f = x86_gen_compute_eflags(s);
        TCGvI64 t = tcg_temp_new_i64();

        switch (base) {
        case 0: tcg_gen_extract_i64(r, f, 11, 1); break;
        case 1: tcg_gen_andi_i64(r, f, 1); break;
        case 2: tcg_gen_extract_i64(r, f, 6, 1); break;
        case 3:
            tcg_gen_andi_i64(t, f, X86_EFLAGS_CF | X86_EFLAGS_ZF);
            tcg_gen_setcondi_i64(TCG_COND_NE, r, t, 0);
            break;
        case 4: tcg_gen_extract_i64(r, f, 7, 1); break;
        case 5: tcg_gen_extract_i64(r, f, 2, 1); break;
        case 6:
        case 7:
            tcg_gen_shri_i64(t, f, 4);          /* OF to bit 7 */
            tcg_gen_xor_i64(t, t, f);           /* bit 7: SF ^ OF */
            tcg_gen_extract_i64(r, t, 7, 1);
            if (base == 7) {
                tcg_gen_extract_i64(t, f, 6, 1);
                tcg_gen_or_i64(r, r, t);
            }
            break;
        }
    }
    if (cc & 1) {
        tcg_gen_xori_i64(r, r, 1);
    }
    return r;
}

/* ---- control flow ---- */

void x86_gen_call(const TCGHelperInfo *info, TCGvI64 ret, const char *sig,
                  ...)
{
    uintptr_t h[8];
    char kind[8];
    TCGTemp *args[8];
    unsigned n = 0;
    va_list ap;

    va_start(ap, sig);
    for (const char *p = sig; *p && n < 8; p++, n++) {
        kind[n] = *p;
        switch (*p) {
        case 'e': h[n] = (uintptr_t)tcg_ctx->env; break;
        case 'q': h[n] = (uintptr_t)va_arg(ap, TCGvI64); break;
        case 'l': h[n] = (uintptr_t)va_arg(ap, TCGvI32); break;
        case 'c':
            h[n] = (uintptr_t)tcg_constant_i32(va_arg(ap, int));
            kind[n] = 'l';
            break;
        default:
            h[n] = (uintptr_t)tcg_constant_i64(va_arg(ap, int64_t));
            kind[n] = 'q';
            break;
        }
    }
    va_end(ap);
    for (unsigned i = 0; i < n; i++) {
        args[i] = kind[i] == 'e' ? tcgv_ptr_temp((TCGvPtr)h[i]) :
                  kind[i] == 'l' ? tcgv_i32_temp((TCGvI32)h[i]) :
                                   tcgv_i64_temp((TCGvI64)h[i]);
    }
    tcg_gen_call(info, ret ? tcgv_i64_temp(ret) : NULL, args);
}

void x86_gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest)
{
    if (!(s->tb->cflags & CF_NO_CHAIN)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_rip, (int64_t)dest);
        tcg_gen_exit_tb(s->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_rip, (int64_t)dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

void x86_gen_sync_rip(DisasContext *s)
{
    tcg_gen_movi_i64(cpu_rip, (int64_t)s->pc);
}

void x86_gen_exception(DisasContext *s, int excp)
{
    x86_gen_sync_rip(s);
    x86_gen_call(&helper_info_x86_raise_exception, NULL, "ec", excp);
    tcg_gen_exit_tb(NULL, 0);
    s->is_jmp = X86_JMP_NORETURN;
}

/* ---- vector registers in env ---- */

TCGvI64 x86_gen_check_align16(DisasContext *s, TCGvI64 addr)
{
    TCGLabel *ok = gen_new_label();
    TCGvI64 low = tcg_temp_new_i64();
    TCGvI64 kept = tcg_temp_tb_new_i64();

    /* EBB temps die at the label: the address goes on in a TB temp */
    tcg_gen_mov_i64(kept, addr);
    tcg_gen_andi_i64(low, addr, 15);
    tcg_gen_brcondi_i64(TCG_COND_EQ, low, 0, ok);
    x86_gen_sync_rip(s);
    x86_gen_call(&helper_info_x86_raise_exception, NULL, "ec", X86_EXCP_GP);
    gen_set_label(ok);
    return kept;
}

void x86_gen_ld_env(DisasContext *s, TCGvI64 addr, intptr_t off, int len,
                    bool align16)
{
    TCGvI64 v = tcg_temp_new_i64();

    if (align16) {
        addr = x86_gen_check_align16(s, addr);
    }
    if (len == 4) {
        TCGvI32 w = tcg_temp_new_i32();

        tcg_gen_guest_ld_i32(w, addr, 0, MO_32);
        tcg_gen_st_i32(w, tcg_ctx->env, off);
        return;
    }
    if (len == 16) {
        /* both halves are loaded before either is stored: a fault on the
         * second leaves the register unchanged */
        TCGvI64 hi = tcg_temp_new_i64(), a8 = tcg_temp_new_i64();

        tcg_gen_guest_ld_i64(v, addr, 0, MO_64);
        tcg_gen_addi_i64(a8, addr, 8);
        tcg_gen_guest_ld_i64(hi, a8, 0, MO_64);
        tcg_gen_st_i64(v, tcg_ctx->env, off);
        tcg_gen_st_i64(hi, tcg_ctx->env, off + 8);
        return;
    }
    tcg_gen_guest_ld_i64(v, addr, 0, MO_64);
    tcg_gen_st_i64(v, tcg_ctx->env, off);
}

void x86_gen_st_env(DisasContext *s, TCGvI64 addr, intptr_t off, int len,
                    bool align16)
{
    TCGvI64 v = tcg_temp_new_i64();

    if (align16) {
        addr = x86_gen_check_align16(s, addr);
    }
    if (len == 4) {
        TCGvI32 w = tcg_temp_new_i32();

        tcg_gen_ld_i32(w, tcg_ctx->env, off);
        tcg_gen_guest_st_i32(w, addr, 0, MO_32);
        return;
    }
    tcg_gen_ld_i64(v, tcg_ctx->env, off);
    tcg_gen_guest_st_i64(v, addr, 0, MO_64);
    if (len == 16) {
        TCGvI64 a8 = tcg_temp_new_i64();

        tcg_gen_addi_i64(a8, addr, 8);
        tcg_gen_ld_i64(v, tcg_ctx->env, off + 8);
        tcg_gen_guest_st_i64(v, a8, 0, MO_64);
    }
}

void x86_gen_mov_env(intptr_t dst, intptr_t src, int len)
{
    if (len == 4) {
        TCGvI32 w = tcg_temp_new_i32();

        tcg_gen_ld_i32(w, tcg_ctx->env, src);
        tcg_gen_st_i32(w, tcg_ctx->env, dst);
        return;
    }
    for (int i = 0; i < len; i += 8) {
        TCGvI64 v = tcg_temp_new_i64();

        tcg_gen_ld_i64(v, tcg_ctx->env, src + i);
        tcg_gen_st_i64(v, tcg_ctx->env, dst + i);
    }
}

/* ---- decoding ---- */

static void x86_decode_modrm(DisasContext *s)
{
    uint8_t modrm = x86_ldub_code(s);
    X86ModRM *m = &s->m;
    int rex_r = (s->rex >> 2) & 1, rex_x = (s->rex >> 1) & 1;
    int rex_b = s->rex & 1;

    m->mod = modrm >> 6;
    m->reg = ((modrm >> 3) & 7) | rex_r << 3;
    m->rm = modrm & 7;
    m->base = m->index = -1;
    m->scale = 0;
    m->disp = 0;
    if (m->mod == 3) {
        m->rm |= rex_b << 3;
        return;
    }
    if (m->rm == 4) {
        uint8_t sib = x86_ldub_code(s);

        m->scale = sib >> 6;
        m->index = ((sib >> 3) & 7) | rex_x << 3;
        if (m->index == 4) {
            m->index = -1;
        }
        m->base = (sib & 7) | rex_b << 3;
        if ((sib & 7) == 5 && m->mod == 0) {
            m->base = -1;
            m->disp = (int32_t)x86_ldl_code(s);
        }
    } else if (m->rm == 5 && m->mod == 0) {
        m->base = -2;
        m->disp = (int32_t)x86_ldl_code(s);
    } else {
        m->base = m->rm | rex_b << 3;
    }
    m->rm |= rex_b << 3;
    if (m->mod == 1) {
        m->disp = (int8_t)x86_ldub_code(s);
    } else if (m->mod == 2) {
        m->disp = (int32_t)x86_ldl_code(s);
    }
}

/* Whether LOCK may prefix this instruction (memory destination forms of
 * the read-modify-write instructions); else #UD. */
static bool x86_lock_allowed(DisasContext *s)
{
    int b = s->b, op = s->m.reg & 7;

    if (!s->has_modrm || s->m.mod == 3) {
        return false;
    }
    if (b < 0x40) {
        return (b & 7) < 2 && (b >> 3) != 7;
    }
    switch (b) {
    case 0x80: case 0x81: case 0x83:
        return op != 7;
    case 0x86: case 0x87:
        return true;
    case 0xf6: case 0xf7:
        return op == 2 || op == 3;
    case 0xfe: case 0xff:
        return op < 2;
    case 0x1ab: case 0x1b3: case 0x1bb: case 0x1b0: case 0x1b1:
    case 0x1c0: case 0x1c1:
        return true;
    case 0x1ba:
        return op >= 5;
    case 0x1c7:
        return op == 1;
    }
    return false;
}

/*
 * VEX (C4: three bytes, C5: two), always VEX in 64-bit mode. The R, X,
 * B, W bits become s->rex (they are stored inverted, except W); legacy
 * 66/F2/F3/LOCK or REX before VEX is #UD.
 */
static bool x86_decode_vex(DisasContext *s, int b)
{
    uint8_t b1 = x86_ldub_code(s), b2;
    int map;

    if (s->rex || (s->prefix & (PFX_OPSIZE | PFX_REP | PFX_REPNE |
                                PFX_LOCK))) {
        return false;
    }
    if (b == 0xc5) {
        s->rex = 0x40 | ((~b1 >> 5) & 4);
        map = 1;
        b2 = b1;
    } else {
        b2 = x86_ldub_code(s);
        s->rex = 0x40 | ((~b1 >> 5) & 7) | ((b2 >> 4) & 8);
        map = b1 & 0x1f;
    }
    s->vex_v = (~b2 >> 3) & 15;
    s->vex_l = (b2 >> 2) & 1;
    s->vex_pp = b2 & 3;
    s->rex_w = s->rex & 8;
    s->dflag = s->rex_w ? OT_Q : OT_L;
    s->aflag = (s->prefix & PFX_ADSIZE) ? OT_L : OT_Q;
    b = x86_ldub_code(s);
    s->b = map << 8 | b;
    x86_decode_modrm(s);
    s->has_modrm = true;
    return x86_trans_vex(s, map, b);
}

static bool x86_decode_insn(DisasContext *s)
{
    const X86OpEntry *e;
    int b;

    s->prefix = 0;
    s->seg = -1;
    s->rex = 0;
    s->has_modrm = false;
    for (;;) {
        b = x86_ldub_code(s);
        switch (b) {
        case 0x26: s->seg = R_ES; break;
        case 0x2e: s->seg = R_CS; break;
        case 0x36: s->seg = R_SS; break;
        case 0x3e: s->seg = R_DS; break;
        case 0x64: s->seg = R_FS; break;
        case 0x65: s->seg = R_GS; break;
        case 0x66: s->prefix |= PFX_OPSIZE; break;
        case 0x67: s->prefix |= PFX_ADSIZE; break;
        case 0xf0: s->prefix |= PFX_LOCK; break;
        case 0xf2: s->prefix = (s->prefix & ~PFX_REP) | PFX_REPNE; break;
        case 0xf3: s->prefix = (s->prefix & ~PFX_REPNE) | PFX_REP; break;
        default:
            if (b >= 0x40 && b <= 0x4f) {
                /* REX counts only right before the opcode */
                s->rex = (uint8_t)b;
                b = x86_ldub_code(s);
                if (b >= 0x40 && b <= 0x4f) {
                    s->pc_next--;
                    continue;
                }
                if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e ||
                    b == 0x64 || b == 0x65 || b == 0x66 || b == 0x67 ||
                    b == 0xf0 || b == 0xf2 || b == 0xf3) {
                    s->rex = 0;
                    s->pc_next--;
                    continue;
                }
                s->prefix |= PFX_REX;
            }
            goto opcode;
        }
    }
opcode:
    if (b == 0xc4 || b == 0xc5) {
        return x86_decode_vex(s, b);
    }
    s->rex_w = s->rex & 8;
    s->dflag = s->rex_w ? OT_Q : (s->prefix & PFX_OPSIZE) ? OT_W : OT_L;
    s->aflag = (s->prefix & PFX_ADSIZE) ? OT_L : OT_Q;
    if (b == 0x0f) {
        b = x86_ldub_code(s);
        if (b == 0x38) {
            b = x86_ldub_code(s);
            e = &x86_map_0f38[b];
            s->b = 0x200 | b;
        } else if (b == 0x3a) {
            b = x86_ldub_code(s);
            e = &x86_map_0f3a[b];
            s->b = 0x300 | b;
        } else {
            e = &x86_map_0f[b];
            s->b = 0x100 | b;
        }
    } else {
        e = &x86_map_onebyte[b];
        s->b = b;
    }
    if (!e->trans) {
        return false;
    }
    if (e->modrm) {
        x86_decode_modrm(s);
        s->has_modrm = true;
    }
    if ((s->prefix & PFX_LOCK) && !x86_lock_allowed(s)) {
        return false;
    }
    return e->trans(s);
}

void x86_translate_code(X86CPUState *env, TranslationBlock *tb,
                        int max_insns_arg)
{
    volatile int max_insns = max_insns_arg;
    DisasContext ctx = { .tb = tb, .env = env, .pc_next = tb->pc };
    DisasContext *s = &ctx;
    uint64_t page_end = (tb->pc | (X86_PAGE_SIZE - 1)) + 1;
    sigjmp_buf jb;

    s->cc_op = CC_OP_DYNAMIC;
    if (max_insns <= 0 || max_insns > CF_COUNT_MASK) {
        max_insns = CF_COUNT_MASK;
    }
    fetch_fail = &jb;
    if (!(tb->flags & X86_TB_CODE64)) {
        /* Only 64-bit code segments are translated so far. */
        s->pc = tb->pc;
        tcg_gen_insn_start(s->pc, CC_OP_DYNAMIC);
        s->num_insns = 1;
        s->pc_next = s->pc + 1;
        x86_gen_exception(s, X86_EXCP_UD);
        goto done;
    }
    for (;;) {
        unsigned ops_at_start;
        volatile X86CCOp cc_before = s->cc_op;
        int r;

        s->pc = s->pc_next;
        if (s->num_insns > 0 && s->pc + X86_MAX_INSN_LEN > page_end) {
            s->is_jmp = X86_JMP_STOP;
            break;
        }
        s->avail = x86_fetch_avail(s->pc);
        memcpy(s->bytes, (const void *)(uintptr_t)(guest_base + s->pc),
               s->avail);
        tcg_gen_insn_start(s->pc, s->cc_op);
        s->num_insns++;
        ops_at_start = tcg_ctx->nb_ops;
        r = sigsetjmp(jb, 0);
        if (r == 0) {
            if (!x86_decode_insn(s)) {
                tcg_ctx->nb_ops = ops_at_start;
                s->cc_op = cc_before;
                x86_gen_exception(s, X86_EXCP_UD);
            }
        } else {
            tcg_ctx->nb_ops = ops_at_start;
            s->cc_op = cc_before;
            if (r == FETCH_TOO_LONG) {
                x86_gen_exception(s, X86_EXCP_GP);
            } else {
                /* the instruction runs into a page the guest cannot
                 * execute: #PF at that page */
                s->env->fault_addr = s->pc + s->avail;
                tcg_gen_st_i64(tcg_constant_i64((int64_t)(s->pc + s->avail)),
                               tcg_ctx->env,
                               offsetof(X86CPUState, fault_addr));
                x86_gen_exception(s, X86_EXCP_PF);
            }
        }
        if (s->is_jmp != X86_JMP_NEXT) {
            break;
        }
        if (s->num_insns >= max_insns || s->pc_next >= page_end) {
            s->is_jmp = X86_JMP_STOP;
            break;
        }
    }
    if (s->is_jmp == X86_JMP_STOP) {
        x86_gen_goto_tb(s, 0, s->pc_next);
    } else if (s->is_jmp == X86_JMP_LOOKUP) {
        /* the TB flags (CS.L) never change in user mode */
        tcg_gen_lookup_and_goto_ptr_key(cpu_rip, tb->flags);
    }
done:
    fetch_fail = NULL;
    tb->size = (uint32_t)(s->pc_next - tb->pc);
    tb->icount = (uint16_t)s->num_insns;
    /* user mode: the bytes are at guest_base + pc (a faulting fetch was
     * cut off before them, so all tb->size bytes are readable) */
    if ((tcg_log_mask & TCG_LOG_IN_ASM) && tb->size) {
        tcg_log_in_asm(&x86_64_tcg_ops, tb->pc,
                       (const uint8_t *)(uintptr_t)(guest_base + tb->pc),
                       tb->size);
    }
}

static void x86_get_tb_cpu_state(CPUArchState *env, uint64_t *pc,
                                 uint32_t *flags)
{
    *pc = env->rip;
    *flags = env->segs[R_CS].l ? X86_TB_CODE64 : 0;
}

static void x86_restore_state_to_insn(CPUArchState *env, const uint64_t *data)
{
    env->rip = data[0];
    if (data[1] != CC_OP_DYNAMIC) {
        env->cc_op = (uint32_t)data[1];
    }
}

static void x86_set_pc(CPUArchState *env, uint64_t pc)
{
    env->rip = pc;
}

const TCGTargetOps x86_64_tcg_ops = {
    .name = "x86_64",
    .init_globals = x86_init_globals,
    .get_tb_cpu_state = x86_get_tb_cpu_state,
    .translate_code = x86_translate_code,
    .restore_state_to_insn = x86_restore_state_to_insn,
    .set_pc = x86_set_pc,
    .do_unaligned_access = NULL,
    .check_fetch = x86_check_fetch,
    .exec_leave = x86_sse_sync_mxcsr,
    .disas_insn = disas_x86_64_insn,
    .disas_byte_order = true,
};

void x86_tcg_cpu_reset_user(X86CPUState *env)
{
    memset(env, 0, sizeof(*env));
    env->segs[R_CS].l = true;
    env->segs[R_CS].selector = 0x33;
    env->segs[R_SS].selector = 0x2b;
    env->efer = (1u << 8) | (1u << 10);  /* LME, LMA */
    x86_fpu_reset(env);
    env->xcr0 = 3;                       /* x87, SSE */
    x86_cpu_set_eflags(env, 0x202);
}
