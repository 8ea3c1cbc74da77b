/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86 opcode maps: for each opcode byte of the one-byte map and of
 * the 0F map, the translator of its group and whether a ModRM byte
 * follows. An empty entry is #UD. The three-byte maps (0F 38, 0F 3A) and
 * the VEX maps are further tables of the same shape, looked up by
 * translate.c's decoder once their instructions exist.
 */
#include "cpu/x86/translate.h"

#define E(fn) { x86_trans_##fn, false }
#define M(fn) { x86_trans_##fn, true }

/* ALU rows 00-3F: forms 0-3 have ModRM, 4-5 an immediate; 6, 7 of each
 * row are other instructions (invalid in 64-bit mode, or prefixes). */
#define ALU_ROW(base) \
    [(base) + 0] = M(alu), [(base) + 1] = M(alu), [(base) + 2] = M(alu), \
    [(base) + 3] = M(alu), [(base) + 4] = E(alu), [(base) + 5] = E(alu)

const X86OpEntry x86_map_onebyte[256] = {
    ALU_ROW(0x00), ALU_ROW(0x08), ALU_ROW(0x10), ALU_ROW(0x18),
    ALU_ROW(0x20), ALU_ROW(0x28), ALU_ROW(0x30), ALU_ROW(0x38),
    [0x50 ... 0x5f] = E(push_pop),
    [0x63] = M(movsxd),
    [0x68] = E(push_pop), [0x6a] = E(push_pop),
    [0x69] = M(imul), [0x6b] = M(imul),
    [0x6c ... 0x6f] = E(privileged),
    [0x70 ... 0x7f] = E(jcc),
    [0x80] = M(alu), [0x81] = M(alu), [0x83] = M(alu),
    [0x84] = M(test_rm_r), [0x85] = M(test_rm_r),
    [0x86] = M(xchg_rm_r), [0x87] = M(xchg_rm_r),
    [0x88 ... 0x8c] = M(mov),
    [0x8d] = M(lea),
    [0x8f] = M(push_pop),
    [0x90 ... 0x97] = E(xchg_rm_r),
    [0x98] = E(cbw_cwd), [0x99] = E(cbw_cwd),
    [0x9c] = E(pushf_popf), [0x9d] = E(pushf_popf),
    [0x9b] = E(x87),                           /* FWAIT */
    [0x9e] = E(sahf_lahf), [0x9f] = E(sahf_lahf),
    [0xa0 ... 0xa3] = E(mov),
    [0xa4 ... 0xa7] = E(string),
    [0xa8] = E(test_rm_r), [0xa9] = E(test_rm_r),
    [0xaa ... 0xaf] = E(string),
    [0xb0 ... 0xbf] = E(mov),
    [0xc0] = M(shift_grp2), [0xc1] = M(shift_grp2),
    [0xc2] = E(ret), [0xc3] = E(ret),
    [0xc6] = M(mov), [0xc7] = M(mov),
    [0xc8] = E(enter_leave), [0xc9] = E(enter_leave),
    [0xcc] = E(privileged), [0xcd] = E(privileged),
    [0xd0 ... 0xd3] = M(shift_grp2),
    [0xd7] = E(xlat),
    [0xd8 ... 0xdf] = M(x87),
    [0xe0 ... 0xe3] = E(loop_jrcxz),
    [0xe4 ... 0xe7] = E(privileged),
    [0xe8] = E(jmp_call), [0xe9] = E(jmp_call), [0xeb] = E(jmp_call),
    [0xec ... 0xef] = E(privileged),
    [0xf4] = E(privileged),
    [0xf5] = E(flag_ops),
    [0xf6] = M(test_not_neg_mul_div), [0xf7] = M(test_not_neg_mul_div),
    [0xf8] = E(flag_ops), [0xf9] = E(flag_ops),
    [0xfa] = E(privileged), [0xfb] = E(privileged),
    [0xfc] = E(flag_ops), [0xfd] = E(flag_ops),
    [0xfe] = M(inc_dec_push_grp), [0xff] = M(inc_dec_push_grp),
};

const X86OpEntry x86_map_0f[256] = {
    [0x01] = M(sse_fp),                        /* XGETBV (0F 01 D0) */
    [0x05] = E(misc_0f),                       /* SYSCALL */
    [0x06] = E(privileged),                    /* CLTS */
    [0x08] = E(privileged), [0x09] = E(privileged),  /* INVD, WBINVD */
    [0x0d] = M(nop_hint),                      /* PREFETCHW */
    [0x10 ... 0x17] = M(sse_fp),
    [0x18 ... 0x1f] = M(nop_hint),
    [0x20 ... 0x23] = E(privileged),           /* MOV CR/DR */
    [0x30] = E(privileged), [0x32] = E(privileged),  /* WRMSR, RDMSR */
    [0x28 ... 0x2f] = M(sse_fp),
    [0x31] = E(misc_0f),                       /* RDTSC */
    [0x40 ... 0x4f] = M(cmovcc),
    [0x50 ... 0x5f] = M(sse_fp),
    [0x60 ... 0x76] = M(sse_int),
    [0x77] = E(sse_int),                       /* EMMS */
    [0x7c] = M(sse_fp), [0x7d] = M(sse_fp),    /* HADD, HSUB */
    [0x7e] = M(sse_int), [0x7f] = M(sse_int),
    [0x80 ... 0x8f] = E(jcc),
    [0x90 ... 0x9f] = M(setcc),
    [0xa2] = E(misc_0f),                       /* CPUID */
    [0xa3] = M(bt), [0xab] = M(bt), [0xb3] = M(bt), [0xbb] = M(bt),
    [0xba] = M(bt),
    [0xa4] = M(shld_shrd), [0xa5] = M(shld_shrd),
    [0xac] = M(shld_shrd), [0xad] = M(shld_shrd),
    [0xae] = M(sse_fp),       /* FXSAVE..XRSTOR; fences via grp15 */
    [0xaf] = M(imul),
    [0xb0] = M(cmpxchg), [0xb1] = M(cmpxchg),
    [0xb6] = M(movzx_movsx), [0xb7] = M(movzx_movsx),
    [0xb8] = M(popcnt),
    [0xbc] = M(bsf_bsr), [0xbd] = M(bsf_bsr),
    [0xbe] = M(movzx_movsx), [0xbf] = M(movzx_movsx),
    [0xc0] = M(xadd), [0xc1] = M(xadd),
    [0xc2] = M(sse_fp),                        /* CMPPS.. */
    [0xc3 ... 0xc5] = M(sse_int),              /* MOVNTI, PINSRW, PEXTRW */
    [0xc6] = M(sse_fp),                        /* SHUFPS/PD */
    [0xc7] = M(grp9),
    [0xc8 ... 0xcf] = E(bswap),
    [0xd0] = M(sse_fp),                        /* ADDSUBPD/PS */
    [0xd1 ... 0xe5] = M(sse_int),
    [0xe6] = M(sse_fp),                        /* CVT(T)PD2DQ, CVTDQ2PD */
    [0xe7 ... 0xfe] = M(sse_int),
};

/* 0F 38: three-byte map. F2 0F 38 F0/F1 is CRC32: movbe passes it on. */
const X86OpEntry x86_map_0f38[256] = {
    [0x00 ... 0x0b] = M(sse_int),              /* SSSE3 */
    [0x10] = M(sse_int),                       /* PBLENDVB */
    [0x14] = M(sse_fp), [0x15] = M(sse_fp),    /* BLENDVPS/PD */
    [0x17] = M(sse_int),                       /* PTEST */
    [0x1c ... 0x1e] = M(sse_int),              /* PABSx */
    [0x20 ... 0x25] = M(sse_int),              /* PMOVSX */
    [0x28 ... 0x2b] = M(sse_int),
    [0x30 ... 0x35] = M(sse_int),              /* PMOVZX */
    [0x37 ... 0x41] = M(sse_int),
    [0xdb ... 0xdf] = M(sse_int),              /* AES-NI */
    [0xf0] = M(movbe), [0xf1] = M(movbe),
    [0xf6] = M(adx),
};

/* 0F 3A: three-byte map, every form has an imm8 after ModRM. */
const X86OpEntry x86_map_0f3a[256] = {
    [0x08 ... 0x0d] = M(sse_fp),               /* ROUNDxx, BLENDPS/PD */
    [0x0e] = M(sse_int), [0x0f] = M(sse_int),  /* PBLENDW, PALIGNR */
    [0x14 ... 0x16] = M(sse_int),              /* PEXTRB/W/D/Q */
    [0x17] = M(sse_fp),                        /* EXTRACTPS */
    [0x20] = M(sse_int),                       /* PINSRB */
    [0x21] = M(sse_fp),                        /* INSERTPS */
    [0x22] = M(sse_int),                       /* PINSRD/Q */
    [0x40] = M(sse_fp), [0x41] = M(sse_fp),    /* DPPS, DPPD */
    [0x42] = M(sse_int),                       /* MPSADBW */
    [0x44] = M(sse_int),                       /* PCLMULQDQ */
    [0x60 ... 0x63] = M(sse_int),              /* PCMPxSTRx */
    [0xdf] = M(sse_int),                       /* AESKEYGENASSIST */
};
