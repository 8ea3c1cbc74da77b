/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Front-end API: one function per IR op and width, plus a few composite
 * helpers expanded into simpler ops. Everything appends to tcg_ctx.
 */
#ifndef ACCEL_TCG_TCG_OP_H
#define ACCEL_TCG_TCG_OP_H

#include "accel/tcg/tcg.h"

/* ---- i32 ---- */
void tcg_gen_mov_i32(TCGvI32 d, TCGvI32 s);
void tcg_gen_movi_i32(TCGvI32 d, int32_t v);
void tcg_gen_add_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_sub_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_mul_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_and_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_or_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_xor_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_andc_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_orc_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_eqv_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_nand_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_nor_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_shl_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_shr_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_sar_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_rotl_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_rotr_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_div_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_divu_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_rem_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_remu_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_mulsh_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_muluh_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_addi_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_subi_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_muli_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_andi_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_ori_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_xori_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_shli_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_shri_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_sari_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_rotli_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_rotri_i32(TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_clz_i32(TCGvI32 d, TCGvI32 a, TCGvI32 zero_value);
void tcg_gen_ctz_i32(TCGvI32 d, TCGvI32 a, TCGvI32 zero_value);
void tcg_gen_neg_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_not_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_ctpop_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_ext8s_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_ext8u_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_ext16s_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_ext16u_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_bswap16_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_bswap32_i32(TCGvI32 d, TCGvI32 a);
void tcg_gen_extract_i32(TCGvI32 d, TCGvI32 a, unsigned pos, unsigned len);
void tcg_gen_sextract_i32(TCGvI32 d, TCGvI32 a, unsigned pos, unsigned len);
void tcg_gen_deposit_i32(TCGvI32 d, TCGvI32 a, TCGvI32 b, unsigned pos, unsigned len);
void tcg_gen_setcond_i32(TCGCond c, TCGvI32 d, TCGvI32 a, TCGvI32 b);
void tcg_gen_setcondi_i32(TCGCond c, TCGvI32 d, TCGvI32 a, int32_t b);
void tcg_gen_movcond_i32(TCGCond c, TCGvI32 d, TCGvI32 c1, TCGvI32 c2, TCGvI32 v1, TCGvI32 v2);
void tcg_gen_brcond_i32(TCGCond c, TCGvI32 a, TCGvI32 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond c, TCGvI32 a, int32_t b, TCGLabel *l);
void tcg_gen_ld8u_i32(TCGvI32 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld8s_i32(TCGvI32 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld16u_i32(TCGvI32 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld16s_i32(TCGvI32 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld_i32(TCGvI32 d, TCGvPtr base, intptr_t offset);
void tcg_gen_st8_i32(TCGvI32 v, TCGvPtr base, intptr_t offset);
void tcg_gen_st16_i32(TCGvI32 v, TCGvPtr base, intptr_t offset);
void tcg_gen_st_i32(TCGvI32 v, TCGvPtr base, intptr_t offset);
void tcg_gen_guest_ld_i32(TCGvI32 d, TCGvI64 addr, int mmu_idx, MemOp mop);
void tcg_gen_guest_st_i32(TCGvI32 v, TCGvI64 addr, int mmu_idx, MemOp mop);
void tcg_gen_discard_i32(TCGvI32 t);

/* ---- i64 ---- */
void tcg_gen_mov_i64(TCGvI64 d, TCGvI64 s);
void tcg_gen_movi_i64(TCGvI64 d, int64_t v);
void tcg_gen_add_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_sub_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_mul_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_and_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_or_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_xor_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_andc_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_orc_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_eqv_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_nand_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_nor_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_shl_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_shr_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_sar_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_rotl_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_rotr_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_div_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_divu_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_rem_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_remu_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_mulsh_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_muluh_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_addi_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_subi_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_muli_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_andi_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_ori_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_xori_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_shli_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_shri_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_sari_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_rotli_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_rotri_i64(TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_clz_i64(TCGvI64 d, TCGvI64 a, TCGvI64 zero_value);
void tcg_gen_ctz_i64(TCGvI64 d, TCGvI64 a, TCGvI64 zero_value);
void tcg_gen_neg_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_not_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ctpop_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ext8s_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ext8u_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ext16s_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ext16u_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_bswap16_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_bswap32_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ext32s_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_ext32u_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_bswap64_i64(TCGvI64 d, TCGvI64 a);
void tcg_gen_extract_i64(TCGvI64 d, TCGvI64 a, unsigned pos, unsigned len);
void tcg_gen_sextract_i64(TCGvI64 d, TCGvI64 a, unsigned pos, unsigned len);
void tcg_gen_deposit_i64(TCGvI64 d, TCGvI64 a, TCGvI64 b, unsigned pos, unsigned len);
void tcg_gen_setcond_i64(TCGCond c, TCGvI64 d, TCGvI64 a, TCGvI64 b);
void tcg_gen_setcondi_i64(TCGCond c, TCGvI64 d, TCGvI64 a, int64_t b);
void tcg_gen_movcond_i64(TCGCond c, TCGvI64 d, TCGvI64 c1, TCGvI64 c2, TCGvI64 v1, TCGvI64 v2);
void tcg_gen_brcond_i64(TCGCond c, TCGvI64 a, TCGvI64 b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond c, TCGvI64 a, int64_t b, TCGLabel *l);
void tcg_gen_ld8u_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld8s_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld16u_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld16s_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld32u_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld32s_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_ld_i64(TCGvI64 d, TCGvPtr base, intptr_t offset);
void tcg_gen_st8_i64(TCGvI64 v, TCGvPtr base, intptr_t offset);
void tcg_gen_st16_i64(TCGvI64 v, TCGvPtr base, intptr_t offset);
void tcg_gen_st32_i64(TCGvI64 v, TCGvPtr base, intptr_t offset);
void tcg_gen_st_i64(TCGvI64 v, TCGvPtr base, intptr_t offset);
void tcg_gen_guest_ld_i64(TCGvI64 d, TCGvI64 addr, int mmu_idx, MemOp mop);
void tcg_gen_guest_st_i64(TCGvI64 v, TCGvI64 addr, int mmu_idx, MemOp mop);
void tcg_gen_discard_i64(TCGvI64 t);

/* ---- width changes ---- */
void tcg_gen_ext_i32_i64(TCGvI64 d, TCGvI32 s);   /* sign-extend */
void tcg_gen_extu_i32_i64(TCGvI64 d, TCGvI32 s);  /* zero-extend */
void tcg_gen_extrl_i64_i32(TCGvI32 d, TCGvI64 s); /* low 32 bits */
void tcg_gen_extrh_i64_i32(TCGvI32 d, TCGvI64 s); /* high 32 bits */

/* ---- pointers (host addresses, e.g. into the CPU state) ---- */
void tcg_gen_mov_ptr(TCGvPtr d, TCGvPtr s);
void tcg_gen_addi_ptr(TCGvPtr d, TCGvPtr a, intptr_t b);
void tcg_gen_ld_ptr(TCGvPtr d, TCGvPtr base, intptr_t offset);

/* ---- control ---- */
void tcg_gen_br(TCGLabel *l);
void gen_set_label(TCGLabel *l);
/* Start of a guest instruction: its pc and one target-defined word. */
void tcg_gen_insn_start(uint64_t pc, uint64_t extra);
void tcg_gen_mb(unsigned tcg_mo_mask);
/* Jump to the TB chained in slot n (0/1); pair with exit_tb(tb, n). */
void tcg_gen_goto_tb(unsigned n);
/*
 * Return to the exec loop. With tb != NULL, the value says which slot of
 * tb was taken, so the loop may chain it; NULL: no chaining.
 */
void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned n);
/* Look the next TB up from the CPU's current pc and jump there, or exit. */
void tcg_gen_lookup_and_goto_ptr(void);
/*
 * The same, for a front end that knows at translation time the key the
 * next lookup will use: pc holds the new pc (the value it has just stored
 * in its pc global) and flags is what get_tb_cpu_state will return then
 * (e.g. the TB's own flags when nothing in it can change them). The back
 * end may then probe the vCPU's jump cache inline and call the lookup
 * helper only on a miss. A wrong flags value would run a TB translated
 * for other flags: when unsure, use tcg_gen_lookup_and_goto_ptr. System
 * mode and -d exec ignore the key (the plain lookup), so flags need only
 * be right in user mode.
 */
void tcg_gen_lookup_and_goto_ptr_key(TCGvI64 pc, uint32_t flags);

/*
 * Helper call: ret may be NULL (void helper); args are TCGTemp pointers in
 * order, as info->typemask describes. Globals are synced/reloaded around
 * the call as info->flags allow.
 */
void tcg_gen_call(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

#endif
