/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86 shifts, rotates and bit instructions: SHL/SHR/SAR (inline, lazy
 * flags), ROL/ROR/RCL/RCR and SHLD/SHRD (helpers that compute CF/OF),
 * BT/BTS/BTR/BTC, BSF/BSR, TZCNT/LZCNT, POPCNT.
 */
#include "cpu/x86/helper.h"
#include "cpu/x86/translate.h"

/* A shift by a count not known to be non-zero keeps the old flags when
 * the count is zero: select between the old record and the new one. */
static void set_cc_if_count(DisasContext *s, X86CCOpKind kind, int ot,
                            TCGvI64 count, bool count_known_nonzero,
                            TCGvI64 dst, TCGvI64 src)
{
    TCGvI32 c32, op;
    TCGvI64 zero;

    if (count_known_nonzero) {
        x86_set_cc(s, kind, ot, dst, src, NULL);
        return;
    }
    zero = tcg_constant_i64(0);
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_cc_dst, count, zero, dst, cpu_cc_dst);
    tcg_gen_movcond_i64(TCG_COND_NE, cpu_cc_src, count, zero, src, cpu_cc_src);
    c32 = tcg_temp_new_i32();
    op = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(c32, count);
    tcg_gen_movi_i32(op, (int32_t)CC_OP(kind, ot));
    tcg_gen_movcond_i32(TCG_COND_NE, cpu_cc_op, c32, tcg_constant_i32(0), op,
                        cpu_cc_op);
    s->cc_op = CC_OP_DYNAMIC;
}

/*
 * ROL/ROR of a 32/64-bit operand by a known non-zero count, inline (hot
 * in hashes): CF and OF from the result, the other flags kept. The old
 * flags come from the pure compute-all helper, which liveness deletes
 * when the next instruction sets the flags again (the usual case).
 */
static TCGvI64 gen_rotate_imm(DisasContext *s, bool right, int ot,
                              TCGvI64 d, TCGvI64 res, int count)
{
    int bits = ot == OT_Q ? 64 : 32;
    TCGvI64 f = x86_gen_compute_eflags(s), cf = tcg_temp_new_i64();
    TCGvI64 of = tcg_temp_new_i64();

    if (ot == OT_Q) {
        if (right) {
            tcg_gen_rotri_i64(res, d, count);
        } else {
            tcg_gen_rotli_i64(res, d, count);
        }
    } else {
        TCGvI32 t = tcg_temp_new_i32();

        tcg_gen_extrl_i64_i32(t, d);
        if (right) {
            tcg_gen_rotri_i32(t, t, count);
        } else {
            tcg_gen_rotli_i32(t, t, count);
        }
        tcg_gen_extu_i32_i64(res, t);
    }
    /* ROL: CF = bit 0, OF = msb ^ CF; ROR: CF = msb, OF = msb ^ msb-1 */
    tcg_gen_extract_i64(cf, res, right ? bits - 1 : 0, 1);
    tcg_gen_extract_i64(of, res, bits - 1, 1);
    if (right) {
        TCGvI64 b2 = tcg_temp_new_i64();

        tcg_gen_extract_i64(b2, res, bits - 2, 1);
        tcg_gen_xor_i64(of, of, b2);
    } else {
        tcg_gen_xor_i64(of, of, cf);
    }
    tcg_gen_andi_i64(f, f, ~(int64_t)(X86_EFLAGS_CF | X86_EFLAGS_OF));
    tcg_gen_or_i64(f, f, cf);
    tcg_gen_shli_i64(of, of, 11);
    tcg_gen_or_i64(f, f, of);
    return f;   /* recorded after the store: a faulting store keeps flags */
}

/* C0, C1 (imm8), D0, D1 (1), D2, D3 (CL) */
X86_TRANS(shift_grp2)
{
    int op = s->m.reg & 7, ot = x86_ot_of(s, s->b);
    TCGvI64 count = tcg_temp_new_i64(), d = tcg_temp_new_i64();
    TCGvI64 res = tcg_temp_new_i64(), src = tcg_temp_new_i64(), addr = NULL;
    bool known = false;
    int count_imm = 0;
    int64_t cmask = ot == OT_Q ? 63 : 31;

    if (s->b == 0xc0 || s->b == 0xc1) {
        int64_t c = x86_ldub_code(s) & cmask;

        if (c == 0) {
            /* flags unchanged; the access may still fault, and a 32-bit
             * register is still written (its upper half cleared) */
            x86_gen_ld_rm(s, ot, d, &addr);
            if (!addr && ot == OT_L) {
                x86_gen_set_reg(s, ot, s->m.rm, d);
            }
            return true;
        }
        tcg_gen_movi_i64(count, c);
        count_imm = (int)c;
        known = true;
    } else if (s->b == 0xd0 || s->b == 0xd1) {
        tcg_gen_movi_i64(count, 1);
        count_imm = 1;
        known = true;
    } else {
        tcg_gen_andi_i64(count, cpu_regs[R_ECX], cmask);
    }
    x86_gen_ld_rm(s, ot, d, &addr);
    if (op < 2 && known && ot >= OT_L) {
        TCGvI64 f = gen_rotate_imm(s, op == 1, ot, d, res, count_imm);

        x86_gen_st_rm(s, ot, res, addr);
        x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
        return true;
    }
    if (op < 4) {
        x86_gen_call(&helper_info_x86_rotate, res, "eqqc", d, count,
                     op << 2 | ot);
        x86_gen_st_rm(s, ot, res, addr);
        s->cc_op = CC_OP_DYNAMIC;
        return true;
    }
    TCGvI64 cm1 = tcg_temp_new_i64();
    X86CCOpKind kind;

    tcg_gen_subi_i64(cm1, count, 1);
    switch (op) {
    case 4:
    case 6:     /* SAL is SHL */
        tcg_gen_shl_i64(res, d, count);
        tcg_gen_shl_i64(src, d, cm1);
        kind = CC_K_SHL;
        break;
    case 5:
        tcg_gen_shr_i64(res, d, count);
        tcg_gen_shr_i64(src, d, cm1);
        kind = CC_K_SHR;
        break;
    default:
        x86_gen_ext(ot, d, true);
        tcg_gen_sar_i64(res, d, count);
        tcg_gen_sar_i64(src, d, cm1);
        kind = CC_K_SAR;
        break;
    }
    x86_gen_st_rm(s, ot, res, addr);
    set_cc_if_count(s, kind, ot, count, known, res, src);
    return true;
}

/* 0F A4/A5 SHLD, 0F AC/AD SHRD */
X86_TRANS(shld_shrd)
{
    int ot = s->dflag;
    bool right = s->b >= 0x1ac;
    TCGvI64 count = tcg_temp_new_i64(), d = tcg_temp_new_i64();
    TCGvI64 src = tcg_temp_new_i64(), res = tcg_temp_new_i64(), addr = NULL;

    if (s->b & 1) {
        tcg_gen_mov_i64(count, cpu_regs[R_ECX]);
    } else {
        tcg_gen_movi_i64(count, x86_ldub_code(s));
    }
    x86_gen_get_reg(s, ot, src, s->m.reg);
    x86_gen_ld_rm(s, ot, d, &addr);
    x86_gen_call(&helper_info_x86_shld, res, "eqqqc", d, src, count,
                 ot | (right ? 4 : 0));
    x86_gen_st_rm(s, ot, res, addr);
    s->cc_op = CC_OP_DYNAMIC;
    return true;
}

/* 0F A3 BT, AB BTS, B3 BTR, BB BTC (Ev, Gv); 0F BA /4-/7 (Ev, Ib) */
X86_TRANS(bt)
{
    int ot = s->dflag, op;
    unsigned bits = 8u << ot;
    TCGvI64 bit = tcg_temp_new_i64(), d = tcg_temp_new_i64();
    TCGvI64 mask = tcg_temp_new_i64(), res = tcg_temp_new_i64();
    TCGvI64 cf = tcg_temp_new_i64(), addr = NULL, f;

    if (s->b == 0x1ba) {
        op = s->m.reg & 7;
        if (op < 4) {
            return false;
        }
        op -= 4;
        tcg_gen_movi_i64(bit, x86_ldub_code(s) & (bits - 1));
        if (s->m.mod != 3) {
            addr = x86_gen_lea(s);
        }
    } else {
        op = (s->b >> 3) & 3;     /* A3:0 AB:1 B3:2 BB:3 */
        x86_gen_get_reg(s, ot, bit, s->m.reg);
        if (s->m.mod != 3) {
            /* the bit offset is signed and may leave the operand */
            TCGvI64 off = tcg_temp_new_i64();

            tcg_gen_mov_i64(off, bit);
            x86_gen_ext(ot, off, true);
            tcg_gen_sari_i64(off, off, 3 + ot);
            tcg_gen_shli_i64(off, off, ot);
            addr = x86_gen_lea(s);
            tcg_gen_add_i64(addr, addr, off);
        }
        tcg_gen_andi_i64(bit, bit, bits - 1);
    }
    tcg_gen_shl_i64(mask, tcg_constant_i64(1), bit);
    if (addr && op && (s->prefix & PFX_LOCK)) {
        static const int rmw[] = { 0, X86_RMW_OR, X86_RMW_AND, X86_RMW_XOR };
        TCGvI64 val = tcg_temp_new_i64();

        if (op == 2) {
            tcg_gen_not_i64(val, mask);
        } else {
            tcg_gen_mov_i64(val, mask);
        }
        x86_gen_sync_rip(s);
        x86_gen_call(x86_lock_rmw_helper(rmw[op], ot), d, "qqq", addr, val,
                     tcg_constant_i64(0));
    } else if (addr) {
        x86_gen_ld(s, ot, d, addr);
    } else {
        x86_gen_get_reg(s, ot, d, s->m.rm);
    }
    tcg_gen_shr_i64(cf, d, bit);
    tcg_gen_andi_i64(cf, cf, 1);
    if (op && !(addr && (s->prefix & PFX_LOCK))) {
        switch (op) {
        case 1: tcg_gen_or_i64(res, d, mask); break;
        case 2: tcg_gen_andc_i64(res, d, mask); break;
        default: tcg_gen_xor_i64(res, d, mask); break;
        }
        if (addr) {
            x86_gen_st(s, ot, res, addr);
        } else {
            x86_gen_set_reg(s, ot, s->m.rm, res);
        }
    }
    /* CF = the bit; the other flags are left as they were */
    f = x86_gen_compute_eflags(s);
    tcg_gen_andi_i64(f, f, ~(int64_t)X86_EFLAGS_CF);
    tcg_gen_or_i64(f, f, cf);
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}

/* 0F BC BSF / F3 0F BC TZCNT, 0F BD BSR / F3 0F BD LZCNT */
X86_TRANS(bsf_bsr)
{
    int ot = s->dflag;
    unsigned bits = 8u << ot;
    bool rev = s->b == 0x1bd;
    TCGvI64 v = tcg_temp_new_i64(), res = tcg_temp_new_i64();

    x86_gen_ld_rm(s, ot, v, NULL);
    if (s->prefix & PFX_REP) {
        TCGvI64 zero = tcg_temp_new_i64();

        if (rev) {
            tcg_gen_clz_i64(res, v, tcg_constant_i64(64));
            tcg_gen_subi_i64(res, res, 64 - bits);
        } else {
            tcg_gen_ctz_i64(res, v, tcg_constant_i64(bits));
        }
        x86_gen_set_reg(s, ot, s->m.reg, res);
        tcg_gen_setcondi_i64(TCG_COND_EQ, zero, v, 0);
        x86_set_cc(s, CC_K_BMI, ot, res, zero, NULL);
        return true;
    }
    /* BSF/BSR: a zero source leaves the destination alone, ZF = 1 */
    TCGvI64 old = tcg_temp_new_i64();

    if (rev) {
        tcg_gen_clz_i64(res, v, tcg_constant_i64(0));
        tcg_gen_xori_i64(res, res, 63);
    } else {
        tcg_gen_ctz_i64(res, v, tcg_constant_i64(0));
    }
    TCGLabel *skip = gen_new_label();

    tcg_gen_mov_i64(old, v);
    x86_set_cc(s, CC_K_LOGIC, ot, old, NULL, NULL);
    tcg_gen_brcondi_i64(TCG_COND_EQ, v, 0, skip);
    x86_gen_set_reg(s, ot, s->m.reg, res);
    gen_set_label(skip);
    return true;
}

/* F3 0F B8: POPCNT; flags all clear but ZF = (source == 0) */
X86_TRANS(popcnt)
{
    int ot = s->dflag;
    TCGvI64 v = tcg_temp_new_i64(), res = tcg_temp_new_i64();
    TCGvI64 f = tcg_temp_new_i64();

    if (!(s->prefix & PFX_REP)) {
        return false;
    }
    x86_gen_ld_rm(s, ot, v, NULL);
    tcg_gen_ctpop_i64(res, v);
    x86_gen_set_reg(s, ot, s->m.reg, res);
    tcg_gen_setcondi_i64(TCG_COND_EQ, f, v, 0);
    tcg_gen_shli_i64(f, f, 6);
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}
