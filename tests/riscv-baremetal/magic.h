/* SPDX-License-Identifier: GPL-2.0-or-later */
/* a7 values of the ECALLs the harness itself makes (C and assembly). */
#ifndef RISCV_BAREMETAL_MAGIC_H
#define RISCV_BAREMETAL_MAGIC_H
#define MAGIC_RETURN_ASM 0x4a414e5553524554
#define MAGIC_S_END_ASM  0x4a414e555345454e
#endif
