/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interrupts (privileged spec 1.12, 3.1.9 and the Sstc extension): the
 * ACLINT's machine timer and software interrupt, STIP delegation, Sstc's
 * stimecmp, WFI waking, priority among pending interrupts, vectored mtvec.
 */
#include "runtime.h"

#define A(sym) ((uint64_t)(uintptr_t)(sym))
#define MENVCFG_STCE (1ul << 63)
#define MIP(irq) (1ul << (irq))
#define SPIN_LIMIT 200000000ul

/* PLIC (SiFive layout, QEMU's virt): context 0 is hart 0's M mode. */
#define PLIC_BASE          0x0c000000ul
#define PLIC_PRIORITY(id)  (PLIC_BASE + 4ul * (id))
#define PLIC_ENABLE(ctx)   (PLIC_BASE + 0x2000ul + 0x80ul * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000ul + 0x1000ul * (ctx))
#define PLIC_CLAIM(ctx)    (PLIC_THRESHOLD(ctx) + 4)
#define UART_IRQ 10
#define UART_IER (UART_BASE + 1)
#define UART_IER_THRE 0x02

static volatile uint32_t plic_claimed;

static void clear_source(unsigned irq)
{
    switch (irq) {
    case IRQ_M_EXT:
        /* Claim, silence the UART, complete. */
        plic_claimed = mmio_read32(PLIC_CLAIM(0));
        *(volatile uint8_t *)UART_IER = 0;
        mmio_write32(PLIC_CLAIM(0), plic_claimed);
        break;
    case IRQ_M_SOFT:
        mmio_write32(ACLINT_MSIP(0), 0);
        break;
    case IRQ_M_TIMER:
        mmio_write64(ACLINT_MTIMECMP(0), ~0ul);
        break;
    case IRQ_S_SOFT:
        csr_clear(mip, MIP(IRQ_S_SOFT));
        break;
    case IRQ_S_TIMER:
        csr_clear(mip, MIP(IRQ_S_TIMER));
        break;
    default:
        csr_clear(mie, MIP(irq));
        break;
    }
}

/* Wait with MIE on until irq was taken once more (or give up). */
static int wait_taken(unsigned irq, uint64_t before)
{
    uint64_t deadline = read_mtime() + 20000000ul;   /* 2 s at 10 MHz */

    csr_set(mstatus, MSTATUS_MIE);
    while (m_irq_count[irq] == before && read_mtime() < deadline) {
    }
    csr_clear(mstatus, MSTATUS_MIE);
    return m_irq_count[irq] != before;
}

static void test_machine_timer(void)
{
    uint64_t before;

    section("machine timer (mtimecmp)");
    mmio_write64(ACLINT_MTIMECMP(0), ~0ul);
    check("mtimecmp = max: MTIP clear", csr_read(mip) & MIP(IRQ_M_TIMER), 0);
    mmio_write64(ACLINT_MTIMECMP(0), 0);
    check("mtimecmp <= mtime: MTIP set", csr_read(mip) & MIP(IRQ_M_TIMER),
          MIP(IRQ_M_TIMER));
    mmio_write64(ACLINT_MTIMECMP(0), ~0ul);
    check("mtimecmp = max again: MTIP clear",
          csr_read(mip) & MIP(IRQ_M_TIMER), 0);

    before = m_irq_count[IRQ_M_TIMER];
    mmio_write64(ACLINT_MTIMECMP(0), read_mtime() + 10000);
    csr_write(mie, MIP(IRQ_M_TIMER));
    check_true("timer interrupt taken", wait_taken(IRQ_M_TIMER, before));
    check("mcause", m_trap.cause, CAUSE_INTERRUPT | IRQ_M_TIMER);
    check("MPIE = 1 (MIE was on), MIE = 0 in the handler",
          m_trap.status & (MSTATUS_MPIE | MSTATUS_MIE), MSTATUS_MPIE);
    check("MPP = M", (m_trap.status >> 11) & 3, PRV_M);
    check("taken exactly once", m_irq_count[IRQ_M_TIMER], before + 1);
    csr_write(mie, 0);
}

static void test_machine_software(void)
{
    uint64_t before;

    section("machine software interrupt (msip)");
    check("MSIP clear", csr_read(mip) & MIP(IRQ_M_SOFT), 0);
    mmio_write32(ACLINT_MSIP(0), 1);
    check("msip = 1 reads back", mmio_read32(ACLINT_MSIP(0)), 1);
    check("msip = 1: MSIP set", csr_read(mip) & MIP(IRQ_M_SOFT),
          MIP(IRQ_M_SOFT));
    before = m_irq_count[IRQ_M_SOFT];
    m_irq_hook = clear_source;
    csr_write(mie, MIP(IRQ_M_SOFT));
    check_true("software interrupt taken", wait_taken(IRQ_M_SOFT, before));
    check("mcause", m_trap.cause, CAUSE_INTERRUPT | IRQ_M_SOFT);
    check("taken exactly once", m_irq_count[IRQ_M_SOFT], before + 1);
    check("handler cleared msip: MSIP clear", csr_read(mip) & MIP(IRQ_M_SOFT),
          0);
    m_irq_hook = 0;
    csr_write(mie, 0);
}

static void test_stip_delegation(void)
{
    uint64_t r, before;

    section("STIP delegation (mideleg)");
    csr_write(menvcfg, 0);
    csr_write(mideleg, MIP(IRQ_S_TIMER));
    check("mideleg.STIP reads back", csr_read(mideleg) & MIP(IRQ_S_TIMER),
          MIP(IRQ_S_TIMER));
    csr_set(mip, MIP(IRQ_S_TIMER));
    check("M sets mip.STIP", csr_read(mip) & MIP(IRQ_S_TIMER),
          MIP(IRQ_S_TIMER));
    csr_write(mie, MIP(IRQ_S_TIMER));
    before = m_irq_count[IRQ_S_TIMER];
    (void)wait_taken(IRQ_S_TIMER, before);
    check("delegated STIP is never taken in M", m_irq_count[IRQ_S_TIMER],
          before);
    r = run_at(PRV_S, A(s_spin_until_irq), SPIN_LIMIT);
    check("S with SIE takes it: run ends", r, RUN_TRAPPED);
    check("scause", s_trap.cause, CAUSE_INTERRUPT | IRQ_S_TIMER);
    check("sepc inside the spin loop",
          s_trap.epc >= A(s_spin_until_irq) &&
          s_trap.epc < A(s_spin_until_irq) + 16, 1);
    check("SPP = S, SPIE = 1", s_trap.status & (MSTATUS_SPP | MSTATUS_SPIE),
          MSTATUS_SPP | MSTATUS_SPIE);

    /* Delegated, pending, but S with SIE = 0: not taken in S... */
    csr_clear(mstatus, MSTATUS_SIE);
    r = run_at(PRV_S, A(u_spin), 100000);
    check("S with SIE = 0 does not take it", r, 0);
    /* ...while U takes it whatever SIE says. */
    r = run_at(PRV_U, A(u_spin), SPIN_LIMIT);
    check("U takes it with SIE = 0: run ends", r, RUN_TRAPPED);
    check("  scause", s_trap.cause, CAUSE_INTERRUPT | IRQ_S_TIMER);
    check("  SPP = U", s_trap.status & MSTATUS_SPP, 0);
    check("  sepc inside the U loop", s_trap.epc >= A(u_spin) &&
          s_trap.epc < A(u_spin) + 12, 1);

    /* Not delegated: an S-level interrupt pending in S goes to M, even
     * with mstatus.MIE = 0 (M interrupts are always on below M). */
    csr_write(mideleg, 0);
    before = m_irq_count[IRQ_S_TIMER];
    m_irq_hook = clear_source;
    r = run_at(PRV_S, A(s_spin_until_irq), 1000000);
    check("undelegated STIP in S: M takes it, S resumes", r, 0);
    check("  taken once", m_irq_count[IRQ_S_TIMER], before + 1);
    check("  mcause", m_trap.cause, CAUSE_INTERRUPT | IRQ_S_TIMER);
    check("  MPP = S", (m_trap.status >> 11) & 3, PRV_S);
    m_irq_hook = 0;
    csr_write(mie, 0);
    csr_clear(mstatus, MSTATUS_SIE);
}

static void test_sstc(void)
{
    uint64_t r, when;

    section("Sstc (stimecmp)");
    csr_write(menvcfg, 0);
    csr_write(mcounteren, 2);   /* TM */
    r = run_at(PRV_S, A(s_read_stimecmp), 0);
    check("STCE=0: S reading stimecmp is illegal", m_trap.cause,
          CAUSE_ILLEGAL);
    csr_write(menvcfg, MENVCFG_STCE);
    check("menvcfg.STCE reads back", csr_read(menvcfg) & MENVCFG_STCE,
          MENVCFG_STCE);
    csr_clear(mip, MIP(IRQ_S_TIMER));
    csr_write(0x14d, ~0ul);
    check("stimecmp = max: STIP clear", csr_read(mip) & MIP(IRQ_S_TIMER), 0);
    csr_write(0x14d, 0);
    check("stimecmp = 0: STIP set", csr_read(mip) & MIP(IRQ_S_TIMER),
          MIP(IRQ_S_TIMER));
    csr_write(0x14d, ~0ul);
    check("stimecmp = max again: STIP clear",
          csr_read(mip) & MIP(IRQ_S_TIMER), 0);
    when = csr_read(time) + 10000;
    csr_write(0x14d, when);
    check("S reads stimecmp", run_at(PRV_S, A(s_read_stimecmp), 0), when);
    csr_write(mideleg, MIP(IRQ_S_TIMER));
    csr_write(mie, MIP(IRQ_S_TIMER));
    r = run_at(PRV_S, A(s_spin_until_irq), SPIN_LIMIT);
    check("stimecmp fires in S: run ends", r, RUN_TRAPPED);
    check("  scause", s_trap.cause, CAUSE_INTERRUPT | IRQ_S_TIMER);
    check_true("  not before stimecmp", csr_read(time) >= when);
    csr_write(0x14d, ~0ul);
    check("stimecmp moved to max lowers STIP",
          csr_read(mip) & MIP(IRQ_S_TIMER), 0);
    csr_write(mie, 0);
    csr_write(mideleg, 0);
    csr_write(menvcfg, 0);
    csr_clear(mstatus, MSTATUS_SIE);
}

static void test_wfi(void)
{
    uint64_t before = m_irq_count[IRQ_M_TIMER], target;

    section("WFI wakes on a pending enabled interrupt (MIE = 0)");
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, MIP(IRQ_M_TIMER));
    target = read_mtime() + 20000;
    mmio_write64(ACLINT_MTIMECMP(0), target);
    while (!(csr_read(mip) & MIP(IRQ_M_TIMER))) {
        __asm__ volatile("wfi");
    }
    check_true("woke with MTIP pending, at or after mtimecmp",
               read_mtime() >= target);
    check("no trap taken (MIE = 0)", m_irq_count[IRQ_M_TIMER], before);
    mmio_write64(ACLINT_MTIMECMP(0), ~0ul);
    csr_write(mie, 0);
}

static void test_priority(void)
{
    static const uint64_t want[4] = { IRQ_M_SOFT, IRQ_M_TIMER, IRQ_S_SOFT,
                                      IRQ_S_TIMER };
    static const char *const names[4] = {
        "1st: MSI", "2nd: MTI", "3rd: SSI", "4th: STI",
    };

    section("priority: MSI, MTI, SSI, STI pending at once");
    csr_write(mideleg, 0);
    csr_write(menvcfg, 0);
    mmio_write32(ACLINT_MSIP(0), 1);
    mmio_write64(ACLINT_MTIMECMP(0), 0);
    csr_set(mip, MIP(IRQ_S_SOFT) | MIP(IRQ_S_TIMER));
    m_irq_order_len = 0;
    m_irq_hook = clear_source;
    csr_write(mie, MIP(IRQ_M_SOFT) | MIP(IRQ_M_TIMER) | MIP(IRQ_S_SOFT) |
              MIP(IRQ_S_TIMER));
    csr_set(mstatus, MSTATUS_MIE);
    for (int i = 0; i < 1000 && m_irq_order_len < 4; i++) {
        __asm__ volatile("nop");
    }
    csr_clear(mstatus, MSTATUS_MIE);
    check("four interrupts taken", m_irq_order_len, 4);
    for (int i = 0; i < 4; i++) {
        check(names[i], m_irq_order[i], want[i]);
    }
    m_irq_hook = 0;
    csr_write(mie, 0);
}

static int wait_mip(uint64_t bit)
{
    uint64_t deadline = read_mtime() + 20000000ul;

    while (!(csr_read(mip) & bit) && read_mtime() < deadline) {
    }
    return (csr_read(mip) & bit) != 0;
}

static void test_external(void)
{
    uint64_t before = m_irq_count[IRQ_M_EXT];

    section("external interrupt: the UART through the PLIC");
    mmio_write32(PLIC_PRIORITY(UART_IRQ), 1);
    mmio_write32(PLIC_ENABLE(0), 1u << UART_IRQ);
    mmio_write32(PLIC_THRESHOLD(0), 0);
    check("MEIP clear while the UART is quiet", csr_read(mip) &
          MIP(IRQ_M_EXT), 0);
    *(volatile uint8_t *)UART_IER = UART_IER_THRE;   /* THR is empty */
    check_true("THRE interrupt enabled: MEIP set", wait_mip(MIP(IRQ_M_EXT)));
    m_irq_hook = clear_source;
    plic_claimed = 0;
    csr_write(mie, MIP(IRQ_M_EXT));
    check_true("external interrupt taken", wait_taken(IRQ_M_EXT, before));
    check("mcause", m_trap.cause, CAUSE_INTERRUPT | IRQ_M_EXT);
    check("claim returned the UART's source", plic_claimed, UART_IRQ);
    check("after complete, UART quiet: MEIP clear", csr_read(mip) &
          MIP(IRQ_M_EXT), 0);

    /* MEI comes before MSI (3.1.9). */
    mmio_write32(ACLINT_MSIP(0), 1);
    *(volatile uint8_t *)UART_IER = UART_IER_THRE;
    (void)wait_mip(MIP(IRQ_M_EXT));
    m_irq_order_len = 0;
    csr_write(mie, MIP(IRQ_M_EXT) | MIP(IRQ_M_SOFT));
    csr_set(mstatus, MSTATUS_MIE);
    for (int i = 0; i < 1000 && m_irq_order_len < 2; i++) {
        __asm__ volatile("nop");
    }
    csr_clear(mstatus, MSTATUS_MIE);
    check("MEI and MSI pending: 1st MEI", m_irq_order[0], IRQ_M_EXT);
    check("MEI and MSI pending: 2nd MSI", m_irq_order[1], IRQ_M_SOFT);
    m_irq_hook = 0;
    csr_write(mie, 0);
    mmio_write32(PLIC_ENABLE(0), 0);
}

static void test_vectored(void)
{
    uint64_t before = m_irq_count[IRQ_M_SOFT];

    section("vectored mtvec");
    csr_write(mtvec, A(m_vector_table) | 1);
    check("mtvec reads back, MODE = 1", csr_read(mtvec),
          A(m_vector_table) | 1);
    vector_hit = 0;
    m_irq_hook = clear_source;
    mmio_write32(ACLINT_MSIP(0), 1);
    csr_write(mie, MIP(IRQ_M_SOFT));
    check_true("software interrupt taken", wait_taken(IRQ_M_SOFT, before));
    check("entered at base + 4 * 3", vector_hit, 1003);
    check("mcause", m_trap.cause, CAUSE_INTERRUPT | IRQ_M_SOFT);
    vector_hit = 0;
    run_at(PRV_M, A(u_ecall), 0);
    check("exceptions enter at base", vector_hit, 1000);
    check("  mcause", m_trap.cause, CAUSE_ECALL_M);
    csr_write(mtvec, A(m_trap_entry));
    m_irq_hook = 0;
    csr_write(mie, 0);
}

int main(void)
{
    puts_("riscv-baremetal interrupts\n");
    csr_write(mie, 0);
    csr_write(mideleg, 0);
    test_machine_timer();
    test_machine_software();
    test_stip_delegation();
    test_sstc();
    test_wfi();
    test_priority();
    test_external();
    test_vectored();
    finish();
}
