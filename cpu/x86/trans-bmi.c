/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VEX-encoded general-purpose instructions (BMI1, BMI2) and the
 * 0F 38 map's MOVBE. VEX (C4/C5) is decoded by translate.c into
 * s->vex_* and the REX bits; x86_trans_vex dispatches on map, opcode and
 * the implied prefix (pp). Vector VEX instructions (AVX) are not
 * implemented: #UD.
 */
#include "cpu/x86/helper.h"
#include "cpu/x86/translate.h"

enum { PP_NONE, PP_66, PP_F3, PP_F2 };

/* rm operand at ot into a new temp */
static TCGvI64 ld_rm(DisasContext *s, int ot)
{
    TCGvI64 v = tcg_temp_new_i64();

    x86_gen_ld_rm(s, ot, v, NULL);
    return v;
}

static TCGvI64 vreg(DisasContext *s, int ot)
{
    TCGvI64 v = tcg_temp_new_i64();

    x86_gen_get_reg(s, ot, v, s->vex_v);
    return v;
}

static bool gen_bmi_helper(DisasContext *s, int ot, int op, TCGvI64 a,
                           TCGvI64 b, TCGvI64 res)
{
    x86_gen_call(&helper_info_x86_bmi, res, "qqc", a, b, op << 2 | ot);
    return true;
}

bool x86_trans_vex(DisasContext *s, int map, int op)
{
    int ot = s->rex_w ? OT_Q : OT_L;
    unsigned bits = 8u << ot;
    TCGvI64 res = tcg_temp_new_i64();

    if (s->vex_l) {
        return false;
    }
    if (map == 2) {
        switch (op) {
        case 0xf2:      /* ANDN Gy, By, Ey */
            if (s->vex_pp != PP_NONE) {
                return false;
            }
            tcg_gen_andc_i64(res, ld_rm(s, ot), vreg(s, ot));
            x86_gen_set_reg(s, ot, s->m.reg, res);
            x86_set_cc(s, CC_K_LOGIC, ot, res, NULL, NULL);
            return true;
        case 0xf3: {    /* BLSR /1, BLSMSK /2, BLSI /3: By, Ey */
            int sub = s->m.reg & 7;
            TCGvI64 src = ld_rm(s, ot), t = tcg_temp_new_i64();
            TCGvI64 cf = tcg_temp_new_i64();

            if (s->vex_pp != PP_NONE || sub < 1 || sub > 3) {
                return false;
            }
            switch (sub) {
            case 1:
                tcg_gen_subi_i64(t, src, 1);
                tcg_gen_and_i64(res, src, t);
                tcg_gen_setcondi_i64(TCG_COND_EQ, cf, src, 0);
                break;
            case 2:
                tcg_gen_subi_i64(t, src, 1);
                tcg_gen_xor_i64(res, src, t);
                tcg_gen_setcondi_i64(TCG_COND_EQ, cf, src, 0);
                break;
            default:
                tcg_gen_neg_i64(t, src);
                tcg_gen_and_i64(res, src, t);
                tcg_gen_setcondi_i64(TCG_COND_NE, cf, src, 0);
                break;
            }
            x86_gen_set_reg(s, ot, s->vex_v, res);
            x86_set_cc(s, CC_K_BMI, ot, res, cf, NULL);
            return true;
        }
        case 0xf5:
            if (s->vex_pp == PP_NONE) {         /* BZHI Gy, Ey, By */
                TCGvI64 idx = vreg(s, ot), cf = tcg_temp_new_i64();

                gen_bmi_helper(s, ot, 1, ld_rm(s, ot), idx, res);
                tcg_gen_andi_i64(cf, idx, 0xff);
                tcg_gen_setcondi_i64(TCG_COND_GEU, cf, cf, bits);
                x86_gen_set_reg(s, ot, s->m.reg, res);
                x86_set_cc(s, CC_K_BMI, ot, res, cf, NULL);
                return true;
            }
            if (s->vex_pp == PP_F2 || s->vex_pp == PP_F3) {  /* PDEP, PEXT */
                gen_bmi_helper(s, ot, s->vex_pp == PP_F2 ? 2 : 3,
                               vreg(s, ot), ld_rm(s, ot), res);
                x86_gen_set_reg(s, ot, s->m.reg, res);
                return true;
            }
            return false;
        case 0xf6: {    /* MULX Gy (high), By (low), Ey; times rDX */
            TCGvI64 a = tcg_temp_new_i64(), b = ld_rm(s, ot);
            TCGvI64 hi = tcg_temp_new_i64();

            if (s->vex_pp != PP_F2) {
                return false;
            }
            x86_gen_get_reg(s, ot, a, R_EDX);
            if (ot == OT_Q) {
                tcg_gen_mul_i64(res, a, b);
                tcg_gen_muluh_i64(hi, a, b);
            } else {
                tcg_gen_mul_i64(res, a, b);
                tcg_gen_shri_i64(hi, res, 32);
            }
            x86_gen_set_reg(s, ot, s->vex_v, res);
            x86_gen_set_reg(s, ot, s->m.reg, hi);
            return true;
        }
        case 0xf7: {
            TCGvI64 src = ld_rm(s, ot), cnt = vreg(s, ot);

            switch (s->vex_pp) {
            case PP_NONE:                       /* BEXTR Gy, Ey, By */
                gen_bmi_helper(s, ot, 0, src, cnt, res);
                x86_gen_set_reg(s, ot, s->m.reg, res);
                x86_set_cc(s, CC_K_LOGIC, ot, res, NULL, NULL);
                return true;
            case PP_66:                         /* SHLX */
                tcg_gen_andi_i64(cnt, cnt, bits - 1);
                tcg_gen_shl_i64(res, src, cnt);
                break;
            case PP_F2:                         /* SHRX */
                tcg_gen_andi_i64(cnt, cnt, bits - 1);
                tcg_gen_shr_i64(res, src, cnt);
                break;
            default:                            /* SARX */
                tcg_gen_andi_i64(cnt, cnt, bits - 1);
                x86_gen_ext(ot, src, true);
                tcg_gen_sar_i64(res, src, cnt);
                break;
            }
            x86_gen_set_reg(s, ot, s->m.reg, res);
            return true;
        }
        }
        return false;
    }
    if (map == 3 && op == 0xf0 && s->vex_pp == PP_F2) {   /* RORX */
        TCGvI64 src;
        unsigned n = x86_ldub_code(s) & (bits - 1);

        src = ld_rm(s, ot);
        if (ot == OT_Q) {
            tcg_gen_rotri_i64(res, src, n);
        } else {
            TCGvI32 t = tcg_temp_new_i32();

            tcg_gen_extrl_i64_i32(t, src);
            tcg_gen_rotri_i32(t, t, n);
            tcg_gen_extu_i32_i64(res, t);
        }
        x86_gen_set_reg(s, ot, s->m.reg, res);
        return true;
    }
    return false;
}

X86_TRANS(crc32);       /* F2 0F 38 F0/F1 (trans-sse-int.c) */

/* 0F 38 F0 / F1: MOVBE Gv, Mv / Mv, Gv (F2: CRC32, passed on) */
X86_TRANS(movbe)
{
    int ot = s->dflag;
    TCGvI64 v = tcg_temp_new_i64();

    if (s->prefix & PFX_REPNE) {
        return x86_trans_crc32(s);
    }
    if (s->m.mod == 3 || (s->prefix & (PFX_REP | PFX_REPNE))) {
        return false;
    }
    if (s->b == 0x2f0) {
        x86_gen_ld(s, ot, v, x86_gen_lea(s));
    } else {
        x86_gen_get_reg(s, ot, v, s->m.reg);
    }
    switch (ot) {
    case OT_W: tcg_gen_bswap16_i64(v, v); break;
    case OT_L: tcg_gen_bswap32_i64(v, v); break;
    default: tcg_gen_bswap64_i64(v, v); break;
    }
    if (s->b == 0x2f0) {
        x86_gen_set_reg(s, ot, s->m.reg, v);
    } else {
        x86_gen_st(s, ot, v, x86_gen_lea(s));
    }
    return true;
}

/* 66 0F 38 F6 ADCX, F3 0F 38 F6 ADOX: add with carry through CF (ADCX)
 * or OF (ADOX) only; the other flags are kept */
X86_TRANS(adx)
{
    int ot = s->rex_w ? OT_Q : OT_L;
    int bit = (s->prefix & PFX_REP) ? 11 : 0;
    TCGvI64 f, cin = tcg_temp_new_i64(), d = tcg_temp_new_i64();
    TCGvI64 src = tcg_temp_new_i64(), res = tcg_temp_new_i64();
    TCGvI64 cout = tcg_temp_new_i64();

    if (!(s->prefix & (PFX_REP | PFX_OPSIZE)) || (s->prefix & PFX_REPNE) ||
        ((s->prefix & PFX_REP) && (s->prefix & PFX_OPSIZE))) {
        return false;
    }
    x86_gen_ld_rm(s, ot, src, NULL);
    x86_gen_get_reg(s, ot, d, s->m.reg);
    f = x86_gen_compute_eflags(s);
    tcg_gen_extract_i64(cin, f, bit, 1);
    if (ot == OT_Q) {
        TCGvI64 t = tcg_temp_new_i64(), c2 = tcg_temp_new_i64();

        tcg_gen_add_i64(t, d, src);
        tcg_gen_setcond_i64(TCG_COND_LTU, cout, t, d);
        tcg_gen_add_i64(res, t, cin);
        tcg_gen_setcond_i64(TCG_COND_LTU, c2, res, t);
        tcg_gen_or_i64(cout, cout, c2);
    } else {
        tcg_gen_add_i64(res, d, src);
        tcg_gen_add_i64(res, res, cin);
        tcg_gen_shri_i64(cout, res, 32);
    }
    x86_gen_set_reg(s, ot, s->m.reg, res);
    tcg_gen_andi_i64(f, f, ~((int64_t)1 << bit));
    tcg_gen_shli_i64(cout, cout, bit);
    tcg_gen_or_i64(f, f, cout);
    x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, f, NULL);
    return true;
}
