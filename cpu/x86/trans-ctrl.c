/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86 control flow, stack and flag instructions: PUSH/POP, Jcc, JMP,
 * CALL, RET, LOOP/JRCXZ, ENTER/LEAVE, PUSHF/POPF, SAHF/LAHF, CLC/STC/CMC,
 * CLD/STD; and the miscellaneous ones: NOP forms, CPUID, RDTSC, SYSCALL,
 * INT3, and the privileged instructions that are #GP at CPL 3.
 */
#include "cpu/x86/helper.h"
#include "cpu/x86/translate.h"

static int stack_ot(DisasContext *s)
{
    return s->dflag == OT_W ? OT_W : OT_Q;
}

X86_TRANS(push_pop)
{
    int b = s->b, ot = stack_ot(s);
    TCGvI64 v = tcg_temp_new_i64();

    if (b >= 0x50 && b <= 0x57) {
        x86_gen_get_reg(s, ot, v, (b & 7) | (s->rex & 1) << 3);
        x86_gen_push(s, ot, v);
        return true;
    }
    if (b >= 0x58 && b <= 0x5f) {
        x86_gen_pop_value(s, ot, v);
        x86_gen_pop_commit(s, ot);
        x86_gen_set_reg(s, ot, (b & 7) | (s->rex & 1) << 3, v);
        return true;
    }
    if (b == 0x68 || b == 0x6a) {
        /* Iz: 16 bits with 66 (PUSHW), else 32 sign-extended */
        tcg_gen_movi_i64(v, b == 0x6a ? x86_imm8s(s)
                                      : x86_imm(s, ot == OT_W ? OT_W : OT_L));
        x86_gen_push(s, ot, v);
        return true;
    }
    if (b == 0x8f && (s->m.reg & 7) == 0) {
        x86_gen_pop_value(s, ot, v);
        /* a memory destination addressed through rSP sees it popped */
        x86_gen_pop_commit(s, ot);
        x86_gen_st_rm(s, ot, v, NULL);
        return true;
    }
    return false;
}

static void gen_jcc(DisasContext *s, TCGvI64 cond, uint64_t target)
{
    TCGLabel *taken = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_NE, cond, 0, taken);
    x86_gen_goto_tb(s, 0, s->pc_next);
    gen_set_label(taken);
    x86_gen_goto_tb(s, 1, target);
    s->is_jmp = X86_JMP_NORETURN;
}

X86_TRANS(jcc)
{
    int64_t disp = s->b < 0x100 ? x86_imm8s(s) : x86_imm(s, OT_L);

    gen_jcc(s, x86_gen_cond(s, s->b & 15), s->pc_next + (uint64_t)disp);
    return true;
}

/* E8 CALL rel32, E9 JMP rel32, EB JMP rel8 */
X86_TRANS(jmp_call)
{
    int64_t disp = s->b == 0xeb ? x86_imm8s(s) : x86_imm(s, OT_L);
    uint64_t target = s->pc_next + (uint64_t)disp;

    if (s->b == 0xe8) {
        x86_gen_push(s, OT_Q, tcg_constant_i64((int64_t)s->pc_next));
    }
    x86_gen_goto_tb(s, 0, target);
    s->is_jmp = X86_JMP_NORETURN;
    return true;
}

/* C3 RET, C2 RET imm16 */
X86_TRANS(ret)
{
    int64_t extra = s->b == 0xc2 ? x86_lduw_code(s) : 0;
    TCGvI64 v = tcg_temp_new_i64();

    x86_gen_pop_value(s, OT_Q, v);
    tcg_gen_addi_i64(cpu_regs[R_ESP], cpu_regs[R_ESP], 8 + extra);
    tcg_gen_mov_i64(cpu_rip, v);
    s->is_jmp = X86_JMP_LOOKUP;
    return true;
}

/* E0 LOOPNE, E1 LOOPE, E2 LOOP, E3 JrCXZ; the count is rCX at the
 * address size */
X86_TRANS(loop_jrcxz)
{
    int64_t disp = x86_imm8s(s);
    uint64_t target = s->pc_next + (uint64_t)disp;
    TCGvI64 cnt = tcg_temp_new_i64(), c = tcg_temp_new_i64();

    x86_gen_get_reg(s, s->aflag, cnt, R_ECX);
    if (s->b == 0xe3) {
        tcg_gen_setcondi_i64(TCG_COND_EQ, c, cnt, 0);
        gen_jcc(s, c, target);
        return true;
    }
    tcg_gen_subi_i64(cnt, cnt, 1);
    x86_gen_set_reg(s, s->aflag, R_ECX, cnt);
    x86_gen_mask_addr(s, cnt);
    tcg_gen_setcondi_i64(TCG_COND_NE, c, cnt, 0);
    if (s->b != 0xe2) {
        /* E1: and ZF; E0: and !ZF */
        tcg_gen_and_i64(c, c, x86_gen_cond(s, s->b == 0xe1 ? 4 : 5));
    }
    gen_jcc(s, c, target);
    return true;
}

/* C8 ENTER imm16, imm8; C9 LEAVE */
X86_TRANS(enter_leave)
{
    int ot = stack_ot(s);
    TCGvI64 v = tcg_temp_new_i64();

    if (s->b == 0xc9) {
        TCGvI64 sp = tcg_temp_new_i64();

        tcg_gen_mov_i64(sp, cpu_regs[R_EBP]);
        x86_gen_ld(s, ot, v, sp);
        tcg_gen_addi_i64(cpu_regs[R_ESP], sp, 1 << ot);
        x86_gen_set_reg(s, ot, R_EBP, v);
        return true;
    }
    int64_t size = x86_lduw_code(s);
    unsigned level = x86_ldub_code(s) & 31;
    int64_t w = 1 << ot;
    TCGvI64 sp = tcg_temp_new_i64(), frame = tcg_temp_new_i64();
    TCGvI64 t = tcg_temp_new_i64();

    /* push rBP; copy level - 1 outer frame pointers; push the new frame
     * pointer; all stores first, registers last (a fault leaves them) */
    x86_gen_get_reg(s, ot, v, R_EBP);
    tcg_gen_subi_i64(sp, cpu_regs[R_ESP], w);
    x86_gen_st(s, ot, v, sp);
    tcg_gen_mov_i64(frame, sp);
    for (unsigned i = 1; i < level; i++) {
        TCGvI64 a = tcg_temp_new_i64();

        tcg_gen_subi_i64(a, cpu_regs[R_EBP], (int64_t)i * w);
        x86_gen_ld(s, ot, t, a);
        tcg_gen_subi_i64(sp, sp, w);
        x86_gen_st(s, ot, t, sp);
    }
    if (level > 0) {
        tcg_gen_subi_i64(sp, sp, w);
        x86_gen_st(s, ot, frame, sp);
    }
    x86_gen_set_reg(s, ot, R_EBP, frame);
    tcg_gen_subi_i64(cpu_regs[R_ESP], sp, size);
    return true;
}

X86_TRANS(pushf_popf)
{
    int ot = stack_ot(s);
    TCGvI64 v = tcg_temp_new_i64();

    if (s->b == 0x9c) {
        x86_gen_call(&helper_info_x86_read_eflags, v, "e");
        /* the pushed image has RF and VM clear */
        tcg_gen_andi_i64(v, v, ~(int64_t)((1u << 16) | (1u << 17)));
        x86_gen_push(s, ot, v);
        return true;
    }
    x86_gen_pop_value(s, ot, v);
    x86_gen_pop_commit(s, ot);
    x86_gen_call(&helper_info_x86_write_eflags, NULL, "eqc", v,
                 ot == OT_W ? 1 : 0);
    s->cc_op = CC_OP_EFLAGS;
    return true;
}

/* 9E SAHF, 9F LAHF (SF ZF AF PF CF <-> AH) */
X86_TRANS(sahf_lahf)
{
    const int64_t m = X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF |
                      X86_EFLAGS_PF | X86_EFLAGS_CF;
    TCGvI64 f = x86_gen_compute_eflags(s), t = tcg_temp_new_i64();

    if (s->b == 0x9f) {
        tcg_gen_andi_i64(t, f, m);
        tcg_gen_ori_i64(t, t, 2);
        tcg_gen_deposit_i64(cpu_regs[R_EAX], cpu_regs[R_EAX], t, 8, 8);
        return true;
    }
    tcg_gen_extract_i64(t, cpu_regs[R_EAX], 8, 8);
    tcg_gen_andi_i64(t, t, m);
    tcg_gen_andi_i64(f, f, ~m);
    tcg_gen_or_i64(f, f, t);
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}

/* F5 CMC, F8 CLC, F9 STC, FC CLD, FD STD */
X86_TRANS(flag_ops)
{
    TCGvI64 f;

    switch (s->b) {
    case 0xfc:
        tcg_gen_movi_i64(cpu_df, 1);
        return true;
    case 0xfd:
        tcg_gen_movi_i64(cpu_df, -1);
        return true;
    }
    f = x86_gen_compute_eflags(s);
    switch (s->b) {
    case 0xf5: tcg_gen_xori_i64(f, f, X86_EFLAGS_CF); break;
    case 0xf8: tcg_gen_andi_i64(f, f, ~(int64_t)X86_EFLAGS_CF); break;
    default: tcg_gen_ori_i64(f, f, X86_EFLAGS_CF); break;
    }
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}

/* 0F 1F /0 NOP Ev; 0F 18 prefetch hints; 0F 0D prefetchw; 0F 19-1E
 * reserved-NOP hints */
X86_TRANS(nop_hint)
{
    if (s->b == 0x11f && (s->m.reg & 7) != 0) {
        return false;
    }
    return true;
}

/* 0F AE: LFENCE, MFENCE, SFENCE (register forms), CLFLUSH (memory /7).
 * FXSAVE/FXRSTOR/LDMXCSR/STMXCSR/XSAVE... are not implemented: #UD. */
X86_TRANS(grp15)
{
    int op = s->m.reg & 7;

    if (s->prefix & (PFX_REP | PFX_REPNE | PFX_OPSIZE)) {
        return false;   /* RDFSBASE..., CLFLUSHOPT, CLWB: not implemented */
    }
    if (s->m.mod == 3) {
        switch (op) {
        case 5: tcg_gen_mb(TCG_MO_LD_LD); return true;          /* LFENCE */
        case 6: tcg_gen_mb(TCG_MO_ALL); return true;            /* MFENCE */
        case 7: tcg_gen_mb(TCG_MO_ST_ST); return true;          /* SFENCE */
        }
        return false;
    }
    if (op == 7) {
        /* CLFLUSH: guest memory is host memory with coherent caches; a
         * flush changes nothing the guest can see (an unmapped address
         * still faults, as on the hardware) */
        TCGvI64 t = tcg_temp_new_i64();

        x86_gen_ld(s, OT_B, t, x86_gen_lea(s));
        return true;
    }
    return false;
}

/* D7 XLAT: AL = [seg:rBX + AL] */
X86_TRANS(xlat)
{
    TCGvI64 a = tcg_temp_new_i64(), v = tcg_temp_new_i64();

    tcg_gen_ext8u_i64(a, cpu_regs[R_EAX]);
    tcg_gen_add_i64(a, a, cpu_regs[R_EBX]);
    x86_gen_mask_addr(s, a);
    x86_gen_ld(s, OT_B, v, x86_gen_seg_addr(s, a, R_DS));
    x86_gen_set_reg(s, OT_B, R_EAX, v);
    return true;
}

X86_TRANS(misc_0f)
{
    switch (s->b) {
    case 0x1a2:         /* CPUID */
        x86_gen_call(&helper_info_x86_cpuid, NULL, "e");
        return true;
    case 0x131: {       /* RDTSC */
        TCGvI64 t = tcg_temp_new_i64();

        x86_gen_call(&helper_info_x86_rdtsc, t, "e");
        tcg_gen_ext32u_i64(cpu_regs[R_EAX], t);
        tcg_gen_shri_i64(cpu_regs[R_EDX], t, 32);
        return true;
    }
    case 0x105: {       /* SYSCALL: RCX = next rip, R11 = rflags */
        TCGvI64 f = tcg_temp_new_i64();

        x86_gen_call(&helper_info_x86_read_eflags, f, "e");
        tcg_gen_andi_i64(cpu_regs[11], f, ~(int64_t)(1u << 16));
        tcg_gen_movi_i64(cpu_regs[R_ECX], (int64_t)s->pc_next);
        tcg_gen_movi_i64(cpu_rip, (int64_t)s->pc_next);
        x86_gen_call(&helper_info_x86_raise_exception, NULL, "ec",
                     X86_EXCP_SYSCALL);
        tcg_gen_exit_tb(NULL, 0);
        s->is_jmp = X86_JMP_NORETURN;
        return true;
    }
    }
    return false;
}

/* Privileged at CPL 3 (HLT, CLI/STI, IN/OUT, INT n, ...): #GP. INT3 is
 * #BP with rip past it, as the trap it is. */
X86_TRANS(privileged)
{
    if (s->b == 0xcc) {
        tcg_gen_movi_i64(cpu_rip, (int64_t)s->pc_next);
        x86_gen_call(&helper_info_x86_raise_exception, NULL, "ec",
                     X86_EXCP_BP);
        tcg_gen_exit_tb(NULL, 0);
        s->is_jmp = X86_JMP_NORETURN;
        return true;
    }
    if (s->b == 0xcd) {
        x86_ldub_code(s);
    }
    x86_gen_exception(s, X86_EXCP_GP);
    return true;
}
