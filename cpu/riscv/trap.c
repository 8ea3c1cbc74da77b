/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Traps of a system-mode hart (privileged spec 1.12, 3.1.6-3.1.9 and
 * 3.3): exception and interrupt entry with delegation, the interrupt
 * priority order, xRET, WFI and SFENCE.VMA, and the TCGTargetOps hooks
 * the system accelerator calls between TBs.
 */
#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/cputlb.h"
#include "cpu/riscv/hart.h"
#include "cpu/riscv/helper.h"
#include "cpu/riscv/priv.h"

static uint64_t trap_vector(uint64_t tvec, uint64_t cause, bool interrupt)
{
    uint64_t base = tvec & ~3ull;

    if ((tvec & 1) && interrupt) {
        return base + 4 * cause;    /* vectored mode: interrupts only */
    }
    return base;
}

void riscv_cpu_do_trap(CPURISCVState *env, uint64_t cause, bool interrupt,
                       uint64_t tval)
{
    unsigned priv = env->priv;
    uint64_t deleg = interrupt ? env->mideleg : env->medeleg;
    uint64_t xcause = cause | (interrupt ? 1ull << 63 : 0);
    uint64_t s = env->mstatus;

    if (priv <= RISCV_PRIV_S && cause < 64 && ((deleg >> cause) & 1)) {
        env->scause = xcause;
        env->sepc = env->pc;
        env->stval = tval;
        s &= ~(MSTATUS_SPP | MSTATUS_SPIE);
        s |= priv == RISCV_PRIV_S ? MSTATUS_SPP : 0;
        s |= (s & MSTATUS_SIE) ? MSTATUS_SPIE : 0;
        s &= ~MSTATUS_SIE;
        env->priv = RISCV_PRIV_S;
        env->pc = trap_vector(env->stvec, cause, interrupt);
    } else {
        env->mcause = xcause;
        env->mepc = env->pc;
        env->mtval = tval;
        s &= ~(MSTATUS_MPP | MSTATUS_MPIE);
        s |= (uint64_t)priv << MSTATUS_MPP_SHIFT;
        s |= (s & MSTATUS_MIE) ? MSTATUS_MPIE : 0;
        s &= ~MSTATUS_MIE;
        env->priv = RISCV_PRIV_M;
        env->pc = trap_vector(env->mtvec, cause, interrupt);
    }
    env->mstatus = s;
    env->load_res = (uint64_t)-1;   /* a trap breaks any LR/SC sequence */
}

/* Decreasing priority (3.1.9): MEI, MSI, MTI, SEI, SSI, STI. */
static const uint8_t irq_priority[] = {
    RISCV_IRQ_M_EXT, RISCV_IRQ_M_SOFT, RISCV_IRQ_M_TIMER,
    RISCV_IRQ_S_EXT, RISCV_IRQ_S_SOFT, RISCV_IRQ_S_TIMER,
};

static int irq_highest(uint64_t set)
{
    for (unsigned i = 0; i < sizeof(irq_priority); i++) {
        if ((set >> irq_priority[i]) & 1) {
            return irq_priority[i];
        }
    }
    return -1;
}

int riscv_cpu_pending_interrupt(const CPURISCVState *env)
{
    uint64_t pending = riscv_cpu_mip(env) & env->mie;
    uint64_t to_m = pending & ~env->mideleg;
    uint64_t to_s = pending & env->mideleg;
    bool m_on = env->priv < RISCV_PRIV_M || (env->mstatus & MSTATUS_MIE);
    bool s_on = env->priv < RISCV_PRIV_S ||
                (env->priv == RISCV_PRIV_S && (env->mstatus & MSTATUS_SIE));

    /* Interrupts for M mode come before those delegated to S. */
    if (m_on && to_m) {
        return irq_highest(to_m);
    }
    if (s_on && to_s) {
        return irq_highest(to_s);
    }
    return -1;
}

bool riscv_cpu_has_work(const CPURISCVState *env)
{
    switch (atomic_load(&env->hsm)) {
    case RISCV_HSM_STOPPED:
        return false;
    case RISCV_HSM_START_PENDING:
        return true;
    }
    return (riscv_cpu_mip(env) & env->mie) != 0;
}

void riscv_cpu_check_interrupts(CPURISCVState *env)
{
    CPU *cpu = env->wiring.cpu;

    if (!cpu || riscv_cpu_pending_interrupt(env) < 0) {
        return;
    }
    /* The hart's own thread: no wakeup, just leave the TB at its end. */
    atomic_fetch_or(&cpu->interrupt_request, CPU_INTERRUPT_HARD);
    atomic_store(&cpu->exit_request, 1);
}

bool riscv_cpu_exec_interrupt(CPU *cpu)
{
    CPURISCVState *env = cpu->arch;
    int irq;

    /*
     * Clear the request before looking, so a line raised meanwhile either
     * is seen now or sets the request again. Interrupts pending but
     * masked need no request: every write that can unmask them
     * (mstatus, mie, mideleg, xRET) calls riscv_cpu_check_interrupts.
     */
    cpu_interrupt_clear(cpu, CPU_INTERRUPT_HARD);
    switch (atomic_load_explicit(&env->hsm, memory_order_acquire)) {
    case RISCV_HSM_STOPPED:
        return false;
    case RISCV_HSM_START_PENDING:
        riscv_hart_start_pending(cpu);
        return true;
    }
    irq = riscv_cpu_pending_interrupt(env);
    if (irq < 0) {
        return false;
    }
    riscv_cpu_do_trap(env, (uint64_t)irq, true, 0);
    return true;
}

bool riscv_cpu_has_work_hook(CPU *cpu)
{
    return riscv_cpu_has_work(cpu->arch);
}

void riscv_cpu_do_exception(CPU *cpu, int excp)
{
    CPURISCVState *env = cpu->arch;
    uint64_t tval = 0;

    switch (excp) {
    case RISCV_EXCP_U_ECALL:
    case RISCV_EXCP_S_ECALL:
    case RISCV_EXCP_M_ECALL:
        /* The translator raises one ECALL; the cause depends on priv. */
        if (env->priv == RISCV_PRIV_S && env->wiring.sbi_handler) {
            env->wiring.sbi_handler(cpu, env, env->wiring.sbi_opaque);
            env->pc += 4;
            riscv_cpu_check_interrupts(env);
            return;
        }
        excp = RISCV_EXCP_U_ECALL + env->priv;
        break;
    case RISCV_EXCP_BREAKPOINT:
        tval = env->pc;
        break;
    case RISCV_EXCP_INST_ADDR_MIS:
    case RISCV_EXCP_INST_ACCESS_FAULT:
    case RISCV_EXCP_ILLEGAL_INST:
    case RISCV_EXCP_LOAD_ADDR_MIS:
    case RISCV_EXCP_LOAD_ACCESS_FAULT:
    case RISCV_EXCP_STORE_AMO_ADDR_MIS:
    case RISCV_EXCP_STORE_AMO_ACCESS_FAULT:
    case RISCV_EXCP_INST_PAGE_FAULT:
    case RISCV_EXCP_LOAD_PAGE_FAULT:
    case RISCV_EXCP_STORE_PAGE_FAULT:
        tval = env->badaddr;
        break;
    default:
        if (excp < 0) {
            return;   /* loop exits (EXCP_INTERRUPT, EXCP_HALTED) */
        }
        break;
    }
    riscv_cpu_do_trap(env, (uint64_t)excp, false, tval);
}

bool riscv_cpu_mret(CPURISCVState *env)
{
    uint64_t s = env->mstatus;
    unsigned mpp = (s & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

    if (!env->system || env->priv != RISCV_PRIV_M) {
        return false;
    }
    s &= ~(MSTATUS_MIE | MSTATUS_MPP);
    s |= (s & MSTATUS_MPIE) ? MSTATUS_MIE : 0;
    s |= MSTATUS_MPIE;
    if (mpp != RISCV_PRIV_M) {
        s &= ~MSTATUS_MPRV;
    }
    env->mstatus = s;
    env->priv = (uint8_t)mpp;
    env->pc = env->mepc;
    riscv_cpu_check_interrupts(env);
    return true;
}

bool riscv_cpu_sret(CPURISCVState *env)
{
    uint64_t s = env->mstatus;

    if (!env->system || env->priv < RISCV_PRIV_S ||
        (env->priv == RISCV_PRIV_S && (s & MSTATUS_TSR))) {
        return false;
    }
    env->priv = (s & MSTATUS_SPP) ? RISCV_PRIV_S : RISCV_PRIV_U;
    s &= ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV);
    s |= (s & MSTATUS_SPIE) ? MSTATUS_SIE : 0;
    s |= MSTATUS_SPIE;
    env->mstatus = s;
    env->pc = env->sepc;
    riscv_cpu_check_interrupts(env);
    return true;
}

static void __attribute__((noreturn))
priv_illegal(CPURISCVState *env, uint32_t insn)
{
    env->badaddr = insn;
    tcg_raise_exception(tcg_current_cpu(), RISCV_EXCP_ILLEGAL_INST, 0);
}

void helper_riscv_mret(CPURISCVState *env, uint32_t insn)
{
    if (!riscv_cpu_mret(env)) {
        priv_illegal(env, insn);
    }
}

void helper_riscv_sret(CPURISCVState *env, uint32_t insn)
{
    if (!riscv_cpu_sret(env)) {
        priv_illegal(env, insn);
    }
}

/*
 * WFI: illegal in U mode (S mode exists) and, with mstatus.TW, in S mode.
 * Otherwise it completes (env->pc past it) and, if nothing is pending and
 * enabled in mie, halts the hart until an interrupt arrives.
 */
void helper_riscv_wfi(CPURISCVState *env, uint32_t insn)
{
    if (!env->system || env->priv == RISCV_PRIV_U ||
        (env->priv == RISCV_PRIV_S && (env->mstatus & MSTATUS_TW))) {
        priv_illegal(env, insn);
    }
    env->pc += 4;
    if (!riscv_cpu_has_work(env)) {
        tcg_raise_exception(tcg_current_cpu(), EXCP_HALTED, 0);
    }
}

/* SFENCE.VMA: no ASIDs are implemented, so rs2 does not narrow it. */
void helper_riscv_sfence_vma(CPURISCVState *env, uint32_t insn, uint64_t vaddr)
{
    CPU *cpu = tcg_current_cpu();

    if (!env->system || env->priv == RISCV_PRIV_U ||
        (env->priv == RISCV_PRIV_S && (env->mstatus & MSTATUS_TVM))) {
        priv_illegal(env, insn);
    }
    /*
     * With an address, every cached translation from the leaf covering it
     * goes; the soft TLB keeps superpages as 4 KiB pieces, so once one was
     * walked a full flush is the only exact answer.
     */
    if (((insn >> 15) & 31) == 0 || env->tlb_has_superpage) {
        env->tlb_has_superpage = false;
        tlb_flush(cpu);
    } else {
        tlb_flush_page(cpu, vaddr);
    }
}

#define PRIV_HELPER_INFO(n) \
    const TCGHelperInfo helper_info_riscv_##n = { \
        .func = (void *)helper_riscv_##n, .name = "riscv_" #n, \
        .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_VOID) | \
                    TCG_HELPER_TYPE(1, TCG_HELPER_PTR) | \
                    TCG_HELPER_TYPE(2, TCG_HELPER_I32), \
        .nb_args = 2, \
    }

/* May raise and write pc/mstatus: flags 0. */
PRIV_HELPER_INFO(mret);
PRIV_HELPER_INFO(sret);
PRIV_HELPER_INFO(wfi);

const TCGHelperInfo helper_info_riscv_sfence_vma = {
    .func = (void *)helper_riscv_sfence_vma, .name = "riscv_sfence_vma",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_VOID) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64),
    .nb_args = 3,
};
