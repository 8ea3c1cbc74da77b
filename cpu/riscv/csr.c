/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The CSRs of the riscv64 front end, user and system mode, in one table.
 * Each row covers a CSR number (or a range) with an optional access rule
 * beyond the ones encoded in the number itself (bits 9:8 the lowest
 * privilege, bits 11:10 == 3 read-only), a read and a write function.
 * helper_riscv_csr is the one run-time entry: Zicsr instructions call it.
 *
 * User mode (env->system false) keeps what janus-riscv64 always had: the
 * FP CSRs and the counters, always accessible.
 */
#include <time.h>

#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/cputlb.h"
#include "cpu/riscv/hart.h"
#include "cpu/riscv/helper.h"
#include "cpu/riscv/priv.h"
#include "io/main-loop.h"
#include "util/cutils.h"

enum {
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_HPMCOUNTER3 = 0xc03, CSR_HPMCOUNTER31 = 0xc1f,
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105,
    CSR_SCOUNTEREN = 0x106, CSR_SENVCFG = 0x10a, CSR_SSCRATCH = 0x140,
    CSR_SEPC = 0x141, CSR_SCAUSE = 0x142, CSR_STVAL = 0x143, CSR_SIP = 0x144,
    CSR_STIMECMP = 0x14d, CSR_SATP = 0x180,
    CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12, CSR_MIMPID = 0xf13,
    CSR_MHARTID = 0xf14, CSR_MCONFIGPTR = 0xf15,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302,
    CSR_MIDELEG = 0x303, CSR_MIE = 0x304, CSR_MTVEC = 0x305,
    CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30a, CSR_MCOUNTINHIBIT = 0x320,
    CSR_MHPMEVENT3 = 0x323, CSR_MHPMEVENT31 = 0x33f,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342,
    CSR_MTVAL = 0x343, CSR_MIP = 0x344,
    CSR_PMPCFG0 = 0x3a0, CSR_PMPCFG15 = 0x3af,
    CSR_PMPADDR0 = 0x3b0, CSR_PMPADDR63 = 0x3ef,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02,
    CSR_MHPMCOUNTER3 = 0xb03, CSR_MHPMCOUNTER31 = 0xb1f,
};

/* RV64 (MXL 2) with A, C, D, F, I, M, S, U. */
#define MISA_VALUE (2ull << 62 | 1u << 0 | 1u << 2 | 1u << 3 | 1u << 5 | \
                    1u << 8 | 1u << 12 | 1u << 18 | 1u << 20)

/* Writable mstatus bits (MPP is further WARL-checked). */
#define MSTATUS_WMASK (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | \
                       MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | \
                       MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | \
                       MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_RMASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | \
                       MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR | \
                       MSTATUS_UXL | MSTATUS_SD)
#define SSTATUS_WMASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | \
                       MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR)
/* Exceptions that can be delegated: all but M-mode ECALL and reserved. */
#define MEDELEG_WMASK 0xb3ffull
#define MIE_WMASK RISCV_MIP_ALL
#define PMPADDR_MASK ((1ull << 54) - 1)

static uint64_t csr_host_ns(void)
{
    return (uint64_t)clock_monotonic_ns();
}

uint64_t riscv_cpu_time(const CPURISCVState *env)
{
    if (env->wiring.read_mtime) {
        return env->wiring.read_mtime(env->wiring.time_opaque);
    }
    return csr_host_ns() / (1000000000ull / RISCV_TIMEBASE_HZ);
}

uint64_t riscv_cpu_mstatus(const CPURISCVState *env)
{
    uint64_t v = env->mstatus;

    if (((v & MSTATUS_FS) >> MSTATUS_FS_SHIFT) == RISCV_FS_DIRTY) {
        v |= MSTATUS_SD;
    }
    return v;
}

uint64_t riscv_cpu_mip(const CPURISCVState *env)
{
    uint64_t v = atomic_load(&env->mip_sw) | atomic_load(&env->mip_lines);

    if (atomic_load(&env->sstc_stip)) {
        v |= RISCV_MIP_STIP;
    }
    return v;
}

/* Set the software-written mip bits of mask to those of val (atomic
 * against riscv_hart_set_irq on the same word). */
static void mip_sw_update(CPURISCVState *env, uint64_t mask, uint64_t val)
{
    atomic_fetch_and(&env->mip_sw, ~(mask & ~val));
    atomic_fetch_or(&env->mip_sw, mask & val);
}

/* ---- Sstc ---- */

static void sstc_timer_cb(void *opaque)
{
    riscv_sstc_update(opaque);
}

/*
 * Runs on the hart's thread (stimecmp/menvcfg writes) and on the main
 * loop's (the timer): a result computed from a stimecmp the hart has
 * since rewritten is recomputed, so a stale "pending" cannot stick.
 */
void riscv_sstc_update(CPURISCVState *env)
{
    uint64_t cmp, envcfg, now;
    bool pending, was;
    pthread_mutex_t *lock = env->wiring.sstc_lock;   /* NULL in tests */

    if (lock) {
        pthread_mutex_lock(lock);
    }
    do {
        cmp = __atomic_load_n(&env->stimecmp, __ATOMIC_ACQUIRE);
        envcfg = __atomic_load_n(&env->menvcfg, __ATOMIC_ACQUIRE);
        now = riscv_cpu_time(env);
        pending = (envcfg & MENVCFG_STCE) && now >= cmp;
        was = atomic_exchange(&env->sstc_stip, pending);
    } while (__atomic_load_n(&env->stimecmp, __ATOMIC_ACQUIRE) != cmp ||
             __atomic_load_n(&env->menvcfg, __ATOMIC_ACQUIRE) != envcfg);

    if (!env->wiring.cpu) {
        if (lock) {
            pthread_mutex_unlock(lock);
        }
        return;    /* a bare state (unit tests): no kick, no timer */
    }
    if ((envcfg & MENVCFG_STCE) && !pending) {
        uint64_t ns_per_tick = 1000000000ull / RISCV_TIMEBASE_HZ;
        uint64_t ticks = cmp - now;

        if (ticks > (uint64_t)INT64_MAX / ns_per_tick / 2) {
            ticks = (uint64_t)INT64_MAX / ns_per_tick / 2;   /* "never" */
        }
        if (!env->wiring.stimecmp_timer) {
            /* NULL on failure (reported): STIP then only follows writes */
            env->wiring.stimecmp_timer = main_loop_timer_new(sstc_timer_cb,
                                                             env);
        }
        if (env->wiring.stimecmp_timer) {
            main_loop_timer_mod(env->wiring.stimecmp_timer,
                                (int64_t)csr_host_ns() +
                                (int64_t)(ticks * ns_per_tick));
        }
    } else if (env->wiring.stimecmp_timer) {
        main_loop_timer_del(env->wiring.stimecmp_timer);
    }
    if (lock) {
        pthread_mutex_unlock(lock);
    }
    /* outside the lock: the kick may take the machine lock */
    if (pending && !was) {
        cpu_interrupt(env->wiring.cpu, CPU_INTERRUPT_HARD);
    }
}

/* ---- access rules ---- */

typedef struct CsrDef CsrDef;
typedef bool CsrAllowed(const CPURISCVState *env, unsigned csr);
typedef uint64_t CsrRead(CPURISCVState *env, unsigned csr);
/* val is the full new value (old bits merged already). */
typedef void CsrWrite(CPURISCVState *env, unsigned csr, uint64_t val);

struct CsrDef {
    uint16_t first, last;
    CsrAllowed *allowed;   /* NULL: only the address-encoded rules */
    CsrRead *read;
    CsrWrite *write;       /* NULL: writes are ignored (WARL constant) */
};

static bool allow_fp(const CPURISCVState *env, unsigned csr)
{
    return !env->system ||
           ((env->mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT) != RISCV_FS_OFF;
}

/* Counter csr (cycle 0, time 1, instret 2, hpmcounterN N) below M mode. */
static bool counter_enabled(const CPURISCVState *env, unsigned bit)
{
    if (!env->system || env->priv == RISCV_PRIV_M) {
        return true;
    }
    if (!((env->mcounteren >> bit) & 1)) {
        return false;
    }
    return env->priv == RISCV_PRIV_S || ((env->scounteren >> bit) & 1);
}

static bool allow_counter(const CPURISCVState *env, unsigned csr)
{
    if (!env->system && (csr & 31) > 2) {
        return false;    /* user mode: cycle, time, instret only */
    }
    return counter_enabled(env, csr & 31);
}

static bool allow_satp(const CPURISCVState *env, unsigned csr)
{
    return env->system && !(env->priv == RISCV_PRIV_S && (env->mstatus & MSTATUS_TVM));
}

/* Sstc: below M, stimecmp needs menvcfg.STCE and mcounteren.TM. */
static bool allow_stimecmp(const CPURISCVState *env, unsigned csr)
{
    if (!env->system || env->priv == RISCV_PRIV_M) {
        return env->system;
    }
    return (env->menvcfg & MENVCFG_STCE) && (env->mcounteren & 2);
}

static bool allow_system(const CPURISCVState *env, unsigned csr)
{
    return env->system;
}

/* RV64 has only the even pmpcfg registers. */
static bool allow_pmpcfg(const CPURISCVState *env, unsigned csr)
{
    return env->system && !(csr & 1);
}

/* ---- reads and writes ---- */

static void fs_mark_dirty(CPURISCVState *env)
{
    if (env->system) {
        env->mstatus |= (uint64_t)RISCV_FS_DIRTY << MSTATUS_FS_SHIFT;
    }
}

static uint64_t rd_fp(CPURISCVState *env, unsigned csr)
{
    switch (csr) {
    case CSR_FFLAGS:
        return env->fflags & 0x1f;
    case CSR_FRM:
        return env->frm & 7;
    default:
        return (env->frm & 7) << 5 | (env->fflags & 0x1f);
    }
}

static void wr_fp(CPURISCVState *env, unsigned csr, uint64_t val)
{
    switch (csr) {
    case CSR_FFLAGS:
        env->fflags = val & 0x1f;
        break;
    case CSR_FRM:
        env->frm = val & 7;
        break;
    default:
        env->fflags = val & 0x1f;
        env->frm = (val >> 5) & 7;
        break;
    }
    fs_mark_dirty(env);
}

/*
 * No cycle or instruction count is kept: host nanoseconds stand in,
 * monotonic as both counters are (plus what software wrote to
 * mcycle/minstret). mcountinhibit is stored but does not stop them.
 */
static uint64_t rd_counter(CPURISCVState *env, unsigned csr)
{
    switch (csr & 31) {
    case 0:
        return csr_host_ns() + (uint64_t)env->mcycle_offset;
    case 1:
        return riscv_cpu_time(env);
    case 2:
        return csr_host_ns() + (uint64_t)env->minstret_offset;
    default:
        return 0;   /* hpmcounter3..31: no events implemented */
    }
}

static void wr_mcounter(CPURISCVState *env, unsigned csr, uint64_t val)
{
    if (csr == CSR_MCYCLE) {
        env->mcycle_offset = (int64_t)(val - csr_host_ns());
    } else if (csr == CSR_MINSTRET) {
        env->minstret_offset = (int64_t)(val - csr_host_ns());
    }
}

static uint64_t rd_zero(CPURISCVState *env, unsigned csr)
{
    return 0;
}

static uint64_t rd_hartid(CPURISCVState *env, unsigned csr)
{
    return env->mhartid;
}

static uint64_t rd_misa(CPURISCVState *env, unsigned csr)
{
    return MISA_VALUE;
}

static uint64_t rd_mstatus(CPURISCVState *env, unsigned csr)
{
    return riscv_cpu_mstatus(env);
}

static void mstatus_set(CPURISCVState *env, uint64_t mask, uint64_t val)
{
    uint64_t v = (env->mstatus & ~mask) | (val & mask);

    /* MPP is WARL over U, S, M: the reserved 2 keeps the old value. */
    if (((v & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2) {
        v = (v & ~MSTATUS_MPP) | (env->mstatus & MSTATUS_MPP);
    }
    env->mstatus = v | MSTATUS_UXL_SXL_VALUE;
    riscv_cpu_check_interrupts(env);
}

static void wr_mstatus(CPURISCVState *env, unsigned csr, uint64_t val)
{
    mstatus_set(env, MSTATUS_WMASK, val);
}

static uint64_t rd_sstatus(CPURISCVState *env, unsigned csr)
{
    return riscv_cpu_mstatus(env) & SSTATUS_RMASK;
}

static void wr_sstatus(CPURISCVState *env, unsigned csr, uint64_t val)
{
    mstatus_set(env, SSTATUS_WMASK, val);
}

static uint64_t rd_mip(CPURISCVState *env, unsigned csr)
{
    return riscv_cpu_mip(env);
}

/* M mode writes SSIP, SEIP and (without Sstc) STIP; the rest are lines. */
static void wr_mip(CPURISCVState *env, unsigned csr, uint64_t val)
{
    uint64_t mask = RISCV_MIP_S_MASK;

    if (env->menvcfg & MENVCFG_STCE) {
        mask &= ~RISCV_MIP_STIP;
    }
    mip_sw_update(env, mask, val);
    riscv_cpu_check_interrupts(env);
}

static uint64_t rd_sip(CPURISCVState *env, unsigned csr)
{
    return riscv_cpu_mip(env) & env->mideleg & RISCV_MIP_S_MASK;
}

static void wr_sip(CPURISCVState *env, unsigned csr, uint64_t val)
{
    mip_sw_update(env, env->mideleg & RISCV_MIP_SSIP, val);
    riscv_cpu_check_interrupts(env);
}

static uint64_t rd_sie(CPURISCVState *env, unsigned csr)
{
    return env->mie & env->mideleg & RISCV_MIP_S_MASK;
}

static void wr_sie(CPURISCVState *env, unsigned csr, uint64_t val)
{
    uint64_t mask = env->mideleg & RISCV_MIP_S_MASK;

    env->mie = (env->mie & ~mask) | (val & mask);
    riscv_cpu_check_interrupts(env);
}

static uint64_t *csr_storage(CPURISCVState *env, unsigned csr)
{
    switch (csr) {
    case CSR_STVEC: return &env->stvec;
    case CSR_SSCRATCH: return &env->sscratch;
    case CSR_SEPC: return &env->sepc;
    case CSR_SCAUSE: return &env->scause;
    case CSR_STVAL: return &env->stval;
    case CSR_SATP: return &env->satp;
    case CSR_MEDELEG: return &env->medeleg;
    case CSR_MIDELEG: return &env->mideleg;
    case CSR_MIE: return &env->mie;
    case CSR_MTVEC: return &env->mtvec;
    case CSR_MSCRATCH: return &env->mscratch;
    case CSR_MEPC: return &env->mepc;
    case CSR_MCAUSE: return &env->mcause;
    case CSR_MTVAL: return &env->mtval;
    case CSR_MENVCFG: return &env->menvcfg;
    case CSR_SENVCFG: return &env->senvcfg;
    case CSR_STIMECMP: return &env->stimecmp;
    default: return NULL;
    }
}

static uint64_t rd_plain(CPURISCVState *env, unsigned csr)
{
    return *csr_storage(env, csr);
}

/* The WARL rules of the plain read/write CSRs. */
static void wr_plain(CPURISCVState *env, unsigned csr, uint64_t val)
{
    switch (csr) {
    case CSR_MTVEC:
    case CSR_STVEC:
        val &= ~2ull;   /* MODE: direct (0) or vectored (1) */
        break;
    case CSR_MEPC:
    case CSR_SEPC:
        val &= ~1ull;   /* IALIGN 16 */
        break;
    case CSR_MEDELEG:
        val &= MEDELEG_WMASK;
        break;
    case CSR_MIDELEG:
        val &= RISCV_MIP_S_MASK;
        break;
    case CSR_MIE:
        val &= MIE_WMASK;
        break;
    case CSR_MENVCFG:
        val &= MENVCFG_STCE | MENVCFG_FIOM;
        break;
    case CSR_SENVCFG:
        val &= MENVCFG_FIOM;
        break;
    }
    /* the Sstc timer callback reads these two on the main loop's thread */
    __atomic_store_n(csr_storage(env, csr), val, __ATOMIC_RELEASE);
    switch (csr) {
    case CSR_MIDELEG:
    case CSR_MIE:
        riscv_cpu_check_interrupts(env);
        break;
    case CSR_MENVCFG:
    case CSR_STIMECMP:
        riscv_sstc_update(env);
        riscv_cpu_check_interrupts(env);
        break;
    }
}

/*
 * satp: a MODE we do not implement leaves the whole register unchanged
 * (Linux probes Sv57, Sv48, Sv39 in turn this way). No ASID bits are
 * implemented (ASIDLEN 0), so Linux flushes on every address-space
 * switch; the soft TLB is flushed here too so no stale entry survives a
 * switch even if the guest omits its SFENCE.VMA.
 */
static void wr_satp(CPURISCVState *env, unsigned csr, uint64_t val)
{
    unsigned mode = val >> SATP_MODE_SHIFT;

    if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39 &&
        mode != SATP_MODE_SV48 && mode != SATP_MODE_SV57) {
        return;
    }
    val &= (0xfull << SATP_MODE_SHIFT) | SATP_PPN_MASK;
    if (val != env->satp) {
        env->satp = val;
        if (env->wiring.cpu && env->wiring.cpu->accel_state) {
            tlb_flush(env->wiring.cpu);
        }
    }
}

static uint64_t rd_counteren(CPURISCVState *env, unsigned csr)
{
    switch (csr) {
    case CSR_MCOUNTEREN: return env->mcounteren;
    case CSR_SCOUNTEREN: return env->scounteren;
    default: return env->mcountinhibit;
    }
}

static void wr_counteren(CPURISCVState *env, unsigned csr, uint64_t val)
{
    switch (csr) {
    case CSR_MCOUNTEREN:
        env->mcounteren = (uint32_t)val;
        break;
    case CSR_SCOUNTEREN:
        env->scounteren = (uint32_t)val;
        break;
    default:
        env->mcountinhibit = (uint32_t)val & ~2u;   /* no inhibit for time */
        break;
    }
}

/*
 * PMP: 16 entries stored as WARL registers; no check is enforced (every
 * access is allowed, as with no PMP entry at all in M mode and as
 * firmware leaves S mode). Entries 16..63 are not implemented (read 0).
 */
static uint64_t rd_pmpcfg(CPURISCVState *env, unsigned csr)
{
    unsigned base = (csr - CSR_PMPCFG0) * 4;
    uint64_t v = 0;

    if (base >= RISCV_PMP_ENTRIES) {
        return 0;
    }
    for (unsigned i = 0; i < 8; i++) {
        v |= (uint64_t)env->pmpcfg[base + i] << (8 * i);
    }
    return v;
}

static void wr_pmpcfg(CPURISCVState *env, unsigned csr, uint64_t val)
{
    unsigned base = (csr - CSR_PMPCFG0) * 4;

    if (base >= RISCV_PMP_ENTRIES) {
        return;
    }
    for (unsigned i = 0; i < 8; i++) {
        uint8_t b = (uint8_t)(val >> (8 * i)) & 0x9f;   /* bits 6:5 are 0 */

        if (env->pmpcfg[base + i] & 0x80) {
            continue;            /* locked */
        }
        if ((b & 3) == 2) {
            b &= ~2;             /* W without R is reserved */
        }
        env->pmpcfg[base + i] = b;
    }
}

static uint64_t rd_pmpaddr(CPURISCVState *env, unsigned csr)
{
    unsigned i = csr - CSR_PMPADDR0;

    return i < RISCV_PMP_ENTRIES ? env->pmpaddr[i] : 0;
}

static void wr_pmpaddr(CPURISCVState *env, unsigned csr, uint64_t val)
{
    unsigned i = csr - CSR_PMPADDR0;

    if (i >= RISCV_PMP_ENTRIES || (env->pmpcfg[i] & 0x80)) {
        return;
    }
    /* A locked TOR entry above also locks this address. */
    if (i + 1 < RISCV_PMP_ENTRIES && (env->pmpcfg[i + 1] & 0x80) &&
        ((env->pmpcfg[i + 1] >> 3) & 3) == 1) {
        return;
    }
    env->pmpaddr[i] = val & PMPADDR_MASK;
}

static const CsrDef csr_table[] = {
    { CSR_FFLAGS, CSR_FCSR, allow_fp, rd_fp, wr_fp },
    { CSR_CYCLE, CSR_HPMCOUNTER31, allow_counter, rd_counter, NULL },
    { CSR_SSTATUS, CSR_SSTATUS, allow_system, rd_sstatus, wr_sstatus },
    { CSR_SIE, CSR_SIE, allow_system, rd_sie, wr_sie },
    { CSR_STVEC, CSR_STVEC, allow_system, rd_plain, wr_plain },
    { CSR_SCOUNTEREN, CSR_SCOUNTEREN, allow_system, rd_counteren, wr_counteren },
    { CSR_SENVCFG, CSR_SENVCFG, allow_system, rd_plain, wr_plain },
    { CSR_SSCRATCH, CSR_STVAL, allow_system, rd_plain, wr_plain },
    { CSR_SIP, CSR_SIP, allow_system, rd_sip, wr_sip },
    { CSR_STIMECMP, CSR_STIMECMP, allow_stimecmp, rd_plain, wr_plain },
    { CSR_SATP, CSR_SATP, allow_satp, rd_plain, wr_satp },
    { CSR_MVENDORID, CSR_MIMPID, allow_system, rd_zero, NULL },
    { CSR_MHARTID, CSR_MHARTID, allow_system, rd_hartid, NULL },
    { CSR_MCONFIGPTR, CSR_MCONFIGPTR, allow_system, rd_zero, NULL },
    { CSR_MSTATUS, CSR_MSTATUS, allow_system, rd_mstatus, wr_mstatus },
    { CSR_MISA, CSR_MISA, allow_system, rd_misa, NULL },
    { CSR_MEDELEG, CSR_MTVEC, allow_system, rd_plain, wr_plain },
    { CSR_MCOUNTEREN, CSR_MCOUNTEREN, allow_system, rd_counteren, wr_counteren },
    { CSR_MENVCFG, CSR_MENVCFG, allow_system, rd_plain, wr_plain },
    { CSR_MCOUNTINHIBIT, CSR_MCOUNTINHIBIT, allow_system, rd_counteren,
      wr_counteren },
    { CSR_MHPMEVENT3, CSR_MHPMEVENT31, allow_system, rd_zero, NULL },
    { CSR_MSCRATCH, CSR_MTVAL, allow_system, rd_plain, wr_plain },
    { CSR_MIP, CSR_MIP, allow_system, rd_mip, wr_mip },
    { CSR_PMPCFG0, CSR_PMPCFG15, allow_pmpcfg, rd_pmpcfg, wr_pmpcfg },
    { CSR_PMPADDR0, CSR_PMPADDR63, allow_system, rd_pmpaddr, wr_pmpaddr },
    { CSR_MCYCLE, CSR_MHPMCOUNTER31, allow_system, rd_counter, wr_mcounter },
};

static const CsrDef *csr_find(unsigned csr)
{
    for (unsigned i = 0; i < sizeof(csr_table) / sizeof(csr_table[0]); i++) {
        if (csr >= csr_table[i].first && csr <= csr_table[i].last) {
            /* mcycle..mhpmcounter31 has a hole at 0xb01 (no mtime CSR) */
            if (csr == 0xb01) {
                return NULL;
            }
            return &csr_table[i];
        }
    }
    return NULL;
}

bool riscv_csr_rmw(CPURISCVState *env, unsigned csr, uint64_t *old,
                   uint64_t wval, uint64_t wmask, bool write)
{
    const CsrDef *def = csr_find(csr);
    unsigned min_priv = (csr >> 8) & 3;

    if (!def || (env->system && env->priv < min_priv) ||
        (write && (csr >> 10) == 3) ||
        (def->allowed && !def->allowed(env, csr))) {
        return false;
    }
    *old = def->read(env, csr);
    if (write && def->write) {
        /*
         * CSRRS/CSRRC on mip merge into the bits software wrote, not the
         * value read: a device line (SEIP from the PLIC) read as 1 would
         * otherwise be latched as a software SEIP that nothing clears,
         * and S mode would take external interrupts forever (OpenSBI sets
         * mip.SSIP with CSRRS on every IPI).
         */
        uint64_t base = csr == CSR_MIP ? atomic_load(&env->mip_sw) : *old;

        def->write(env, csr, (base & ~wmask) | (wval & wmask));
    }
    return true;
}

uint64_t helper_riscv_csr(CPURISCVState *env, uint32_t insn, uint64_t src)
{
    unsigned csr = insn >> 20;
    unsigned funct3 = (insn >> 12) & 7;
    unsigned rs1 = (insn >> 15) & 31;
    /* CSRRW[I] always write; CSRRS/C[I] only with a nonzero rs1/uimm. */
    bool write = (funct3 & 3) == 1 || rs1 != 0;
    uint64_t old, wval, wmask;

    if (funct3 & 4) {
        src = rs1;   /* the immediate forms: uimm in the rs1 field */
    }
    switch (funct3 & 3) {
    case 1:
        wval = src;
        wmask = ~0ull;
        break;
    case 2:
        wval = ~0ull;
        wmask = src;
        break;
    default:
        wval = 0;
        wmask = src;
        break;
    }
    if (!riscv_csr_rmw(env, csr, &old, wval, wmask, write)) {
        env->badaddr = insn;
        tcg_raise_exception(tcg_current_cpu(), RISCV_EXCP_ILLEGAL_INST, 0);
    }
    return old;
}

/* May raise: flags 0 (globals synced before, reloaded after). */
const TCGHelperInfo helper_info_riscv_csr = {
    .func = (void *)helper_riscv_csr, .name = "riscv_csr",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64),
    .nb_args = 3,
};
