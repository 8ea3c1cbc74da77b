/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exceptions and privilege changes (privileged spec 1.12, chapter 3):
 * ECALL from each mode, delegation to S, illegal instructions, EBREAK,
 * JALR to an odd address, access faults, MRET/SRET, CSR privilege and
 * read-only rules, mstatus.TW/TSR/TVM.
 */
#include "runtime.h"

#define A(sym) ((uint64_t)(uintptr_t)(sym))
#define MPP_OF(st) (((st) >> 11) & 3)
#define SPP_OF(st) (((st) >> 8) & 1)

static const uint32_t wfi_bits = 0x10500073;
static const uint32_t sret_bits = 0x10200073;

static void test_ecall(void)
{
    static const int prvs[3] = { PRV_M, PRV_S, PRV_U };
    static const uint64_t causes[3] = { CAUSE_ECALL_M, CAUSE_ECALL_S,
                                        CAUSE_ECALL_U };
    static const char *const names[3][5] = {
        { "ecall M: result", "ecall M: mcause", "ecall M: mepc",
          "ecall M: MPP", "ecall M: MPIE = old MIE (1), MIE = 0" },
        { "ecall S: result", "ecall S: mcause", "ecall S: mepc",
          "ecall S: MPP", "ecall S: MPIE = old MIE (1), MIE = 0" },
        { "ecall U: result", "ecall U: mcause", "ecall U: mepc",
          "ecall U: MPP", "ecall U: MPIE = old MIE (1), MIE = 0" },
    };

    section("ecall from M, S, U");
    for (int i = 0; i < 3; i++) {
        uint64_t r;

        /* run_at's MRET makes MIE = MPIE = 1 (mie = 0: nothing fires);
         * the trap must move it to MPIE and clear MIE. */
        csr_set(mstatus, MSTATUS_MPIE);
        r = run_at(prvs[i], A(u_ecall), 0);
        check(names[i][0], r, RUN_TRAPPED);
        check(names[i][1], m_trap.cause, causes[i]);
        check(names[i][2], m_trap.epc, A(u_ecall));
        check(names[i][3], MPP_OF(m_trap.status), (uint64_t)prvs[i]);
        check(names[i][4], m_trap.status & (MSTATUS_MPIE | MSTATUS_MIE),
              MSTATUS_MPIE);
    }
    check("ecall: mtval", m_trap.tval, 0);
}

static void test_delegation(void)
{
    uint64_t r, mcount;

    section("medeleg");
    csr_write(medeleg, (1ul << CAUSE_ECALL_U) | (1ul << CAUSE_ILLEGAL) |
                       (1ul << CAUSE_BREAKPOINT));
    check("medeleg reads back", csr_read(medeleg),
          (1ul << CAUSE_ECALL_U) | (1ul << CAUSE_ILLEGAL) |
          (1ul << CAUSE_BREAKPOINT));
    mcount = m_trap.count;

    r = run_at(PRV_U, A(u_ecall), 0);
    check("deleg ecall U: ends run", r, RUN_TRAPPED);
    check("deleg ecall U: scause", s_trap.cause, CAUSE_ECALL_U);
    check("deleg ecall U: sepc", s_trap.epc, A(u_ecall));
    check("deleg ecall U: stval", s_trap.tval, 0);
    check("deleg ecall U: SPP", SPP_OF(s_trap.status), 0);
    check("deleg ecall U: M saw nothing", m_trap.count, mcount);

    r = run_at(PRV_S, A(u_illegal), 0);
    check("deleg illegal S: scause", s_trap.cause, CAUSE_ILLEGAL);
    check("deleg illegal S: sepc", s_trap.epc, A(u_illegal));
    check("deleg illegal S: stval", s_trap.tval, ILLEGAL_INSN);
    check("deleg illegal S: SPP", SPP_OF(s_trap.status), 1);
    check("deleg illegal S: M saw nothing", m_trap.count, mcount);

    /* ECALL from S is not delegated here: M takes it. */
    r = run_at(PRV_S, A(u_ecall), 0);
    check("undelegated ecall S: mcause", m_trap.cause, CAUSE_ECALL_S);

    /* Delegation never moves a trap out of M mode. */
    r = run_at(PRV_M, A(u_illegal), 0);
    check("delegated illegal in M: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("delegated illegal in M: mtval", m_trap.tval, ILLEGAL_INSN);

    /* A handler may resume after the trap: S skips the EBREAK (and the
     * harness's return ECALL from U must reach M again). */
    csr_write(medeleg, 1ul << CAUSE_BREAKPOINT);
    s_trap_action = TRAP_SKIP;
    r = run_at(PRV_U, A(u_ebreak), 5);
    check("S handler skips ebreak: run returns", r, 5);
    check("S handler skips ebreak: scause", s_trap.cause, CAUSE_BREAKPOINT);
    csr_write(medeleg, 0);
    (void)r;
}

static void test_illegal_and_ebreak(void)
{
    uint64_t r;

    section("illegal instruction, ebreak");
    r = run_at(PRV_U, A(u_illegal), 0);
    check("illegal U: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("illegal U: mtval = instruction", m_trap.tval, ILLEGAL_INSN);
    check("illegal U: mepc", m_trap.epc, A(u_illegal));

    r = run_at(PRV_S, A(u_ebreak), 0);
    check("ebreak S: mcause", m_trap.cause, CAUSE_BREAKPOINT);
    check("ebreak S: mepc", m_trap.epc, A(u_ebreak));
    /* tval is 0 or the address of the EBREAK (3.1.16). */
    check_true("ebreak S: mtval is 0 or pc",
               m_trap.tval == 0 || m_trap.tval == A(u_ebreak));

    r = run_at(PRV_U, A(u_cebreak), 0);
    check("c.ebreak U: mcause", m_trap.cause, CAUSE_BREAKPOINT);
    check("c.ebreak U: mepc", m_trap.epc, A(u_cebreak));

    /* Resuming after a trap returns to the interrupted mode. */
    m_trap_action = TRAP_SKIP;
    r = run_at(PRV_U, A(u_ebreak), 9);
    check("M handler skips ebreak in U: run returns", r, 9);
    check("...and the return came from U", m_trap.count > 0 &&
          MPP_OF(m_trap.status) == PRV_U, 1);
}

static void test_jalr_odd(void)
{
    section("jalr to an odd address");
    /* With C, JALR clears bit 0 and 2-byte alignment is enough: no trap. */
    check("jalr odd target lands on target & ~1",
          run_at(PRV_U, A(u_jalr_odd), 0), 7);
}

static void test_access_faults(void)
{
    uint64_t r;

    section("access faults at unmapped physical address 0");
    r = run_at(PRV_M, A(u_load), 0);
    check("load 0x0: result", r, RUN_TRAPPED);
    check("load 0x0: mcause", m_trap.cause, CAUSE_LOAD_ACCESS);
    check("load 0x0: mtval", m_trap.tval, 0);
    check("load 0x0: mepc", m_trap.epc, A(u_load));
    r = run_at(PRV_S, A(u_store), 8);
    check("store 0x8: mcause", m_trap.cause, CAUSE_STORE_ACCESS);
    check("store 0x8: mtval", m_trap.tval, 8);
    r = run_at(PRV_U, A(u_amo_load), 0x10);
    check("amo 0x10: mcause (AMOs report store faults)",
          m_trap.cause, CAUSE_STORE_ACCESS);
    check("amo 0x10: mtval", m_trap.tval, 0x10);
    r = run_at(PRV_M, 0, 0);
    check("fetch 0x0: mcause", m_trap.cause, CAUSE_FETCH_ACCESS);
    check("fetch 0x0: mepc", m_trap.epc, 0);
    (void)r;
}

static void test_mret_sret(void)
{
    uint64_t st, r;

    section("mret, sret");
    /* MRET with MPP = M: MIE <- MPIE, MPIE <- 1, MPP <- U (3.1.6.1). */
    csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPP);
    csr_set(mstatus, MSTATUS_MPIE | (3ul << 11));
    __asm__ volatile("la t0, 1f\n\tcsrw mepc, t0\n\tmret\n1:" ::: "t0",
                     "memory");
    st = csr_read(mstatus);
    check("mret: MIE = old MPIE (1)", st & MSTATUS_MIE, MSTATUS_MIE);
    check("mret: MPIE = 1", st & MSTATUS_MPIE, MSTATUS_MPIE);
    check("mret: MPP = U", MPP_OF(st), PRV_U);
    csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP);
    csr_set(mstatus, 3ul << 11);
    __asm__ volatile("la t0, 1f\n\tcsrw mepc, t0\n\tmret\n1:" ::: "t0",
                     "memory");
    st = csr_read(mstatus);
    check("mret: MIE = old MPIE (0)", st & MSTATUS_MIE, 0);
    check("mret: MPIE = 1 again", st & MSTATUS_MPIE, MSTATUS_MPIE);

    /* MRET to S and U: the ECALL's cause says where it ran. */
    run_at(PRV_S, A(u_ecall), 0);
    check("mret to S: ecall cause", m_trap.cause, CAUSE_ECALL_S);
    run_at(PRV_U, A(u_ecall), 0);
    check("mret to U: ecall cause", m_trap.cause, CAUSE_ECALL_U);

    /* SRET with SPP = U, SPIE = 1: lands in U with SIE = 1. */
    csr_clear(mstatus, MSTATUS_SPP | MSTATUS_SIE);
    csr_set(mstatus, MSTATUS_SPIE);
    run_at(PRV_S, A(s_sret_to), A(u_ecall));
    check("sret SPP=U: ecall cause", m_trap.cause, CAUSE_ECALL_U);
    check("sret: SIE = old SPIE", m_trap.status & MSTATUS_SIE, MSTATUS_SIE);
    check("sret: SPP = U", m_trap.status & MSTATUS_SPP, 0);
    check("sret: SPIE = 1", m_trap.status & MSTATUS_SPIE, MSTATUS_SPIE);

    /* SRET with SPP = S, SPIE = 0: stays in S with SIE = 0. */
    csr_clear(mstatus, MSTATUS_SPIE | MSTATUS_SIE);
    csr_set(mstatus, MSTATUS_SPP);
    r = run_at(PRV_S, A(s_sret_to), A(s_read_sstatus_return));
    check("sret SPP=S: still S (sstatus readable)", r == RUN_TRAPPED, 0);
    check("sret SPP=S: SIE = 0", r & MSTATUS_SIE, 0);
    check("sret SPP=S: SPIE = 1", r & MSTATUS_SPIE, MSTATUS_SPIE);
    check("sret SPP=S: SPP = U", r & MSTATUS_SPP, 0);
    csr_clear(mstatus, MSTATUS_SIE);

    /* SRET in U and MRET below M are illegal. */
    run_at(PRV_U, A(s_sret), 0);
    check("sret in U: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("sret in U: mtval", m_trap.tval, sret_bits);
}

static void test_csr_privilege(void)
{
    uint64_t r;

    section("CSR privilege and read-only CSRs");
    r = run_at(PRV_U, A(u_read_mstatus), 0);
    check("U reads mstatus: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("U reads mstatus: mtval", m_trap.tval, 0x30002573);
    r = run_at(PRV_U, A(u_read_sstatus), 0);
    check("U reads sstatus: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("U reads sstatus: mepc", m_trap.epc, A(u_read_sstatus));
    r = run_at(PRV_S, A(u_read_mstatus), 0);
    check("S reads mstatus: mcause", m_trap.cause, CAUSE_ILLEGAL);
    csr_set(mstatus, MSTATUS_SUM);
    r = run_at(PRV_S, A(u_read_sstatus), 0);
    check("S reads sstatus: SUM visible", r & MSTATUS_SUM, MSTATUS_SUM);
    csr_clear(mstatus, MSTATUS_SUM);
    r = run_at(PRV_M, A(u_csrw_mhartid), 0);
    check("M writes mhartid: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("M writes mhartid: mtval", m_trap.tval, 0xf1401073);
    r = run_at(PRV_M, A(u_csrw_cycle), 0);
    check("M writes cycle: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("M writes cycle: mtval", m_trap.tval, 0xc0001073);
    r = run_at(PRV_M, A(u_csrs_mvendorid_x0), 0);
    check_true("csrrs mvendorid, x0 (no write) is legal", r != RUN_TRAPPED);

    /* Counters below M need mcounteren (and scounteren for U). */
    csr_write(mcounteren, 0);
    r = run_at(PRV_S, A(u_read_cycle), 0);
    check("S reads cycle, mcounteren.CY=0: mcause", m_trap.cause,
          CAUSE_ILLEGAL);
    csr_write(mcounteren, 1);
    csr_write(scounteren, 0);
    r = run_at(PRV_S, A(u_read_cycle), 0);
    check_true("S reads cycle, mcounteren.CY=1", r != RUN_TRAPPED);
    r = run_at(PRV_U, A(u_read_cycle), 0);
    check("U reads cycle, scounteren.CY=0: mcause", m_trap.cause,
          CAUSE_ILLEGAL);
    csr_write(scounteren, 1);
    r = run_at(PRV_U, A(u_read_cycle), 0);
    check_true("U reads cycle, both CY=1", r != RUN_TRAPPED);
}

static void test_tw_tsr_tvm(void)
{
    uint64_t r;

    section("mstatus.TW, TSR, TVM");
    /* WFI in S completes when an enabled interrupt is pending: SSIP,
     * delegated, with SIE = 0 so it is not taken. */
    csr_write(mideleg, 1ul << IRQ_S_SOFT);
    csr_write(mie, 1ul << IRQ_S_SOFT);
    csr_set(mip, 1ul << IRQ_S_SOFT);
    csr_clear(mstatus, MSTATUS_SIE | MSTATUS_TW);
    r = run_at(PRV_S, A(s_wfi), 0);
    check("WFI in S, TW=0: completes", r, 1);
    csr_set(mstatus, MSTATUS_TW);
    r = run_at(PRV_S, A(s_wfi), 0);
    check("WFI in S, TW=1: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("WFI in S, TW=1: mtval", m_trap.tval, wfi_bits);
    csr_clear(mstatus, MSTATUS_TW);
    r = run_at(PRV_U, A(u_wfi), 0);
    check("WFI in U: mcause", m_trap.cause, CAUSE_ILLEGAL);
    csr_clear(mip, 1ul << IRQ_S_SOFT);
    csr_write(mie, 0);
    csr_write(mideleg, 0);

    csr_set(mstatus, MSTATUS_TSR);
    r = run_at(PRV_S, A(s_sret), 0);
    check("SRET in S, TSR=1: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("SRET in S, TSR=1: mtval", m_trap.tval, sret_bits);
    csr_clear(mstatus, MSTATUS_TSR);

    r = run_at(PRV_S, A(s_read_satp), 0);
    check("satp in S, TVM=0: readable", r, 0);
    csr_set(mstatus, MSTATUS_TVM);
    r = run_at(PRV_S, A(s_read_satp), 0);
    check("satp in S, TVM=1: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("satp in S, TVM=1: mtval", m_trap.tval, 0x18002573);
    r = run_at(PRV_S, A(s_sfence), 0);
    check("sfence.vma in S, TVM=1: mcause", m_trap.cause, CAUSE_ILLEGAL);
    check("sfence.vma in S, TVM=1: mtval", m_trap.tval, 0x12000073);
    csr_clear(mstatus, MSTATUS_TVM);
    r = run_at(PRV_S, A(s_sfence), 0);
    check_true("sfence.vma in S, TVM=0: legal", r != RUN_TRAPPED);
}

static void test_warl(void)
{
    uint64_t r;

    section("medeleg, sie, sstatus: what may not be written");
    csr_write(medeleg, ~0ul);
    r = csr_read(medeleg);
    check("medeleg[11] (ECALL from M) is read-only 0", r & (1ul << 11), 0);
    check("medeleg: ECALL from U and S, illegal, breakpoint delegable",
          r & 0x30c, 0x30c);
    csr_write(medeleg, 0);

    /* sie only reaches the interrupts mideleg gives to S. */
    csr_write(mie, 0);
    csr_write(mideleg, 0);
    r = run_at(PRV_S, A(s_write_sie), ~0ul);
    check("nothing delegated: sie reads 0", r, 0);
    check("  and mie is untouched", csr_read(mie), 0);
    csr_write(mideleg, 0x222);
    r = run_at(PRV_S, A(s_write_sie), ~0ul);
    check("SSI, STI, SEI delegated: sie = 0x222", r, 0x222);
    check("  mie = 0x222 (no M bits)", csr_read(mie), 0x222);
    csr_write(mie, 0);
    csr_write(mideleg, 0);

    /* sstatus cannot reach MIE or MPP: with MPIE = 0, S runs with MIE = 0
     * and the ECALL must find MIE still 0 (-> MPIE = 0). */
    csr_clear(mstatus, MSTATUS_MPIE | MSTATUS_SUM);
    r = run_at(PRV_S, A(s_write_sstatus_ecall),
               MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_SUM);
    check("S wrote sstatus: ecall from S", m_trap.cause, CAUSE_ECALL_S);
    check("  MIE was not set through sstatus (MPIE = 0)",
          m_trap.status & MSTATUS_MPIE, 0);
    check("  SUM was set through sstatus", m_trap.status & MSTATUS_SUM,
          MSTATUS_SUM);
    csr_clear(mstatus, MSTATUS_SUM);
}

static uint32_t smc_buf[4] __attribute__((aligned(64)));

static void test_misc(void)
{
    uint64_t t0, t, t1;

    section("xepc alignment, time, self-modifying code");
    /* IALIGN = 16 with C: only bit 0 of mepc/sepc is cleared. */
    csr_write(mepc, 0x80001003ul);
    check("mepc drops bit 0", csr_read(mepc), 0x80001002ul);
    csr_write(sepc, 0x80001007ul);
    check("sepc drops bit 0", csr_read(sepc), 0x80001006ul);

    t0 = read_mtime();
    t = csr_read(time);
    t1 = read_mtime();
    check_true("time CSR lies between two mtime reads", t0 <= t && t <= t1);

    /* Code written by stores runs after FENCE.I (both versions). */
    smc_buf[0] = 0x00100513;   /* addi a0, x0, 1 */
    smc_buf[1] = 0x00008067;   /* ret */
    __asm__ volatile("fence.i" ::: "memory");
    check("stored code runs", run_at(PRV_M, A(smc_buf), 0), 1);
    smc_buf[0] = 0x00200513;   /* addi a0, x0, 2 */
    __asm__ volatile("fence.i" ::: "memory");
    check("rewritten code + fence.i runs the new version",
          run_at(PRV_M, A(smc_buf), 0), 2);
    check("...also from S", run_at(PRV_S, A(smc_buf), 0), 2);
}

int main(void)
{
    puts_("riscv-baremetal traps\n");
    check("running on hart", hartid(), 0);
    test_ecall();
    test_delegation();
    test_illegal_and_ebreak();
    test_jalr_odd();
    test_access_faults();
    test_mret_sret();
    test_csr_privilege();
    test_tw_tsr_tvm();
    test_warl();
    test_misc();
    finish();
}
