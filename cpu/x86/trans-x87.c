/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x87 group of the x86 front end (see translate.h): D8-DF and FWAIT.
 * Every x87 instruction is one call of helper_x86_x87 (x87-helper.c),
 * which runs the instruction on the host's x87 unit over the guest's
 * state. The translator checks the encoding (#UD), forms the memory
 * operand's address and hands over what the instruction reads outside
 * the x87 state (rflags for FCMOVcc) and writes (AX, rflags).
 */
#include "cpu/x86/helper-x87.h"
#include "cpu/x86/translate.h"

X86_TRANS(x87)
{
    int opcode = s->b & 0xff, modrm, slot;
    TCGvI64 ea, addr, flags, ret = tcg_temp_new_i64();
    bool fcmov = false, fcomi = false, fnstsw_ax = false;

    if (opcode == 0x9b) {                     /* FWAIT */
        x86_gen_sync_rip(s);
        x86_gen_call(&helper_info_x86_x87, NULL, "eckqqq", X87_OP_FWAIT,
                     (int64_t)s->pc, tcg_constant_i64(0),
                     tcg_constant_i64(0), tcg_constant_i64(0));
        return true;
    }
    modrm = s->m.mod << 6 | (s->m.reg & 7) << 3 | (s->m.rm & 7);
    if (s->m.mod == 3) {
        if (!x87_reg_form_valid(opcode, modrm)) {
            return false;
        }
        slot = (int)x87_slot_reg(opcode, modrm);
        ea = addr = tcg_constant_i64(0);
        /* FCMOVcc: DA/DB C0-DF; FCOMI, FUCOMI(P): DB/DF E8-F7 */
        fcmov = (opcode == 0xda || opcode == 0xdb) && modrm <= 0xdf;
        fcomi = (opcode == 0xdb || opcode == 0xdf) && modrm >= 0xe8 &&
                modrm <= 0xf7;
        fnstsw_ax = opcode == 0xdf && modrm == 0xe0;
    } else {
        int reg = s->m.reg & 7;

        if (!x87_mem_form_valid(opcode, reg)) {
            return false;
        }
        slot = (int)x87_slot_mem(opcode, reg);
        /* 66: the 16-bit layouts of FLDENV, FNSTENV, FRSTOR, FNSAVE */
        if ((s->prefix & PFX_OPSIZE) && (opcode == 0xd9 || opcode == 0xdd) &&
            (reg == 4 || reg == 6)) {
            slot = X87_SLOT_ENV16 + (opcode == 0xdd) * 2 + (reg == 6);
        }
        ea = x86_gen_lea_noseg(s);
        addr = x86_gen_seg_addr(s, ea, R_DS);
    }
    flags = (fcmov || fcomi) ? x86_gen_compute_eflags(s)
                             : tcg_constant_i64(0);
    x86_gen_sync_rip(s);
    x86_gen_call(&helper_info_x86_x87, ret, "eckqqq",
                 slot | (opcode & 7) << 24 | (modrm << 16),
                 (int64_t)s->pc, addr, ea, flags);
    if (fnstsw_ax) {
        x86_gen_set_reg(s, OT_W, R_EAX, ret);
    } else if (fcomi) {
        x86_set_cc(s, CC_K_EFLAGS, OT_Q, NULL, ret, NULL);
    }
    return true;
}
