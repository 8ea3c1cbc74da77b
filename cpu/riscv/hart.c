/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A system-mode riscv64 hart: creation, reset, the wiring a board gives
 * it (interrupt lines, time base, built-in SBI) and its TCGTargetOps.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/cputlb.h"
#include "cpu/riscv/hart.h"
#include "cpu/riscv/priv.h"
#include "cpu/riscv/translate.h"
#include "io/main-loop.h"
#include "util/cutils.h"
#include "util/error.h"

void riscv_hart_set_irq(CPU *cpu, unsigned irq, bool level)
{
    CPURISCVState *env = cpu->arch;
    uint64_t bit, old;
    _Atomic uint64_t *word;

    if (irq >= 64 || !((RISCV_MIP_ALL >> irq) & 1)) {
        error_report("riscv hart %d: no interrupt line %u", cpu->index, irq);
        return;
    }
    bit = 1ull << irq;
    /*
     * SSIP has no device line: an IPI to S mode (the built-in SBI's
     * send_ipi) sets the software bit, as firmware writing mip.SSIP
     * would, so S mode clears it through sip as usual.
     */
    word = irq == RISCV_IRQ_S_SOFT ? &env->mip_sw : &env->mip_lines;
    if (level) {
        old = atomic_fetch_or(word, bit);
        if (!(old & bit)) {
            cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
        }
    } else {
        atomic_fetch_and(word, ~bit);
    }
}

void riscv_hart_set_time_source(CPU *cpu, RiscvTimeSource *read_mtime,
                                void *opaque)
{
    CPURISCVState *env = cpu->arch;

    env->wiring.read_mtime = read_mtime;
    env->wiring.time_opaque = opaque;
}

void riscv_hart_set_sbi_handler(CPU *cpu, RiscvSbiHandler *handler,
                                void *opaque)
{
    CPURISCVState *env = cpu->arch;

    env->wiring.sbi_handler = handler;
    env->wiring.sbi_opaque = opaque;
}

/*
 * The hart must not be running (not started yet, parked, halted, or the
 * caller is its own thread): the soft TLB is flushed here.
 */
void riscv_hart_reset(CPU *cpu, unsigned hartid, uint64_t reset_pc,
                      uint64_t a1)
{
    CPURISCVState *env = cpu->arch;
    const RiscvHartWiring *wiring = &env->wiring;
    size_t lines_at = offsetof(CPURISCVState, mip_lines);
    size_t after_lines = lines_at + sizeof(env->mip_lines);

    /* the lock keeps a concurrent timer callback off the state */
    if (wiring->sstc_lock) {
        pthread_mutex_lock(wiring->sstc_lock);
    }
    if (wiring->stimecmp_timer) {
        main_loop_timer_del(wiring->stimecmp_timer);
    }
    /*
     * Everything but the wiring and the device lines: those are wires,
     * their level is the devices', and a device may drive one on another
     * thread right now, so they are never written here.
     */
    memset(env, 0, lines_at);
    memset((char *)env + after_lines, 0,
           offsetof(CPURISCVState, wiring) - after_lines);
    env->stimecmp = ~0ull;
    if (wiring->sstc_lock) {
        pthread_mutex_unlock(wiring->sstc_lock);
    }
    env->system = true;
    env->priv = RISCV_PRIV_M;
    env->load_res = (uint64_t)-1;
    env->mstatus = MSTATUS_UXL_SXL_VALUE;   /* FS Off, MIE 0, MPRV 0 */
    env->mhartid = hartid;
    env->pc = reset_pc;
    env->gpr[10] = hartid;
    env->gpr[11] = a1;
    cpu_interrupt_clear(cpu, CPU_INTERRUPT_HARD);
    if (atomic_load(&env->mip_lines)) {
        cpu_interrupt(cpu, CPU_INTERRUPT_HARD);   /* a line still high */
    }
    if (cpu->accel_state) {
        tlb_flush(cpu);
    }
}

void riscv_hart_reset_to_supervisor(CPU *cpu, unsigned hartid, uint64_t pc,
                                    uint64_t fdt_addr)
{
    CPURISCVState *env = cpu->arch;

    riscv_hart_reset(cpu, hartid, pc, fdt_addr);
    /*
     * No M-mode software runs: every exception S mode can handle goes to
     * it (all but ECALL from S, which the built-in SBI answers), with the
     * three S-level interrupts.
     */
    env->medeleg = 0xb3ffull & ~(1ull << RISCV_EXCP_S_ECALL);
    env->mideleg = RISCV_MIP_S_MASK;
    env->mcounteren = ~0u;
    env->scounteren = 7;          /* cycle, time, instret for U */
    env->menvcfg = MENVCFG_STCE;
    /* One NAPOT PMP entry over all of memory with R, W, X. */
    env->pmpaddr[0] = (1ull << 54) - 1;
    env->pmpcfg[0] = 0x18 | 0x7;
    env->mstatus |= (uint64_t)RISCV_PRIV_S << MSTATUS_MPP_SHIFT;
    env->priv = RISCV_PRIV_S;
}

void riscv_hart_set_stimer(CPU *cpu, uint64_t deadline)
{
    CPURISCVState *env = cpu->arch;

    /* The same comparator as Sstc: STIP follows time >= deadline. */
    __atomic_store_n(&env->stimecmp, deadline, __ATOMIC_RELEASE);
    riscv_sstc_update(env);
}

void riscv_hart_raise_ssip(CPU *cpu)
{
    riscv_hart_set_irq(cpu, RISCV_IRQ_S_SOFT, true);
}

void riscv_hart_flush_tlb(CPU *cpu)
{
    tlb_flush_async(cpu);
}

bool riscv_hart_stop(CPU *cpu)
{
    int expected = RISCV_HSM_STARTED;

    return atomic_compare_exchange_strong(&cpu->arch->hsm, &expected,
                                          RISCV_HSM_STOPPED);
}

bool riscv_hart_start(CPU *cpu, unsigned hartid, uint64_t pc, uint64_t opaque)
{
    /* Serialises starters: the entry must be written by the one that
     * moves the hart out of STOPPED, and before it does. */
    static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
    CPURISCVState *env = cpu->arch;
    bool stopped;

    (void)hartid;   /* mhartid is fixed at creation */
    pthread_mutex_lock(&start_lock);
    stopped = atomic_load(&env->hsm) == RISCV_HSM_STOPPED;
    if (stopped) {
        /* a stopped hart's thread reads none of these */
        env->hsm_start_pc = pc;
        env->hsm_start_arg = opaque;
        atomic_store_explicit(&env->hsm, RISCV_HSM_START_PENDING,
                              memory_order_release);
    }
    pthread_mutex_unlock(&start_lock);
    if (stopped) {
        cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
    }
    return stopped;
}

int riscv_hart_hsm_status(CPU *cpu)
{
    return atomic_load(&cpu->arch->hsm);
}

void riscv_hart_start_pending(CPU *cpu)
{
    CPURISCVState *env = cpu->arch;
    uint64_t pc = env->hsm_start_pc, arg = env->hsm_start_arg;

    riscv_hart_reset_to_supervisor(cpu, (unsigned)env->mhartid, pc, arg);
}

static bool riscv_system_cpu_parked(CPU *cpu)
{
    return atomic_load(&cpu->arch->hsm) != RISCV_HSM_STARTED;
}

static int riscv_system_mmu_index(CPUArchState *env, bool ifetch)
{
    return riscv_cpu_mmu_index(env, ifetch);
}

static void riscv_system_get_tb_cpu_state(CPUArchState *env, uint64_t *pc,
                                          uint32_t *flags)
{
    *pc = env->pc;
    *flags = riscv_cpu_tb_flags(env);
}

/*
 * Before translating at pc: a 32-bit instruction whose second half is on
 * a page that cannot be fetched faults now, tval = that page (privileged
 * spec 3.1.16). A TB for it would span a page with no code translation,
 * which the TB cache has no way to record.
 */
static void riscv_system_check_fetch(CPU *cpu, uint64_t pc)
{
    CPURISCVState *env = cpu->arch;
    uint64_t next_page = (pc | (RISCV_PAGE_SIZE - 1)) + 1;
    uint16_t lo, hi;
    int cause;

    if (next_page - pc != 2 || riscv_cpu_fetch16(env, pc, &lo) ||
        (lo & 3) != 3) {
        return;
    }
    cause = riscv_cpu_fetch16(env, next_page, &hi);
    if (cause) {
        env->badaddr = next_page;
        tcg_raise_exception(cpu, cause, 0);
    }
}

const TCGTargetOps riscv64_system_tcg_ops = {
    .name = "riscv64-system",
    .init_globals = riscv_init_globals,
    .get_tb_cpu_state = riscv_system_get_tb_cpu_state,
    .translate_code = riscv_translate_code,
    .check_fetch = riscv_system_check_fetch,
    .restore_state_to_insn = riscv_restore_state_to_insn,
    .set_pc = riscv_set_pc,
    .nb_mmu_modes = RISCV_NB_MMU_MODES,
    .tlb_fill = riscv_cpu_tlb_fill,
    .do_transaction_failed = riscv_cpu_do_transaction_failed,
    .exec_interrupt = riscv_cpu_exec_interrupt,
    .do_exception = riscv_cpu_do_exception,
    .has_work = riscv_cpu_has_work_hook,
    .cpu_parked = riscv_system_cpu_parked,
    .mmu_index = riscv_system_mmu_index,
};

CPU *riscv_hart_create(Machine *m, unsigned hartid)
{
    CPU *cpu = xzalloc(sizeof(*cpu));
    CPURISCVState *env = xzalloc(sizeof(*env));

    cpu->index = (int)hartid;
    cpu->machine = m;
    cpu->accel = m->accel;
    cpu->arch = env;
    pthread_cond_init(&cpu->cond, NULL);
    env->wiring.cpu = cpu;
    env->wiring.sstc_lock = xzalloc(sizeof(*env->wiring.sstc_lock));
    pthread_mutex_init(env->wiring.sstc_lock, NULL);
    if (tcg_cpu_init(cpu, &riscv64_system_tcg_ops) < 0) {
        pthread_cond_destroy(&cpu->cond);
        pthread_mutex_destroy(env->wiring.sstc_lock);
        free(env->wiring.sstc_lock);
        free(env);
        free(cpu);
        return NULL;
    }
    riscv_hart_reset(cpu, hartid, 0, 0);
    return cpu;
}
