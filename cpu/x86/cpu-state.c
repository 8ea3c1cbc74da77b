/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cpu/x86/cpu-state.h"

#include <string.h>

static void segment_set_real(X86Segment *seg, uint16_t selector, bool code)
{
    *seg = (X86Segment){
        .base = (uint64_t)selector << 4,
        .limit = 0xffff,
        .selector = selector,
        .type = code ? 0xb : 0x3, /* accessed exec/read, or read/write */
        .present = true,
        .s = true,
    };
}

void x86_cpu_state_reset(X86CPUState *s, bool is_bsp)
{
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < X86_NR_SEGS; i++) {
        segment_set_real(&s->segs[i], 0, i == R_CS);
    }
    /* CS.base is 0xffff0000 after RESET so the first fetch is at 4G-16. */
    s->segs[R_CS].selector = 0xf000;
    s->segs[R_CS].base = 0xffff0000;
    s->rip = 0xfff0;
    s->rflags = 0x2;
    s->regs[R_EDX] = 0x600; /* family 6 signature, as on real parts */
    s->cr0 = 0x60000010;    /* CD, NW, ET */
    s->gdt.limit = 0xffff;
    s->idt.limit = 0xffff;
    s->ldt = (X86Segment){ .limit = 0xffff, .type = 2, .present = true };
    s->tr = (X86Segment){ .limit = 0xffff, .type = 0xb, .present = true };
    s->apic_base = 0xfee00000 | (1u << 11) | (is_bsp ? 1u << 8 : 0);
    s->mp_state = is_bsp ? X86_MP_RUNNABLE : X86_MP_WAIT_SIPI;
}

static void segment_set_flat(X86Segment *seg, uint16_t selector, bool code)
{
    *seg = (X86Segment){
        .base = 0,
        .limit = 0xffffffff,
        .selector = selector,
        .type = code ? 0xb : 0x3,
        .present = true,
        .s = true,
        .db = true,
        .g = true,
    };
}

void x86_cpu_state_set_flat32(X86CPUState *s, uint64_t entry)
{
    for (int i = 0; i < X86_NR_SEGS; i++) {
        segment_set_flat(&s->segs[i], i == R_CS ? 0x10 : 0x18, i == R_CS);
    }
    s->tr = (X86Segment){ .selector = 0x20, .limit = 0x67, .type = 0xb,
                          .present = true };
    s->cr0 = 0x11; /* PE, ET */
    s->cr4 = 0;
    s->efer = 0;
    s->rflags = 0x2;
    s->rip = entry;
}
