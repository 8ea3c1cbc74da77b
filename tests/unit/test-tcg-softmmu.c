/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The soft MMU of TCG system mode: guest loads and stores of every size
 * through helper calls (RAM fast path, MMIO dispatch, ROM, holes), faults
 * with precise state, misaligned and page-crossing accesses, TLB flushes,
 * TBs keyed by physical page, self-modifying-code invalidation, code
 * fetch, the "tcg" AccelOps loop and accel_find/accel_default. Every test
 * runs under both back ends (interpreter, then x86-64 where available).
 *
 * The fake target maps virtual = physical except: page V_HOLE faults,
 * page V_RO is read-only, mmu_idx 1 (user) may not touch V_SUPER, and
 * V_ALIAS maps to whatever alias_target says.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <cmocka.h>

#include "accel/accel.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "machines/machine.h"
#include "memory/memory.h"
#include "tests/unit/test-tcg-target.h"
#include "util/machine-lock.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE 0x10000ull
#define ROM_BASE 0x1000ull
#define MMIO_BASE 0x10000000ull
#define V_SUPER (RAM_BASE + 0x2000)
#define V_HOLE (RAM_BASE + 0x3000)
#define V_RO (RAM_BASE + 0x4000)
#define V_ALIAS 0x40037000ull  /* TLB index apart from the others */
#define V_COLLIDE 0x40100000ull     /* same TLB index as RAM_BASE */
#define NOTHING 0x20000000ull       /* no region there */
#define CODE_PC (RAM_BASE + 0x8000)

enum { EXCP_PAGE = 12, EXCP_ACCESS = 5, EXCP_ECALL = 8 };

static Machine machine;
static MemoryRegion ram, rom, mmio;
static CPU cpu, cpu2;
static CPUArchState env, env2;
static uint64_t alias_target = RAM_BASE + 0x5000;
static uint64_t alias2_target = RAM_BASE + 0x6000;  /* for V_ALIAS + 4K */
static uint64_t collide_target = RAM_BASE + 0x5000;
static uint64_t fault_vaddr, fault_paddr;
static int fault_access;

/* ---- MMIO device: records the last access ---- */
static uint64_t mmio_off, mmio_val;
static unsigned mmio_size, mmio_writes, mmio_reads;

static uint64_t mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    mmio_off = offset;
    mmio_size = size;
    mmio_reads++;
    return 0x1122334455667788ull + offset;
}

static void mmio_write(void *opaque, uint64_t offset, uint64_t value,
                       unsigned size)
{
    mmio_off = offset;
    mmio_size = size;
    mmio_val = value;
    mmio_writes++;
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
};

/* ---- the system-mode hooks of the fake target ---- */

static bool sys_tlb_fill(CPU *c, uint64_t vaddr, int access, int mmu_idx,
                         bool probe, uintptr_t host_pc, uint64_t *paddr,
                         int *prot)
{
    uint64_t page = vaddr & ~0xfffull;
    bool bad = page == V_HOLE || (mmu_idx == 1 && page == V_SUPER);

    *prot = TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC;
    if (page == V_RO) {
        *prot = TCG_PROT_READ | TCG_PROT_EXEC;
        bad = access == TCG_ACCESS_STORE;
    }
    if (bad) {
        if (probe) {
            return false;
        }
        fault_vaddr = vaddr;
        fault_access = access;
        tcg_raise_exception(c, EXCP_PAGE, host_pc);
    }
    *paddr = page == V_ALIAS ? alias_target | (vaddr & 0xfff)
             : page == V_ALIAS + 0x1000 ? alias2_target | (vaddr & 0xfff)
             : page == V_COLLIDE ? collide_target | (vaddr & 0xfff)
             : vaddr;
    return true;
}

static void sys_transaction_failed(CPU *c, uint64_t paddr, uint64_t vaddr,
                                   int access, int mmu_idx, uintptr_t host_pc)
    __attribute__((noreturn));
static void sys_transaction_failed(CPU *c, uint64_t paddr, uint64_t vaddr,
                                   int access, int mmu_idx, uintptr_t host_pc)
{
    fault_paddr = paddr;
    fault_vaddr = vaddr;
    fault_access = access;
    tcg_raise_exception(c, EXCP_ACCESS, host_pc);
}

static bool has_work_flag;
static unsigned interrupts_taken, exceptions_taken;
static int last_exception;

static bool sys_exec_interrupt(CPU *c)
{
    if (!has_work_flag) {
        return false;
    }
    interrupts_taken++;
    has_work_flag = false;      /* the interrupt is being served */
    cpu_interrupt_clear(c, CPU_INTERRUPT_HARD);
    c->arch->pc = RAM_BASE + 0x700;     /* the "handler" */
    return true;
}

static void sys_do_exception(CPU *c, int excp)
{
    exceptions_taken++;
    last_exception = excp;
    c->arch->pc = RAM_BASE + 0x600;
}

static bool sys_has_work(CPU *c)
{
    return has_work_flag;
}

static int sys_mmu_index(CPUArchState *e, bool ifetch)
{
    return (int)(e->flags & 1);
}

static TCGTargetOps sys_ops;

/* ---- running TBs ---- */

static MemOp t_mop;
static int t_idx;

static void reset_state(void)
{
    memset(&env, 0, sizeof(env));
    atomic_store(&cpu.exit_request, 0);
    fault_vaddr = fault_paddr = 0;
    fault_access = -1;
}

/* Run from pc without flushing; returns the exception. */
static int run_at(uint64_t pc, void (*gen)(TranslationBlock *tb))
{
    fake_gen = gen;
    env.pc = pc;
    return tcg_cpu_exec(&cpu);
}

static int run_fresh(uint64_t pc, void (*gen)(TranslationBlock *tb))
{
    tb_flush_all();
    return run_at(pc, gen);
}

/* insn 0: r3 += 1; insn 1: r2 = guest_ld(r0); stop */
static void gen_load(TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_addi_i64(R[3], R[3], 1);
    tcg_gen_insn_start(tb->pc + 4, 0);
    tcg_gen_guest_ld_i64(R[2], R[0], t_idx, t_mop);
    gen_stop();
}

/* insn 0: r3 += 1; insn 1: guest_st(r1 -> r0); stop */
static void gen_store(TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_addi_i64(R[3], R[3], 1);
    tcg_gen_insn_start(tb->pc + 4, 0);
    tcg_gen_guest_st_i64(R[1], R[0], t_idx, t_mop);
    gen_stop();
}

/* i32 flavours: w0 = ld(r0); st(w1 -> r0 + 8) */
static void gen_i32(TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_guest_ld_i32(W[0], R[0], t_idx, t_mop);
    tcg_gen_addi_i64(R[4], R[0], 8);
    tcg_gen_guest_st_i32(W[1], R[4], t_idx, t_mop);
    gen_stop();
}

static uint64_t guest_load(uint64_t addr, MemOp mop, int idx)
{
    reset_state();
    env.r[0] = addr;
    t_mop = mop;
    t_idx = idx;
    assert_int_equal(run_fresh(RAM_BASE, gen_load), FAKE_EXCP_STOP);
    return env.r[2];
}

static int guest_store(uint64_t addr, uint64_t val, MemOp mop, int idx)
{
    reset_state();
    env.r[0] = addr;
    env.r[1] = val;
    t_mop = mop;
    t_idx = idx;
    return run_fresh(RAM_BASE, gen_store);
}

static uint8_t *ram_host(uint64_t paddr)
{
    return (uint8_t *)ram.ram + (paddr - RAM_BASE);
}

/* ---- tests ---- */

static void test_ram_sizes(void **state)
{
    static const struct {
        MemOp mop;
        uint64_t expect;
    } loads[] = {
        { MO_UB, 0xf8 }, { MO_SB, 0xfffffffffffffff8ull },
        { MO_UW, 0xf7f8 }, { MO_SW, 0xfffffffffffff7f8ull },
        { MO_UL, 0xf5f6f7f8 }, { MO_SL, 0xfffffffff5f6f7f8ull },
        { MO_UQ, 0xf1f2f3f4f5f6f7f8ull },
        { MO_UW | MO_BSWAP, 0xf8f7 },
        { MO_SL | MO_BSWAP, 0xfffffffff8f7f6f5ull },
        { MO_UQ | MO_BSWAP, 0xf8f7f6f5f4f3f2f1ull },
    };
    uint64_t a = RAM_BASE + 0x100;

    assert_int_equal(guest_store(a, 0xf1f2f3f4f5f6f7f8ull, MO_UQ, 0),
                     FAKE_EXCP_STOP);
    assert_int_equal(ram_host(a)[0], 0xf8);
    assert_int_equal(ram_host(a)[7], 0xf1);
    for (unsigned i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
        assert_int_equal(guest_load(a, loads[i].mop, 0), loads[i].expect);
    }
    /* narrow stores touch only their bytes */
    assert_int_equal(guest_store(a, 0xaabb, MO_UB, 0), FAKE_EXCP_STOP);
    assert_int_equal(guest_load(a, MO_UQ, 0), 0xf1f2f3f4f5f6f7bbull);
    assert_int_equal(guest_store(a + 2, 0x1234, MO_UW | MO_BSWAP, 0),
                     FAKE_EXCP_STOP);
    assert_int_equal(guest_load(a, MO_UQ, 0), 0xf1f2f3f43412f7bbull);
    assert_int_equal(guest_store(a + 4, 0x0a0b0c0d, MO_UL, 0),
                     FAKE_EXCP_STOP);
    assert_int_equal(guest_load(a, MO_UQ, 0), 0x0a0b0c0d3412f7bbull);

    /* i32 destinations and sources */
    reset_state();
    env.r[0] = a;
    env.w[1] = 0x89abcdef;
    t_mop = MO_SW;
    t_idx = 0;
    assert_int_equal(run_fresh(RAM_BASE, gen_i32), FAKE_EXCP_STOP);
    assert_int_equal(env.w[0], 0xfffff7bb);
    assert_int_equal(ram_host(a + 8)[0], 0xef);
    assert_int_equal(ram_host(a + 8)[1], 0xcd);
    assert_int_equal(ram_host(a + 8)[2], 0x00);   /* MO_16 wrote 2 bytes */
}

static void test_mmio(void **state)
{
    mmio_writes = mmio_reads = 0;
    assert_int_equal(guest_store(MMIO_BASE + 0x10, 0xbeef, MO_UW, 0),
                     FAKE_EXCP_STOP);
    assert_int_equal(mmio_writes, 1);
    assert_int_equal(mmio_off, 0x10);
    assert_int_equal(mmio_size, 2);
    assert_int_equal(mmio_val, 0xbeef);

    assert_int_equal(guest_load(MMIO_BASE + 0x20, MO_UL, 0),
                     (0x1122334455667788ull + 0x20) & 0xffffffff);
    assert_int_equal(mmio_reads, 1);
    assert_int_equal(mmio_size, 4);
    assert_int_equal(guest_load(MMIO_BASE + 0x8, MO_SB, 0),
                     0xffffffffffffff90ull);   /* 0x...7790 low byte */
    assert_int_equal(mmio_size, 1);
    assert_int_equal(guest_load(MMIO_BASE, MO_UQ, 0), 0x1122334455667788ull);
    assert_int_equal(mmio_size, 8);
    /* MMIO never takes the RAM fast path: every access reaches the device */
    assert_int_equal(guest_load(MMIO_BASE, MO_UQ, 0), 0x1122334455667788ull);
    assert_int_equal(mmio_reads, 4);
}

static void test_page_fault_precise(void **state)
{
    reset_state();
    env.r[0] = V_HOLE + 8;
    t_mop = MO_UQ;
    t_idx = 0;
    assert_int_equal(run_fresh(RAM_BASE, gen_load), EXCP_PAGE);
    assert_int_equal(fault_vaddr, V_HOLE + 8);
    assert_int_equal(fault_access, TCG_ACCESS_LOAD);
    assert_int_equal(env.pc, RAM_BASE + 4);    /* the faulting insn */
    assert_int_equal(env.r[3], 1);             /* insn 0 completed */

    /* user mode (mmu_idx 1) may not touch the supervisor page */
    assert_int_equal(guest_store(V_SUPER, 1, MO_UB, 1), EXCP_PAGE);
    assert_int_equal(fault_access, TCG_ACCESS_STORE);
    assert_int_equal(env.pc, RAM_BASE + 4);
    assert_int_equal(guest_store(V_SUPER, 1, MO_UB, 0), FAKE_EXCP_STOP);
}

static void test_read_only_and_rom(void **state)
{
    ram_host(V_RO)[0] = 0x5a;
    assert_int_equal(guest_load(V_RO, MO_UB, 0), 0x5a);
    assert_int_equal(guest_store(V_RO, 0x11, MO_UB, 0), EXCP_PAGE);
    assert_int_equal(ram_host(V_RO)[0], 0x5a);

    ((uint8_t *)rom.ram)[0x10] = 0x77;
    assert_int_equal(guest_load(ROM_BASE + 0x10, MO_UB, 0), 0x77);
    assert_int_equal(guest_store(ROM_BASE + 0x10, 0x99, MO_UB, 0),
                     FAKE_EXCP_STOP);            /* dropped, no fault */
    assert_int_equal(((uint8_t *)rom.ram)[0x10], 0x77);
}

static void test_transaction_failed(void **state)
{
    reset_state();
    env.r[0] = NOTHING + 0x40;
    t_mop = MO_UL;
    t_idx = 0;
    assert_int_equal(run_fresh(RAM_BASE, gen_load), EXCP_ACCESS);
    assert_int_equal(fault_paddr, NOTHING + 0x40);
    assert_int_equal(fault_access, TCG_ACCESS_LOAD);
    assert_int_equal(env.pc, RAM_BASE + 4);
    assert_int_equal(guest_store(NOTHING, 1, MO_UQ, 0), EXCP_ACCESS);
    assert_int_equal(fault_access, TCG_ACCESS_STORE);
}

static void test_misaligned(void **state)
{
    uint64_t a = RAM_BASE + 0xffd;     /* crosses into the next page */

    for (unsigned i = 0; i < 8; i++) {
        ram_host(a)[i] = (uint8_t)(0x10 + i);
    }
    assert_int_equal(guest_load(a, MO_UQ, 0), 0x1716151413121110ull);
    assert_int_equal(guest_load(a + 1, MO_SL, 0), 0x14131211);
    assert_int_equal(guest_store(a, 0x0102030405060708ull, MO_UQ, 0),
                     FAKE_EXCP_STOP);
    assert_int_equal(ram_host(a)[0], 0x08);
    assert_int_equal(ram_host(a)[7], 0x01);
    /* misaligned within a page proceeds too */
    assert_int_equal(guest_load(RAM_BASE + 0x101, MO_UW, 0),
                     guest_load(RAM_BASE + 0x101, MO_UB, 0) |
                     guest_load(RAM_BASE + 0x102, MO_UB, 0) << 8);

    /* MO_ALIGN: the target's unaligned hook, state precise */
    reset_state();
    env.r[0] = RAM_BASE + 0x102;
    t_mop = MO_UL | MO_ALIGN;
    t_idx = 0;
    assert_int_equal(run_fresh(RAM_BASE, gen_load), FAKE_EXCP_ALIGN);
    assert_int_equal(env.misaligned, RAM_BASE + 0x102);
    assert_int_equal(env.pc, RAM_BASE + 4);
    assert_int_equal(guest_load(RAM_BASE + 0x104, MO_UL | MO_ALIGN, 0),
                     guest_load(RAM_BASE + 0x104, MO_UL, 0));

    /* a store whose second page faults writes nothing */
    memset(ram_host(V_HOLE - 4), 0xcc, 4);
    assert_int_equal(guest_store(V_HOLE - 2, 0x11223344, MO_UL, 0),
                     EXCP_PAGE);
    assert_int_equal(fault_vaddr, V_HOLE);
    assert_int_equal(ram_host(V_HOLE - 2)[0], 0xcc);
    assert_int_equal(ram_host(V_HOLE - 1)[0], 0xcc);
}

static void test_flush(void **state)
{
    TLBStats before, after;

    ram_host(RAM_BASE + 0x5000)[0] = 0xa5;
    ram_host(RAM_BASE + 0x6000)[0] = 0x5a;
    alias_target = RAM_BASE + 0x5000;
    tlb_flush(&cpu);
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0xa5);

    /* remapped without a flush: the TLB still has the old page */
    alias_target = RAM_BASE + 0x6000;
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0xa5);
    tlb_flush_page(&cpu, V_ALIAS + 0x123);
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0x5a);

    /* a page flush leaves other pages cached */
    tlb_get_stats(&cpu, &before);
    guest_load(RAM_BASE + 0x200, MO_UB, 0);
    tlb_flush_page(&cpu, V_ALIAS);
    guest_load(RAM_BASE + 0x200, MO_UB, 0);
    tlb_get_stats(&cpu, &after);
    assert_int_equal(after.fills, before.fills);

    /* full flush, and the async request path */
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0x5a);
    alias_target = RAM_BASE + 0x5000;
    tlb_flush_async(&cpu);
    assert_int_equal(atomic_load(&cpu.exit_request), 1);
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0x5a);  /* not yet */
    tlb_process_requests(&cpu);
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0xa5);
    tlb_get_stats(&cpu, &after);
    assert_true(after.flushes > before.flushes);

    alias_target = RAM_BASE + 0x6000;
    tlb_flush_page_async(&cpu, V_ALIAS);
    tlb_process_requests(&cpu);
    assert_int_equal(guest_load(V_ALIAS, MO_UB, 0), 0x5a);
}


/* Two pages with one direct-mapped slot: the victim entries keep both. */
static void test_victim(void **state)
{
    TLBStats st0, st1;

    ram_host(RAM_BASE + 0x5000)[0] = 0xa5;
    ram_host(RAM_BASE + 0x6000)[0] = 0x5a;
    collide_target = RAM_BASE + 0x5000;
    tlb_flush(&cpu);
    /* the TB at RAM_BASE and the data at V_COLLIDE fight for slot 0 */
    assert_int_equal(guest_load(V_COLLIDE, MO_UB, 0), 0xa5);
    tlb_get_stats(&cpu, &st0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(guest_load(V_COLLIDE, MO_UB, 0), 0xa5);
    }
    tlb_get_stats(&cpu, &st1);
    assert_int_equal(st1.fills, st0.fills);
    assert_true(st1.victim_hits >= st0.victim_hits + 4);

    /* a page flush reaches the victim copy too */
    collide_target = RAM_BASE + 0x6000;
    tlb_flush_page(&cpu, V_COLLIDE);
    assert_int_equal(guest_load(V_COLLIDE, MO_UB, 0), 0x5a);
    collide_target = RAM_BASE + 0x5000;
    tlb_flush_page(&cpu, V_COLLIDE);
}

/* The TB at CODE_PC: fetches its "instruction" word into r5. */
static void gen_code(TranslationBlock *tb)
{
    uint32_t insn = tcg_fetch_code32(&env, tb->pc);

    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_movi_i64(R[5], insn);
    gen_stop();
}

static void test_fetch_and_phys_keys(void **state)
{
    unsigned n;

    memcpy(ram_host(RAM_BASE + 0x5000), "\x11\x22\x33\x44", 4);
    memcpy(ram_host(RAM_BASE + 0x6000), "\x55\x66\x77\x88", 4);
    memcpy(ram_host(RAM_BASE + 0x6ffe), "\xaa\xbb\xcc\xdd", 4);
    tb_flush_all();
    alias_target = RAM_BASE + 0x5000;
    tlb_flush(&cpu);
    reset_state();
    n = fake_translations;
    assert_int_equal(run_at(V_ALIAS, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x44332211);
    assert_int_equal(fake_translations, n + 1);
    assert_int_equal(run_at(V_ALIAS, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(fake_translations, n + 1);     /* cached */
    /* the lookups' lock-free check of the code TLB */
    assert_true(tlb_code_page_is(&cpu, V_ALIAS + 0x10, RAM_BASE + 0x5000));
    assert_false(tlb_code_page_is(&cpu, V_ALIAS, RAM_BASE + 0x6000));
    env.flags = 1;                  /* fetch mmu_idx 1: no entry yet */
    assert_false(tlb_code_page_is(&cpu, V_ALIAS, RAM_BASE + 0x5000));
    env.flags = 0;

    /* same virtual pc, other physical page: another TB */
    alias_target = RAM_BASE + 0x6000;
    tlb_flush(&cpu);
    assert_false(tlb_code_page_is(&cpu, V_ALIAS, RAM_BASE + 0x5000));
    assert_int_equal(run_at(V_ALIAS, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x88776655);
    assert_int_equal(fake_translations, n + 2);
    alias_target = RAM_BASE + 0x5000;
    tlb_flush(&cpu);
    assert_int_equal(run_at(V_ALIAS, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x44332211);
    assert_int_equal(fake_translations, n + 2);     /* the first TB again */

    /* a fetch crossing a page */
    assert_int_equal(run_at(RAM_BASE + 0x6ffe, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0xddccbbaa);

    /* fetch faults: no mapping, and nothing at the physical address */
    reset_state();
    assert_int_equal(run_at(V_HOLE + 0x10, gen_code), EXCP_PAGE);
    assert_int_equal(fault_access, TCG_ACCESS_FETCH);
    assert_int_equal(env.pc, V_HOLE + 0x10);
    assert_int_equal(run_at(NOTHING, gen_code), EXCP_ACCESS);
    assert_int_equal(fault_access, TCG_ACCESS_FETCH);
}

static void test_smc(void **state)
{
    unsigned long inval = tcg_stats.invalidations;
    TLBStats st0, st1;
    unsigned n;

    tb_flush_all();
    tlb_flush(&cpu);
    memcpy(ram_host(CODE_PC), "\x01\x00\x00\x00", 4);
    /* a fast write entry to the page exists before it holds code */
    assert_int_equal(guest_store(CODE_PC + 0x800, 7, MO_UB, 0),
                     FAKE_EXCP_STOP);
    assert_false(tlb_page_is_code(CODE_PC));

    reset_state();
    n = fake_translations;
    assert_int_equal(run_at(CODE_PC, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 1);
    assert_true(tlb_page_is_code(CODE_PC));
    assert_int_equal(run_at(CODE_PC, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(fake_translations, n + 1);

    /* a store elsewhere on the page: slow path, the TB survives */
    tlb_get_stats(&cpu, &st0);
    env.r[0] = CODE_PC + 0x800;
    env.r[1] = 9;
    t_mop = MO_UB;
    t_idx = 0;
    assert_int_equal(run_at(RAM_BASE, gen_store), FAKE_EXCP_STOP);
    tlb_get_stats(&cpu, &st1);
    assert_int_equal(st1.smc_writes, st0.smc_writes + 1);
    assert_int_equal(tcg_stats.invalidations, inval);
    assert_true(tlb_page_is_code(CODE_PC));

    /* a store over the code: TB invalidated, retranslated with new bytes */
    env.r[0] = CODE_PC;
    env.r[1] = 2;
    assert_int_equal(run_at(RAM_BASE, gen_store), FAKE_EXCP_STOP);
    assert_int_equal(ram_host(CODE_PC)[0], 2);
    assert_int_equal(tcg_stats.invalidations, inval + 1);
    assert_false(tlb_page_is_code(CODE_PC));
    assert_int_equal(run_at(CODE_PC, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 2);
    assert_int_equal(fake_translations, n + 2);

    /* after the page lost its code the entry went back to the fast path;
     * it was code again just now, so this store invalidates once more */
    env.r[0] = CODE_PC + 1;
    env.r[1] = 0x30;
    assert_int_equal(run_at(RAM_BASE, gen_store), FAKE_EXCP_STOP);
    assert_int_equal(tcg_stats.invalidations, inval + 2);
    assert_int_equal(run_at(CODE_PC, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x3002);

    /* written behind the TLB (DMA): the owner of the write says so */
    memcpy(ram_host(CODE_PC), "\x44", 1);
    inval = tcg_stats.invalidations;
    tlb_notify_phys_write(CODE_PC + 0x800, 16);      /* no TB there */
    assert_int_equal(tcg_stats.invalidations, inval);
    tlb_notify_phys_write(CODE_PC, 1);
    assert_int_equal(tcg_stats.invalidations, inval + 1);
    assert_int_equal(run_at(CODE_PC, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x3044);
    inval = tcg_stats.invalidations - 2;   /* the probe below adds one */

    /* C-level access and the host pointer of an AMO */
    {
        uint8_t *p = tlb_probe_host(&cpu, CODE_PC, 4, TCG_ACCESS_STORE, 0,
                                    0);

        assert_ptr_equal(p, ram_host(CODE_PC));
        assert_int_equal(tcg_stats.invalidations, inval + 3);
        assert_null(tlb_probe_host(&cpu, MMIO_BASE, 4, TCG_ACCESS_LOAD, 0,
                                   0));
        assert_null(tlb_probe_host(&cpu, ROM_BASE, 4, TCG_ACCESS_STORE, 0,
                                   0));
        assert_int_equal(cpu_ld_mmu(&cpu, CODE_PC, MO_UW, 0, 0), 0x3044);
        cpu_st_mmu(&cpu, CODE_PC, 0xabcd, MO_UW | MO_BSWAP, 0, 0);
        assert_int_equal(cpu_ld_mmu(&cpu, CODE_PC, MO_UW, 0, 0), 0xcdab);
    }
}


/* Two vCPUs: a page turning into code on one routes the other's existing
 * fast write entry to the SMC path. */
static void test_smc_cross_cpu(void **state)
{
    uint64_t code = RAM_BASE + 0x9000;
    unsigned long inval;
    unsigned n;

    tb_flush_all();
    tlb_flush(&cpu);
    tlb_flush(&cpu2);
    memcpy(ram_host(code), "\x21\x00\x00\x00", 4);
    assert_int_equal(guest_store(code + 0x800, 1, MO_UB, 0), FAKE_EXCP_STOP);

    n = fake_translations;
    fake_gen = gen_code;
    memset(&env2, 0, sizeof(env2));
    atomic_store(&cpu2.exit_request, 0);    /* earlier kicks */
    env2.pc = code;
    assert_int_equal(tcg_cpu_exec(&cpu2), FAKE_EXCP_STOP);
    assert_int_equal(env2.r[5], 0x21);
    assert_int_equal(fake_translations, n + 1);

    inval = tcg_stats.invalidations;
    reset_state();
    env.r[0] = code;
    env.r[1] = 0x22;
    t_mop = MO_UB;
    t_idx = 0;
    assert_int_equal(run_at(RAM_BASE, gen_store), FAKE_EXCP_STOP);
    assert_int_equal(tcg_stats.invalidations, inval + 1);

    fake_gen = gen_code;
    env2.pc = code;
    assert_int_equal(tcg_cpu_exec(&cpu2), FAKE_EXCP_STOP);
    assert_int_equal(env2.r[5], 0x22);
    assert_int_equal(fake_translations, n + 2);
}

/* The accelerator on a machine: cpu_create, and a memory-map change
 * asking every vCPU for a flush. */
static void test_accel_machine(void **state)
{
    static MemoryRegion extra;
    static CPU cpu3;
    static CPUArchState env3;
    static CPU *cpus[3] = { &cpu, &cpu2, &cpu3 };
    TLBStats st0, st1;

    cpu3.arch = &env3;
    cpu3.machine = &machine;
    pthread_cond_init(&cpu3.cond, NULL);
    assert_int_equal(tcg_accel_ops.cpu_create(&cpu3), 0);
    assert_non_null(cpu3.accel_state);
    assert_ptr_equal(((TCGCPUState *)cpu3.accel_state)->ops, &sys_ops);

    machine.cpus = cpus;
    machine.nr_cpus = 3;
    assert_int_equal(tcg_accel_ops.machine_init(&machine), 0);
    assert_true(tcg_system_mode);
    tlb_process_requests(&cpu);

    tlb_get_stats(&cpu, &st0);
    atomic_store(&cpu.exit_request, 0);
    atomic_store(&cpu2.exit_request, 0);
    assert_int_equal(memory_region_init_ram(&extra, "extra", 0x1000), 0);
    assert_int_equal(memory_region_add_subregion(&machine.system_memory,
                                                 0x30000000, &extra), 0);
    assert_int_equal(atomic_load(&cpu.exit_request), 1);
    assert_int_equal(atomic_load(&cpu2.exit_request), 1);
    tlb_process_requests(&cpu);
    tlb_get_stats(&cpu, &st1);
    assert_int_equal(st1.flushes, st0.flushes + 1);

    /* the new RAM is reachable through the TLB */
    guest_store(0x30000010, 0x77, MO_UB, 0);
    assert_int_equal(((uint8_t *)extra.ram)[0x10], 0x77);
    /* reset: every TB goes */
    fake_gen = gen_code;
    env.pc = CODE_PC;
    atomic_store(&cpu.exit_request, 0);
    assert_int_equal(tcg_cpu_exec(&cpu), FAKE_EXCP_STOP);
    {
        unsigned long fl = tcg_stats.flushes;
        unsigned n = fake_translations;

        tcg_accel_ops.machine_reset(&machine);
        assert_int_equal(tcg_stats.flushes, fl + 1);
        atomic_store(&cpu.exit_request, 0);
        assert_int_equal(tcg_cpu_exec(&cpu), FAKE_EXCP_STOP);
        assert_int_equal(fake_translations, n + 1);
    }

    /* DMA and loaders write RAM behind the TLB: the memory hook the
     * accelerator registered drops the TBs there */
    {
        unsigned long inval = tcg_stats.invalidations;
        unsigned n = fake_translations;
        uint8_t b = 0x55;

        assert_int_equal(address_space_write(&machine.as_memory,
                                             CODE_PC + 0x800, &b, 1),
                         MEMTX_OK);
        assert_int_equal(tcg_stats.invalidations, inval);   /* no TB there */
        assert_int_equal(address_space_write(&machine.as_memory, CODE_PC,
                                             &b, 1), MEMTX_OK);
        assert_int_equal(tcg_stats.invalidations, inval + 1);
        env.pc = CODE_PC;
        atomic_store(&cpu.exit_request, 0);
        assert_int_equal(tcg_cpu_exec(&cpu), FAKE_EXCP_STOP);
        assert_int_equal(fake_translations, n + 1);
        assert_int_equal(env.r[5] & 0xff, 0x55);

        b = 0x66;
        assert_int_equal(address_space_write_rom(&machine.as_memory,
                                                 CODE_PC, &b, 1), MEMTX_OK);
        assert_int_equal(tcg_stats.invalidations, inval + 2);
        env.pc = CODE_PC;
        atomic_store(&cpu.exit_request, 0);
        assert_int_equal(tcg_cpu_exec(&cpu), FAKE_EXCP_STOP);
        assert_int_equal(fake_translations, n + 2);
        assert_int_equal(env.r[5] & 0xff, 0x66);
    }

    /* several MMU modes need the fetch mmu_index hook */
    {
        static TCGTargetOps no_index;
        static CPU cpu4;
        static CPUArchState env4;

        no_index = sys_ops;
        no_index.mmu_index = NULL;
        cpu4.arch = &env4;
        cpu4.machine = &machine;
        tcg_cpu_init(&cpu4, &no_index);
        assert_int_equal(tlb_init(&cpu4), -EINVAL);
    }
    tcg_accel_ops.machine_destroy(&machine);
    assert_null(atomic_load(&((TCGCPUState *)cpu3.accel_state)->tlb));
    /* the hook went with the machine: RAM writes touch no TB now */
    {
        unsigned long inval = tcg_stats.invalidations;
        uint8_t b = 0x77;

        assert_int_equal(address_space_write(&machine.as_memory, CODE_PC,
                                             &b, 1), MEMTX_OK);
        assert_int_equal(tcg_stats.invalidations, inval);
    }
    machine.nr_cpus = 0;
    machine.cpus = NULL;
}


/* A TB whose code crosses into a second page that is remapped alone. */
static void test_tb_second_page(void **state)
{
    unsigned n;

    memcpy(ram_host(RAM_BASE + 0x5ffe), "\x01\x02", 2);
    memcpy(ram_host(RAM_BASE + 0x6000), "\x03\x04", 2);
    memcpy(ram_host(RAM_BASE + 0x7000), "\x05\x06", 2);
    tb_flush_all();
    alias_target = RAM_BASE + 0x5000;
    alias2_target = RAM_BASE + 0x6000;
    tlb_flush(&cpu);
    reset_state();
    n = fake_translations;
    assert_int_equal(run_at(V_ALIAS + 0xffe, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x04030201);
    assert_int_equal(run_at(V_ALIAS + 0xffe, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(fake_translations, n + 1);

    alias2_target = RAM_BASE + 0x7000;
    tlb_flush(&cpu);
    assert_int_equal(run_at(V_ALIAS + 0xffe, gen_code), FAKE_EXCP_STOP);
    assert_int_equal(env.r[5], 0x06050201);
    assert_int_equal(fake_translations, n + 2);
    alias2_target = RAM_BASE + 0x6000;
}

/* A TB on an identity-mapped page that jumps (goto_tb 0) to V_ALIAS,
 * whose TB is gen_code: the loop links the jump across pages. */
#define XPAGE_PC (RAM_BASE + 0x9000)

static void gen_xpage(TranslationBlock *tb)
{
    if (tb->pc != XPAGE_PC) {
        gen_code(tb);
        return;
    }
    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_addi_i64(R[3], R[3], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_movi_i64(PC, (int64_t)V_ALIAS);
    tcg_gen_exit_tb(tb, 0);
}

/* Run XPAGE_PC; returns the loop's TB lookups it took. */
static unsigned long xpage_run(void)
{
    unsigned long lookups = tcg_stats_loop_lookups();

    assert_int_equal(run_at(XPAGE_PC, gen_xpage), FAKE_EXCP_STOP);
    return tcg_stats_loop_lookups() - lookups;
}

/*
 * A chained jump to another page must not survive a remap of that page:
 * the link is guarded by the destination's virtual page, and a TLB flush
 * of it (sfence.vma with an address, or a full flush) drops the link, so
 * the next jump looks the page up again and runs the TB of the new
 * mapping. With two vCPUs no such link is made.
 */
static void test_cross_page_chain(void **state)
{
    TCGVcpu *v2 = tcg_vcpu(&cpu2);
    unsigned long links, unlinks;
    unsigned n;

    /* one vCPU: the machine this chaining is for */
    tb_cache_unregister_cpu(v2);
    v2->stat_loop_lookups = 0;      /* counted as gone now */
    v2->x86_chained = 0;
    assert_true(tlb_cross_page_chaining());

    memcpy(ram_host(RAM_BASE + 0x5000), "\x11\x22\x33\x44", 4);
    memcpy(ram_host(RAM_BASE + 0x6000), "\x55\x66\x77\x88", 4);
    tb_flush_all();
    alias_target = RAM_BASE + 0x5000;
    tlb_flush(&cpu);
    reset_state();
    n = fake_translations;
    links = tcg_stats.guarded_links;
    unlinks = tcg_stats.guarded_unlinks;

    /* first run: two lookups, the second links the jump */
    assert_int_equal(xpage_run(), 2);
    assert_int_equal(env.r[5], 0x44332211);
    assert_int_equal(fake_translations, n + 2);
    assert_int_equal(tcg_stats.guarded_links, links + 1);
    /* second run: one lookup, then through the chain (native code counts
     * chained entries only on request, so the lookup count proves it) */
    env.r[5] = 0;
    assert_int_equal(xpage_run(), 1);
    assert_int_equal(env.r[5], 0x44332211);
    assert_int_equal(env.r[3], 2);

    /* remap V_ALIAS and flush just that page: the chain is dropped */
    alias_target = RAM_BASE + 0x6000;
    tlb_flush_page(&cpu, V_ALIAS);
    assert_int_equal(tcg_stats.guarded_unlinks, unlinks + 1);
    assert_int_equal(xpage_run(), 2);
    assert_int_equal(env.r[5], 0x88776655);     /* the new mapping's TB */
    assert_int_equal(fake_translations, n + 3);
    assert_int_equal(tcg_stats.guarded_links, links + 2);

    /* a flush of another page leaves the link alone */
    tlb_flush_page(&cpu, V_RO);
    assert_int_equal(tcg_stats.guarded_unlinks, unlinks + 1);
    assert_int_equal(xpage_run(), 1);
    assert_int_equal(env.r[5], 0x88776655);

    /* back, with a full flush (satp write): the first TB is found again */
    alias_target = RAM_BASE + 0x5000;
    tlb_flush(&cpu);
    assert_int_equal(tcg_stats.guarded_unlinks, unlinks + 2);
    assert_int_equal(xpage_run(), 2);
    assert_int_equal(env.r[5], 0x44332211);
    assert_int_equal(fake_translations, n + 3);
    assert_int_equal(xpage_run(), 1);

    /* a second vCPU drops every guarded link and allows no new one */
    tb_cache_register_cpu(v2);
    assert_false(tlb_cross_page_chaining());
    assert_int_equal(tcg_stats.guarded_unlinks, unlinks + 3);
    assert_int_equal(xpage_run(), 2);
    assert_int_equal(xpage_run(), 2);
    assert_int_equal(env.r[5], 0x44332211);
    assert_int_equal(tcg_stats.guarded_links, links + 3);
}

static _Atomic bool served;

static void *serve_later(void *opaque)
{
    struct timespec ts = { 0, 50 * 1000 * 1000 };

    nanosleep(&ts, NULL);
    atomic_store(&served, true);
    tlb_process_requests(&cpu2);     /* as cpu2's loop would */
    return NULL;
}

/* Synced remote flush: returns once the other vCPU served it. */
static void test_flush_synced(void **state)
{
    static CPU *cpus[2] = { &cpu, &cpu2 };
    TLBStats st0, st1;
    pthread_t t;

    machine.cpus = cpus;
    machine.nr_cpus = 2;
    tlb_get_stats(&cpu2, &st0);
    /* not running guest code: nothing to wait for */
    tlb_flush_all_cpus_synced(&cpu);
    tlb_get_stats(&cpu2, &st1);
    assert_int_equal(st1.flushes, st0.flushes);
    tlb_process_requests(&cpu2);
    tlb_get_stats(&cpu2, &st1);
    assert_int_equal(st1.flushes, st0.flushes + 1);

    /* running: wait until it has flushed */
    atomic_store(&served, false);
    tlb_exec_begin(&cpu2);
    assert_int_equal(pthread_create(&t, NULL, serve_later, NULL), 0);
    tlb_flush_page_all_cpus_synced(&cpu, V_ALIAS);
    assert_true(atomic_load(&served));
    pthread_join(t, NULL);
    tlb_exec_end(&cpu2);
    tlb_get_stats(&cpu2, &st1);
    assert_int_equal(st1.page_flushes, st0.page_flushes + 1);
    machine.nr_cpus = 0;
    machine.cpus = NULL;
}

/* ---- the AccelOps loop ---- */

/* 0x600 (exception handler) and 0x700 (interrupt handler): halt (WFI);
 * 0x500: raise exception EXCP_ECALL; 0x800: set exit_request, stop.
 * RAM_BASE + 0x900: exit_tb to the loop after r6++. */
static void helper_raise(CPUArchState *e, uint32_t excp)
{
    tcg_raise_exception(tcg_current_cpu(), (int)excp, 0);  /* pc set */
}

static const TCGHelperInfo info_raise = {
    .func = (void *)helper_raise, .name = "raise",
    .typemask = TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I32),
    .nb_args = 2,
};

static void gen_raise(int excp, uint64_t next_pc)
{
    TCGTemp *args[2] = { tcgv_ptr_temp(tcg_ctx->env),
                         tcgv_i32_temp(tcg_constant_i32(excp)) };

    tcg_gen_movi_i64(PC, (int64_t)next_pc);
    tcg_gen_call(&info_raise, NULL, args);
}

static void gen_machine(TranslationBlock *tb)
{
    uint64_t off = tb->pc - RAM_BASE;

    tcg_gen_insn_start(tb->pc, 0);
    tcg_gen_addi_i64(R[6], R[6], 1);
    if (off == 0x500) {
        gen_raise(EXCP_ECALL, tb->pc);
    } else if (off == 0x600 || off == 0x700) {
        gen_raise(EXCP_HALTED, RAM_BASE + 0x900);
    } else {
        tcg_gen_movi_i64(PC, (int64_t)tb->pc);
        gen_raise(EXCP_INTERRUPT, tb->pc);
    }
}

static void *kick_later(void *opaque)
{
    struct timespec ts = { 0, 50 * 1000 * 1000 };

    nanosleep(&ts, NULL);
    cpu_kick(&cpu);
    return NULL;
}

static void test_accel_loop(void **state)
{
    TCGCPUState *s = cpu.accel_state;
    pthread_t t;

    tb_flush_all();
    reset_state();
    fake_gen = gen_machine;
    has_work_flag = false;
    exceptions_taken = interrupts_taken = 0;
    atomic_store(&cpu.interrupt_request, 0);
    atomic_store(&cpu.exit_request, 0);
    env.pc = RAM_BASE + 0x500;
    /* ECALL -> do_exception -> handler at 0x600 -> WFI, nothing pending */
    assert_int_equal(tcg_accel_ops.cpu_run(&cpu), CPU_EXIT_HALT);
    assert_int_equal(exceptions_taken, 1);
    assert_int_equal(last_exception, EXCP_ECALL);
    assert_true(s->wfi_halted);
    assert_int_equal(env.pc, RAM_BASE + 0x900);
    /* still nothing: halts again without running guest code */
    assert_int_equal(tcg_accel_ops.cpu_run(&cpu), CPU_EXIT_HALT);
    assert_int_equal(env.r[6], 2);

    /* pending but not enabled: sleeps until a kick, no spinning */
    atomic_store(&cpu.interrupt_request, CPU_INTERRUPT_HARD);
    cpu.thread_running = true;      /* cpu_kick then wakes the sleeper */
    assert_int_equal(pthread_create(&t, NULL, kick_later, NULL), 0);
    assert_int_equal(tcg_accel_ops.cpu_run(&cpu), CPU_EXIT_KICK);
    pthread_join(t, NULL);
    cpu.thread_running = false;
    assert_int_equal(env.r[6], 2);
    assert_true(s->wfi_halted);

    /* enabled: wakes, takes the interrupt, handler halts again */
    has_work_flag = true;
    atomic_store(&cpu.interrupt_request, CPU_INTERRUPT_HARD);
    assert_int_equal(tcg_accel_ops.cpu_run(&cpu), CPU_EXIT_HALT);
    assert_int_equal(interrupts_taken, 1);
    assert_int_equal(env.r[6], 3);

    /* has_work (say, a new pending interrupt, not yet raised as HARD):
     * resumes after the WFI at 0x900, which exits */
    has_work_flag = true;
    assert_int_equal(tcg_accel_ops.cpu_run(&cpu), CPU_EXIT_KICK);
    assert_false(s->wfi_halted);
    assert_int_equal(env.pc, RAM_BASE + 0x900);
    has_work_flag = false;
}

static void test_accel_choice(void **state)
{
    static AccelTarget riscv = { "riscv64", false, &sys_ops };

    static AccelTarget x86 = { "x86_64", true, NULL };

    accel_set_target(&x86);
    assert_null(accel_find("tcg"));
    accel_set_target(&riscv);
    assert_ptr_equal(accel_find("tcg"), &tcg_accel_ops);
    assert_ptr_equal(accel_default(), &tcg_accel_ops);
    assert_ptr_equal(accel_tcg_target(), &sys_ops);
    assert_null(accel_find("kvm"));
}

/* ---- random cross-check of the two back ends ---- */

/*
 * A TB of XC_OPS random guest accesses (sizes, sign, bswap, MO_ALIGN,
 * both mmu_idx, i32 and i64 values) over RAM pages (in-page,
 * page-crossing, the code page), ROM, MMIO, a hole, a read-only page, a
 * supervisor page and an unmapped address, with a temp live across each
 * access. Run under the interpreter and under x86-64 (whose inline TLB
 * fast path serves the hits) from the same state; guest registers, RAM,
 * the exception and the device's view must agree.
 */
#define XC_OPS 32
#define XC_SEEDS 300

typedef struct XCOp {
    bool store, i32;
    MemOp mop;
    int idx;
    uint64_t addr;
} XCOp;

static XCOp xc_ops[XC_OPS];

static uint64_t xc_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void gen_xc(TranslationBlock *tb)
{
    for (unsigned i = 0; i < XC_OPS; i++) {
        const XCOp *o = &xc_ops[i];
        TCGvI64 live = tcg_temp_new_i64();

        tcg_gen_insn_start(tb->pc + 4 * i, 0);
        tcg_gen_addi_i64(live, R[1], (int64_t)i * 3 + 1);
        tcg_gen_movi_i64(R[0], (int64_t)o->addr);
        if (o->i32 && o->store) {
            tcg_gen_guest_st_i32(W[i % 4], R[0], o->idx, o->mop);
        } else if (o->i32) {
            tcg_gen_guest_ld_i32(W[i % 4], R[0], o->idx, o->mop);
        } else if (o->store) {
            tcg_gen_guest_st_i64(R[1 + i % 5], R[0], o->idx, o->mop);
        } else {
            tcg_gen_guest_ld_i64(R[1 + i % 5], R[0], o->idx, o->mop);
        }
        tcg_gen_add_i64(R[6], R[6], live);
        tcg_gen_xor_i64(R[7], R[7], R[1 + (i + 2) % 5]);
    }
    tcg_gen_insn_start(tb->pc + 4 * XC_OPS, 0);
    gen_stop();
}

static uint64_t xc_addr(uint64_t *s, unsigned size)
{
    static const uint64_t rare[] = {
        V_RO, V_SUPER, V_HOLE, NOTHING, ROM_BASE, MMIO_BASE,
    };
    uint64_t r = xc_rand(s), page, off;

    if (r % 48 == 0) {
        page = rare[(r >> 8) % 6];
    } else {
        /* pages 2-4 are V_SUPER, V_HOLE and V_RO */
        static const uint64_t ram_pages[] = { 0, 0x1000, 0x5000, 0x6000 };

        page = RAM_BASE + ram_pages[(r >> 8) % 4];
    }
    switch ((r >> 16) % 4) {
    case 0:                                     /* near the page end */
        off = 0x1000 - 1 - (r >> 20) % 12;
        break;
    case 1:                                     /* anywhere */
        off = (r >> 20) & 0xfff;
        break;
    default:                                    /* naturally aligned */
        off = ((r >> 20) & 0x3f) * size;
        break;
    }
    if (page == MMIO_BASE) {
        off &= 0xf8;
    }
    return page + off;
}

typedef struct XCResult {
    int excp;
    CPUArchState env;
    uint8_t ram[RAM_SIZE];
    unsigned mmio_reads, mmio_writes;
    uint64_t mmio_val;
} XCResult;

static void xc_run(const CPUArchState *start, const uint8_t *ram0,
                   XCResult *res)
{
    memcpy(ram.ram, ram0, RAM_SIZE);
    env = *start;
    atomic_store(&cpu.exit_request, 0);
    mmio_reads = mmio_writes = 0;
    mmio_val = 0;
    tlb_flush(&cpu);
    res->excp = run_fresh(RAM_BASE, gen_xc);
    res->env = env;
    memcpy(res->ram, ram.ram, RAM_SIZE);
    res->mmio_reads = mmio_reads;
    res->mmio_writes = mmio_writes;
    res->mmio_val = mmio_val;
}

static void test_fastpath_crosscheck(void **state)
{
    static XCResult a, b;
    static uint8_t ram0[RAM_SIZE], saved[RAM_SIZE];
    TCGBackendKind prev = tcg_backend_kind();
    CPUArchState start;
    unsigned stops = 0;

    if (tcg_backend_select(TCG_BACKEND_X86_64) != 0) {
        tcg_backend_select(prev);
        print_message("SKIPPED: the host cannot run the x86-64 back end\n");
        skip();
    }
    memcpy(saved, ram.ram, RAM_SIZE);
    for (uint64_t seed = 1; seed <= XC_SEEDS; seed++) {
        uint64_t s = seed * 0x9e3779b97f4a7c15ull;

        for (unsigned i = 0; i < XC_OPS; i++) {
            XCOp *o = &xc_ops[i];
            uint64_t r = xc_rand(&s);

            o->store = r & 1;
            o->i32 = (r >> 1) % 4 == 0;
            o->mop = (MemOp)((r >> 3) % (o->i32 ? 3 : 4));
            if (!o->store && (r >> 5) & 1) {
                o->mop |= MO_SIGN;
            }
            if ((r >> 6) % 4 == 0) {
                o->mop |= MO_BSWAP;
            }
            if ((r >> 8) % 4 == 0) {
                o->mop |= MO_ALIGN;
            }
            o->idx = (int)((r >> 10) % 4 == 0);
            o->addr = xc_addr(&s, 1u << (o->mop & MO_SIZE));
            if ((o->mop & MO_ALIGN) && (r >> 12) % 4 != 0) {
                /* mostly aligned, so runs get far */
                o->addr &= ~(uint64_t)((1u << (o->mop & MO_SIZE)) - 1);
            }
        }
        for (unsigned i = 0; i < RAM_SIZE; i += 8) {
            uint64_t v = xc_rand(&s);

            memcpy(ram0 + i, &v, 8);
        }
        memset(&start, 0, sizeof(start));
        for (unsigned i = 0; i < 8; i++) {
            start.r[i] = xc_rand(&s);
        }
        for (unsigned i = 0; i < 4; i++) {
            start.w[i] = (uint32_t)xc_rand(&s);
        }

        tcg_backend_select(TCG_BACKEND_INTERP);
        xc_run(&start, ram0, &a);
        tcg_backend_select(TCG_BACKEND_X86_64);
        xc_run(&start, ram0, &b);

        if (a.excp != b.excp || a.env.pc != b.env.pc ||
            memcmp(a.env.r, b.env.r, sizeof(a.env.r)) ||
            memcmp(a.env.w, b.env.w, sizeof(a.env.w)) ||
            a.env.misaligned != b.env.misaligned ||
            memcmp(a.ram, b.ram, RAM_SIZE) ||
            a.mmio_reads != b.mmio_reads || a.mmio_writes != b.mmio_writes ||
            a.mmio_val != b.mmio_val) {
            print_error("seed %" PRIu64 ": interp excp %d pc %" PRIx64
                        ", x86 excp %d pc %" PRIx64 "\n", seed, a.excp,
                        a.env.pc, b.excp, b.env.pc);
            for (unsigned i = 0; i < 8; i++) {
                print_error("  r%u %" PRIx64 " %" PRIx64 "\n", i, a.env.r[i],
                            b.env.r[i]);
            }
            for (unsigned i = 0; i < XC_OPS; i++) {
                print_error("  op%u st %d i32 %d mop %x idx %d addr %" PRIx64
                            "\n", i, xc_ops[i].store, xc_ops[i].i32,
                            xc_ops[i].mop, xc_ops[i].idx, xc_ops[i].addr);
            }
            fail();
        }
        stops += a.excp == FAKE_EXCP_STOP;
    }
    tcg_backend_select(prev);
    memcpy(ram.ram, saved, RAM_SIZE);
    tlb_flush(&cpu);
    /* the mix must reach the end of the TB often, not only fault */
    print_message("cross-check: %u of %u runs reached the end\n", stops,
                  XC_SEEDS);
    assert_true(stops > XC_SEEDS / 10);
}

/* 16 loads and 16 stores on one RAM page, one load at the other mmu_idx:
 * after the first miss, the x86-64 back end's inline probe serves the
 * page without the helper; the interpreter calls it for
 * every access. */
static void gen_many(TranslationBlock *tb)
{
    tcg_gen_insn_start(tb->pc, 0);
    for (unsigned i = 0; i < 16; i++) {
        tcg_gen_addi_i64(R[0], R[0], 8);
        tcg_gen_guest_ld_i64(R[1], R[0], 0, MO_UQ);
        tcg_gen_add_i64(R[2], R[2], R[1]);
        tcg_gen_guest_st_i64(R[2], R[0], 0, MO_UQ);
    }
    tcg_gen_guest_ld_i32(W[0], R[3], 1, MO_UL);
    gen_stop();
}

static void test_fastpath_hits(void **state)
{
    TLBStats before, after;
    uint64_t a = RAM_BASE + 0x6200, sum = 0;

    for (unsigned i = 1; i <= 16; i++) {
        uint64_t v = i * 0x0101010101ull;

        memcpy(ram_host(a + 8 * i), &v, 8);
    }
    reset_state();
    env.r[0] = a;
    env.r[3] = RAM_BASE + 0x5010;
    tlb_flush(&cpu);
    tlb_get_stats(&cpu, &before);
    assert_int_equal(run_fresh(RAM_BASE, gen_many), FAKE_EXCP_STOP);
    tlb_get_stats(&cpu, &after);
    for (unsigned i = 1; i <= 16; i++) {
        uint64_t got;

        sum += i * 0x0101010101ull;
        memcpy(&got, ram_host(a + 8 * i), 8);
        assert_int_equal(got, sum);
    }
    assert_int_equal(env.r[2], sum);
    if (tcg_backend_kind() == TCG_BACKEND_X86_64) {
        /* the first load (its fill grants the stores too) and the
         * mmu_idx 1 load */
        assert_int_equal(after.helper_calls - before.helper_calls, 2);
    } else {
        assert_int_equal(after.helper_calls - before.helper_calls, 33);
    }
}

static void setup_machine(void)
{
    sys_ops = fake_ops;
    sys_ops.nb_mmu_modes = 2;
    sys_ops.tlb_fill = sys_tlb_fill;
    sys_ops.do_transaction_failed = sys_transaction_failed;
    sys_ops.exec_interrupt = sys_exec_interrupt;
    sys_ops.do_exception = sys_do_exception;
    sys_ops.has_work = sys_has_work;
    sys_ops.mmu_index = sys_mmu_index;

    memory_region_init_container(&machine.system_memory, "system",
                                 UINT64_MAX);
    address_space_init(&machine.as_memory, &machine.system_memory, "memory");
    assert_int_equal(memory_region_init_ram(&ram, "ram", RAM_SIZE), 0);
    assert_int_equal(memory_region_init_rom(&rom, "rom", 0x1000), 0);
    memory_region_init_io(&mmio, "dev", 0x100, &mmio_ops, NULL);
    memory_region_add_subregion(&machine.system_memory, RAM_BASE, &ram);
    memory_region_add_subregion(&machine.system_memory, ROM_BASE, &rom);
    memory_region_add_subregion(&machine.system_memory, MMIO_BASE, &mmio);

    tcg_system_mode = true;
    tcg_context_init();
    fake_init_globals();
    cpu.arch = &env;
    cpu.machine = &machine;
    pthread_cond_init(&cpu.cond, NULL);
    tcg_cpu_init(&cpu, &sys_ops);
    assert_int_equal(tlb_init(&cpu), 0);
    cpu2.index = 1;
    cpu2.arch = &env2;
    cpu2.machine = &machine;
    pthread_cond_init(&cpu2.cond, NULL);
    tcg_cpu_init(&cpu2, &sys_ops);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ram_sizes),
        cmocka_unit_test(test_mmio),
        cmocka_unit_test(test_page_fault_precise),
        cmocka_unit_test(test_read_only_and_rom),
        cmocka_unit_test(test_transaction_failed),
        cmocka_unit_test(test_misaligned),
        cmocka_unit_test(test_flush),
        cmocka_unit_test(test_victim),
        cmocka_unit_test(test_fetch_and_phys_keys),
        cmocka_unit_test(test_smc),
        cmocka_unit_test(test_smc_cross_cpu),
        cmocka_unit_test(test_tb_second_page),
        cmocka_unit_test(test_cross_page_chain),
        cmocka_unit_test(test_flush_synced),
        cmocka_unit_test(test_accel_loop),
        cmocka_unit_test(test_fastpath_crosscheck),
        cmocka_unit_test(test_fastpath_hits),
    };
    const struct CMUnitTest choice[] = {
        cmocka_unit_test(test_accel_choice),
        cmocka_unit_test(test_accel_machine),
    };
    int fails;

    setup_machine();
    tcg_backend_select(TCG_BACKEND_INTERP);
    fails = cmocka_run_group_tests_name("softmmu (interp)", tests, NULL,
                                        NULL);
    if (tcg_backend_select(TCG_BACKEND_X86_64) == 0) {
        fails += cmocka_run_group_tests_name("softmmu (x86_64)", tests, NULL,
                                             NULL);
    } else {
        printf("SKIPPED: softmmu (x86_64): host cannot run the x86-64 "
               "back end\n");
    }
    fails += cmocka_run_group_tests(choice, NULL, NULL);
    return fails;
}
