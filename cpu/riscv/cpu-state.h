/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RISC-V (RV64) architectural state, as TCG works on it. User mode
 * (janus-riscv64) uses the unprivileged part only; a system-mode hart
 * (cpu/riscv/hart.h) also has the M/S/U privileged state below.
 */
#ifndef CPU_RISCV_CPU_STATE_H
#define CPU_RISCV_CPU_STATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

/* Exception causes (mcause values) and loop-level exits. */
enum {
    RISCV_EXCP_INST_ADDR_MIS = 0,
    RISCV_EXCP_INST_ACCESS_FAULT = 1,
    RISCV_EXCP_ILLEGAL_INST = 2,
    RISCV_EXCP_BREAKPOINT = 3,
    RISCV_EXCP_LOAD_ADDR_MIS = 4,
    RISCV_EXCP_LOAD_ACCESS_FAULT = 5,
    RISCV_EXCP_STORE_AMO_ADDR_MIS = 6,
    RISCV_EXCP_STORE_AMO_ACCESS_FAULT = 7,
    RISCV_EXCP_U_ECALL = 8,
    RISCV_EXCP_S_ECALL = 9,
    RISCV_EXCP_M_ECALL = 11,
    RISCV_EXCP_INST_PAGE_FAULT = 12,
    RISCV_EXCP_LOAD_PAGE_FAULT = 13,
    RISCV_EXCP_STORE_PAGE_FAULT = 15,
};

/* mstatus / sstatus fields. */
#define MSTATUS_SIE   (1ull << 1)
#define MSTATUS_MIE   (1ull << 3)
#define MSTATUS_SPIE  (1ull << 5)
#define MSTATUS_MPIE  (1ull << 7)
#define MSTATUS_SPP   (1ull << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP   (3ull << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS    (3ull << MSTATUS_FS_SHIFT)
#define MSTATUS_MPRV  (1ull << 17)
#define MSTATUS_SUM   (1ull << 18)
#define MSTATUS_MXR   (1ull << 19)
#define MSTATUS_TVM   (1ull << 20)
#define MSTATUS_TW    (1ull << 21)
#define MSTATUS_TSR   (1ull << 22)
#define MSTATUS_UXL   (3ull << 32)
#define MSTATUS_SXL   (3ull << 34)
#define MSTATUS_SD    (1ull << 63)
/* FS values */
enum { RISCV_FS_OFF = 0, RISCV_FS_INITIAL = 1, RISCV_FS_CLEAN = 2,
       RISCV_FS_DIRTY = 3 };

/* satp */
#define SATP_MODE_SHIFT 60
#define SATP_PPN_MASK ((1ull << 44) - 1)
enum { SATP_MODE_BARE = 0, SATP_MODE_SV39 = 8, SATP_MODE_SV48 = 9,
       SATP_MODE_SV57 = 10 };

/* menvcfg */
#define MENVCFG_FIOM (1ull << 0)
#define MENVCFG_STCE (1ull << 63)

#define RISCV_PMP_ENTRIES 16

struct CPU;
struct CPUArchState;
struct MainLoopTimer;

/*
 * How a system-mode hart is wired to its board; set by hart.c and kept
 * across resets (riscv_hart_reset clears everything else).
 */
/* A hart's power state for the built-in SBI's HSM extension. */
enum { RISCV_HSM_STARTED = 0, RISCV_HSM_STOPPED, RISCV_HSM_START_PENDING };

typedef struct RiscvHartWiring {
    struct CPU *cpu;
    uint64_t (*read_mtime)(void *opaque);
    void *time_opaque;
    void (*sbi_handler)(struct CPU *cpu, struct CPUArchState *env,
                        void *opaque);
    void *sbi_opaque;
    struct MainLoopTimer *stimecmp_timer;   /* Sstc */
    /*
     * Serialises riscv_sstc_update between the hart's thread and the main
     * loop's timer callback: unserialised, a callback that set STIP could
     * delete the timer the hart had just re-armed for its next stimecmp,
     * and that hart's timer interrupts stopped for good. A pointer, so
     * riscv_hart_reset's copy of the wiring keeps the one lock.
     */
    pthread_mutex_t *sstc_lock;
} RiscvHartWiring;

struct CPUArchState {
    uint64_t gpr[32];       /* x0 is kept 0 */
    uint64_t fpr[32];       /* NaN-boxed singles */
    uint64_t pc;
    uint32_t fflags;        /* accrued exception flags (fcsr[4:0]) */
    uint32_t frm;           /* rounding mode (fcsr[7:5]) */
    /* LR/SC reservation */
    uint64_t load_res;
    uint64_t load_val;
    /* exception details for the cpu loop (and tval of system traps) */
    uint64_t badaddr;       /* tval */
    uint8_t priv;           /* RISCV_PRIV_*; U in user mode */

    /* ---- system mode (false: janus-riscv64, none of what follows) ---- */
    bool system;
    uint64_t mstatus;       /* SD is computed on read */
    uint64_t medeleg, mideleg, mie;
    /*
     * mip is two words so devices never race the hart's own writes:
     * bits software wrote (SSIP, STIP without Sstc, SEIP) and lines driven
     * by riscv_hart_set_irq; Sstc's STIP is a third, separate source. The
     * value software reads is their OR.
     */
    _Atomic uint64_t mip_sw;
    _Atomic uint64_t mip_lines;
    _Atomic uint32_t sstc_stip;
    uint64_t mtvec, stvec;
    uint64_t mscratch, sscratch;
    uint64_t mepc, sepc;
    uint64_t mcause, scause;
    uint64_t mtval, stval;
    uint64_t satp;
    uint32_t mcounteren, scounteren, mcountinhibit;
    uint64_t menvcfg, senvcfg;
    uint64_t stimecmp;
    uint64_t mhartid;
    int64_t mcycle_offset, minstret_offset;   /* writes to mcycle/minstret */
    uint8_t pmpcfg[RISCV_PMP_ENTRIES];
    uint64_t pmpaddr[RISCV_PMP_ENTRIES];

    /* A superpage was walked since the last full TLB flush (sfence.vma). */
    bool tlb_has_superpage;
    /* SBI HSM state (RISCV_HSM_*) and the pending hart_start's entry. */
    _Atomic int hsm;
    uint64_t hsm_start_pc, hsm_start_arg;

    RiscvHartWiring wiring;
};

typedef struct CPUArchState CPURISCVState;

#endif
