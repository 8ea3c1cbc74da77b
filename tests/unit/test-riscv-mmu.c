/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the riscv64 page walker (cpu/riscv/mmu.c): Sv39, Sv48,
 * Sv57, superpages, rights with SUM/MXR/MPRV, A/D updates, invalid PTEs
 * and the satp WARL rule. Page tables are built in a small RAM region of
 * a memory/ address space; no soft MMU is involved.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "accel/tcg/tcg.h"
#include "accel/tcg/tcg-exec.h"
#include "test-riscv-hart.h"

enum {
    V = 1 << 0, R = 1 << 1, W = 1 << 2, X = 1 << 3,
    U = 1 << 4, A = 1 << 6, D = 1 << 7,
};
#define RWX (TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC)
#define ROOT RAM_BASE
#define DATA (RAM_BASE + 0x400000)
#define LOAD TCG_ACCESS_LOAD
#define STORE TCG_ACCESS_STORE
#define FETCH TCG_ACCESS_FETCH

static uint64_t next_table;

static int mmu_setup(void **state)
{
    int ret = hart_setup(state);

    next_table = ROOT + 0x1000;
    test_env.priv = RISCV_PRIV_S;
    return ret;
}

static void set_satp(unsigned mode)
{
    test_env.satp = (uint64_t)mode << 60 | (ROOT >> 12);
}

/*
 * Map va to pa with a leaf at leaf_level in a levels-deep tree rooted at
 * ROOT, making the missing pointer tables. Returns the leaf PTE's address.
 */
static uint64_t map(unsigned levels, uint64_t va, uint64_t pa,
                    unsigned leaf_level, uint64_t flags)
{
    uint64_t table = ROOT;

    for (unsigned level = levels - 1; ; level--) {
        uint64_t slot = table + ((va >> (12 + 9 * level)) & 0x1ff) * 8;

        if (level == leaf_level) {
            *ram_u64(slot) = (pa >> 12) << 10 | flags;
            return slot;
        }
        if (!(*ram_u64(slot) & V)) {
            *ram_u64(slot) = (next_table >> 12) << 10 | V;
            next_table += 0x1000;
        }
        table = ((*ram_u64(slot) >> 10) << 12);
    }
}

static int xlate(uint64_t va, int access, int idx, uint64_t *pa, int *prot)
{
    *pa = 0xdead;
    *prot = -1;
    return riscv_cpu_translate(&test_env, va, access, idx, pa, prot);
}

static void test_bare_and_m_mode(void **state)
{
    uint64_t pa;
    int prot;

    set_satp(SATP_MODE_BARE);
    test_env.satp = 0;
    assert_int_equal(xlate(0x12345678, LOAD, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(pa, 0x12345678);
    assert_int_equal(prot, RWX);
    /* M mode ignores satp: no PTE exists, yet the access is identity. */
    set_satp(SATP_MODE_SV39);
    assert_int_equal(xlate(0x40001000, STORE, RISCV_PRIV_M, &pa, &prot), 0);
    assert_int_equal(pa, 0x40001000);
    assert_int_equal(prot, RWX);
}

static void check_4k(unsigned mode, unsigned levels, uint64_t va)
{
    uint64_t pa;
    int prot;

    set_satp(mode);
    map(levels, va, DATA + 0x3000, 0, V | R | W | X | A | D);
    assert_int_equal(xlate(va + 0x123, LOAD, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(pa, DATA + 0x3123);
    assert_int_equal(prot, RWX);
    assert_int_equal(xlate(va + 0xffc, STORE, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(pa, DATA + 0x3ffc);
    /* The next page is not mapped. */
    assert_int_equal(xlate(va + 0x1000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(xlate(va + 0x1000, STORE, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_STORE_PAGE_FAULT);
    assert_int_equal(xlate(va + 0x1000, FETCH, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_INST_PAGE_FAULT);
}

static void test_sv39(void **state)
{
    uint64_t pa;
    int prot;

    check_4k(SATP_MODE_SV39, 3, 0x40201000);
    /* High half: bits 63..39 copy bit 38. */
    check_4k(SATP_MODE_SV39, 3, 0xffffffc000005000ull);
    /* Not sign-extended: a fault even though vpn[2] = 0 is mapped. */
    map(3, 0x5000, DATA, 0, V | R | A);
    assert_int_equal(xlate(0x5000, LOAD, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(xlate(0x0000004000005000ull, LOAD, RISCV_PRIV_S, &pa,
                           &prot), RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(xlate(0x8000000000005000ull, LOAD, RISCV_PRIV_S, &pa,
                           &prot), RISCV_EXCP_LOAD_PAGE_FAULT);
}

static void test_sv48(void **state)
{
    uint64_t pa;
    int prot;

    check_4k(SATP_MODE_SV48, 4, 0x00007f1234567000ull);
    check_4k(SATP_MODE_SV48, 4, 0xffff800000002000ull);
    /* A valid Sv39 address is not enough: bit 47 must be copied. */
    assert_int_equal(xlate(0x0000800000002000ull, LOAD, RISCV_PRIV_S, &pa,
                           &prot), RISCV_EXCP_LOAD_PAGE_FAULT);
}

static void test_sv57(void **state)
{
    uint64_t pa;
    int prot;

    check_4k(SATP_MODE_SV57, 5, 0x00a55a5a5a5a5000ull);
    check_4k(SATP_MODE_SV57, 5, 0xff00000000001000ull);
    assert_int_equal(xlate(0x0100000000001000ull, FETCH, RISCV_PRIV_S, &pa,
                           &prot), RISCV_EXCP_INST_PAGE_FAULT);
}

static void test_superpages(void **state)
{
    uint64_t pa;
    int prot;

    set_satp(SATP_MODE_SV39);
    /* 1 GiB */
    map(3, 0xc0000000, 0x80000000, 2, V | R | X | A);
    assert_int_equal(xlate(0xc0123456, FETCH, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(pa, 0x80123456);
    assert_int_equal(prot, TCG_PROT_READ | TCG_PROT_EXEC);
    /* 2 MiB */
    map(3, 0x40200000, RAM_BASE + 0x200000, 1, V | R | W | A | D);
    assert_int_equal(xlate(0x40201234, STORE, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(pa, RAM_BASE + 0x201234);
    /* Misaligned: the PPN bits below the superpage size must be 0. */
    map(3, 0x40400000, RAM_BASE + 0x1000, 1, V | R | A);
    assert_int_equal(xlate(0x40400000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    map(3, 0x100000000ull, RAM_BASE + 0x200000, 2, V | R | A);
    assert_int_equal(xlate(0x100000000ull, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    /* Sv48 512 GiB-aligned level-3 leaf */
    next_table = ROOT + 0x100000;
    memset(ram_u64(ROOT), 0, 0x1000);
    set_satp(SATP_MODE_SV48);
    map(4, 0x8000000000ull, 0, 3, V | R | A);
    assert_int_equal(xlate(0x8000001000ull, LOAD, RISCV_PRIV_S, &pa, &prot),
                     0);
    assert_int_equal(pa, 0x1000);
}

static void test_user_supervisor_rights(void **state)
{
    uint64_t pa;
    int prot;
    int s_sum = RISCV_PRIV_S | RISCV_MMU_IDX_SUM;

    set_satp(SATP_MODE_SV39);
    map(3, 0x10000, DATA, 0, V | R | W | X | U | A | D);
    map(3, 0x20000, DATA, 0, V | R | X | A);
    /* A user page: U yes; S only with SUM, and never to execute. */
    assert_int_equal(xlate(0x10000, FETCH, RISCV_PRIV_U, &pa, &prot), 0);
    assert_int_equal(prot, RWX);
    assert_int_equal(xlate(0x10000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(xlate(0x10000, STORE, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_STORE_PAGE_FAULT);
    assert_int_equal(xlate(0x10000, LOAD, s_sum, &pa, &prot), 0);
    assert_int_equal(prot, TCG_PROT_READ | TCG_PROT_WRITE);
    assert_int_equal(xlate(0x10000, STORE, s_sum, &pa, &prot), 0);
    assert_int_equal(xlate(0x10000, FETCH, s_sum, &pa, &prot),
                     RISCV_EXCP_INST_PAGE_FAULT);
    /* A supervisor page: never for U. */
    assert_int_equal(xlate(0x20000, LOAD, RISCV_PRIV_U, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(xlate(0x20000, FETCH, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(prot, TCG_PROT_READ | TCG_PROT_EXEC);
    assert_int_equal(xlate(0x20000, STORE, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_STORE_PAGE_FAULT);
}

static void test_mxr(void **state)
{
    uint64_t pa;
    int prot;

    set_satp(SATP_MODE_SV39);
    map(3, 0x30000, DATA, 0, V | X | A);
    assert_int_equal(xlate(0x30000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(xlate(0x30000, FETCH, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(prot, TCG_PROT_EXEC);
    assert_int_equal(xlate(0x30000, LOAD, RISCV_PRIV_S | RISCV_MMU_IDX_MXR,
                           &pa, &prot), 0);
    assert_int_equal(prot, TCG_PROT_READ | TCG_PROT_EXEC);
    assert_int_equal(xlate(0x30000, STORE, RISCV_PRIV_S | RISCV_MMU_IDX_MXR,
                           &pa, &prot), RISCV_EXCP_STORE_PAGE_FAULT);
}

static void test_invalid_ptes(void **state)
{
    uint64_t pa;
    int prot;

    set_satp(SATP_MODE_SV39);
    /* W without R is reserved: a fault whatever the access. */
    map(3, 0x40000, DATA, 0, V | W | A | D);
    assert_int_equal(xlate(0x40000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(xlate(0x40000, STORE, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_STORE_PAGE_FAULT);
    /* W|X without R too. */
    map(3, 0x41000, DATA, 0, V | W | X | A | D);
    assert_int_equal(xlate(0x41000, FETCH, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_INST_PAGE_FAULT);
    /* Not valid. */
    map(3, 0x42000, DATA, 0, R | W | A | D);
    assert_int_equal(xlate(0x42000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    /* Reserved bits 63:54 (N, PBMT, reserved): no such extensions. */
    map(3, 0x43000, DATA, 0, V | R | A | (1ull << 61));
    assert_int_equal(xlate(0x43000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    map(3, 0x44000, DATA, 0, V | R | A | (1ull << 54));
    assert_int_equal(xlate(0x44000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    /* A pointer at the last level. */
    map(3, 0x45000, DATA, 0, V);
    assert_int_equal(xlate(0x45000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    /* Read-only page, store. */
    map(3, 0x46000, DATA, 0, V | R | A | D);
    assert_int_equal(xlate(0x46000, STORE, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_STORE_PAGE_FAULT);
}

static void test_pte_outside_memory(void **state)
{
    uint64_t pa;
    int prot;

    /* Root table at physical 0x1000, where nothing is mapped. */
    test_env.satp = (uint64_t)SATP_MODE_SV39 << 60 | 1;
    assert_int_equal(xlate(0x1000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_ACCESS_FAULT);
    assert_int_equal(xlate(0x1000, STORE, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_STORE_AMO_ACCESS_FAULT);
    assert_int_equal(xlate(0x1000, FETCH, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_INST_ACCESS_FAULT);
}

static void test_accessed_dirty(void **state)
{
    uint64_t pa, slot;
    int prot;

    set_satp(SATP_MODE_SV39);
    slot = map(3, 0x50000, DATA, 0, V | R | W);
    /* A load sets A only, and the page is not writable until D is set. */
    assert_int_equal(xlate(0x50008, LOAD, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(*ram_u64(slot) & (A | D), A);
    assert_int_equal(prot, TCG_PROT_READ);
    assert_int_equal(xlate(0x50008, STORE, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(*ram_u64(slot) & (A | D), A | D);
    assert_int_equal(prot, TCG_PROT_READ | TCG_PROT_WRITE);
    /* A store to a fresh page sets both at once. */
    slot = map(3, 0x51000, DATA, 0, V | R | W);
    assert_int_equal(xlate(0x51000, STORE, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(*ram_u64(slot) & (A | D), A | D);
    /* Fetch sets A. A fault sets nothing. */
    slot = map(3, 0x52000, DATA, 0, V | X);
    assert_int_equal(xlate(0x52000, LOAD, RISCV_PRIV_S, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    assert_int_equal(*ram_u64(slot) & (A | D), 0);
    assert_int_equal(xlate(0x52000, FETCH, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(*ram_u64(slot) & (A | D), A);
    /* Superpage leaf: the bits land in the level-1 PTE. */
    slot = map(3, 0x40600000, RAM_BASE + 0x600000, 1, V | R | W);
    assert_int_equal(xlate(0x40612345, STORE, RISCV_PRIV_S, &pa, &prot), 0);
    assert_int_equal(*ram_u64(slot) & (A | D), A | D);
}

static void test_mprv(void **state)
{
    uint64_t pa;
    int prot, idx;

    set_satp(SATP_MODE_SV39);
    map(3, 0x60000, DATA + 0x5000, 0, V | R | W | A | D | U);
    test_env.priv = RISCV_PRIV_M;
    assert_int_equal(riscv_cpu_mmu_index(&test_env, false), RISCV_PRIV_M);
    test_env.mstatus |= MSTATUS_MPRV |
                        (uint64_t)RISCV_PRIV_U << MSTATUS_MPP_SHIFT;
    idx = riscv_cpu_mmu_index(&test_env, false);
    assert_int_equal(idx, RISCV_PRIV_U);
    /* Fetch is not affected by MPRV. */
    assert_int_equal(riscv_cpu_mmu_index(&test_env, true), RISCV_PRIV_M);
    assert_int_equal(xlate(0x60010, LOAD, idx, &pa, &prot), 0);
    assert_int_equal(pa, DATA + 0x5010);
    /* MPP = S: SUM now counts. */
    test_env.mstatus &= ~MSTATUS_MPP;
    test_env.mstatus |= (uint64_t)RISCV_PRIV_S << MSTATUS_MPP_SHIFT;
    idx = riscv_cpu_mmu_index(&test_env, false);
    assert_int_equal(idx, RISCV_PRIV_S);
    assert_int_equal(xlate(0x60010, LOAD, idx, &pa, &prot),
                     RISCV_EXCP_LOAD_PAGE_FAULT);
    test_env.mstatus |= MSTATUS_SUM | MSTATUS_MXR;
    idx = riscv_cpu_mmu_index(&test_env, false);
    assert_int_equal(idx, RISCV_PRIV_S | RISCV_MMU_IDX_SUM |
                          RISCV_MMU_IDX_MXR);
    assert_int_equal(xlate(0x60010, LOAD, idx, &pa, &prot), 0);
    /* SUM means nothing to U. */
    test_env.priv = RISCV_PRIV_U;
    assert_int_equal(riscv_cpu_mmu_index(&test_env, false),
                     RISCV_PRIV_U | RISCV_MMU_IDX_MXR);
    /* MPP = M: identity again. */
    test_env.priv = RISCV_PRIV_M;
    test_env.mstatus |= MSTATUS_MPP;
    idx = riscv_cpu_mmu_index(&test_env, false);
    assert_int_equal(idx & RISCV_MMU_IDX_PRIV_MASK, RISCV_PRIV_M);
    assert_int_equal(xlate(0x60010, LOAD, idx, &pa, &prot), 0);
    assert_int_equal(pa, 0x60010);
}

static void test_tlb_fill_and_fetch(void **state)
{
    uint64_t pa;
    int prot;
    uint16_t insn;

    set_satp(SATP_MODE_SV39);
    map(3, 0x70000, DATA + 0x7000, 0, V | R | X | A);
    *ram_u64(DATA + 0x7000) = 0x00100073ull;    /* ebreak */
    assert_true(riscv_cpu_tlb_fill(&test_cpu, 0x70004, FETCH, RISCV_PRIV_S,
                                   true, 0, &pa, &prot));
    assert_int_equal(pa, DATA + 0x7004);
    assert_false(riscv_cpu_tlb_fill(&test_cpu, 0x71000, LOAD, RISCV_PRIV_S,
                                    true, 0, &pa, &prot));
    assert_false(riscv_cpu_tlb_fill(&test_cpu, 0x70000, STORE, RISCV_PRIV_S,
                                    true, 0, &pa, &prot));
    test_env.priv = RISCV_PRIV_S;
    assert_int_equal(riscv_cpu_fetch16(&test_env, 0x70000, &insn), 0);
    assert_int_equal(insn, 0x0073);
    assert_int_equal(riscv_cpu_fetch16(&test_env, 0x70002, &insn), 0);
    assert_int_equal(insn, 0x0010);
    assert_int_equal(riscv_cpu_fetch16(&test_env, 0x71000, &insn),
                     RISCV_EXCP_INST_PAGE_FAULT);
    /* TB flags: fetch mmu_idx, data mmu_idx, FS, system. */
    test_env.mstatus |= MSTATUS_SUM |
                        (uint64_t)RISCV_FS_DIRTY << MSTATUS_FS_SHIFT;
    uint32_t f = riscv_cpu_tb_flags(&test_env);
    assert_int_equal(RISCV_TB_FETCH_IDX(f), RISCV_PRIV_S);
    assert_int_equal(RISCV_TB_MEM_IDX(f), RISCV_PRIV_S | RISCV_MMU_IDX_SUM);
    assert_int_equal(RISCV_TB_FS(f), RISCV_FS_DIRTY);
    assert_true(f & RISCV_TB_SYSTEM);
}

static void test_satp_warl(void **state)
{
    uint64_t old, want;

    test_env.priv = RISCV_PRIV_M;
    test_env.satp = 0;
    /* Unimplemented modes: the write is ignored entirely. */
    for (unsigned mode = 1; mode < 16; mode++) {
        if (mode == SATP_MODE_SV39 || mode == SATP_MODE_SV48 ||
            mode == SATP_MODE_SV57) {
            continue;
        }
        assert_true(riscv_csr_rmw(&test_env, 0x180, &old,
                                  (uint64_t)mode << 60 | 0x1234, ~0ull, true));
        assert_int_equal(test_env.satp, 0);
    }
    /* Linux's probe: Sv57 first, read back, then Sv48, Sv39. */
    for (unsigned mode = SATP_MODE_SV57; mode >= SATP_MODE_SV39; mode--) {
        want = (uint64_t)mode << 60 | 0x80123;
        assert_true(riscv_csr_rmw(&test_env, 0x180, &old, want, ~0ull, true));
        assert_true(riscv_csr_rmw(&test_env, 0x180, &old, 0, 0, false));
        assert_int_equal(old, want);
    }
    /* No ASID bits are implemented. */
    assert_true(riscv_csr_rmw(&test_env, 0x180, &old,
                              8ull << 60 | 0xffffull << 44 | 5, ~0ull, true));
    assert_int_equal(test_env.satp, 8ull << 60 | 5);
    /* Bare is accepted. */
    assert_true(riscv_csr_rmw(&test_env, 0x180, &old, 0, ~0ull, true));
    assert_int_equal(test_env.satp, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, mmu_setup, hart_teardown)
        T(test_bare_and_m_mode),
        T(test_sv39),
        T(test_sv48),
        T(test_sv57),
        T(test_superpages),
        T(test_user_supervisor_rights),
        T(test_mxr),
        T(test_invalid_ptes),
        T(test_pte_outside_memory),
        T(test_accessed_dirty),
        T(test_mprv),
        T(test_tlb_fill_and_fetch),
        T(test_satp_warl),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
