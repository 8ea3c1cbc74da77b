/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sv39, Sv48 and Sv57 page tables built here (privileged spec 1.12,
 * 4.3-4.5): S and U pages, read-only, execute-only, W-without-R,
 * superpages (aligned and not), A/D updates, SUM, MXR, page faults with
 * their tval, SFENCE.VMA after a PTE change, and satp WARL behaviour.
 */
#include "runtime.h"

#define A(sym) ((uint64_t)(uintptr_t)(sym))

#define PTE_V (1ul << 0)
#define PTE_R (1ul << 1)
#define PTE_W (1ul << 2)
#define PTE_X (1ul << 3)
#define PTE_U (1ul << 4)
#define PTE_A (1ul << 6)
#define PTE_D (1ul << 7)

#define RAM_BASE   0x80000000ul
#define VA_UCODE   0x40000000ul
#define VA_UDATA   0x40001000ul
#define VA_RO      0x40002000ul
#define VA_XO      0x40003000ul
#define VA_WNR     0x40004000ul
#define VA_AD      0x40005000ul
#define VA_NONE    0x40006000ul
#define VA_SCODE   0x40007000ul
#define VA_CHG     0x40008000ul
#define VA_2M      0x40200000ul
#define VA_2M_BAD  0x40400000ul
#define VA_1G      0xc0000000ul
#define VA_1G_BAD  0x100000000ul

#define POOL_TABLES 32
static uint64_t pool[POOL_TABLES][512] __attribute__((aligned(4096)));
static unsigned pool_used;
static uint64_t *root;
static int levels;

enum { PG_UDATA, PG_RO, PG_AD, PG_P1, PG_P2, PG_CODE2, NR_PAGES };
static uint64_t pages[NR_PAGES][512] __attribute__((aligned(4096)));
static volatile uint64_t marker = 0x5a5a0123456789a5ul;

static uint64_t *alloc_table(void)
{
    uint64_t *t;

    if (pool_used == POOL_TABLES) {
        puts_("FAIL: page table pool exhausted\n");
        test_exit(2);
    }
    t = pool[pool_used++];
    for (int i = 0; i < 512; i++) {
        t[i] = 0;
    }
    return t;
}

/* The PTE slot for va at level lvl (0: 4 KiB, 1: 2 MiB, 2: 1 GiB). */
static uint64_t *pte_slot(uint64_t va, int lvl)
{
    uint64_t *t = root;

    for (int l = levels - 1; l > lvl; l--) {
        uint64_t *e = &t[(va >> (12 + 9 * l)) & 511];

        if (!(*e & PTE_V)) {
            *e = ((A(alloc_table()) >> 12) << 10) | PTE_V;
        }
        t = (uint64_t *)(uintptr_t)((*e >> 10) << 12);
    }
    return &t[(va >> (12 + 9 * lvl)) & 511];
}

static void map(uint64_t va, uint64_t pa, int lvl, uint64_t flags)
{
    *pte_slot(va, lvl) = ((pa >> 12) << 10) | flags;
}

static void sfence_all(void)
{
    __asm__ volatile("sfence.vma" ::: "memory");
}

static uint64_t ucode(const char *sym)
{
    return VA_UCODE + (A(sym) - A(__user_text_start));
}

static uint64_t satp_for(unsigned mode)
{
    return ((uint64_t)mode << 60) | (A(root) >> 12);
}

static void build_tables(void)
{
    const uint64_t rwxad = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;

    pool_used = 0;
    root = alloc_table();
    /* All of RAM's first GiB, identity, one S superpage: code, data,
     * stacks and these tables. */
    map(RAM_BASE, RAM_BASE, 2, rwxad);
    map(VA_UCODE, A(__user_text_start), 0, PTE_V | PTE_R | PTE_X | PTE_U |
        PTE_A);
    map(VA_UDATA, A(pages[PG_UDATA]), 0, PTE_V | PTE_R | PTE_W | PTE_U |
        PTE_A | PTE_D);
    map(VA_RO, A(pages[PG_RO]), 0, PTE_V | PTE_R | PTE_A);
    map(VA_XO, A(__user_text_start), 0, PTE_V | PTE_X | PTE_A);
    map(VA_WNR, A(pages[PG_RO]), 0, PTE_V | PTE_W | PTE_A | PTE_D);
    map(VA_AD, A(pages[PG_AD]), 0, PTE_V | PTE_R | PTE_W);
    map(VA_SCODE, A(__user_text_start), 0, PTE_V | PTE_R | PTE_X | PTE_A);
    map(VA_CHG, A(pages[PG_P1]), 0, PTE_V | PTE_R | PTE_A);
    (void)pte_slot(VA_NONE, 0);   /* the level-0 table exists, V = 0 */
    map(VA_2M, RAM_BASE, 1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    map(VA_2M_BAD, RAM_BASE + 0x1000, 1, PTE_V | PTE_R | PTE_A);
    map(VA_1G, RAM_BASE, 2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    map(VA_1G_BAD, RAM_BASE + 0x200000, 2, PTE_V | PTE_R | PTE_A);
}

static void fill_pages(void)
{
    for (int p = 0; p < NR_PAGES; p++) {
        pages[p][0] = 0x1111000000000000ul * (uint64_t)(p + 1) + (uint64_t)p;
    }
}

static uint64_t s_load(uint64_t va)
{
    return run_at(PRV_S, A(u_load), va);
}

static uint64_t s_store(uint64_t va)
{
    return run_at(PRV_S, A(u_store), va);
}

static void expect_fault(const char *name, uint64_t r, uint64_t cause,
                         uint64_t tval)
{
    puts_("   ");
    puts_(name);
    putc_('\n');
    check("  ran into a trap", r, RUN_TRAPPED);
    check("  mcause", m_trap.cause, cause);
    check("  mtval", m_trap.tval, tval);
}

static void test_mode(const char *name, unsigned mode, int nlevels)
{
    uint64_t satp, r, *pte;
    uint64_t noncanon = 1ul << (12 + 9 * nlevels - 1);

    section(name);
    levels = nlevels;
    fill_pages();
    build_tables();
    satp = satp_for(mode);
    csr_write(satp, satp);
    sfence_all();
    check("satp reads back", csr_read(satp), satp);
    if (csr_read(satp) != satp) {
        puts_("   (mode not supported: its other checks would only fail)\n");
        csr_write(satp, 0);
        return;
    }

    check("S runs identity-mapped code", run_at(PRV_S, A(u_ret42), 0), 42);
    check("S loads identity-mapped data", s_load(A(&marker)), marker);
    check("U runs its page",
          run_at_ret(PRV_U, ucode(u_ret42), 0, ucode(u_return)), 42);
    check("U loads its data page",
          run_at_ret(PRV_U, ucode(u_load), VA_UDATA, ucode(u_return)),
          pages[PG_UDATA][0]);
    r = run_at_ret(PRV_U, ucode(u_store), VA_UDATA, ucode(u_return));
    check("U stores to its data page", pages[PG_UDATA][0], VA_UDATA);

    r = run_at_ret(PRV_U, VA_SCODE + (A(u_ret42) - A(__user_text_start)), 0,
                   ucode(u_return));
    expect_fault("U fetches from an S page", r, CAUSE_FETCH_PAGE,
                 VA_SCODE + (A(u_ret42) - A(__user_text_start)));
    check("  mepc", m_trap.epc, VA_SCODE + (A(u_ret42) -
                                             A(__user_text_start)));
    r = run_at_ret(PRV_U, ucode(u_load), VA_RO, ucode(u_return));
    expect_fault("U loads from an S page", r, CAUSE_LOAD_PAGE, VA_RO);

    check("S loads a read-only page", s_load(VA_RO), pages[PG_RO][0]);
    expect_fault("S stores to a read-only page", s_store(VA_RO),
                 CAUSE_STORE_PAGE, VA_RO);
    check("  page unchanged", pages[PG_RO][0], 0x2222000000000001ul);

    check("S runs an execute-only page",
          run_at(PRV_S, VA_XO + (A(u_ret42) - A(__user_text_start)), 0), 42);
    expect_fault("S loads an execute-only page, MXR=0", s_load(VA_XO),
                 CAUSE_LOAD_PAGE, VA_XO);
    csr_set(mstatus, MSTATUS_MXR);
    check("S loads an execute-only page, MXR=1", s_load(VA_XO),
          *(volatile uint64_t *)__user_text_start);
    csr_clear(mstatus, MSTATUS_MXR);

    expect_fault("load through W-without-R PTE (reserved)", s_load(VA_WNR),
                 CAUSE_LOAD_PAGE, VA_WNR);
    expect_fault("store through W-without-R PTE (reserved)",
                 s_store(VA_WNR), CAUSE_STORE_PAGE, VA_WNR);

    pte = pte_slot(VA_AD, 0);
    check("A/D clear before any access", *pte & (PTE_A | PTE_D), 0);
    check("S loads a page with A=0", s_load(VA_AD), pages[PG_AD][0]);
    check("  the hart set A, not D", *pte & (PTE_A | PTE_D), PTE_A);
    s_store(VA_AD + 8);
    check("S stores to it: the hart set D", *pte & (PTE_A | PTE_D),
          PTE_A | PTE_D);
    check("  the store landed", pages[PG_AD][1], VA_AD + 8);

    expect_fault("S loads an invalid PTE", s_load(VA_NONE + 0x10),
                 CAUSE_LOAD_PAGE, VA_NONE + 0x10);
    expect_fault("S stores through an invalid PTE", s_store(VA_NONE + 0x18),
                 CAUSE_STORE_PAGE, VA_NONE + 0x18);
    expect_fault("S fetches from an invalid PTE",
                 run_at(PRV_S, VA_NONE + 0x20, 0), CAUSE_FETCH_PAGE,
                 VA_NONE + 0x20);
    check("  mepc", m_trap.epc, VA_NONE + 0x20);
    expect_fault("S loads a non-canonical address", s_load(noncanon),
                 CAUSE_LOAD_PAGE, noncanon);

    expect_fault("S loads a U page, SUM=0", s_load(VA_UDATA),
                 CAUSE_LOAD_PAGE, VA_UDATA);
    csr_set(mstatus, MSTATUS_SUM);
    check("S loads a U page, SUM=1", s_load(VA_UDATA), pages[PG_UDATA][0]);
    expect_fault("S fetches from a U page, SUM=1",
                 run_at(PRV_S, ucode(u_ret42), 0), CAUSE_FETCH_PAGE,
                 ucode(u_ret42));
    csr_clear(mstatus, MSTATUS_SUM);

    check("2 MiB superpage",
          s_load(VA_2M + (A(&marker) - RAM_BASE)), marker);
    check("1 GiB superpage",
          s_load(VA_1G + (A(&marker) - RAM_BASE)), marker);
    expect_fault("misaligned 2 MiB superpage", s_load(VA_2M_BAD + 0x100),
                 CAUSE_LOAD_PAGE, VA_2M_BAD + 0x100);
    expect_fault("misaligned 1 GiB superpage", s_load(VA_1G_BAD + 0x200),
                 CAUSE_LOAD_PAGE, VA_1G_BAD + 0x200);

    check("PTE change: old page", s_load(VA_CHG), pages[PG_P1][0]);
    *pte_slot(VA_CHG, 0) = ((A(pages[PG_P2]) >> 12) << 10) | PTE_V | PTE_R |
                           PTE_A;
    sfence_all();
    check("PTE change + sfence.vma in M: new page", s_load(VA_CHG),
          pages[PG_P2][0]);
    *pte_slot(VA_CHG, 0) = ((A(pages[PG_P1]) >> 12) << 10) | PTE_V | PTE_R |
                           PTE_A;
    run_at(PRV_S, A(s_sfence), 0);
    check("PTE change + sfence.vma in S: new page", s_load(VA_CHG),
          pages[PG_P1][0]);

    /* MPRV: M-mode loads translated and checked at MPP's privilege. */
    check("M load, MPRV=1 MPP=S: S page", run_at(PRV_M, A(m_mprv_load_s),
          VA_RO), pages[PG_RO][0]);
    expect_fault("M load, MPRV=1 MPP=S: invalid PTE",
                 run_at(PRV_M, A(m_mprv_load_s), VA_NONE), CAUSE_LOAD_PAGE,
                 VA_NONE);
    check("  taken in M (MPP = M)", (m_trap.status >> 11) & 3, PRV_M);
    csr_clear(mstatus, MSTATUS_MPRV);
    expect_fault("M load, MPRV=1 MPP=U: S page",
                 run_at(PRV_M, A(m_mprv_load_u), VA_RO), CAUSE_LOAD_PAGE,
                 VA_RO);
    csr_clear(mstatus, MSTATUS_MPRV);
    check("M load, MPRV=1 MPP=U: U page", run_at(PRV_M, A(m_mprv_load_u),
          VA_UDATA), pages[PG_UDATA][0]);

    /* A 4-byte instruction whose second half lies in a page without X:
     * mepc = its start, mtval = the page it faulted in (3.1.16). */
    *(volatile uint16_t *)(A(__user_text_start) + 4094) = 0x0513;
    __asm__ volatile("fence.i" ::: "memory");
    r = run_at(PRV_S, VA_SCODE + 4094, 0);
    expect_fault("S fetch straddling into a non-executable page", r,
                 CAUSE_FETCH_PAGE, VA_SCODE + 4096);
    check("  mepc", m_trap.epc, VA_SCODE + 4094);
    /* Now give the second page code and X: the same instruction runs
     * (addi a0, x0, 42 = 0x02a00513, then ret), no stale fault. */
    {
        volatile uint16_t *code2 = (volatile uint16_t *)pages[PG_CODE2];

        code2[0] = 0x02a0;
        code2[1] = 0x8067;
        code2[2] = 0x0000;
        *pte_slot(VA_CHG, 0) = ((A(pages[PG_CODE2]) >> 12) << 10) | PTE_V |
                               PTE_R | PTE_X | PTE_A;
        sfence_all();
        __asm__ volatile("fence.i" ::: "memory");
        check("  after mapping the second page X: it runs",
              run_at(PRV_S, VA_SCODE + 4094, 0), 42);
        /* Rewrite the second half (through RAM, not the mapping it runs
         * from): after FENCE.I the new immediate is used. */
        code2[0] = 0x0370;   /* addi a0, x0, 55 */
        __asm__ volatile("fence.i" ::: "memory");
        check("  its second half rewritten + fence.i: new code runs",
              run_at(PRV_S, VA_SCODE + 4094, 0), 55);
        *pte_slot(VA_CHG, 0) = ((A(pages[PG_P1]) >> 12) << 10) | PTE_V |
                               PTE_R | PTE_A;
        sfence_all();
    }

    csr_write(medeleg, 1ul << CAUSE_LOAD_PAGE);
    r = s_load(VA_NONE);
    check("delegated load page fault: scause", s_trap.cause,
          CAUSE_LOAD_PAGE);
    check("delegated load page fault: stval", s_trap.tval, VA_NONE);
    check("delegated load page fault: sepc", s_trap.epc, A(u_load));
    csr_write(medeleg, 0);
    (void)r;

    csr_write(satp, 0);
    sfence_all();
}

int main(void)
{
    uint64_t before;

    puts_("riscv-baremetal paging\n");
    check("U text is one page", A(__user_text_end) - A(__user_text_start),
          4096);
    check("last halfword of the U page is free",
          *(volatile uint16_t *)(A(__user_text_start) + 4094), 0);
    check_true("test data within the first 2 MiB of RAM",
               A(&pages[NR_PAGES]) - RAM_BASE <= 0x200000 &&
               A(&marker) - RAM_BASE < 0x200000);
    test_mode("Sv39", 8, 3);
    test_mode("Sv48", 9, 4);
    test_mode("Sv57", 10, 5);

    section("satp WARL");
    levels = 3;
    build_tables();
    csr_write(satp, satp_for(8));
    before = csr_read(satp);
    csr_write(satp, (7ul << 60) | 0x1234);
    check("satp write with MODE 7 leaves satp unchanged", csr_read(satp),
          before);
    csr_write(satp, 0);
    check("satp Bare", csr_read(satp), 0);
    finish();
}
