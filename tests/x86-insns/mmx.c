/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MMX: packed integer forms on mm0/mm1 and their aliasing with the x87
 * registers: after each case FNSAVE shows the tag word, TOP and the
 * 80-bit registers (an MMX write sets the exponent field to all ones and
 * the tag to valid; EMMS empties every tag).
 */
#include <string.h>

#include "x86-insns.h"

struct mmx {
    uint64_t mm0, mm1, mem, g;  /* offsets 0, 8, 16, 24 */
    uint8_t save[112];          /* FNSAVE image, offset 32 */
};

_Static_assert(offsetof(struct mmx, save) == 32, "mmx layout");

typedef void (*MmxFn)(struct mmx *p);

#define MMX_INSN(fn, body)                                                   \
    static void __attribute__((noinline)) fn(struct mmx *p)                  \
    {                                                                        \
        uint64_t g = p->g;                                                   \
        asm volatile("fninit\n\tmovq 0(%[p]), %%mm0\n\t"                     \
                     "movq 8(%[p]), %%mm1\n\t" body "\n\t"                   \
                     "movq %%mm0, 0(%[p])\n\tmovq %%mm1, 8(%[p])\n\t"        \
                     "fnsave 32(%[p])\n\tfninit"                             \
                     : [g] "+r"(g)                                           \
                     : [p] "r"(p)                                            \
                     : "cc", "memory");                                      \
        p->g = g;                                                            \
    }

#define M2(op) MMX_INSN(op##_, #op " %%mm1, %%mm0")

M2(paddb) M2(paddw) M2(paddd) M2(paddq) M2(psubb) M2(psubq) M2(paddsb)
M2(paddusw) M2(psubsw) M2(psubusb) M2(pcmpeqb) M2(pcmpgtw) M2(pcmpgtd)
M2(pmullw) M2(pmulhw) M2(pmaddwd) M2(pmuludq) M2(pand) M2(pandn) M2(por)
M2(pxor) M2(psllw) M2(psrld) M2(psraw) M2(psllq) M2(punpcklbw)
M2(punpckhwd) M2(punpckldq) M2(packsswb) M2(packuswb) M2(packssdw)
M2(pavgb) M2(pminub) M2(pmaxsw) M2(psadbw)
MMX_INSN(psrlq_33_, "psrlq $33, %%mm0")
MMX_INSN(psraw_15_, "psraw $15, %%mm0")
MMX_INSN(pshufw_1b_, "pshufw $0x1b, %%mm1, %%mm0")
MMX_INSN(pmovmskb_, "pmovmskb %%mm1, %k[g]")
MMX_INSN(pextrw_2_, "pextrw $2, %%mm1, %k[g]")
MMX_INSN(pinsrw_1_, "pinsrw $1, %k[g], %%mm0")
MMX_INSN(movd_to_, "movd %k[g], %%mm0")
MMX_INSN(movq_to_, "movq %q[g], %%mm0")
MMX_INSN(movd_from_, "movd %%mm1, %k[g]")
MMX_INSN(paddb_m_, "paddb 16(%[p]), %%mm0")
MMX_INSN(emms_, "emms")
MMX_INSN(fld_after_, "emms\n\tfld1")
MMX_INSN(mmx_after_fld_, "emms\n\tfldpi\n\tfld1\n\tpaddb %%mm1, %%mm0")

#define MOP(op) { #op, op##_ }

static const struct { const char *name; MmxFn fn; } mmx_ops[] = {
    MOP(paddb), MOP(paddw), MOP(paddd), MOP(paddq), MOP(psubb), MOP(psubq),
    MOP(paddsb), MOP(paddusw), MOP(psubsw), MOP(psubusb), MOP(pcmpeqb),
    MOP(pcmpgtw), MOP(pcmpgtd), MOP(pmullw), MOP(pmulhw), MOP(pmaddwd),
    MOP(pmuludq), MOP(pand), MOP(pandn), MOP(por), MOP(pxor), MOP(psllw),
    MOP(psrld), MOP(psraw), MOP(psllq), MOP(punpcklbw), MOP(punpckhwd),
    MOP(punpckldq), MOP(packsswb), MOP(packuswb), MOP(packssdw), MOP(pavgb),
    MOP(pminub), MOP(pmaxsw), MOP(psadbw), MOP(psrlq_33), MOP(psraw_15),
    MOP(pshufw_1b), MOP(pmovmskb), MOP(pextrw_2), MOP(pinsrw_1),
    MOP(movd_to), MOP(movq_to), MOP(movd_from), MOP(paddb_m), MOP(emms),
    MOP(fld_after), MOP(mmx_after_fld),
};

static const uint64_t mvals[] = {
    0, ~0ull, 0x7f7f7f7f80808080ull, 0x00010002fffe8000ull,
    0x800000007fffffffull, 0x0123456789abcdefull, 0x0000000000000021ull,
    0x000000000000000full, 0xfedcba9876543210ull,
};
#define N_MVALS (sizeof(mvals) / sizeof(mvals[0]))

static void mmx_case(const char *name, MmxFn fn, uint64_t a, uint64_t b,
                     uint64_t mem)
{
    struct mmx s;
    char line[800];
    size_t n;
    uint16_t sw, tw;

    memset(&s, 0, sizeof(s));
    s.mm0 = a;
    s.mm1 = b;
    s.mem = mem;
    s.g = 0x5a5a5a5a5a5a5a5aull ^ mem;
    n = (size_t)snprintf(line, sizeof(line),
                         "%s mm0=%016llx mm1=%016llx g=%016llx ->", name,
                         (unsigned long long)a, (unsigned long long)b,
                         (unsigned long long)s.g);
    fn(&s);
    memcpy(&sw, s.save + 4, 2);
    memcpy(&tw, s.save + 8, 2);
    n += (size_t)snprintf(line + n, sizeof(line) - n,
                          " mm0=%016llx mm1=%016llx g=%016llx sw=%04x tw=%04x",
                          (unsigned long long)s.mm0, (unsigned long long)s.mm1,
                          (unsigned long long)s.g, sw, tw);
    /* the registers, by stack position, as x87 sees them */
    for (unsigned i = 0; i < 8; i++) {
        uint16_t se;
        uint64_t mant;
        memcpy(&mant, s.save + 28 + 10 * i, 8);
        memcpy(&se, s.save + 28 + 10 * i + 8, 2);
        n += (size_t)snprintf(line + n, sizeof(line) - n, " r%u=%04x_%016llx",
                              i, se, (unsigned long long)mant);
    }
    out("%s", line);
}

void group_mmx(void)
{
    for (unsigned o = 0; o < sizeof(mmx_ops) / sizeof(mmx_ops[0]); o++) {
        for (unsigned i = 0; i < N_MVALS; i++) {
            for (unsigned j = 0; j < N_MVALS; j++) {
                mmx_case(mmx_ops[o].name, mmx_ops[o].fn, mvals[i], mvals[j],
                         mvals[(i + j) % N_MVALS]);
            }
        }
    }
}
