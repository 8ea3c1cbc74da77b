/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Console, checks, exit and the C half of the trap handlers. */
#include "runtime.h"

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

volatile struct trap_record m_trap, s_trap;
volatile int m_trap_action, s_trap_action;
volatile uint64_t m_trap_resume_pc, s_trap_resume_pc;
void (*volatile m_irq_hook)(unsigned irq);
volatile uint64_t m_irq_count[16], s_irq_count[16];
volatile uint64_t m_irq_order[8];
volatile unsigned m_irq_order_len;
extern volatile uint64_t run_result;

static unsigned checks_passed, checks_failed;

void putc_(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;

    if (c == '\n') {
        putc_('\r');
    }
    while (!(uart[UART_LSR] & UART_LSR_THRE)) {
    }
    uart[UART_THR] = (uint8_t)c;
}

void puts_(const char *s)
{
    while (*s) {
        putc_(*s++);
    }
}

void put_hex(uint64_t v)
{
    puts_("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
        putc_("0123456789abcdef"[(v >> shift) & 0xf]);
    }
}

void put_dec(uint64_t v)
{
    char buf[24];
    int n = 0;

    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        putc_(buf[--n]);
    }
}

void section(const char *title)
{
    puts_("== ");
    puts_(title);
    putc_('\n');
}

void check(const char *name, uint64_t got, uint64_t want)
{
    if (got == want) {
        checks_passed++;
        puts_("ok: ");
        puts_(name);
        puts_(" = ");
        put_hex(got);
    } else {
        checks_failed++;
        puts_("FAIL: ");
        puts_(name);
        puts_(": got ");
        put_hex(got);
        puts_(" want ");
        put_hex(want);
    }
    putc_('\n');
}

void check_true(const char *name, int cond)
{
    if (cond) {
        checks_passed++;
        puts_("ok: ");
    } else {
        checks_failed++;
        puts_("FAIL: ");
    }
    puts_(name);
    putc_('\n');
}

void test_exit(int code)
{
    if (code == 0) {
        mmio_write32(TEST_DEV_BASE, 0x5555);
    } else {
        mmio_write32(TEST_DEV_BASE, 0x3333u | ((uint32_t)code << 16));
    }
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void finish(void)
{
    puts_("checks: ");
    put_dec(checks_passed + checks_failed);
    puts_(" passed: ");
    put_dec(checks_passed);
    puts_(" failed: ");
    put_dec(checks_failed);
    putc_('\n');
    puts_(checks_failed ? "FAIL\n" : "PASS\n");
    test_exit(checks_failed ? 1 : 0);
}

uint64_t read_mtime(void)
{
    return mmio_read64(ACLINT_MTIME);
}

uint64_t hartid(void)
{
    return csr_read(mhartid);
}

static uint64_t insn_length(uint64_t pc)
{
    return (*(volatile uint16_t *)pc & 3) == 3 ? 4 : 2;
}

/* Returns 1 to end the current run_at(), 0 to mret. f: x0..x31. */
int m_trap_c(uint64_t *f);
int m_trap_c(uint64_t *f)
{
    uint64_t cause = csr_read(mcause);
    uint64_t epc = csr_read(mepc);
    int action;

    if (cause == CAUSE_ECALL_U || cause == CAUSE_ECALL_S ||
        cause == CAUSE_ECALL_M) {
        if (f[17] == MAGIC_RETURN) {
            run_result = f[10];
            return 1;
        }
        if (f[17] == MAGIC_S_END) {
            run_result = RUN_TRAPPED;
            return 1;
        }
    }
    m_trap.cause = cause;
    m_trap.epc = epc;
    m_trap.tval = csr_read(mtval);
    m_trap.status = csr_read(mstatus);
    m_trap.count++;
    if (cause & CAUSE_INTERRUPT) {
        unsigned irq = cause & 15;

        m_irq_count[irq]++;
        if (m_irq_order_len < 8) {
            m_irq_order[m_irq_order_len++] = irq;
        }
        if (m_irq_hook) {
            m_irq_hook(irq);
        } else {
            csr_clear(mie, 1ul << irq);
        }
        return 0;
    }
    action = m_trap_action;
    m_trap_action = TRAP_END;
    switch (action) {
    case TRAP_SKIP:
        csr_write(mepc, epc + insn_length(epc));
        return 0;
    case TRAP_RESUME:
        csr_write(mepc, m_trap_resume_pc);
        return 0;
    default:
        run_result = RUN_TRAPPED;
        return 1;
    }
}

/* Same for traps delegated to S; ending a run is M's job (see start.S). */
int s_trap_c(uint64_t *f);
int s_trap_c(uint64_t *f)
{
    uint64_t cause = csr_read(scause);
    uint64_t epc = csr_read(sepc);
    int action;

    (void)f;
    s_trap.cause = cause;
    s_trap.epc = epc;
    s_trap.tval = csr_read(stval);
    s_trap.status = csr_read(sstatus);
    s_trap.count++;
    if (cause & CAUSE_INTERRUPT) {
        s_irq_count[cause & 15]++;
        return 1;
    }
    action = s_trap_action;
    s_trap_action = TRAP_END;
    switch (action) {
    case TRAP_SKIP: {
        uint64_t len, sum = csr_read(sstatus) & MSTATUS_SUM;

        csr_set(sstatus, MSTATUS_SUM);   /* sepc may be in a U page */
        len = insn_length(epc);
        if (!sum) {
            csr_clear(sstatus, MSTATUS_SUM);
        }
        csr_write(sepc, epc + len);
        return 0;
    }
    case TRAP_RESUME:
        csr_write(sepc, s_trap_resume_pc);
        return 0;
    default:
        return 1;
    }
}
