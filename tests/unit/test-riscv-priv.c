/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the riscv64 privileged architecture without a running
 * hart: trap entry and delegation (cpu/riscv/trap.c), interrupt priority
 * and enables, xRET, the CSR access rules and WARL behaviour (csr.c),
 * Sstc, and the hart.h wiring (interrupt lines, SBI hook, resets).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-log.h"
#include "cpu/riscv/cpu.h"
#include "test-riscv-hart.h"

enum {
    CSR_FFLAGS = 0x001, CSR_CYCLE = 0xc00, CSR_TIME = 0xc01,
    CSR_HPMCOUNTER3 = 0xc03, CSR_SSTATUS = 0x100, CSR_SIE = 0x104,
    CSR_SCOUNTEREN = 0x106, CSR_SIP = 0x144, CSR_STIMECMP = 0x14d,
    CSR_SATP = 0x180, CSR_MVENDORID = 0xf11, CSR_MHARTID = 0xf14,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302,
    CSR_MIDELEG = 0x303, CSR_MIE = 0x304, CSR_MTVEC = 0x305,
    CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30a, CSR_MEPC = 0x341,
    CSR_MIP = 0x344, CSR_PMPCFG0 = 0x3a0, CSR_PMPCFG1 = 0x3a1,
    CSR_PMPADDR0 = 0x3b0, CSR_PMPADDR1 = 0x3b1, CSR_PMPADDR20 = 0x3c4,
    CSR_MCYCLE = 0xb00, CSR_MTVAL2 = 0x34b,
};

static bool csr_read(unsigned csr, uint64_t *v)
{
    return riscv_csr_rmw(&test_env, csr, v, 0, 0, false);
}

static bool csr_write(unsigned csr, uint64_t v)
{
    uint64_t old;

    return riscv_csr_rmw(&test_env, csr, &old, v, ~0ull, true);
}

static uint64_t csr_get(unsigned csr)
{
    uint64_t v = 0xbad;

    assert_true(csr_read(csr, &v));
    return v;
}

static uint64_t mpp(void)
{
    return (test_env.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
}

/* ---- traps ---- */

static void test_exception_to_m(void **state)
{
    test_env.priv = RISCV_PRIV_U;
    test_env.pc = 0x1000;
    test_env.mtvec = 0x8000;
    test_env.mstatus |= MSTATUS_MIE;
    test_env.badaddr = 0xabc;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(test_env.priv, RISCV_PRIV_M);
    assert_int_equal(test_env.pc, 0x8000);
    assert_int_equal(test_env.mcause, RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(test_env.mepc, 0x1000);
    assert_int_equal(test_env.mtval, 0xabc);
    assert_int_equal(mpp(), RISCV_PRIV_U);
    assert_true(test_env.mstatus & MSTATUS_MPIE);
    assert_false(test_env.mstatus & MSTATUS_MIE);
}

static void test_exception_delegated(void **state)
{
    test_env.medeleg = 1u << RISCV_EXCP_ILLEGAL_INST;
    test_env.stvec = 0x9000;
    test_env.pc = 0x2000;
    test_env.badaddr = 0xdeadbeef;
    /* From U: to S, SPP = U, SPIE = old SIE. */
    test_env.priv = RISCV_PRIV_U;
    test_env.mstatus |= MSTATUS_SIE | MSTATUS_SPP;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
    assert_int_equal(test_env.pc, 0x9000);
    assert_int_equal(test_env.scause, RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(test_env.sepc, 0x2000);
    assert_int_equal(test_env.stval, 0xdeadbeef);
    assert_false(test_env.mstatus & MSTATUS_SPP);
    assert_true(test_env.mstatus & MSTATUS_SPIE);
    assert_false(test_env.mstatus & MSTATUS_SIE);
    assert_int_equal(test_env.mcause, 0);
    /* From S: stays in S, SPP = S, SPIE = 0 now. */
    test_env.pc = 0x9004;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
    assert_true(test_env.mstatus & MSTATUS_SPP);
    assert_false(test_env.mstatus & MSTATUS_SPIE);
    assert_int_equal(test_env.sepc, 0x9004);
    /* From M: delegation never lowers the privilege. */
    test_env.priv = RISCV_PRIV_M;
    test_env.mtvec = 0x7000;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(test_env.priv, RISCV_PRIV_M);
    assert_int_equal(test_env.pc, 0x7000);
    assert_int_equal(test_env.mcause, RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(mpp(), RISCV_PRIV_M);
}

static void test_ecall_causes(void **state)
{
    static const struct { unsigned priv, cause; } rows[] = {
        { RISCV_PRIV_U, RISCV_EXCP_U_ECALL },
        { RISCV_PRIV_S, RISCV_EXCP_S_ECALL },
        { RISCV_PRIV_M, RISCV_EXCP_M_ECALL },
    };

    for (unsigned i = 0; i < 3; i++) {
        test_env.priv = rows[i].priv;
        test_env.pc = 0x100;
        riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_U_ECALL);
        assert_int_equal(test_env.mcause, rows[i].cause);
        assert_int_equal(test_env.mtval, 0);
        assert_int_equal(test_env.mepc, 0x100);
    }
    /* Breakpoint: tval is the pc. */
    test_env.pc = 0x204;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_BREAKPOINT);
    assert_int_equal(test_env.mcause, RISCV_EXCP_BREAKPOINT);
    assert_int_equal(test_env.mtval, 0x204);
}

static unsigned sbi_calls;

static void test_sbi(CPU *cpu, CPURISCVState *env, void *opaque)
{
    assert_ptr_equal(cpu, &test_cpu);
    assert_ptr_equal(opaque, &sbi_calls);
    sbi_calls++;
    env->gpr[10] = 0;
    env->gpr[11] = env->gpr[17] + 1;
}

static void test_sbi_handler(void **state)
{
    sbi_calls = 0;
    riscv_hart_set_sbi_handler(&test_cpu, test_sbi, &sbi_calls);
    test_env.priv = RISCV_PRIV_S;
    test_env.pc = 0x3000;
    test_env.gpr[17] = 0x10;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_U_ECALL);
    assert_int_equal(sbi_calls, 1);
    assert_int_equal(test_env.pc, 0x3004);
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
    assert_int_equal(test_env.gpr[11], 0x11);
    assert_int_equal(test_env.mcause, 0);
    /* An ECALL from U still traps (to S, where Linux handles syscalls). */
    test_env.medeleg = 1u << RISCV_EXCP_U_ECALL;
    test_env.priv = RISCV_PRIV_U;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_U_ECALL);
    assert_int_equal(sbi_calls, 1);
    assert_int_equal(test_env.scause, RISCV_EXCP_U_ECALL);
    /* No handler: S-mode ECALL traps to M. */
    riscv_hart_set_sbi_handler(&test_cpu, NULL, NULL);
    test_env.priv = RISCV_PRIV_S;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_U_ECALL);
    assert_int_equal(test_env.priv, RISCV_PRIV_M);
    assert_int_equal(test_env.mcause, RISCV_EXCP_S_ECALL);
}

/* ---- interrupts ---- */

static void test_interrupt_priority(void **state)
{
    static const unsigned order[] = {
        RISCV_IRQ_M_EXT, RISCV_IRQ_M_SOFT, RISCV_IRQ_M_TIMER,
        RISCV_IRQ_S_EXT, RISCV_IRQ_S_SOFT, RISCV_IRQ_S_TIMER,
    };

    test_env.priv = RISCV_PRIV_U;
    test_env.mie = RISCV_MIP_ALL;
    for (unsigned i = 0; i < 6; i++) {
        riscv_hart_set_irq(&test_cpu, order[i], true);
    }
    for (unsigned i = 0; i < 6; i++) {
        assert_int_equal(riscv_cpu_pending_interrupt(&test_env), order[i]);
        riscv_hart_set_irq(&test_cpu, order[i], false);
    }
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), -1);
    /* M-level interrupts come before delegated ones, whatever numbers. */
    test_env.mideleg = RISCV_MIP_S_MASK;
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_EXT, true);
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_TIMER, true);
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), RISCV_IRQ_M_TIMER);
    /* Not in mie: not taken, and no work. */
    test_env.mie = 0;
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), -1);
    assert_false(riscv_cpu_has_work(&test_env));
}

static void test_interrupt_enables(void **state)
{
    test_env.mie = RISCV_MIP_ALL;
    test_env.mideleg = RISCV_MIP_STIP;
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_TIMER, true);
    /* M mode: M interrupts need MIE. */
    test_env.priv = RISCV_PRIV_M;
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), -1);
    assert_true(riscv_cpu_has_work(&test_env));   /* WFI still wakes */
    test_env.mstatus |= MSTATUS_MIE;
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), RISCV_IRQ_M_TIMER);
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_TIMER, false);
    /* A delegated interrupt is never taken in M mode. */
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_TIMER, true);
    test_env.mstatus |= MSTATUS_SIE;
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), -1);
    /* S mode: needs SIE. */
    test_env.priv = RISCV_PRIV_S;
    test_env.mstatus &= ~(MSTATUS_SIE | MSTATUS_MIE);
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), -1);
    test_env.mstatus |= MSTATUS_SIE;
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), RISCV_IRQ_S_TIMER);
    /* U mode: always. */
    test_env.priv = RISCV_PRIV_U;
    test_env.mstatus &= ~MSTATUS_SIE;
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), RISCV_IRQ_S_TIMER);
    /* S mode: M-level interrupts regardless of MIE. */
    test_env.priv = RISCV_PRIV_S;
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_SOFT, true);
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), RISCV_IRQ_M_SOFT);
    /* An undelegated S-level interrupt goes to M, taken in S. */
    test_env.mideleg = 0;
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_SOFT, false);
    assert_int_equal(riscv_cpu_pending_interrupt(&test_env), RISCV_IRQ_S_TIMER);
}

static void test_exec_interrupt_vectored(void **state)
{
    atomic_store(&test_cpu.interrupt_request, 0);
    atomic_store(&test_cpu.exit_request, 0);
    test_env.priv = RISCV_PRIV_S;
    test_env.pc = 0x4000;
    test_env.mie = RISCV_MIP_ALL;
    test_env.mtvec = 0x8000 | 1;   /* vectored */
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_EXT, true);
    /* A rising line requests an interrupt and kicks. */
    assert_true(atomic_load(&test_cpu.interrupt_request) & CPU_INTERRUPT_HARD);
    assert_int_equal(atomic_load(&test_cpu.exit_request), 1);
    assert_true(riscv_cpu_exec_interrupt(&test_cpu));
    assert_int_equal(test_env.pc, 0x8000 + 4 * RISCV_IRQ_M_EXT);
    assert_int_equal(test_env.mcause, (1ull << 63) | RISCV_IRQ_M_EXT);
    assert_int_equal(test_env.mepc, 0x4000);
    assert_int_equal(test_env.priv, RISCV_PRIV_M);
    assert_int_equal(mpp(), RISCV_PRIV_S);
    assert_false(atomic_load(&test_cpu.interrupt_request) & CPU_INTERRUPT_HARD);
    /* Now in M with MIE 0: nothing to take. */
    assert_false(riscv_cpu_exec_interrupt(&test_cpu));
    /* Exceptions ignore the vector. */
    test_env.pc = 0x4100;
    riscv_cpu_do_exception(&test_cpu, RISCV_EXCP_BREAKPOINT);
    assert_int_equal(test_env.pc, 0x8000);
    /* Delegated interrupt through a vectored stvec. */
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_EXT, false);
    test_env.mideleg = RISCV_MIP_S_MASK;
    test_env.stvec = 0xa000 | 1;
    test_env.priv = RISCV_PRIV_U;
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_SOFT, true);
    assert_true(riscv_cpu_exec_interrupt(&test_cpu));
    assert_int_equal(test_env.pc, 0xa000 + 4 * RISCV_IRQ_S_SOFT);
    assert_int_equal(test_env.scause, (1ull << 63) | RISCV_IRQ_S_SOFT);
    assert_int_equal(test_env.stval, 0);
    /* SSIP from the line is a software bit: S mode clears it via sip. */
    assert_true(csr_get(CSR_SIP) & RISCV_MIP_SSIP);
    assert_true(csr_write(CSR_SIP, 0));
    assert_false(riscv_cpu_mip(&test_env) & RISCV_MIP_SSIP);
}

static void test_enable_write_requests_interrupt(void **state)
{
    test_env.priv = RISCV_PRIV_M;
    test_env.mie = RISCV_MIP_MTIP;
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_TIMER, true);
    atomic_store(&test_cpu.interrupt_request, 0);
    atomic_store(&test_cpu.exit_request, 0);
    /* csrs mstatus, MIE: the running hart must leave its TB. */
    assert_true(riscv_csr_rmw(&test_env, CSR_MSTATUS, &(uint64_t){0},
                              ~0ull, MSTATUS_MIE, true));
    assert_true(atomic_load(&test_cpu.interrupt_request) & CPU_INTERRUPT_HARD);
    assert_int_equal(atomic_load(&test_cpu.exit_request), 1);
}

static void test_mret_sret(void **state)
{
    /* MRET to S: MIE = MPIE, MPIE = 1, MPP = U, MPRV cleared. */
    test_env.priv = RISCV_PRIV_M;
    test_env.mstatus |= MSTATUS_MPIE | MSTATUS_MPRV |
                        (uint64_t)RISCV_PRIV_S << MSTATUS_MPP_SHIFT;
    test_env.mepc = 0x5000;
    assert_true(riscv_cpu_mret(&test_env));
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
    assert_int_equal(test_env.pc, 0x5000);
    assert_true(test_env.mstatus & MSTATUS_MIE);
    assert_true(test_env.mstatus & MSTATUS_MPIE);
    assert_int_equal(mpp(), RISCV_PRIV_U);
    assert_false(test_env.mstatus & MSTATUS_MPRV);
    /* Not from S. */
    assert_false(riscv_cpu_mret(&test_env));
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
    /* MRET to M keeps MPRV. */
    test_env.priv = RISCV_PRIV_M;
    test_env.mstatus |= MSTATUS_MPRV | MSTATUS_MPP;
    assert_true(riscv_cpu_mret(&test_env));
    assert_int_equal(test_env.priv, RISCV_PRIV_M);
    assert_true(test_env.mstatus & MSTATUS_MPRV);
    /* SRET to U from S: SIE = SPIE, SPIE = 1, SPP = U, MPRV cleared. */
    test_env.priv = RISCV_PRIV_S;
    test_env.mstatus &= ~(MSTATUS_SPP | MSTATUS_SIE);
    test_env.mstatus |= MSTATUS_SPIE;
    test_env.sepc = 0x6000;
    assert_true(riscv_cpu_sret(&test_env));
    assert_int_equal(test_env.priv, RISCV_PRIV_U);
    assert_int_equal(test_env.pc, 0x6000);
    assert_true(test_env.mstatus & MSTATUS_SIE);
    assert_true(test_env.mstatus & MSTATUS_SPIE);
    assert_false(test_env.mstatus & MSTATUS_MPRV);
    /* Not from U; with TSR not from S, but still from M. */
    assert_false(riscv_cpu_sret(&test_env));
    test_env.priv = RISCV_PRIV_S;
    test_env.mstatus |= MSTATUS_TSR | MSTATUS_SPP;
    assert_false(riscv_cpu_sret(&test_env));
    test_env.priv = RISCV_PRIV_M;
    assert_true(riscv_cpu_sret(&test_env));
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
}

/* ---- CSR access rules ---- */

static void test_csr_privilege(void **state)
{
    uint64_t v;

    test_env.priv = RISCV_PRIV_S;
    assert_false(csr_read(CSR_MSTATUS, &v));
    assert_false(csr_read(CSR_MHARTID, &v));
    assert_true(csr_read(CSR_SSTATUS, &v));
    test_env.priv = RISCV_PRIV_U;
    assert_false(csr_read(CSR_SSTATUS, &v));
    assert_false(csr_read(CSR_SATP, &v));
    /* Unknown and hypervisor CSRs. */
    test_env.priv = RISCV_PRIV_M;
    assert_false(csr_read(0x7c0, &v));
    assert_false(csr_read(CSR_MTVAL2, &v));
    assert_false(csr_read(0xb01, &v));
    /* Read-only by number. */
    assert_false(csr_write(CSR_MHARTID, 1));
    assert_false(csr_write(CSR_CYCLE, 1));
    assert_false(csr_write(CSR_MVENDORID, 1));
    assert_int_equal(csr_get(CSR_MVENDORID), 0);
    assert_true(csr_write(CSR_MISA, 0));   /* WARL, ignored */
    /* RV64 A C D F I M S U */
    assert_int_equal(csr_get(CSR_MISA), 0x800000000014112dull);
}

static void test_csr_fp_and_fs(void **state)
{
    uint64_t v;

    test_env.priv = RISCV_PRIV_U;
    /* FS = Off at reset: the FP CSRs are illegal. */
    assert_false(csr_read(CSR_FFLAGS, &v));
    test_env.mstatus |= (uint64_t)RISCV_FS_INITIAL << MSTATUS_FS_SHIFT;
    assert_true(csr_write(CSR_FFLAGS, 0x1f));
    assert_int_equal(test_env.fflags, 0x1f);
    assert_int_equal((test_env.mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT,
                     RISCV_FS_DIRTY);
    test_env.priv = RISCV_PRIV_M;
    assert_true(csr_get(CSR_MSTATUS) & MSTATUS_SD);
    assert_true(csr_get(CSR_SSTATUS) & MSTATUS_SD);
    assert_true(csr_write(CSR_MSTATUS, 0));
    assert_false(csr_get(CSR_MSTATUS) & MSTATUS_SD);
}

static void test_csr_counters(void **state)
{
    uint64_t v;

    test_mtime = 123456;
    test_env.priv = RISCV_PRIV_U;
    assert_false(csr_read(CSR_TIME, &v));
    test_env.mcounteren = 2;
    assert_false(csr_read(CSR_TIME, &v));    /* scounteren.TM still 0 */
    test_env.priv = RISCV_PRIV_S;
    assert_int_equal(csr_get(CSR_TIME), 123456);
    assert_false(csr_read(CSR_CYCLE, &v));
    assert_true(csr_write(CSR_SCOUNTEREN, 2));
    test_env.priv = RISCV_PRIV_U;
    assert_int_equal(csr_get(CSR_TIME), 123456);
    /* hpmcounters read 0 once enabled. */
    assert_false(csr_read(CSR_HPMCOUNTER3, &v));
    test_env.mcounteren |= 8;
    test_env.scounteren |= 8;
    assert_int_equal(csr_get(CSR_HPMCOUNTER3), 0);
    /* mcycle is writable, cycle follows it and stays monotonic. */
    test_env.priv = RISCV_PRIV_M;
    assert_true(csr_write(CSR_MCYCLE, 1000000));
    v = csr_get(CSR_CYCLE);
    assert_true(v >= 1000000 && v < 1000000 + 1000000000ull);
    assert_true(csr_get(CSR_CYCLE) >= v);
}

static void test_csr_tvm_and_views(void **state)
{
    uint64_t v;

    test_env.priv = RISCV_PRIV_S;
    test_env.mstatus |= MSTATUS_TVM;
    assert_false(csr_read(CSR_SATP, &v));
    test_env.mstatus &= ~MSTATUS_TVM;
    assert_true(csr_read(CSR_SATP, &v));
    /* sstatus: only the S fields change; UXL reads 2. */
    test_env.mstatus |= (uint64_t)RISCV_PRIV_M << MSTATUS_MPP_SHIFT;
    assert_true(csr_write(CSR_SSTATUS, ~0ull));
    v = csr_get(CSR_SSTATUS);
    assert_int_equal(v & ~MSTATUS_SD,
                     MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS |
                     MSTATUS_SUM | MSTATUS_MXR | (2ull << 32));
    assert_false(test_env.mstatus & (MSTATUS_MIE | MSTATUS_TVM));
    assert_int_equal(mpp(), RISCV_PRIV_M);
    /* sie/sip see the delegated bits only. */
    test_env.mideleg = RISCV_MIP_SSIP | RISCV_MIP_STIP;
    assert_true(csr_write(CSR_SIE, ~0ull));
    assert_int_equal(test_env.mie, RISCV_MIP_SSIP | RISCV_MIP_STIP);
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_EXT, true);
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_TIMER, true);
    assert_int_equal(csr_get(CSR_SIP), 0);
    assert_true(csr_write(CSR_SIP, ~0ull));    /* SSIP only */
    assert_int_equal(csr_get(CSR_SIP), RISCV_MIP_SSIP);
    test_env.priv = RISCV_PRIV_M;
    assert_int_equal(csr_get(CSR_MIP), RISCV_MIP_SSIP | RISCV_MIP_SEIP |
                                       RISCV_MIP_MTIP);
}

static void test_csr_mip_writes(void **state)
{
    test_env.priv = RISCV_PRIV_M;
    assert_true(csr_write(CSR_MIP, ~0ull));
    /* MSIP, MTIP, MEIP are lines only. */
    assert_int_equal(csr_get(CSR_MIP), RISCV_MIP_S_MASK);
    assert_true(csr_write(CSR_MIP, 0));
    assert_int_equal(csr_get(CSR_MIP), 0);
    /* With Sstc, STIP belongs to stimecmp. */
    assert_true(csr_write(CSR_MENVCFG, MENVCFG_STCE));
    assert_true(csr_write(CSR_MIP, RISCV_MIP_STIP));
    assert_int_equal(csr_get(CSR_MIP), 0);
    /* SEIP: software bit OR the line; clearing the bit leaves the line. */
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_EXT, true);
    assert_true(csr_write(CSR_MIP, RISCV_MIP_SEIP));
    assert_true(csr_write(CSR_MIP, 0));
    assert_int_equal(csr_get(CSR_MIP), RISCV_MIP_SEIP);
    /* CSRRS mip (OpenSBI raising SSIP for an IPI) while the line is high
     * must not latch the line into the software SEIP. */
    {
        uint64_t old;

        assert_true(riscv_csr_rmw(&test_env, CSR_MIP, &old, ~0ull,
                                  RISCV_MIP_SSIP, true));
        assert_int_equal(old, RISCV_MIP_SEIP);
        assert_true(riscv_csr_rmw(&test_env, CSR_MIP, &old, 0,
                                  RISCV_MIP_SSIP, true));     /* CSRRC */
    }
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_EXT, false);
    assert_int_equal(csr_get(CSR_MIP), 0);
}

static void test_csr_warl(void **state)
{
    test_env.priv = RISCV_PRIV_M;
    assert_true(csr_write(CSR_MEDELEG, ~0ull));
    assert_int_equal(csr_get(CSR_MEDELEG), 0xb3ff);   /* not M ECALL */
    assert_true(csr_write(CSR_MIDELEG, ~0ull));
    assert_int_equal(csr_get(CSR_MIDELEG), RISCV_MIP_S_MASK);
    assert_true(csr_write(CSR_MIE, ~0ull));
    assert_int_equal(csr_get(CSR_MIE), RISCV_MIP_ALL);
    assert_true(csr_write(CSR_MTVEC, 0x1003));
    assert_int_equal(csr_get(CSR_MTVEC), 0x1001);
    assert_true(csr_write(CSR_MEPC, 0x1235));
    assert_int_equal(csr_get(CSR_MEPC), 0x1234);
    /* MPP 2 is reserved: the old value stays. */
    assert_true(csr_write(CSR_MSTATUS, (uint64_t)RISCV_PRIV_S <<
                                       MSTATUS_MPP_SHIFT));
    assert_true(csr_write(CSR_MSTATUS, 2ull << MSTATUS_MPP_SHIFT));
    assert_int_equal(mpp(), RISCV_PRIV_S);
    assert_int_equal(csr_get(CSR_MSTATUS) & (MSTATUS_UXL | MSTATUS_SXL),
                     2ull << 32 | 2ull << 34);
    assert_true(csr_write(CSR_MSTATUS, 0));
    assert_int_equal(csr_get(CSR_MSTATUS), 2ull << 32 | 2ull << 34);
}

static void test_csr_pmp(void **state)
{
    uint64_t v;

    test_env.priv = RISCV_PRIV_M;
    assert_false(csr_read(CSR_PMPCFG1, &v));   /* RV64: even only */
    /* W without R is reserved; bits 6:5 are zero. */
    assert_true(csr_write(CSR_PMPCFG0, 0x7f06));
    assert_int_equal(csr_get(CSR_PMPCFG0), 0x1f04);
    assert_true(csr_write(CSR_PMPADDR1, ~0ull));
    assert_int_equal(csr_get(CSR_PMPADDR1), (1ull << 54) - 1);
    assert_int_equal(csr_get(CSR_PMPADDR20), 0);
    assert_true(csr_write(CSR_PMPADDR20, 5));
    assert_int_equal(csr_get(CSR_PMPADDR20), 0);
    /* A locked entry ignores writes, and so does a TOR entry below it. */
    assert_true(csr_write(CSR_PMPCFG0, 0x8f00));   /* entry 1: L, TOR, RWX */
    assert_true(csr_write(CSR_PMPCFG0, 0));
    assert_int_equal(csr_get(CSR_PMPCFG0) & 0xff00, 0x8f00);
    assert_true(csr_write(CSR_PMPADDR1, 7));
    assert_int_equal(csr_get(CSR_PMPADDR1), (1ull << 54) - 1);
    assert_true(csr_write(CSR_PMPADDR0, 7));
    assert_int_equal(csr_get(CSR_PMPADDR0), 0);
}

static void test_sstc(void **state)
{
    uint64_t v;

    test_mtime = 1000;
    /* S mode needs menvcfg.STCE and mcounteren.TM. */
    test_env.priv = RISCV_PRIV_S;
    assert_false(csr_read(CSR_STIMECMP, &v));
    test_env.priv = RISCV_PRIV_M;
    assert_true(csr_write(CSR_MENVCFG, MENVCFG_STCE));
    assert_true(csr_write(CSR_MCOUNTEREN, 2));
    test_env.priv = RISCV_PRIV_S;
    assert_true(csr_write(CSR_STIMECMP, 500));
    assert_true(riscv_cpu_mip(&test_env) & RISCV_MIP_STIP);
    /* Moving it to the future lowers STIP (and arms the timer). */
    assert_true(csr_write(CSR_STIMECMP, 5000));
    assert_false(riscv_cpu_mip(&test_env) & RISCV_MIP_STIP);
    assert_non_null(test_env.wiring.stimecmp_timer);
    /* Time passes: the timer's re-evaluation raises it. */
    test_mtime = 5000;
    riscv_sstc_update(&test_env);
    assert_true(riscv_cpu_mip(&test_env) & RISCV_MIP_STIP);
    /* STCE off: never pending. */
    test_env.priv = RISCV_PRIV_M;
    assert_true(csr_write(CSR_MENVCFG, 0));
    assert_false(riscv_cpu_mip(&test_env) & RISCV_MIP_STIP);
}

static void test_user_mode_state(void **state)
{
    CPURISCVState env;
    uint64_t v;

    /* janus-riscv64's hart: U mode, no privileged state, FP always on. */
    riscv_cpu_reset(&env);
    assert_true(riscv_csr_rmw(&env, CSR_FFLAGS, &v, 3, ~0ull, true));
    assert_int_equal(env.fflags, 3);
    assert_int_equal(env.mstatus, 0);
    assert_true(riscv_csr_rmw(&env, CSR_CYCLE, &v, 0, 0, false));
    assert_true(riscv_csr_rmw(&env, CSR_TIME, &v, 0, 0, false));
    assert_false(riscv_csr_rmw(&env, CSR_HPMCOUNTER3, &v, 0, 0, false));
    assert_false(riscv_csr_rmw(&env, CSR_SSTATUS, &v, 0, 0, false));
    assert_false(riscv_csr_rmw(&env, CSR_SATP, &v, 0, 0, false));
    assert_false(riscv_csr_rmw(&env, CSR_STIMECMP, &v, 0, 0, false));
    assert_false(riscv_csr_rmw(&env, CSR_MSTATUS, &v, 0, 0, false));
    assert_false(riscv_cpu_mret(&env));
    assert_false(riscv_cpu_sret(&env));
}

static void test_resets(void **state)
{
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_EXT, true);
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_S_SOFT, true);
    test_env.mie = RISCV_MIP_ALL;
    riscv_hart_reset(&test_cpu, 3, 0x1000, 0x2000);
    assert_int_equal(test_env.priv, RISCV_PRIV_M);
    assert_int_equal(test_env.pc, 0x1000);
    assert_int_equal(test_env.gpr[10], 3);
    assert_int_equal(test_env.gpr[11], 0x2000);
    assert_int_equal(csr_get(CSR_MHARTID), 3);
    assert_int_equal(csr_get(CSR_SATP), 0);
    assert_int_equal(csr_get(CSR_MIE), 0);
    /* Software mip bits are reset; device lines stay as driven. */
    assert_int_equal(riscv_cpu_mip(&test_env), RISCV_MIP_MEIP);
    riscv_hart_set_irq(&test_cpu, RISCV_IRQ_M_EXT, false);
    /* The wiring survives. */
    assert_ptr_equal(test_env.wiring.cpu, &test_cpu);
    assert_int_equal(csr_get(CSR_TIME), test_mtime);

    riscv_hart_reset_to_supervisor(&test_cpu, 1, 0x80200000, 0x82000000);
    assert_int_equal(test_env.priv, RISCV_PRIV_S);
    assert_int_equal(test_env.pc, 0x80200000);
    assert_int_equal(test_env.gpr[10], 1);
    assert_int_equal(test_env.gpr[11], 0x82000000);
    assert_false(test_env.medeleg & (1u << RISCV_EXCP_S_ECALL));
    assert_true(test_env.medeleg & (1u << RISCV_EXCP_U_ECALL));
    assert_true(test_env.medeleg & (1u << RISCV_EXCP_STORE_PAGE_FAULT));
    assert_int_equal(test_env.mideleg, RISCV_MIP_S_MASK);
    assert_true(test_env.menvcfg & MENVCFG_STCE);
    assert_true(test_env.mcounteren & 2);
    /* S mode can use stimecmp right away. */
    assert_true(csr_write(CSR_STIMECMP, ~0ull));
}

/* ---- translated code (TCG interpreter, user-mode memory ops unused) ---- */

static void run_sbi(CPU *cpu, CPURISCVState *env, void *opaque)
{
    env->gpr[11] = 0x55;    /* a1 */
}

/*
 * Run test_cpu from test_env.pc through the TCG loop, handling exceptions
 * the way the system accelerator does, until EBREAK; returns the privilege
 * it stopped in (-1 if it never got there).
 */
static int run_until_ebreak(void)
{
    assert_int_equal(tcg_cpu_init(&test_cpu, &riscv64_system_tcg_ops), 0);
    tb_flush_all();
    for (int i = 0; i < 20; i++) {
        int excp = tcg_cpu_exec(&test_cpu);

        switch (excp) {
        case EXCP_INTERRUPT:
            atomic_store(&test_cpu.exit_request, 0);
            if (atomic_load(&test_cpu.interrupt_request) & CPU_INTERRUPT_HARD) {
                riscv_cpu_exec_interrupt(&test_cpu);
            }
            break;
        case EXCP_HALTED:
            assert_int_equal(test_env.priv, RISCV_PRIV_S);
            assert_int_equal(test_env.pc, 0x40000010);   /* past the WFI */
            break;
        case RISCV_EXCP_BREAKPOINT:
            return test_env.priv;
        default:
            riscv_cpu_do_exception(&test_cpu, excp);
            break;
        }
    }
    return -1;
}

/*
 * M-mode code sets mtvec, mepc, MPP = S and satp (Sv39), then MRET; the
 * S-mode code runs through a page mapping, makes an SBI call, executes
 * WFI and then an M-only CSR read, which traps back to M mode whose
 * handler reads the trap CSRs and stops with EBREAK.
 */
static void test_run_system_code(void **state)
{
    static const uint32_t m_code[] = {
        0x00000297,  /* auipc t0, 0 */
        0x10028313,  /* addi t1, t0, 0x100 */
        0x30531073,  /* csrw mtvec, t1 */
        0x40000337,  /* lui t1, 0x40000 */
        0x34131073,  /* csrw mepc, t1 */
        0x000013b7,  /* lui t2, 1 */
        0x8003839b,  /* addiw t2, t2, -2048: 0x800, MPP = S */
        0x3003a073,  /* csrs mstatus, t2 */
        0x00800e13,  /* li t3, 8 */
        0x03ce1e13,  /* slli t3, t3, 60 */
        0x00080eb7,  /* lui t4, 0x80 */
        0x010e8e93,  /* addi t4, t4, 16: root PPN 0x80010 */
        0x01de6e33,  /* or t3, t3, t4 */
        0x180e1073,  /* csrw satp, t3 */
        0x30200073,  /* mret */
    };
    static const uint32_t handler[] = {
        0x34202673,  /* csrr a2, mcause */
        0x343026f3,  /* csrr a3, mtval */
        0x34102773,  /* csrr a4, mepc */
        0x300027f3,  /* csrr a5, mstatus */
        0x00100073,  /* ebreak */
    };
    static const uint32_t s_code[] = {
        0x00700593,  /* li a1, 7 */
        0x00000073,  /* ecall */
        0x00158813,  /* addi a6, a1, 1 */
        0x10500073,  /* wfi */
        0x30002f73,  /* csrr t5, mstatus: illegal in S */
    };
    memcpy(ram_u64(RAM_BASE), m_code, sizeof(m_code));
    memcpy(ram_u64(RAM_BASE + 0x100), handler, sizeof(handler));
    memcpy(ram_u64(RAM_BASE + 0x2000), s_code, sizeof(s_code));
    /* va 0x40000000 -> RAM_BASE + 0x2000, root at RAM_BASE + 0x10000 */
    *ram_u64(RAM_BASE + 0x10000 + 1 * 8) = ((RAM_BASE + 0x11000) >> 12) << 10 | 1;
    *ram_u64(RAM_BASE + 0x11000) = ((RAM_BASE + 0x12000) >> 12) << 10 | 1;
    *ram_u64(RAM_BASE + 0x12000) = ((RAM_BASE + 0x2000) >> 12) << 10 | 0x4b;
    riscv_hart_set_sbi_handler(&test_cpu, run_sbi, NULL);
    assert_int_equal(run_until_ebreak(), RISCV_PRIV_M);
    assert_int_equal(test_env.gpr[16], 0x56);             /* a6: a1 + 1 */
    assert_int_equal(test_env.gpr[12], RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(test_env.gpr[13], 0x30002f73);       /* the insn */
    assert_int_equal(test_env.gpr[14], 0x40000010);       /* virtual pc */
    assert_int_equal((test_env.gpr[15] & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT,
                     RISCV_PRIV_S);
    /* The walker set A on the code page's PTE (it was set already). */
    assert_true(*ram_u64(RAM_BASE + 0x12000) & 0x40);
}

/*
 * FS: with FP off an F/D instruction is illegal (delegated to S here);
 * the handler turns FS to Initial and SRETs, the instruction then runs
 * and FS becomes Dirty (SD set).
 */
static void test_run_fs_states(void **state)
{
    static const uint32_t code[] = {
        0xf20500d3,  /* fmv.d.x ft1, a0 */
        0x100027f3,  /* csrr a5, sstatus */
        0x00100073,  /* ebreak */
    };
    static const uint32_t handler[] = {
        0x14202673,  /* csrr a2, scause */
        0x143026f3,  /* csrr a3, stval */
        0x000022b7,  /* lui t0, 2: FS = Initial */
        0x1002a073,  /* csrs sstatus, t0 */
        0x10200073,  /* sret */
    };

    memcpy(ram_u64(RAM_BASE), code, sizeof(code));
    memcpy(ram_u64(RAM_BASE + 0x100), handler, sizeof(handler));
    riscv_hart_reset_to_supervisor(&test_cpu, 0, RAM_BASE, 0);
    test_env.stvec = RAM_BASE + 0x100;
    test_env.gpr[10] = 0x1234;
    assert_int_equal(run_until_ebreak(), RISCV_PRIV_S);
    assert_int_equal(test_env.gpr[12], RISCV_EXCP_ILLEGAL_INST);
    assert_int_equal(test_env.gpr[13], 0xf20500d3);
    assert_int_equal(test_env.fpr[1], 0x1234);
    assert_int_equal((test_env.gpr[15] & MSTATUS_FS) >> MSTATUS_FS_SHIFT,
                     RISCV_FS_DIRTY);
    assert_true(test_env.gpr[15] & MSTATUS_SD);
}

/*
 * An interrupt through translated code: STIP from Sstc is pending but
 * masked until the CSR write that sets sstatus.SIE, after which the hart
 * leaves its TB and takes it before the next instruction.
 */
static void test_run_interrupt(void **state)
{
    static const uint32_t code[] = {
        0x02000293,  /* li t0, 0x20 */
        0x1042a073,  /* csrs sie, t0: STIE */
        0x14d01073,  /* csrw stimecmp, zero: due now */
        0x00200313,  /* li t1, 2 */
        0x10032073,  /* csrs sstatus, t1: SIE */
        0x00100813,  /* li a6, 1: must not run */
        0x00100073,  /* ebreak */
    };
    static const uint32_t handler[] = {
        0x14202673,  /* csrr a2, scause */
        0x14102773,  /* csrr a4, sepc */
        0x00100073,  /* ebreak */
    };

    memcpy(ram_u64(RAM_BASE), code, sizeof(code));
    memcpy(ram_u64(RAM_BASE + 0x100), handler, sizeof(handler));
    riscv_hart_reset_to_supervisor(&test_cpu, 0, RAM_BASE, 0);
    test_env.stvec = RAM_BASE + 0x100;
    assert_int_equal(run_until_ebreak(), RISCV_PRIV_S);
    assert_int_equal(test_env.gpr[12], (1ull << 63) | RISCV_IRQ_S_TIMER);
    assert_int_equal(test_env.gpr[14], RAM_BASE + 0x14);
    assert_int_equal(test_env.gpr[16], 0);
    assert_int_equal(test_env.pc, RAM_BASE + 0x108);
}

/* ---- LR/SC/AMO through the soft MMU ---- */

#define AMO_MMIO_BASE 0x10000000ull
static unsigned amo_mmio_accesses;

static uint64_t amo_mmio_read(void *opaque, uint64_t off, unsigned size)
{
    amo_mmio_accesses++;
    return 0x77;
}

static void amo_mmio_write(void *opaque, uint64_t off, uint64_t val,
                           unsigned size)
{
    amo_mmio_accesses++;
}

static const MemoryRegionOps amo_mmio_ops = {
    .read = amo_mmio_read,
    .write = amo_mmio_write,
};

/*
 * In M mode with the soft MMU on: AMOADD on RAM; an AMOSWAP rewriting an
 * instruction of a subroutine that already ran from a TB (the TB must go,
 * as for a plain store); LR/SC; an AMO to a device, which must give a
 * store/AMO access fault and leave the device untouched.
 */
static void test_run_atomics(void **state)
{
    static const uint32_t code[] = {
        0x00001297,  /* auipc t0, 1: the data at +0x1000 */
        0x00500313,  /* li t1, 5 */
        0x0062b52f,  /* amoadd.d a0, t1, (t0) */
        0x00002917,  /* auipc s2, 2 */
        0xff490913,  /* addi s2, s2, -12: sub at +0x2000 */
        0x000900e7,  /* jalr s2 */
        0x00080993,  /* mv s3, a6 */
        0x0082ae03,  /* lw t3, 8(t0): "li a6, 9" */
        0x09c9202f,  /* amoswap.w zero, t3, (s2) */
        0x000900e7,  /* jalr s2 */
        0x00080a13,  /* mv s4, a6 */
        0x1002b5af,  /* lr.d a1, (t0) */
        0x1862b62f,  /* sc.d a2, t1, (t0) */
        0x0002b683,  /* ld a3, 0(t0) */
        0x10000eb7,  /* lui t4, 0x10000: the device */
        0x006ea72f,  /* amoadd.w a4, t1, (t4) */
        0x00100073,  /* ebreak: not reached */
    };
    static const uint32_t handler[] = {
        0x342027f3,  /* csrr a5, mcause */
        0x34302af3,  /* csrr s5, mtval */
        0x00100073,  /* ebreak */
    };
    static const uint32_t sub[] = {
        0x00100813,  /* li a6, 1 */
        0x00008067,  /* ret */
    };
    MemoryRegion dev;
    int priv = -1;
    static char logged[16384];
    FILE *log;

    memory_region_init_io(&dev, "amo-dev", 0x1000, &amo_mmio_ops, NULL);
    assert_int_equal(memory_region_add_subregion(
                         &test_machine.system_memory, AMO_MMIO_BASE, &dev), 0);
    amo_mmio_accesses = 0;
    memcpy(ram_u64(RAM_BASE), code, sizeof(code));
    memcpy(ram_u64(RAM_BASE + 0x100), handler, sizeof(handler));
    memcpy(ram_u64(RAM_BASE + 0x2000), sub, sizeof(sub));
    *ram_u64(RAM_BASE + 0x1000) = 0x10;
    *ram_u64(RAM_BASE + 0x1008) = 0x00900813;   /* li a6, 9 */
    test_env.mtvec = RAM_BASE + 0x100;

    /* -d in_asm in system mode logs the bytes the translator fetched */
    log = tmpfile();
    assert_non_null(log);
    tcg_log_file = log;
    tcg_log_mask = TCG_LOG_IN_ASM;
    tcg_system_mode = true;
    assert_int_equal(tcg_cpu_init(&test_cpu, &riscv64_system_tcg_ops), 0);
    assert_int_equal(tlb_init(&test_cpu), 0);
    tb_flush_all();
    for (int i = 0; i < 20 && priv < 0; i++) {
        int excp;

        tlb_exec_begin(&test_cpu);
        excp = tcg_cpu_exec(&test_cpu);
        tlb_exec_end(&test_cpu);
        if (excp == RISCV_EXCP_BREAKPOINT) {
            priv = test_env.priv;
        } else if (excp >= 0) {
            riscv_cpu_do_exception(&test_cpu, excp);
        } else {
            atomic_store(&test_cpu.exit_request, 0);
        }
    }
    tlb_destroy(&test_cpu);
    tcg_system_mode = false;
    tcg_log_mask = 0;
    tcg_log_file = NULL;
    rewind(log);
    logged[fread(logged, 1, sizeof(logged) - 1, log)] = 0;
    fclose(log);
    assert_non_null(strstr(logged, "0x0000000080000008:  0062b52f   amoadd.d"));
    assert_non_null(strstr(logged, "0x0000000080002000:  00100813   addi"));
    /* ... and the subroutine again, retranslated after the AMO */
    assert_non_null(strstr(logged, "0x0000000080002000:  00900813   addi"));
    memory_region_del_subregion(&test_machine.system_memory, &dev);
    memory_region_destroy(&dev);

    assert_int_equal(priv, RISCV_PRIV_M);
    assert_int_equal(test_env.gpr[10], 0x10);            /* a0: old value */
    assert_int_equal(test_env.gpr[19], 1);               /* s3: old sub */
    assert_int_equal(test_env.gpr[20], 9);               /* s4: rewritten */
    assert_int_equal(test_env.gpr[11], 0x15);            /* a1: LR */
    assert_int_equal(test_env.gpr[12], 0);               /* a2: SC ok */
    assert_int_equal(test_env.gpr[13], 5);               /* a3 */
    assert_int_equal(*ram_u64(RAM_BASE + 0x1000), 5);
    assert_int_equal(test_env.gpr[15], RISCV_EXCP_STORE_AMO_ACCESS_FAULT);
    assert_int_equal(test_env.gpr[21], AMO_MMIO_BASE);   /* s5: mtval */
    assert_int_equal(test_env.gpr[14], 0);               /* a4 untouched */
    assert_int_equal(amo_mmio_accesses, 0);
}

/*
 * S-mode code under TSR, TW and TVM: SRET, WFI, SFENCE.VMA and a satp
 * read each trap to M as illegal instructions (tval = the bits; the M
 * handler sums them and skips the instruction), then ECALL without an
 * SBI handler arrives in M with cause 9.
 */
static void test_run_trapped_priv_insns(void **state)
{
    static const uint32_t code[] = {
        0x10200073,  /* sret */
        0x10500073,  /* wfi */
        0x12000073,  /* sfence.vma */
        0x18002573,  /* csrr a0, satp */
        0x00000073,  /* ecall */
    };
    static const uint32_t handler[] = {
        0x343022f3,  /* csrr t0, mtval */
        0x005484b3,  /* add s1, s1, t0 */
        0x00190913,  /* addi s2, s2, 1 */
        0x34202373,  /* csrr t1, mcause */
        0x00900393,  /* li t2, 9 */
        0x00730a63,  /* beq t1, t2, done */
        0x341022f3,  /* csrr t0, mepc */
        0x00428293,  /* addi t0, t0, 4 */
        0x34129073,  /* csrw mepc, t0 */
        0x30200073,  /* mret */
        0x00100073,  /* done: ebreak */
    };

    memcpy(ram_u64(RAM_BASE), code, sizeof(code));
    memcpy(ram_u64(RAM_BASE + 0x100), handler, sizeof(handler));
    test_env.mtvec = RAM_BASE + 0x100;
    test_env.priv = RISCV_PRIV_S;
    test_env.pc = RAM_BASE;
    test_env.mstatus |= MSTATUS_TSR | MSTATUS_TW | MSTATUS_TVM | MSTATUS_SPP;
    assert_int_equal(run_until_ebreak(), RISCV_PRIV_M);
    assert_int_equal(test_env.gpr[18], 5);                /* s2: traps */
    assert_int_equal(test_env.gpr[9], 0x10200073ull + 0x10500073 +
                                      0x12000073 + 0x18002573);
    assert_int_equal(test_env.mcause, RISCV_EXCP_S_ECALL);
    assert_int_equal(test_env.mepc, RAM_BASE + 0x10);
    assert_int_equal(mpp(), RISCV_PRIV_S);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, hart_setup, hart_teardown)
        T(test_exception_to_m),
        T(test_exception_delegated),
        T(test_ecall_causes),
        T(test_sbi_handler),
        T(test_interrupt_priority),
        T(test_interrupt_enables),
        T(test_exec_interrupt_vectored),
        T(test_enable_write_requests_interrupt),
        T(test_mret_sret),
        T(test_csr_privilege),
        T(test_csr_fp_and_fs),
        T(test_csr_counters),
        T(test_csr_tvm_and_views),
        T(test_csr_mip_writes),
        T(test_csr_warl),
        T(test_csr_pmp),
        T(test_sstc),
        T(test_user_mode_state),
        T(test_resets),
        T(test_run_system_code),
        T(test_run_fs_states),
        T(test_run_interrupt),
        T(test_run_atomics),
        T(test_run_trapped_priv_insns),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
