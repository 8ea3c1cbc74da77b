/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Virtual memory of a system-mode hart (privileged spec 1.12, 4.3-4.5):
 * Sv39, Sv48 and Sv57 page walks over the machine's physical memory,
 * superpages, U/S rights with SUM and MXR, MPRV for M-mode data
 * accesses, and A/D bits set by the walker (atomically, by compare and
 * swap on the PTE in RAM). No PMP check is made.
 *
 * PTEs are read little-endian straight from the host mapping of RAM (the
 * host is little-endian, as x86-64 is), or through address_space_read
 * for a page table outside RAM.
 */
#include <string.h>

#include "accel/tcg/tcg.h"   /* TranslationBlock typedef, needed by tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/cputlb.h"
#include "cpu/riscv/hart.h"
#include "cpu/riscv/priv.h"
#include "cpu/riscv/translate.h"
#include "machines/machine.h"

enum {
    PTE_V = 1 << 0, PTE_R = 1 << 1, PTE_W = 1 << 2, PTE_X = 1 << 3,
    PTE_U = 1 << 4, PTE_G = 1 << 5, PTE_A = 1 << 6, PTE_D = 1 << 7,
};
#define PTE_PPN_SHIFT 10
/* Bits 63:54: N, PBMT and reserved; none of those extensions exist here. */
#define PTE_RESERVED_SHIFT 54

AddressSpace *riscv_cpu_address_space(const CPURISCVState *env)
{
    return &env->wiring.cpu->machine->as_memory;
}

int riscv_cpu_mmu_index(const CPURISCVState *env, bool ifetch)
{
    unsigned priv = env->priv;
    int idx;

    if (ifetch) {
        return (int)priv;
    }
    if (priv == RISCV_PRIV_M && (env->mstatus & MSTATUS_MPRV)) {
        priv = (env->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
    }
    idx = (int)priv;
    if (priv == RISCV_PRIV_S && (env->mstatus & MSTATUS_SUM)) {
        idx |= RISCV_MMU_IDX_SUM;
    }
    if (env->mstatus & MSTATUS_MXR) {
        idx |= RISCV_MMU_IDX_MXR;
    }
    return idx;
}

uint32_t riscv_cpu_tb_flags(const CPURISCVState *env)
{
    uint32_t fs = (env->mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT;

    return (uint32_t)riscv_cpu_mmu_index(env, true) |
           (uint32_t)riscv_cpu_mmu_index(env, false) << 4 |
           fs << 8 | RISCV_TB_SYSTEM | RISCV_TB_FRM_FLAGS(env->frm);
}

static int page_fault(int access)
{
    switch (access) {
    case TCG_ACCESS_FETCH:
        return RISCV_EXCP_INST_PAGE_FAULT;
    case TCG_ACCESS_STORE:
        return RISCV_EXCP_STORE_PAGE_FAULT;
    default:
        return RISCV_EXCP_LOAD_PAGE_FAULT;
    }
}

static int access_fault(int access)
{
    switch (access) {
    case TCG_ACCESS_FETCH:
        return RISCV_EXCP_INST_ACCESS_FAULT;
    case TCG_ACCESS_STORE:
        return RISCV_EXCP_STORE_AMO_ACCESS_FAULT;
    default:
        return RISCV_EXCP_LOAD_ACCESS_FAULT;
    }
}

/* The rights a leaf PTE gives to mmu_idx (A/D aside). */
static int leaf_prot(uint64_t pte, int mmu_idx)
{
    unsigned priv = mmu_idx & RISCV_MMU_IDX_PRIV_MASK;
    bool user_page = pte & PTE_U;
    int prot = 0;

    if (priv == RISCV_PRIV_U && !user_page) {
        return 0;
    }
    if (priv == RISCV_PRIV_S && user_page && !(mmu_idx & RISCV_MMU_IDX_SUM)) {
        return 0;
    }
    if ((pte & PTE_R) || ((mmu_idx & RISCV_MMU_IDX_MXR) && (pte & PTE_X))) {
        prot |= TCG_PROT_READ;
    }
    if (pte & PTE_W) {
        prot |= TCG_PROT_WRITE;
    }
    /* S mode never executes user pages, SUM or not. */
    if ((pte & PTE_X) && !(priv == RISCV_PRIV_S && user_page)) {
        prot |= TCG_PROT_EXEC;
    }
    return prot;
}

/*
 * The host address of the aligned PTE at pte_addr in RAM (ROM too when
 * only read), or NULL. One FlatView serves the whole walk: taking it per
 * PTE was a lock round trip per level (docs/performance.md).
 */
static uint64_t *pte_host(const FlatView *fv, uint64_t pte_addr,
                          bool is_write)
{
    const FlatRange *fr = flatview_lookup(fv, pte_addr);

    if (!fr || (pte_addr & 7) || fr->size < 8 ||
        pte_addr - fr->start > fr->size - 8 ||
        !(fr->mr->kind == MEMORY_REGION_RAM ||
          (fr->mr->kind == MEMORY_REGION_ROM && !is_write))) {
        return NULL;
    }
    return (uint64_t *)(void *)((uint8_t *)fr->mr->ram +
                                fr->offset_in_region +
                                (pte_addr - fr->start));
}

/* Read the PTE at pte_addr: false if nothing answers there. */
static bool pte_read(AddressSpace *as, const FlatView *fv, uint64_t pte_addr,
                     uint64_t *pte)
{
    uint64_t *host = pte_host(fv, pte_addr, false);

    if (host) {
        *pte = __atomic_load_n(host, __ATOMIC_ACQUIRE);
        return true;
    }
    return address_space_read(as, pte_addr, pte, sizeof(*pte)) == MEMTX_OK;
}

static int riscv_walk(CPURISCVState *env, AddressSpace *as,
                      const FlatView *fv, uint64_t vaddr, int access,
                      int mmu_idx, unsigned levels, uint64_t *paddr,
                      int *prot);

int riscv_cpu_translate(CPURISCVState *env, uint64_t vaddr, int access,
                        int mmu_idx, uint64_t *paddr, int *prot)
{
    unsigned priv = mmu_idx & RISCV_MMU_IDX_PRIV_MASK;
    unsigned mode = env->satp >> SATP_MODE_SHIFT;
    unsigned levels, vabits;
    AddressSpace *as;
    FlatView *fv;
    int cause;

    if (priv == RISCV_PRIV_M || mode == SATP_MODE_BARE) {
        *paddr = vaddr;
        *prot = TCG_PROT_READ | TCG_PROT_WRITE | TCG_PROT_EXEC;
        return 0;
    }
    switch (mode) {
    case SATP_MODE_SV39:
        levels = 3;
        break;
    case SATP_MODE_SV48:
        levels = 4;
        break;
    case SATP_MODE_SV57:
        levels = 5;
        break;
    default:
        return page_fault(access);   /* unreachable: satp is WARL */
    }
    /* Bits above the virtual address width must copy its top bit. */
    vabits = 12 + 9 * levels;
    if ((uint64_t)((int64_t)(vaddr << (64 - vabits)) >> (64 - vabits)) !=
        vaddr) {
        return page_fault(access);
    }
    as = riscv_cpu_address_space(env);
    fv = address_space_get_flatview(as);
    cause = riscv_walk(env, as, fv, vaddr, access, mmu_idx, levels, paddr,
                       prot);
    flatview_unref(fv);
    return cause;
}

static int riscv_walk(CPURISCVState *env, AddressSpace *as,
                      const FlatView *fv, uint64_t vaddr, int access,
                      int mmu_idx, unsigned levels, uint64_t *paddr,
                      int *prot)
{
    int need = access == TCG_ACCESS_STORE ? TCG_PROT_WRITE
             : access == TCG_ACCESS_FETCH ? TCG_PROT_EXEC : TCG_PROT_READ;

restart:;
    uint64_t table = (env->satp & SATP_PPN_MASK) << 12;

    for (int level = (int)levels - 1; level >= 0; level--) {
        unsigned shift = 12 + 9 * (unsigned)level;
        uint64_t pte_addr = table + ((vaddr >> shift) & 0x1ff) * 8;
        uint64_t pte, ppn, want, page_mask;
        int p;

        if (!pte_read(as, fv, pte_addr, &pte)) {
            return access_fault(access);
        }
        if (!(pte & PTE_V) || ((pte & PTE_W) && !(pte & PTE_R)) ||
            (pte >> PTE_RESERVED_SHIFT)) {
            return page_fault(access);
        }
        ppn = (pte >> PTE_PPN_SHIFT) & SATP_PPN_MASK;
        if (!(pte & (PTE_R | PTE_X))) {
            /* D, A and U are reserved in a pointer to the next level */
            if (pte & (PTE_D | PTE_A | PTE_U)) {
                return page_fault(access);
            }
            table = ppn << 12;
            continue;
        }
        /* A leaf: a superpage must be aligned to its size. */
        if (level > 0 && (ppn & ((1ull << (9 * level)) - 1))) {
            return page_fault(access);
        }
        if (level > 0) {
            /* the soft TLB holds it as 4 KiB pieces: see sfence.vma */
            env->tlb_has_superpage = true;
        }
        p = leaf_prot(pte, mmu_idx);
        if (!(p & need)) {
            return page_fault(access);
        }
        want = pte | PTE_A | (access == TCG_ACCESS_STORE ? PTE_D : 0);
        if (want != pte) {
            uint64_t *host = pte_host(fv, pte_addr, true);

            if (!host) {
                return access_fault(access);
            }
            /* Another hart changed the PTE: walk again with its value. */
            if (!__atomic_compare_exchange_n(host, &pte, want, false,
                                             __ATOMIC_SEQ_CST,
                                             __ATOMIC_SEQ_CST)) {
                goto restart;
            }
            pte = want;
        }
        /* Without D, a later store must come back here to set it. */
        if (!(pte & PTE_D)) {
            p &= ~TCG_PROT_WRITE;
        }
        page_mask = (1ull << shift) - 1;
        *paddr = ((ppn << 12) & ~page_mask) | (vaddr & page_mask);
        *prot = p;
        return 0;
    }
    return page_fault(access);   /* a pointer at level 0 */
}

bool riscv_cpu_tlb_fill(CPU *cpu, uint64_t vaddr, int access, int mmu_idx,
                        bool probe, uintptr_t host_pc, uint64_t *paddr,
                        int *prot)
{
    CPURISCVState *env = cpu->arch;
    int cause = riscv_cpu_translate(env, vaddr, access, mmu_idx, paddr, prot);

    if (cause == 0) {
        return true;
    }
    if (probe) {
        return false;
    }
    env->badaddr = vaddr;
    tcg_raise_exception(cpu, cause, host_pc);
}

void riscv_cpu_do_transaction_failed(CPU *cpu, uint64_t paddr, uint64_t vaddr,
                                     int access, int mmu_idx, uintptr_t host_pc)
{
    CPURISCVState *env = cpu->arch;

    env->badaddr = vaddr;
    tcg_raise_exception(cpu, access_fault(access), host_pc);
}

int riscv_cpu_fetch16(CPURISCVState *env, uint64_t vaddr, uint16_t *val)
{
    uint64_t paddr;
    int prot;
    int cause = riscv_cpu_translate(env, vaddr, TCG_ACCESS_FETCH,
                                    riscv_cpu_mmu_index(env, true), &paddr,
                                    &prot);

    if (cause) {
        return cause;
    }
    if (address_space_read(riscv_cpu_address_space(env), paddr, val,
                           sizeof(*val)) != MEMTX_OK) {
        return RISCV_EXCP_INST_ACCESS_FAULT;
    }
    return 0;
}

void *riscv_cpu_atomic_host_addr(CPURISCVState *env, uint64_t vaddr,
                                 unsigned size, bool is_store)
{
    int access = is_store ? TCG_ACCESS_STORE : TCG_ACCESS_LOAD;
    CPU *cpu = env->wiring.cpu;
    /*
     * Through the soft TLB like any access: its faults, PMP and the
     * current translation (not a private walk), and a store to a page
     * holding TBs drops them first (self-modifying code).
     */
    void *host = tlb_probe_host(cpu, vaddr, size, access,
                                riscv_cpu_mmu_index(env, false), 0);

    if (host) {
        return host;
    }
    /* MMIO, a hole or ROM: a PMA without atomics gives an access fault */
    env->badaddr = vaddr;
    tcg_raise_exception(cpu, access_fault(access), 0);
}
