/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86 string instructions MOVS, CMPS, STOS, LODS, SCAS and their REP,
 * REPE and REPNE forms. A repeated instruction does one iteration per
 * execution of its TB and then jumps back to itself, so an exit request,
 * a fault or a signal sees the exact architectural state between
 * iterations (rCX, rSI, rDI updated), as on the hardware.
 */
#include "cpu/x86/translate.h"

static TCGvI64 string_addr(DisasContext *s, int reg, bool seg_override)
{
    TCGvI64 a = tcg_temp_new_i64();

    tcg_gen_mov_i64(a, cpu_regs[reg]);
    x86_gen_mask_addr(s, a);
    if (seg_override) {
        return x86_gen_seg_addr(s, a, R_DS);
    }
    return a;       /* ES: no override, base 0 in 64-bit mode */
}

static void string_advance(DisasContext *s, int reg, int ot)
{
    TCGvI64 step = tcg_temp_new_i64(), v = tcg_temp_new_i64();

    tcg_gen_shli_i64(step, cpu_df, ot);
    tcg_gen_add_i64(v, cpu_regs[reg], step);
    x86_gen_set_reg(s, s->aflag, reg, v);
}

/* One iteration of the string operation b at size ot. */
static void string_body(DisasContext *s, int b, int ot)
{
    TCGvI64 a = tcg_temp_new_i64(), v = tcg_temp_new_i64();
    TCGvI64 res = tcg_temp_new_i64();

    switch (b & ~1) {
    case 0xa4:      /* MOVS */
        x86_gen_ld(s, ot, v, string_addr(s, R_ESI, true));
        x86_gen_st(s, ot, v, string_addr(s, R_EDI, false));
        string_advance(s, R_ESI, ot);
        string_advance(s, R_EDI, ot);
        break;
    case 0xa6:      /* CMPS: [rSI] - [rDI] */
        x86_gen_ld(s, ot, a, string_addr(s, R_ESI, true));
        x86_gen_ld(s, ot, v, string_addr(s, R_EDI, false));
        string_advance(s, R_ESI, ot);
        string_advance(s, R_EDI, ot);
        tcg_gen_sub_i64(res, a, v);
        x86_set_cc(s, CC_K_SUB, ot, res, v, NULL);
        break;
    case 0xaa:      /* STOS */
        x86_gen_get_reg(s, ot, v, R_EAX);
        x86_gen_st(s, ot, v, string_addr(s, R_EDI, false));
        string_advance(s, R_EDI, ot);
        break;
    case 0xac:      /* LODS */
        x86_gen_ld(s, ot, v, string_addr(s, R_ESI, true));
        x86_gen_set_reg(s, ot, R_EAX, v);
        string_advance(s, R_ESI, ot);
        break;
    case 0xae:      /* SCAS: rAX - [rDI] */
        x86_gen_get_reg(s, ot, a, R_EAX);
        x86_gen_ld(s, ot, v, string_addr(s, R_EDI, false));
        string_advance(s, R_EDI, ot);
        tcg_gen_sub_i64(res, a, v);
        x86_set_cc(s, CC_K_SUB, ot, res, v, NULL);
        break;
    }
}

X86_TRANS(string)
{
    int b = s->b, ot = x86_ot_of(s, b);
    bool cmp = (b & ~1) == 0xa6 || (b & ~1) == 0xae;
    TCGvI64 cnt;
    TCGLabel *done;

    if (!(s->prefix & (PFX_REP | PFX_REPNE))) {
        string_body(s, b, ot);
        return true;
    }
    /* REP: while rCX != 0 { body; rCX--; stop on the ZF condition } */
    cnt = tcg_temp_new_i64();
    done = gen_new_label();
    x86_gen_get_reg(s, s->aflag, cnt, R_ECX);
    tcg_gen_brcondi_i64(TCG_COND_EQ, cnt, 0, done);
    string_body(s, b, ot);
    tcg_gen_subi_i64(cnt, cpu_regs[R_ECX], 1);
    x86_gen_set_reg(s, s->aflag, R_ECX, cnt);
    x86_gen_mask_addr(s, cnt);
    tcg_gen_brcondi_i64(TCG_COND_EQ, cnt, 0, done);
    if (cmp) {
        /* REPE (F3) goes on while ZF = 1, REPNE (F2) while ZF = 0 */
        TCGvI64 go_on = x86_gen_cond(s, (s->prefix & PFX_REP) ? 4 : 5);

        tcg_gen_brcondi_i64(TCG_COND_EQ, go_on, 0, done);
    }
    x86_gen_goto_tb(s, 1, s->pc);
    gen_set_label(done);
    x86_gen_goto_tb(s, 0, s->pc_next);
    s->is_jmp = X86_JMP_NORETURN;
    return true;
}
