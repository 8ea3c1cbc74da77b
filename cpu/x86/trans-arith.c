/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86 integer arithmetic and data movement: the ALU group, INC/DEC,
 * NOT/NEG, MUL/IMUL/DIV/IDIV, TEST, MOV and its extending forms, LEA,
 * XCHG, CMOVcc/SETcc, XADD, CMPXCHG, CMPXCHG8B/16B, BSWAP, CBW/CWD.
 * LOCK-prefixed forms call a host-atomic helper specialised by operation
 * and size (x86_lock_rmw_helper, x86_cmpxchg_infos); the flags stay lazy,
 * computed from the old value the helper returns.
 */
#include <stddef.h>

#include "cpu/x86/helper.h"
#include "cpu/x86/translate.h"

enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };

static TCGvI64 lock_rmw(DisasContext *s, int ot, TCGvI64 addr, TCGvI64 val,
                        TCGvI64 carry, int op)
{
    TCGvI64 old = tcg_temp_new_i64();

    x86_gen_sync_rip(s);
    x86_gen_call(x86_lock_rmw_helper(op, ot), old, "qqq", addr, val,
                 carry ? carry : tcg_constant_i64(0));
    return old;
}

/*
 * dst op= src at size ot; dst is register reg, or the r/m operand when
 * reg < 0. src is already the operand value (extension irrelevant: the
 * flags are computed at size ot).
 */
static void gen_alu(DisasContext *s, int op, int ot, int reg, TCGvI64 src)
{
    TCGvI64 d = tcg_temp_new_i64(), res = tcg_temp_new_i64();
    TCGvI64 addr = NULL, cin = NULL;

    if (op == ALU_ADC || op == ALU_SBB) {
        cin = x86_gen_compute_cf(s);
    }
    if (reg < 0 && (s->prefix & PFX_LOCK)) {
        static const int rmw[] = {
            X86_RMW_ADD, X86_RMW_OR, X86_RMW_ADC, X86_RMW_SBB,
            X86_RMW_AND, X86_RMW_SUB, X86_RMW_XOR,
        };
        addr = x86_gen_lea(s);
        tcg_gen_mov_i64(d, lock_rmw(s, ot, addr, src, cin, rmw[op]));
    } else if (reg < 0) {
        x86_gen_ld_rm(s, ot, d, &addr);
    } else {
        x86_gen_get_reg(s, ot, d, reg);
    }
    switch (op) {
    case ALU_ADD:
        tcg_gen_add_i64(res, d, src);
        break;
    case ALU_ADC:
        tcg_gen_add_i64(res, d, src);
        tcg_gen_add_i64(res, res, cin);
        break;
    case ALU_SUB:
    case ALU_CMP:
        tcg_gen_sub_i64(res, d, src);
        break;
    case ALU_SBB:
        tcg_gen_sub_i64(res, d, src);
        tcg_gen_sub_i64(res, res, cin);
        break;
    case ALU_AND:
        tcg_gen_and_i64(res, d, src);
        break;
    case ALU_OR:
        tcg_gen_or_i64(res, d, src);
        break;
    case ALU_XOR:
        tcg_gen_xor_i64(res, d, src);
        break;
    }
    if (op != ALU_CMP && !(s->prefix & PFX_LOCK)) {
        if (reg < 0) {
            x86_gen_st_rm(s, ot, res, addr);
        } else {
            x86_gen_set_reg(s, ot, reg, res);
        }
    }
    switch (op) {
    case ALU_ADD:
        x86_set_cc(s, CC_K_ADD, ot, res, src, NULL);
        break;
    case ALU_ADC:
        x86_set_cc(s, CC_K_ADC, ot, res, src, cin);
        break;
    case ALU_SUB:
    case ALU_CMP:
        x86_set_cc(s, CC_K_SUB, ot, res, src, NULL);
        break;
    case ALU_SBB:
        x86_set_cc(s, CC_K_SBB, ot, res, src, cin);
        break;
    default:
        x86_set_cc(s, CC_K_LOGIC, ot, res, NULL, NULL);
        break;
    }
}

X86_TRANS(alu)
{
    int b = s->b, op, ot;
    TCGvI64 src = tcg_temp_new_i64();

    if (b < 0x40) {
        op = b >> 3;
        ot = x86_ot_of(s, b);
        switch (b & 7) {
        case 0: case 1:
            x86_gen_get_reg(s, ot, src, s->m.reg);
            gen_alu(s, op, ot, -1, src);
            return true;
        case 2: case 3: {
            TCGvI64 v = tcg_temp_new_i64();

            x86_gen_ld_rm(s, ot, v, NULL);
            gen_alu(s, op, ot, s->m.reg, v);
            return true;
        }
        case 4: case 5:
            tcg_gen_movi_i64(src, x86_imm(s, ot));
            gen_alu(s, op, ot, R_EAX, src);
            return true;
        }
        return false;
    }
    op = s->m.reg & 7;
    ot = x86_ot_of(s, b);
    tcg_gen_movi_i64(src, b == 0x83 ? x86_imm8s(s) : x86_imm(s, ot));
    gen_alu(s, op, ot, s->m.mod == 3 ? s->m.rm : -1, src);
    return true;
}

static void gen_inc_dec(DisasContext *s, int ot, bool dec)
{
    TCGvI64 cf = x86_gen_compute_cf(s);
    TCGvI64 d = tcg_temp_new_i64(), res = tcg_temp_new_i64(), addr = NULL;

    if ((s->prefix & PFX_LOCK) && s->m.mod != 3) {
        addr = x86_gen_lea(s);
        tcg_gen_mov_i64(d, lock_rmw(s, ot, addr, tcg_constant_i64(1), NULL,
                                    dec ? X86_RMW_SUB : X86_RMW_ADD));
        tcg_gen_addi_i64(res, d, dec ? -1 : 1);
    } else {
        x86_gen_ld_rm(s, ot, d, &addr);
        tcg_gen_addi_i64(res, d, dec ? -1 : 1);
        x86_gen_st_rm(s, ot, res, addr);
    }
    x86_set_cc(s, dec ? CC_K_DEC : CC_K_INC, ot, res, NULL, cf);
}

/* FE, FF: INC, DEC, CALL, JMP, PUSH */
X86_TRANS(inc_dec_push_grp)
{
    int op = s->m.reg & 7, ot = x86_ot_of(s, s->b);
    TCGvI64 v;

    if (op < 2) {
        gen_inc_dec(s, ot, op == 1);
        return true;
    }
    if (s->b == 0xfe) {
        return false;
    }
    v = tcg_temp_new_i64();
    switch (op) {
    case 2:     /* CALL near absolute indirect */
    case 4:     /* JMP */
        x86_gen_ld_rm(s, OT_Q, v, NULL);
        if (op == 2) {
            x86_gen_push(s, OT_Q, tcg_constant_i64((int64_t)s->pc_next));
        }
        tcg_gen_mov_i64(cpu_rip, v);
        s->is_jmp = X86_JMP_LOOKUP;
        return true;
    case 6:     /* PUSH */
        ot = s->dflag == OT_W ? OT_W : OT_Q;
        x86_gen_ld_rm(s, ot, v, NULL);
        x86_gen_push(s, ot, v);
        return true;
    }
    return false;    /* far CALL/JMP: not in user mode yet */
}

static void gen_mul(DisasContext *s, int ot, TCGvI64 src, bool sign)
{
    TCGvI64 a = tcg_temp_new_i64(), lo = tcg_temp_new_i64();
    TCGvI64 hi = tcg_temp_new_i64(), ovf = tcg_temp_new_i64();

    x86_gen_get_reg(s, ot, a, R_EAX);
    if (ot == OT_Q) {
        tcg_gen_mul_i64(lo, a, src);
        if (sign) {
            tcg_gen_mulsh_i64(hi, a, src);
            tcg_gen_sari_i64(ovf, lo, 63);
            tcg_gen_setcond_i64(TCG_COND_NE, ovf, ovf, hi);
        } else {
            tcg_gen_muluh_i64(hi, a, src);
            tcg_gen_setcondi_i64(TCG_COND_NE, ovf, hi, 0);
        }
        tcg_gen_mov_i64(cpu_regs[R_EAX], lo);
        tcg_gen_mov_i64(cpu_regs[R_EDX], hi);
        x86_set_cc(s, CC_K_MUL, ot, lo, ovf, NULL);
        return;
    }
    unsigned bits = 8u << ot;
    x86_gen_ext(ot, a, sign);
    x86_gen_ext(ot, src, sign);
    tcg_gen_mul_i64(lo, a, src);                /* the whole product */
    tcg_gen_mov_i64(hi, lo);
    x86_gen_ext(ot, hi, sign);
    tcg_gen_setcond_i64(TCG_COND_NE, ovf, hi, lo);
    if (ot == OT_B) {
        x86_gen_set_reg(s, OT_W, R_EAX, lo);
    } else {
        tcg_gen_shri_i64(hi, lo, bits);
        x86_gen_set_reg(s, ot, R_EAX, lo);
        x86_gen_set_reg(s, ot, R_EDX, hi);
    }
    x86_set_cc(s, CC_K_MUL, ot, lo, ovf, NULL);
}

X86_TRANS(test_not_neg_mul_div)
{
    int op = s->m.reg & 7, ot = x86_ot_of(s, s->b);
    TCGvI64 d = tcg_temp_new_i64(), res = tcg_temp_new_i64(), addr = NULL;

    switch (op) {
    case 0:
    case 1: {
        int64_t imm = x86_imm(s, ot);

        x86_gen_ld_rm(s, ot, d, NULL);
        tcg_gen_andi_i64(res, d, imm);
        x86_set_cc(s, CC_K_LOGIC, ot, res, NULL, NULL);
        return true;
    }
    case 2:
    case 3:
        if (s->prefix & PFX_LOCK) {
            addr = x86_gen_lea(s);
            tcg_gen_mov_i64(d, lock_rmw(s, ot, addr, tcg_constant_i64(-1),
                                        NULL, op == 2 ? X86_RMW_XOR
                                                      : X86_RMW_NEG));
        } else {
            x86_gen_ld_rm(s, ot, d, &addr);
        }
        if (op == 2) {
            tcg_gen_not_i64(res, d);
        } else {
            tcg_gen_neg_i64(res, d);
        }
        if (!(s->prefix & PFX_LOCK)) {
            x86_gen_st_rm(s, ot, res, addr);
        }
        if (op == 3) {
            x86_set_cc(s, CC_K_SUB, ot, res, d, NULL);
        }
        return true;
    case 4:
    case 5:
        x86_gen_ld_rm(s, ot, d, NULL);
        gen_mul(s, ot, d, op == 5);
        return true;
    default:
        x86_gen_ld_rm(s, ot, d, NULL);
        x86_gen_sync_rip(s);
        x86_gen_call(&helper_info_x86_div, NULL, "eqc", d,
                     ot | (op == 7 ? 4 : 0));
        return true;
    }
}

/* IMUL Gv, Ev (0F AF) and Gv, Ev, imm (69, 6B) */
X86_TRANS(imul)
{
    int ot = s->dflag;
    TCGvI64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
    TCGvI64 lo = tcg_temp_new_i64(), ovf = tcg_temp_new_i64();

    if (s->b == 0x1af) {
        x86_gen_get_reg(s, ot, b, s->m.reg);
    } else {
        tcg_gen_movi_i64(b, s->b == 0x6b ? x86_imm8s(s) : x86_imm(s, ot));
    }
    x86_gen_ld_rm(s, ot, a, NULL);
    if (ot == OT_Q) {
        TCGvI64 hi = tcg_temp_new_i64();

        tcg_gen_mul_i64(lo, a, b);
        tcg_gen_mulsh_i64(hi, a, b);
        tcg_gen_sari_i64(ovf, lo, 63);
        tcg_gen_setcond_i64(TCG_COND_NE, ovf, ovf, hi);
    } else {
        TCGvI64 t = tcg_temp_new_i64();

        x86_gen_ext(ot, a, true);
        x86_gen_ext(ot, b, true);
        tcg_gen_mul_i64(lo, a, b);
        tcg_gen_mov_i64(t, lo);
        x86_gen_ext(ot, t, true);
        tcg_gen_setcond_i64(TCG_COND_NE, ovf, t, lo);
    }
    x86_gen_set_reg(s, ot, s->m.reg, lo);
    x86_set_cc(s, CC_K_MUL, ot, lo, ovf, NULL);
    return true;
}

/* 84, 85 TEST Ev, Gv; A8, A9 TEST rAX, imm */
X86_TRANS(test_rm_r)
{
    int ot = x86_ot_of(s, s->b);
    TCGvI64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();

    if (s->b >= 0xa8) {
        tcg_gen_movi_i64(b, x86_imm(s, ot));
        x86_gen_get_reg(s, ot, a, R_EAX);
    } else {
        x86_gen_get_reg(s, ot, b, s->m.reg);
        x86_gen_ld_rm(s, ot, a, NULL);
    }
    tcg_gen_and_i64(a, a, b);
    x86_set_cc(s, CC_K_LOGIC, ot, a, NULL, NULL);
    return true;
}

/* 86, 87 XCHG Ev, Gv (always atomic with memory); 90-97 XCHG rAX, r */
X86_TRANS(xchg_rm_r)
{
    int ot, reg, rm;
    TCGvI64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();

    if (s->b >= 0x90) {
        reg = (s->b & 7) | (s->rex & 1) << 3;
        if (reg == R_EAX) {
            /* NOP; F3 90 is PAUSE (also a no-op here) */
            return true;
        }
        ot = s->dflag;
        rm = R_EAX;
    } else {
        ot = x86_ot_of(s, s->b);
        reg = s->m.reg;
        if (s->m.mod != 3) {
            TCGvI64 addr = x86_gen_lea(s);

            x86_gen_get_reg(s, ot, a, reg);
            x86_gen_set_reg(s, ot, reg,
                            lock_rmw(s, ot, addr, a, NULL, X86_RMW_XCHG));
            return true;
        }
        rm = s->m.rm;
    }
    x86_gen_get_reg(s, ot, a, reg);
    x86_gen_get_reg(s, ot, b, rm);
    x86_gen_set_reg(s, ot, rm, a);
    x86_gen_set_reg(s, ot, reg, b);
    return true;
}

X86_TRANS(mov)
{
    int b = s->b, ot;
    TCGvI64 v = tcg_temp_new_i64();

    switch (b) {
    case 0x88: case 0x89:
        ot = x86_ot_of(s, b);
        x86_gen_get_reg(s, ot, v, s->m.reg);
        x86_gen_st_rm(s, ot, v, NULL);
        return true;
    case 0x8a: case 0x8b:
        ot = x86_ot_of(s, b);
        x86_gen_ld_rm(s, ot, v, NULL);
        x86_gen_set_reg(s, ot, s->m.reg, v);
        return true;
    case 0xc6: case 0xc7:
        if ((s->m.reg & 7) != 0) {
            return false;
        }
        ot = x86_ot_of(s, b);
        tcg_gen_movi_i64(v, x86_imm(s, ot));
        x86_gen_st_rm(s, ot, v, NULL);
        return true;
    }
    if (b >= 0xa0 && b <= 0xa3) {
        /* MOV AL/rAX <-> moffs (an address-size absolute offset) */
        uint64_t off = s->aflag == OT_Q ? x86_ldq_code(s) : x86_ldl_code(s);
        TCGvI64 a = x86_gen_seg_addr(s, tcg_constant_i64((int64_t)off), R_DS);

        ot = x86_ot_of(s, b);
        if (b < 0xa2) {
            x86_gen_ld(s, ot, v, a);
            x86_gen_set_reg(s, ot, R_EAX, v);
        } else {
            x86_gen_get_reg(s, ot, v, R_EAX);
            x86_gen_st(s, ot, v, a);
        }
        return true;
    }
    if (b == 0x8c) {
        /* MOV r/m, Sreg: the selector (memory: 16 bits; register:
         * zero-extended to the operand size) */
        int sreg = s->m.reg & 7;

        if (sreg >= X86_NR_SEGS) {
            return false;
        }
        tcg_gen_ld16u_i64(v, tcg_ctx->env,
                          offsetof(X86CPUState, segs[sreg].selector));
        if (s->m.mod == 3) {
            x86_gen_set_reg(s, s->dflag, s->m.rm, v);
        } else {
            x86_gen_st(s, OT_W, v, x86_gen_lea(s));
        }
        return true;
    }
    if (b >= 0xb0 && b <= 0xb7) {
        tcg_gen_movi_i64(v, x86_imm(s, OT_B));
        x86_gen_set_reg(s, OT_B, (b & 7) | (s->rex & 1) << 3, v);
        return true;
    }
    if (b >= 0xb8 && b <= 0xbf) {
        ot = s->dflag;
        tcg_gen_movi_i64(v, ot == OT_Q ? (int64_t)x86_ldq_code(s)
                                       : x86_imm(s, ot));
        x86_gen_set_reg(s, ot, (b & 7) | (s->rex & 1) << 3, v);
        return true;
    }
    return false;
}

X86_TRANS(lea)
{
    if (s->m.mod == 3) {
        return false;
    }
    x86_gen_set_reg(s, s->dflag, s->m.reg, x86_gen_lea_noseg(s));
    return true;
}

X86_TRANS(movsxd)
{
    TCGvI64 v = tcg_temp_new_i64();

    if (s->m.mod == 3) {
        x86_gen_get_reg(s, OT_L, v, s->m.rm);
        tcg_gen_ext32s_i64(v, v);
    } else {
        x86_gen_ld_sx(s, OT_L, v, x86_gen_lea(s));
    }
    x86_gen_set_reg(s, s->dflag, s->m.reg, v);
    return true;
}

/* 0F B6/B7 MOVZX, 0F BE/BF MOVSX */
X86_TRANS(movzx_movsx)
{
    int sot = (s->b & 1) ? OT_W : OT_B;
    bool sign = s->b & 8;
    TCGvI64 v = tcg_temp_new_i64();

    x86_gen_ld_rm(s, sot, v, NULL);
    x86_gen_ext(sot, v, sign);
    x86_gen_set_reg(s, s->dflag, s->m.reg, v);
    return true;
}

/* 98 CBW/CWDE/CDQE, 99 CWD/CDQ/CQO */
X86_TRANS(cbw_cwd)
{
    int ot = s->dflag;
    TCGvI64 v = tcg_temp_new_i64();

    if (s->b == 0x98) {
        x86_gen_get_reg(s, ot - 1, v, R_EAX);
        x86_gen_ext(ot - 1, v, true);
        x86_gen_set_reg(s, ot, R_EAX, v);
    } else {
        x86_gen_get_reg(s, ot, v, R_EAX);
        x86_gen_ext(ot, v, true);
        tcg_gen_sari_i64(v, v, 63);
        x86_gen_set_reg(s, ot, R_EDX, v);
    }
    return true;
}

X86_TRANS(cmovcc)
{
    int ot = s->dflag;
    TCGvI64 src = tcg_temp_new_i64(), d = tcg_temp_new_i64();
    TCGvI64 c;

    x86_gen_ld_rm(s, ot, src, NULL);     /* memory is read either way */
    c = x86_gen_cond(s, s->b & 15);
    x86_gen_get_reg(s, ot, d, s->m.reg);
    tcg_gen_movcond_i64(TCG_COND_NE, d, c, tcg_constant_i64(0), src, d);
    x86_gen_set_reg(s, ot, s->m.reg, d);
    return true;
}

X86_TRANS(setcc)
{
    x86_gen_st_rm(s, OT_B, x86_gen_cond(s, s->b & 15), NULL);
    return true;
}

X86_TRANS(xadd)
{
    int ot = x86_ot_of(s, s->b);
    TCGvI64 r = tcg_temp_new_i64(), d = tcg_temp_new_i64();
    TCGvI64 sum = tcg_temp_new_i64(), addr;

    x86_gen_get_reg(s, ot, r, s->m.reg);
    if (s->m.mod == 3) {
        x86_gen_get_reg(s, ot, d, s->m.rm);
        tcg_gen_add_i64(sum, d, r);
        x86_gen_set_reg(s, ot, s->m.reg, d);
        x86_gen_set_reg(s, ot, s->m.rm, sum);
    } else {
        addr = x86_gen_lea(s);
        if (s->prefix & PFX_LOCK) {
            tcg_gen_mov_i64(d, lock_rmw(s, ot, addr, r, NULL, X86_RMW_ADD));
            tcg_gen_add_i64(sum, d, r);
        } else {
            x86_gen_ld(s, ot, d, addr);
            tcg_gen_add_i64(sum, d, r);
            x86_gen_st(s, ot, sum, addr);
        }
        x86_gen_set_reg(s, ot, s->m.reg, d);
    }
    x86_set_cc(s, CC_K_ADD, ot, sum, r, NULL);
    return true;
}

X86_TRANS(cmpxchg)
{
    int ot = x86_ot_of(s, s->b);
    bool reg_form = s->m.mod == 3;
    /* the register form's are live across its labels: TB temps */
    TCGvI64 acc = reg_form ? tcg_temp_tb_new_i64() : tcg_temp_new_i64();
    TCGvI64 src = reg_form ? tcg_temp_tb_new_i64() : tcg_temp_new_i64();
    TCGvI64 d = reg_form ? tcg_temp_tb_new_i64() : tcg_temp_new_i64();
    TCGvI64 res = tcg_temp_new_i64();

    x86_gen_get_reg(s, ot, acc, R_EAX);
    x86_gen_get_reg(s, ot, src, s->m.reg);
    if (reg_form) {
        x86_gen_get_reg(s, ot, d, s->m.rm);
    } else {
        TCGvI64 addr = x86_gen_lea(s);

        x86_gen_sync_rip(s);
        x86_gen_call(&x86_cmpxchg_infos[ot], d, "qqq", addr, acc, src);
    }
    tcg_gen_sub_i64(res, acc, d);
    x86_set_cc(s, CC_K_SUB, ot, res, d, NULL);
    x86_gen_ext(ot, res, false);
    if (reg_form) {
        /* equal: r/m = src; else rAX = r/m */
        TCGLabel *ne = gen_new_label(), *done = gen_new_label();

        tcg_gen_brcondi_i64(TCG_COND_NE, res, 0, ne);
        x86_gen_set_reg(s, ot, s->m.rm, src);
        tcg_gen_br(done);
        gen_set_label(ne);
        x86_gen_set_reg(s, ot, R_EAX, d);
        gen_set_label(done);
    } else if (ot == OT_L) {
        /* rAX = old only when not equal: a 32-bit write would clear the
         * upper half, so choose without a branch (d is zero-extended) */
        tcg_gen_movcond_i64(TCG_COND_EQ, cpu_regs[R_EAX], res,
                            tcg_constant_i64(0), cpu_regs[R_EAX], d);
    } else {
        /* equal means old == rAX at size ot: writing it back changes
         * nothing, so no branch (a basic-block end) is needed */
        x86_gen_set_reg(s, ot, R_EAX, d);
    }
    return true;
}

/* 0F C7 /1: CMPXCHG8B, with REX.W CMPXCHG16B */
X86_TRANS(grp9)
{
    if (s->m.mod == 3 && (s->m.reg & 7) >= 6 &&
        !(s->prefix & (PFX_REP | PFX_REPNE))) {
        /* RDRAND /6, RDSEED /7: host randomness; CF = 1, others 0 */
        TCGvI64 v = tcg_temp_new_i64();

        x86_gen_call(&helper_info_x86_rdrand, v, "e");
        x86_gen_set_reg(s, s->dflag, s->m.rm, v);
        x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL,
                   tcg_constant_i64(X86_EFLAGS_CF), NULL);
        return true;
    }
    if ((s->m.reg & 7) != 1 || s->m.mod == 3) {
        return false;
    }
    TCGvI64 addr = x86_gen_lea(s);

    x86_gen_sync_rip(s);
    x86_gen_call(&helper_info_x86_cmpxchg_double, NULL, "eqc", addr,
                 s->rex_w ? OT_Q : OT_L);
    s->cc_op = CC_OP_EFLAGS;
    return true;
}

X86_TRANS(bswap)
{
    int r = (s->b & 7) | (s->rex & 1) << 3;
    TCGvI64 v = tcg_temp_new_i64();

    if (s->dflag == OT_Q) {
        tcg_gen_bswap64_i64(cpu_regs[r], cpu_regs[r]);
    } else if (s->dflag == OT_L) {
        tcg_gen_bswap32_i64(v, cpu_regs[r]);
        tcg_gen_ext32u_i64(cpu_regs[r], v);
    } else {
        return false;    /* 16-bit BSWAP is undefined */
    }
    return true;
}
