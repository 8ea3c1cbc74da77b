/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The riscv64 target as the rest of Janus sees it: its TCG hooks and the
 * reset of its architectural state. The state itself is in cpu-state.h.
 */
#ifndef CPU_RISCV_CPU_H
#define CPU_RISCV_CPU_H

#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "cpu/riscv/cpu-state.h"

/* The riscv64 front end (RV64IMAC, Zicsr, Zifencei, Zba/Zbb/Zbs). */
extern const TCGTargetOps riscv64_tcg_ops;

/* Architectural reset for a user-mode hart: all registers 0, pc 0,
 * U mode, round-to-nearest, no LR reservation. */
void riscv_cpu_reset(CPURISCVState *env);

#endif
