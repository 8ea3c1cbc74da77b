/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Runtime of the bare-metal riscv64 tests: console, checks, exit through
 * the sifive,test device, and a harness that runs a function at a given
 * privilege and comes back to M mode when it returns or traps.
 */
#ifndef RISCV_BAREMETAL_RUNTIME_H
#define RISCV_BAREMETAL_RUNTIME_H

#include <stdint.h>
#include <stddef.h>
#include "magic.h"

/* The virt board (QEMU's memory map). */
#define UART_BASE       0x10000000ul
#define TEST_DEV_BASE   0x00100000ul
#define ACLINT_BASE     0x02000000ul
#define ACLINT_MSIP(h)  (ACLINT_BASE + 4ul * (h))
#define ACLINT_MTIMECMP(h) (ACLINT_BASE + 0x4000ul + 8ul * (h))
#define ACLINT_MTIME    (ACLINT_BASE + 0xbff8ul)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* mstatus bits (privileged spec 1.12, 3.1.6). */
#define MSTATUS_SIE   (1ul << 1)
#define MSTATUS_MIE   (1ul << 3)
#define MSTATUS_SPIE  (1ul << 5)
#define MSTATUS_MPIE  (1ul << 7)
#define MSTATUS_SPP   (1ul << 8)
#define MSTATUS_MPP   (3ul << 11)
#define MSTATUS_MPRV  (1ul << 17)
#define MSTATUS_SUM   (1ul << 18)
#define MSTATUS_MXR   (1ul << 19)
#define MSTATUS_TVM   (1ul << 20)
#define MSTATUS_TW    (1ul << 21)
#define MSTATUS_TSR   (1ul << 22)

/* Exception causes (table 3.6). */
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15
#define CAUSE_INTERRUPT        (1ul << 63)

/* Interrupt numbers (mip/mie bits). */
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11

#define STR_(x) #x
#define STR(x) STR_(x)
#define csr_read(csr) ({ uint64_t v_; \
    __asm__ volatile("csrr %0, " STR(csr) : "=r"(v_) :: "memory"); v_; })
#define csr_write(csr, val) ({ uint64_t w_ = (val); \
    __asm__ volatile("csrw " STR(csr) ", %0" :: "r"(w_) : "memory"); })
#define csr_set(csr, val) ({ uint64_t w_ = (val); \
    __asm__ volatile("csrs " STR(csr) ", %0" :: "r"(w_) : "memory"); })
#define csr_clear(csr, val) ({ uint64_t w_ = (val); \
    __asm__ volatile("csrc " STR(csr) ", %0" :: "r"(w_) : "memory"); })

static inline void mmio_write32(uintptr_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}
static inline uint32_t mmio_read32(uintptr_t a)
{
    return *(volatile uint32_t *)a;
}
static inline void mmio_write64(uintptr_t a, uint64_t v)
{
    *(volatile uint64_t *)a = v;
}
static inline uint64_t mmio_read64(uintptr_t a)
{
    return *(volatile uint64_t *)a;
}

/* Console (16550 at UART_BASE). */
void putc_(char c);
void puts_(const char *s);
void put_hex(uint64_t v);
void put_dec(uint64_t v);

/* Checks: each prints "ok: NAME" or "FAIL: NAME got X want Y". */
void check(const char *name, uint64_t got, uint64_t want);
void check_true(const char *name, int cond);
void section(const char *title);
/* Prints the summary and exits through the test device (pass: no failure). */
void __attribute__((noreturn)) finish(void);
void __attribute__((noreturn)) test_exit(int code);

/* What the last trap taken into M (resp. S) mode saw. */
struct trap_record {
    uint64_t cause, epc, tval;
    uint64_t status;   /* mstatus (resp. sstatus) right after the trap */
    uint64_t count;    /* traps recorded so far */
};
extern volatile struct trap_record m_trap, s_trap;

/*
 * What a trap does after it is recorded (one-shot, reset after use):
 * TRAP_END ends the run_at() call, TRAP_SKIP resumes after the trapping
 * instruction, TRAP_RESUME resumes at trap_resume_pc.
 */
enum trap_action { TRAP_END = 0, TRAP_SKIP, TRAP_RESUME };
extern volatile int m_trap_action, s_trap_action;
extern volatile uint64_t m_trap_resume_pc, s_trap_resume_pc;

/*
 * Interrupt hooks, called with the interrupt number; they must remove the
 * source. Without a hook an M-level interrupt is disabled in mie and
 * counted; an S-level one ends the run.
 */
extern void (*volatile m_irq_hook)(unsigned irq);
extern volatile uint64_t m_irq_count[16], s_irq_count[16];
extern volatile uint64_t m_irq_order[8];
extern volatile unsigned m_irq_order_len;

/* run_at() returns this when the run ended with a trap. */
#define RUN_TRAPPED 0x7eadbeef0badf00dul
/* a7 values of the ECALLs the harness itself makes. */
#define MAGIC_RETURN ((uint64_t)MAGIC_RETURN_ASM)
#define MAGIC_S_END  ((uint64_t)MAGIC_S_END_ASM)

/*
 * Run fn(arg) at privilege prv (mret with MPP = prv) on the current stack.
 * fn returns to a trampoline (the harness's, or ret_pc when not 0) that
 * ECALLs back to M. Returns fn's result, or RUN_TRAPPED.
 */
uint64_t run_at(int prv, uint64_t fn, uint64_t arg);
uint64_t run_at_ret(int prv, uint64_t fn, uint64_t arg, uint64_t ret_pc);

/* Snippets (snippets.S); the user ones live in the U page. */
extern char __user_text_start[], __user_text_end[];
extern char u_return[], u_ecall[], u_ebreak[], u_cebreak[], u_illegal[],
    u_read_mstatus[], u_read_sstatus[], u_wfi[], u_load[], u_store[],
    u_ret42[], u_read_cycle[], u_jalr_odd[], u_amo_load[], u_csrw_cycle[],
    u_csrw_mhartid[], u_csrs_mvendorid_x0[], u_spin[];
extern char s_sret_to[], s_read_sstatus_return[],
    s_read_satp[], s_sfence[], s_sret[], s_read_stimecmp[],
    s_spin_until_irq[], s_wfi[], s_write_sie[], s_write_sstatus_ecall[];
extern char m_vector_table[], m_trap_entry[], m_mprv_load_s[],
    m_mprv_load_u[];
extern volatile uint64_t vector_hit;
#define ILLEGAL_INSN 0x0000700bu   /* custom-0, funct3 7: no extension of ours */

/* Multihart: set by hart 0, run by the others when their MSIP fires. */
extern void (*volatile secondary_entry)(uint64_t hartid);

uint64_t read_mtime(void);
uint64_t hartid(void);

int main(void);

#endif
