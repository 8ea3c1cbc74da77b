/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The soft MMU (docs/softmmu.md). Each vCPU has, per mmu_idx, a
 * direct-mapped table of CPU_TLB_SIZE entries indexed by virtual page
 * number. An entry holds one tag per access kind (read, write, code): the
 * virtual page address when that access may take the fast path, the page
 * address with flag bits in the low bits when it must take the slow path,
 * or -1 when a refill through the target's tlb_fill is needed.
 *
 * Fast path (plain RAM): host address = vaddr + addend. Slow path: MMIO
 * (and holes, and pages RAM covers only in part) through
 * address_space_rw, writes dropped for ROM, and stores to RAM pages that
 * hold TBs invalidate those TBs first (self-modifying code).
 *
 * Code pages: the TB cache reports (under its lock) when a physical page
 * gets its first TB and when it loses its last; this file keeps that set,
 * and when a page joins it sets TLB_NOTDIRTY in the matching write entry
 * of every vCPU (under each TLB's lock; fills take the same lock and
 * consult the set, so no fast write entry to a code page survives).
 */
#include "accel/tcg/cputlb.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "machines/machine.h"
#include "memory/memory.h"
#include "util/error.h"

#define TLB_PAGE_BITS 12
#define TLB_PAGE_SIZE ((uint64_t)1 << TLB_PAGE_BITS)
#define TLB_PAGE_MASK (~(TLB_PAGE_SIZE - 1))
#define TLB_INVALID ((uint64_t)-1)

/* Flag bits in the in-page bits of a tag: any of them forces the slow
 * path, since the fast path compares the tag with the bare page. They sit
 * above the low 3 bits, which generated code keeps in the compared value
 * to send misaligned MO_ALIGN accesses to the slow path. */
enum {
    TLB_MMIO = 1 << 9,          /* not whole-page RAM/ROM: address_space_rw */
    TLB_NOTDIRTY = 1 << 10,     /* write: the page holds TBs */
    TLB_DISCARD_WRITE = 1 << 11, /* write: ROM, the store is dropped */
};
#define TLB_FLAGS_MASK ((uint64_t)7 << 9)

typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;    /* others may OR in TLB_NOTDIRTY (tlb->lock) */
    uint64_t addr_code;
    uintptr_t addend;       /* RAM: host address = vaddr + addend */
    uint64_t paddr;         /* physical page */
    bool hole;              /* nothing at all is mapped at paddr */
    uint8_t pad[64 - 41];   /* a power-of-two size for generated code */
} CPUTLBEntry;

_Static_assert(sizeof(CPUTLBEntry) == (1u << TLB_ENTRY_BITS),
               "TLB entry size");
_Static_assert(offsetof(CPUTLBEntry, addr_read) == TLB_ENTRY_READ_OFF &&
               offsetof(CPUTLBEntry, addr_write) == TLB_ENTRY_WRITE_OFF &&
               offsetof(CPUTLBEntry, addend) == TLB_ENTRY_ADDEND_OFF,
               "TLB entry layout");
_Static_assert(TLB_FAST_PAGE_BITS == TLB_PAGE_BITS, "TLB page size");

#define TLB_REQ_MAX_PAGES 16
/* Entries evicted from the direct-mapped table land here (per mmu_idx,
 * round robin); the slow path looks here before asking the target. */
#define CPU_VTLB_SIZE 8

typedef struct CPUTLB {
    /* first: generated code indexes it (tlb_fast_table) */
    CPUTLBEntry table[TCG_MAX_MMU_MODES][CPU_TLB_SIZE];
    CPU *cpu;
    struct CPUTLB *next;            /* all TLBs, for code-page marking */
    pthread_mutex_t lock;           /* entry writes */
    unsigned nb_mmu_modes;
    CPUTLBEntry victim[TCG_MAX_MMU_MODES][CPU_VTLB_SIZE];
    unsigned victim_next[TCG_MAX_MMU_MODES];

    /* flush requests from other threads */
    _Atomic bool in_exec;           /* inside tcg_cpu_exec */
    _Atomic bool req_pending;
    pthread_mutex_t req_lock;
    bool req_all;
    unsigned req_nr_pages;
    uint64_t req_pages[TLB_REQ_MAX_PAGES];

    TLBStats stats;
} CPUTLB;

static pthread_mutex_t tlbs_lock = PTHREAD_MUTEX_INITIALIZER;
static CPUTLB *tlbs;

/* ---- the set of physical pages holding TBs -------------------------- */

#define CODE_HASH_SIZE 4096u

typedef struct CodePage {
    uint64_t page;
    struct CodePage *next;
} CodePage;

static pthread_mutex_t code_lock = PTHREAD_MUTEX_INITIALIZER;
static CodePage *code_hash[CODE_HASH_SIZE];

static unsigned code_hash_of(uint64_t page)
{
    return (unsigned)((page >> TLB_PAGE_BITS) * 0x9e3779b1u) % CODE_HASH_SIZE;
}

/* code_lock held */
static bool code_page_find(uint64_t page)
{
    for (CodePage *c = code_hash[code_hash_of(page)]; c; c = c->next) {
        if (c->page == page) {
            return true;
        }
    }
    return false;
}

bool tlb_page_is_code(uint64_t paddr)
{
    bool found;

    pthread_mutex_lock(&code_lock);
    found = code_page_find(paddr & TLB_PAGE_MASK);
    pthread_mutex_unlock(&code_lock);
    return found;
}

/* Called by the TB cache with its lock held: page got its first TB. */
void tlb_code_page_added(uint64_t page)
{
    CodePage *c;

    page &= TLB_PAGE_MASK;
    pthread_mutex_lock(&code_lock);
    if (code_page_find(page)) {
        pthread_mutex_unlock(&code_lock);
        return;
    }
    c = malloc(sizeof(*c));
    if (!c) {
        fatal_internal("tcg: out of memory for a code page record");
    }
    c->page = page;
    c->next = code_hash[code_hash_of(page)];
    code_hash[code_hash_of(page)] = c;
    pthread_mutex_unlock(&code_lock);

    /* Existing fast write entries to the page must now take the SMC path. */
    pthread_mutex_lock(&tlbs_lock);
    for (CPUTLB *tlb = tlbs; tlb; tlb = tlb->next) {
        pthread_mutex_lock(&tlb->lock);
        for (unsigned m = 0; m < tlb->nb_mmu_modes; m++) {
            for (unsigned i = 0; i < CPU_TLB_SIZE + CPU_VTLB_SIZE; i++) {
                CPUTLBEntry *e = i < CPU_TLB_SIZE
                                 ? &tlb->table[m][i]
                                 : &tlb->victim[m][i - CPU_TLB_SIZE];
                uint64_t w = __atomic_load_n(&e->addr_write,
                                             __ATOMIC_RELAXED);

                if (w != TLB_INVALID && !(w & TLB_MMIO) && e->paddr == page) {
                    __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY,
                                      __ATOMIC_SEQ_CST);
                }
            }
        }
        pthread_mutex_unlock(&tlb->lock);
    }
    pthread_mutex_unlock(&tlbs_lock);
}

/* Called by the TB cache with its lock held: page lost its last TB. The
 * write entries keep TLB_NOTDIRTY until their owner next takes the slow
 * path there (it then sees the page is plain data again). */
void tlb_code_page_removed(uint64_t page)
{
    CodePage **link;

    page &= TLB_PAGE_MASK;
    pthread_mutex_lock(&code_lock);
    for (link = &code_hash[code_hash_of(page)]; *link; link = &(*link)->next) {
        if ((*link)->page == page) {
            CodePage *c = *link;

            *link = c->next;
            free(c);
            break;
        }
    }
    pthread_mutex_unlock(&code_lock);
}

/* ---- per-vCPU tables ------------------------------------------------ */

static void tlb_entry_clear(CPUTLBEntry *e)
{
    e->addr_read = TLB_INVALID;
    __atomic_store_n(&e->addr_write, TLB_INVALID, __ATOMIC_RELAXED);
    e->addr_code = TLB_INVALID;
    e->addend = 0;
    e->paddr = TLB_INVALID;
    e->hole = false;
}

int tlb_init(CPU *cpu)
{
    TCGCPUState *s = cpu->accel_state;
    CPUTLB *tlb;
    unsigned modes;

    if (!s) {
        error_report("tcg: vCPU %d has no TCG state for a TLB", cpu->index);
        return -EINVAL;
    }
    if (atomic_load(&s->tlb)) {
        return 0;
    }
    modes = s->ops->nb_mmu_modes ? s->ops->nb_mmu_modes : 1;
    if (modes > 1 && !s->ops->mmu_index) {
        /* fetches would all be checked at mmu_idx 0 */
        error_report("tcg: target %s has %u MMU modes but no mmu_index hook",
                     s->ops->name, modes);
        return -EINVAL;
    }
    if (modes > TCG_MAX_MMU_MODES) {
        error_report("tcg: target %s wants %u MMU modes (at most %u)",
                     s->ops->name, modes, TCG_MAX_MMU_MODES);
        return -EINVAL;
    }
    /* cache-line aligned: one entry per line for generated code */
    if (posix_memalign((void **)&tlb, 64, sizeof(*tlb)) != 0) {
        tlb = NULL;
    }
    if (tlb) {
        memset(tlb, 0, sizeof(*tlb));
    }
    if (!tlb) {
        error_report("tcg: out of memory for the TLB of vCPU %d", cpu->index);
        return -ENOMEM;
    }
    tlb->cpu = cpu;
    tlb->nb_mmu_modes = modes;
    pthread_mutex_init(&tlb->lock, NULL);
    pthread_mutex_init(&tlb->req_lock, NULL);
    for (unsigned m = 0; m < TCG_MAX_MMU_MODES; m++) {
        for (unsigned i = 0; i < CPU_TLB_SIZE; i++) {
            tlb_entry_clear(&tlb->table[m][i]);
        }
        for (unsigned i = 0; i < CPU_VTLB_SIZE; i++) {
            tlb_entry_clear(&tlb->victim[m][i]);
        }
    }
    pthread_mutex_lock(&tlbs_lock);
    tlb->next = tlbs;
    tlbs = tlb;
    pthread_mutex_unlock(&tlbs_lock);
    atomic_store(&s->tlb, tlb);
    return 0;
}

void tlb_destroy(CPU *cpu)
{
    TCGCPUState *s = cpu->accel_state;
    CPUTLB *tlb = s ? atomic_load(&s->tlb) : NULL;

    if (!tlb) {
        return;
    }
    pthread_mutex_lock(&tlbs_lock);
    for (CPUTLB **link = &tlbs; *link; link = &(*link)->next) {
        if (*link == tlb) {
            *link = tlb->next;
            break;
        }
    }
    pthread_mutex_unlock(&tlbs_lock);
    atomic_store(&s->tlb, NULL);
    pthread_mutex_destroy(&tlb->lock);
    pthread_mutex_destroy(&tlb->req_lock);
    free(tlb);
}

/* The TLB of cpu, created on first use (the owner's thread). */
static CPUTLB *tlb_of(CPU *cpu)
{
    TCGCPUState *s = cpu->accel_state;
    CPUTLB *tlb = atomic_load(&s->tlb);

    if (!tlb) {
        if (tlb_init(cpu) < 0) {
            fatal_internal("tcg: cannot create the TLB of vCPU %d",
                           cpu->index);
        }
        tlb = atomic_load(&s->tlb);
    }
    return tlb;
}

void *tlb_fast_table(CPU *cpu)
{
    return tlb_of(cpu)->table;
}

/* A TLB if cpu is a TCG vCPU that has one (remote requests). */
static CPUTLB *tlb_peek(CPU *cpu)
{
    TCGCPUState *s = cpu->accel_state;

    return s ? atomic_load(&s->tlb) : NULL;
}

static CPUTLBEntry *tlb_entry(CPUTLB *tlb, int mmu_idx, uint64_t vaddr)
{
    if ((unsigned)mmu_idx >= tlb->nb_mmu_modes) {
        fatal_internal("tcg: mmu_idx %d out of range (%u modes)", mmu_idx,
                       tlb->nb_mmu_modes);
    }
    return &tlb->table[mmu_idx][(vaddr >> TLB_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
}

/* Does tag (flags ignored) name page? */
static bool tlb_hit(uint64_t tag, uint64_t page)
{
    return tag != TLB_INVALID && (tag & ~TLB_FLAGS_MASK) == page;
}

/* Does e hold any right for page? */
static bool tlb_entry_maps(CPUTLBEntry *e, uint64_t page)
{
    return tlb_hit(e->addr_read, page) ||
           tlb_hit(__atomic_load_n(&e->addr_write, __ATOMIC_RELAXED), page) ||
           tlb_hit(e->addr_code, page);
}

/* tlb->lock held: copy src over dst (addr_write atomically). */
static void tlb_entry_copy(CPUTLBEntry *dst, const CPUTLBEntry *src)
{
    dst->addr_read = src->addr_read;
    dst->addr_code = src->addr_code;
    dst->addend = src->addend;
    dst->paddr = src->paddr;
    dst->hole = src->hole;
    __atomic_store_n(&dst->addr_write,
                     __atomic_load_n(&src->addr_write, __ATOMIC_RELAXED),
                     __ATOMIC_RELAXED);
}

void tlb_flush_by_mmuidx(CPU *cpu, uint32_t idxmap)
{
    CPUTLB *tlb = tlb_of(cpu);

    pthread_mutex_lock(&tlb->lock);
    for (unsigned m = 0; m < tlb->nb_mmu_modes; m++) {
        if (idxmap & (1u << m)) {
            for (unsigned i = 0; i < CPU_TLB_SIZE; i++) {
                tlb_entry_clear(&tlb->table[m][i]);
            }
            for (unsigned i = 0; i < CPU_VTLB_SIZE; i++) {
                tlb_entry_clear(&tlb->victim[m][i]);
            }
        }
    }
    pthread_mutex_unlock(&tlb->lock);
    tlb->stats.flushes++;
    /* chains that relied on the old entries (outside tlb->lock: the TB
     * cache's lock comes first) */
    tb_unlink_guarded((uint64_t)-1);
}

void tlb_flush(CPU *cpu)
{
    tlb_flush_by_mmuidx(cpu, UINT32_MAX);
}

void tlb_flush_page(CPU *cpu, uint64_t vaddr)
{
    CPUTLB *tlb = tlb_of(cpu);
    uint64_t page = vaddr & TLB_PAGE_MASK;

    pthread_mutex_lock(&tlb->lock);
    for (unsigned m = 0; m < tlb->nb_mmu_modes; m++) {
        for (unsigned i = 0; i <= CPU_VTLB_SIZE; i++) {
            CPUTLBEntry *e = i == CPU_VTLB_SIZE ? tlb_entry(tlb, (int)m, vaddr)
                                                : &tlb->victim[m][i];

            if (tlb_entry_maps(e, page)) {
                tlb_entry_clear(e);
            }
        }
    }
    pthread_mutex_unlock(&tlb->lock);
    tlb->stats.page_flushes++;
    tb_unlink_guarded(page);
}

void tlb_flush_async(CPU *cpu)
{
    CPUTLB *tlb = tlb_peek(cpu);

    if (!tlb) {
        return;     /* nothing cached yet */
    }
    pthread_mutex_lock(&tlb->req_lock);
    tlb->req_all = true;
    atomic_store(&tlb->req_pending, true);
    pthread_mutex_unlock(&tlb->req_lock);
    cpu_kick(cpu);
}

void tlb_flush_page_async(CPU *cpu, uint64_t vaddr)
{
    CPUTLB *tlb = tlb_peek(cpu);

    if (!tlb) {
        return;
    }
    pthread_mutex_lock(&tlb->req_lock);
    if (tlb->req_nr_pages < TLB_REQ_MAX_PAGES) {
        tlb->req_pages[tlb->req_nr_pages++] = vaddr & TLB_PAGE_MASK;
    } else {
        tlb->req_all = true;
    }
    atomic_store(&tlb->req_pending, true);
    pthread_mutex_unlock(&tlb->req_lock);
    cpu_kick(cpu);
}

void tlb_flush_all_cpus(CPU *src)
{
    Machine *m = src->machine;

    tlb_flush(src);
    for (unsigned i = 0; m && i < m->nr_cpus; i++) {
        if (m->cpus[i] != src) {
            tlb_flush_async(m->cpus[i]);
        }
    }
}

void tlb_flush_page_all_cpus(CPU *src, uint64_t vaddr)
{
    Machine *m = src->machine;

    tlb_flush_page(src, vaddr);
    for (unsigned i = 0; m && i < m->nr_cpus; i++) {
        if (m->cpus[i] != src) {
            tlb_flush_page_async(m->cpus[i], vaddr);
        }
    }
}

/* Wait until no other vCPU of src's machine may use a stale entry. */
static void tlb_wait_remote(CPU *src)
{
    Machine *m = src->machine;

    for (unsigned i = 0; m && i < m->nr_cpus; i++) {
        CPUTLB *tlb = m->cpus[i] != src ? tlb_peek(m->cpus[i]) : NULL;

        while (tlb && atomic_load(&tlb->req_pending) &&
               atomic_load(&tlb->in_exec)) {
            /* it may be waiting for us in turn */
            tlb_process_requests(src);
            sched_yield();
        }
    }
}

void tlb_flush_all_cpus_synced(CPU *src)
{
    tlb_flush_all_cpus(src);
    tlb_wait_remote(src);
}

void tlb_flush_page_all_cpus_synced(CPU *src, uint64_t vaddr)
{
    tlb_flush_page_all_cpus(src, vaddr);
    tlb_wait_remote(src);
}

void tlb_exec_begin(CPU *cpu)
{
    atomic_store(&tlb_of(cpu)->in_exec, true);
}

void tlb_exec_end(CPU *cpu)
{
    atomic_store(&tlb_of(cpu)->in_exec, false);
}

void tlb_process_requests(CPU *cpu)
{
    CPUTLB *tlb = tlb_peek(cpu);
    uint64_t pages[TLB_REQ_MAX_PAGES];
    unsigned n;
    bool all;

    if (!tlb || !atomic_load(&tlb->req_pending)) {
        return;
    }
    pthread_mutex_lock(&tlb->req_lock);
    all = tlb->req_all;
    n = tlb->req_nr_pages;
    memcpy(pages, tlb->req_pages, n * sizeof(pages[0]));
    tlb->req_all = false;
    tlb->req_nr_pages = 0;
    atomic_store(&tlb->req_pending, false);
    pthread_mutex_unlock(&tlb->req_lock);
    if (all) {
        tlb_flush(cpu);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        tlb_flush_page(cpu, pages[i]);
    }
}

void tlb_get_stats(CPU *cpu, TLBStats *st)
{
    CPUTLB *tlb = tlb_peek(cpu);

    if (tlb) {
        *st = tlb->stats;
    } else {
        memset(st, 0, sizeof(*st));
    }
}

/* ---- refill ----------------------------------------------------------- */

static AddressSpace *tlb_address_space(CPU *cpu)
{
    if (!cpu->machine) {
        fatal_internal("tcg: system-mode vCPU %d has no machine", cpu->index);
    }
    return &cpu->machine->as_memory;
}

/*
 * Ask the target for the translation of vaddr and install it. Returns the
 * entry, or NULL if probe and the target refused. Without probe a fault
 * never returns (the target raises it with host_pc).
 */
static CPUTLBEntry *tlb_fill_entry(CPU *cpu, CPUTLB *tlb, uint64_t vaddr,
                                   int access, int mmu_idx, bool probe,
                                   uintptr_t host_pc)
{
    const TCGTargetOps *ops = ((TCGCPUState *)cpu->accel_state)->ops;
    uint64_t page = vaddr & TLB_PAGE_MASK, paddr = 0, ppage;
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);
    uint64_t rtag, wtag, ctag, flags = 0;
    uintptr_t addend = 0;
    bool hole = false;
    FlatView *fv;
    const FlatRange *fr;
    int prot = 0;

    if (!ops->tlb_fill) {
        fatal_internal("tcg: target %s has no tlb_fill for system mode",
                       ops->name);
    }
    if (!ops->tlb_fill(cpu, vaddr, access, mmu_idx, probe, host_pc, &paddr,
                       &prot)) {
        return NULL;
    }
    ppage = paddr & TLB_PAGE_MASK;

    fv = address_space_get_flatview(tlb_address_space(cpu));
    fr = flatview_lookup(fv, ppage);
    if (fr && (fr->mr->kind == MEMORY_REGION_RAM ||
               fr->mr->kind == MEMORY_REGION_ROM) &&
        ppage - fr->start <= fr->size - TLB_PAGE_SIZE &&
        fr->size >= TLB_PAGE_SIZE) {
        uint8_t *host = (uint8_t *)fr->mr->ram + fr->offset_in_region +
                        (ppage - fr->start);

        addend = (uintptr_t)host - (uintptr_t)page;
        if (fr->readonly || fr->mr->kind == MEMORY_REGION_ROM) {
            flags = TLB_DISCARD_WRITE;
        }
    } else {
        /* device, hole, or RAM covering only part of the page */
        flags = TLB_MMIO;
        hole = !fr && !flatview_lookup(fv, ppage + TLB_PAGE_SIZE - 1);
    }
    flatview_unref(fv);

    rtag = (prot & TCG_PROT_READ) ? page | (flags & TLB_MMIO) : TLB_INVALID;
    ctag = (prot & TCG_PROT_EXEC) ? page | (flags & TLB_MMIO) : TLB_INVALID;
    wtag = (prot & TCG_PROT_WRITE) ? page | flags : TLB_INVALID;

    pthread_mutex_lock(&tlb->lock);
    if (wtag != TLB_INVALID && !(wtag & TLB_MMIO)) {
        /* under tlb->lock: a page turning into code now marks us after */
        pthread_mutex_lock(&code_lock);
        if (code_page_find(ppage)) {
            wtag |= TLB_NOTDIRTY;
        }
        pthread_mutex_unlock(&code_lock);
    }
    if (e->addr_read != TLB_INVALID || e->addr_code != TLB_INVALID ||
        __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED) != TLB_INVALID) {
        unsigned v = tlb->victim_next[mmu_idx]++ % CPU_VTLB_SIZE;

        tlb_entry_copy(&tlb->victim[mmu_idx][v], e);
    }
    e->addr_read = rtag;
    e->addr_code = ctag;
    e->addend = addend;
    e->paddr = ppage;
    e->hole = hole;
    __atomic_store_n(&e->addr_write, wtag, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&tlb->lock);
    tlb->stats.fills++;
    return e;
}

static uint64_t tlb_tag(const CPUTLBEntry *e, int access)
{
    switch (access) {
    case TCG_ACCESS_LOAD:
        return e->addr_read;
    case TCG_ACCESS_STORE:
        return __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);
    default:
        return e->addr_code;
    }
}

/*
 * The entry granting access to the page of vaddr, refilled if needed.
 * NULL only with probe.
 */
static CPUTLBEntry *tlb_lookup(CPU *cpu, CPUTLB *tlb, uint64_t vaddr,
                               int access, int mmu_idx, bool probe,
                               uintptr_t host_pc)
{
    uint64_t page = vaddr & TLB_PAGE_MASK;
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, vaddr);

    if (tlb_hit(tlb_tag(e, access), page)) {
        return e;
    }
    for (unsigned i = 0; i < CPU_VTLB_SIZE; i++) {
        CPUTLBEntry *v = &tlb->victim[mmu_idx][i];

        if (tlb_hit(tlb_tag(v, access), page)) {
            CPUTLBEntry tmp;

            /* swap it back in; the evicted entry takes its place */
            pthread_mutex_lock(&tlb->lock);
            tlb_entry_copy(&tmp, v);
            tlb_entry_copy(v, e);
            tlb_entry_copy(e, &tmp);
            pthread_mutex_unlock(&tlb->lock);
            tlb->stats.victim_hits++;
            return e;
        }
    }
    e = tlb_fill_entry(cpu, tlb, vaddr, access, mmu_idx, probe, host_pc);
    if (e && !tlb_hit(tlb_tag(e, access), page)) {
        fatal_internal("tcg: tlb_fill granted 0x%llx without the rights of "
                       "access %d", (unsigned long long)vaddr, access);
    }
    return e;
}

/* ---- slow paths ------------------------------------------------------- */

static uint64_t ld_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;

    /* memcpy + little-endian host; spelled out so it holds anywhere */
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static void st_le(uint8_t *p, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static void tlb_transaction_failed(CPU *cpu, uint64_t paddr, uint64_t vaddr,
                                   int access, int mmu_idx,
                                   uintptr_t host_pc)
    __attribute__((noreturn));
static void tlb_transaction_failed(CPU *cpu, uint64_t paddr, uint64_t vaddr,
                                   int access, int mmu_idx,
                                   uintptr_t host_pc)
{
    const TCGTargetOps *ops = ((TCGCPUState *)cpu->accel_state)->ops;

    if (!ops->do_transaction_failed) {
        fatal_internal("tcg: nothing at physical 0x%llx and target %s has "
                       "no do_transaction_failed",
                       (unsigned long long)paddr, ops->name);
    }
    ops->do_transaction_failed(cpu, paddr, vaddr, access, mmu_idx, host_pc);
}

/* One access of size bytes within one page, through e (slow path). */
static uint64_t tlb_ld_page(CPU *cpu, CPUTLBEntry *e, uint64_t addr,
                            unsigned size, int access, int mmu_idx,
                            uintptr_t host_pc)
{
    uint64_t tag = tlb_tag(e, access);
    uint64_t paddr = e->paddr | (addr & ~TLB_PAGE_MASK);
    uint8_t buf[8];

    if (!(tag & TLB_MMIO)) {
        return ld_le((const uint8_t *)(uintptr_t)(addr + e->addend), size);
    }
    if (e->hole ||
        address_space_rw(tlb_address_space(cpu), paddr, buf, size, false) ==
            MEMTX_DECODE_ERROR) {
        tlb_transaction_failed(cpu, paddr, addr, access, mmu_idx, host_pc);
    }
    return ld_le(buf, size);
}

/* Stores hitting a page of code: drop the TBs there, then store. */
static void tlb_notdirty_write(CPU *cpu, CPUTLB *tlb, CPUTLBEntry *e,
                               uint64_t paddr, unsigned size)
{
    tlb->stats.smc_writes++;
    tb_invalidate_range(paddr, paddr + size);
    pthread_mutex_lock(&tlb->lock);
    pthread_mutex_lock(&code_lock);
    if (!code_page_find(e->paddr)) {
        /* plain data again: let later stores take the fast path */
        __atomic_fetch_and(&e->addr_write, ~(uint64_t)TLB_NOTDIRTY,
                           __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&code_lock);
    pthread_mutex_unlock(&tlb->lock);
}

static void tlb_st_page(CPU *cpu, CPUTLB *tlb, CPUTLBEntry *e, uint64_t addr,
                        uint64_t val, unsigned size, int mmu_idx,
                        uintptr_t host_pc)
{
    uint64_t tag = __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);
    uint64_t paddr = e->paddr | (addr & ~TLB_PAGE_MASK);
    uint8_t buf[8];

    if (tag & TLB_MMIO) {
        if (e->hole) {
            tlb_transaction_failed(cpu, paddr, addr, TCG_ACCESS_STORE,
                                   mmu_idx, host_pc);
        }
        if (tlb_page_is_code(paddr)) {
            tb_invalidate_range(paddr, paddr + size);   /* RAM in part */
        }
        st_le(buf, val, size);
        if (address_space_rw(tlb_address_space(cpu), paddr, buf, size,
                             true) == MEMTX_DECODE_ERROR) {
            tlb_transaction_failed(cpu, paddr, addr, TCG_ACCESS_STORE,
                                   mmu_idx, host_pc);
        }
        return;
    }
    if (tag & TLB_DISCARD_WRITE) {
        return;     /* ROM: the chip ignores writes */
    }
    if (tag & TLB_NOTDIRTY) {
        tlb_notdirty_write(cpu, tlb, e, paddr, size);
    }
    st_le((uint8_t *)(uintptr_t)(addr + e->addend), val, size);
}

static void tlb_check_align(CPU *cpu, uint64_t addr, MemOp mop, bool store,
                            uintptr_t host_pc)
{
    unsigned size = 1u << (mop & MO_SIZE);
    const TCGTargetOps *ops = ((TCGCPUState *)cpu->accel_state)->ops;

    if ((mop & MO_ALIGN) && (addr & (size - 1)) && ops->do_unaligned_access) {
        ops->do_unaligned_access(cpu->arch, addr, mop, store, host_pc);
    }
}

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return __builtin_bswap16((uint16_t)v);
    case 4:
        return __builtin_bswap32((uint32_t)v);
    case 8:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

static uint64_t tlb_do_ld(CPU *cpu, uint64_t addr, MemOp mop, int mmu_idx,
                          int access, uintptr_t host_pc)
{
    CPUTLB *tlb = tlb_of(cpu);
    unsigned size = 1u << (mop & MO_SIZE);
    uint64_t page = addr & TLB_PAGE_MASK, v;
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, addr);
    bool in_page = (addr & ~TLB_PAGE_MASK) + size <= TLB_PAGE_SIZE;

    if (mop & MO_ALIGN) {
        tlb_check_align(cpu, addr, mop, false, host_pc);
    }
    if (in_page && tlb_tag(e, access) == page) {
        /* fast path: RAM */
        v = ld_le((const uint8_t *)(uintptr_t)(addr + e->addend), size);
    } else if (in_page) {
        e = tlb_lookup(cpu, tlb, addr, access, mmu_idx, false, host_pc);
        v = tlb_ld_page(cpu, e, addr, size, access, mmu_idx, host_pc);
    } else {
        /* crosses a page: both pages must be there, then byte by byte */
        uint64_t next = page + TLB_PAGE_SIZE;

        tlb_lookup(cpu, tlb, addr, access, mmu_idx, false, host_pc);
        tlb_lookup(cpu, tlb, next, access, mmu_idx, false, host_pc);
        v = 0;
        for (unsigned i = 0; i < size; i++) {
            uint64_t a = addr + i;

            e = tlb_lookup(cpu, tlb, a, access, mmu_idx, false, host_pc);
            v |= tlb_ld_page(cpu, e, a, 1, access, mmu_idx, host_pc)
                 << (8 * i);
        }
    }
    if (mop & MO_BSWAP) {
        v = bswap_size(v, size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        unsigned shift = 64 - 8 * size;

        v = (uint64_t)((int64_t)(v << shift) >> shift);
    }
    return v;
}

static void tlb_do_st(CPU *cpu, uint64_t addr, uint64_t val, MemOp mop,
                      int mmu_idx, uintptr_t host_pc)
{
    CPUTLB *tlb = tlb_of(cpu);
    unsigned size = 1u << (mop & MO_SIZE);
    uint64_t page = addr & TLB_PAGE_MASK;
    CPUTLBEntry *e = tlb_entry(tlb, mmu_idx, addr);
    bool in_page = (addr & ~TLB_PAGE_MASK) + size <= TLB_PAGE_SIZE;

    if (mop & MO_ALIGN) {
        tlb_check_align(cpu, addr, mop, true, host_pc);
    }
    if (mop & MO_BSWAP) {
        val = bswap_size(val, size);
    }
    if (in_page &&
        __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED) == page) {
        st_le((uint8_t *)(uintptr_t)(addr + e->addend), val, size);
    } else if (in_page) {
        e = tlb_lookup(cpu, tlb, addr, TCG_ACCESS_STORE, mmu_idx, false,
                       host_pc);
        tlb_st_page(cpu, tlb, e, addr, val, size, mmu_idx, host_pc);
    } else {
        uint64_t next = page + TLB_PAGE_SIZE;

        /* fault before any byte is written */
        tlb_lookup(cpu, tlb, addr, TCG_ACCESS_STORE, mmu_idx, false, host_pc);
        tlb_lookup(cpu, tlb, next, TCG_ACCESS_STORE, mmu_idx, false, host_pc);
        for (unsigned i = 0; i < size; i++) {
            uint64_t a = addr + i;

            e = tlb_lookup(cpu, tlb, a, TCG_ACCESS_STORE, mmu_idx, false,
                           host_pc);
            tlb_st_page(cpu, tlb, e, a, (val >> (8 * i)) & 0xff, 1, mmu_idx,
                        host_pc);
        }
    }
}

/* ---- entry points ----------------------------------------------------- */

uint64_t cpu_ld_mmu(CPU *cpu, uint64_t addr, MemOp mop, int mmu_idx,
                    uintptr_t host_pc)
{
    return tlb_do_ld(cpu, addr, mop, mmu_idx, TCG_ACCESS_LOAD, host_pc);
}

void cpu_st_mmu(CPU *cpu, uint64_t addr, uint64_t val, MemOp mop,
                int mmu_idx, uintptr_t host_pc)
{
    tlb_do_st(cpu, addr, val, mop, mmu_idx, host_pc);
}

uint64_t helper_ld_mmu(CPUArchState *env, uint64_t addr, uint32_t oi)
{
    CPU *cpu = tcg_current_cpu();

    tlb_of(cpu)->stats.helper_calls++;
    return tlb_do_ld(cpu, addr, (MemOp)(oi & 0xff), (int)(oi >> 8),
                     TCG_ACCESS_LOAD, GETPC());
}

void helper_st_mmu(CPUArchState *env, uint64_t addr, uint64_t val,
                   uint32_t oi)
{
    CPU *cpu = tcg_current_cpu();

    tlb_of(cpu)->stats.helper_calls++;
    tlb_do_st(cpu, addr, val, (MemOp)(oi & 0xff), (int)(oi >> 8), GETPC());
}

/* Globals are synced before the call (a fault restores the state from
 * them) and not reloaded after: the helpers never write them. */
const TCGHelperInfo tcg_helper_info_ld_mmu = {
    .func = (void *)helper_ld_mmu,
    .name = "ld_mmu",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I32),
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 3,
};

const TCGHelperInfo tcg_helper_info_st_mmu = {
    .func = (void *)helper_st_mmu,
    .name = "st_mmu",
    .typemask = TCG_HELPER_TYPE(0, TCG_HELPER_VOID) |
                TCG_HELPER_TYPE(1, TCG_HELPER_PTR) |
                TCG_HELPER_TYPE(2, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(3, TCG_HELPER_I64) |
                TCG_HELPER_TYPE(4, TCG_HELPER_I32),
    .flags = TCG_CALL_NO_WRITE_GLOBALS,
    .nb_args = 4,
};

void *tlb_probe_host(CPU *cpu, uint64_t addr, unsigned size, int access,
                     int mmu_idx, uintptr_t host_pc)
{
    CPUTLB *tlb = tlb_of(cpu);
    CPUTLBEntry *e;
    uint64_t tag;

    if ((addr & ~TLB_PAGE_MASK) + size > TLB_PAGE_SIZE) {
        /* still raise the fault a real access would */
        tlb_lookup(cpu, tlb, addr, access, mmu_idx, false, host_pc);
        tlb_lookup(cpu, tlb, addr + size - 1, access, mmu_idx, false,
                   host_pc);
        return NULL;
    }
    e = tlb_lookup(cpu, tlb, addr, access, mmu_idx, false, host_pc);
    tag = tlb_tag(e, access);
    if (tag & (TLB_MMIO | TLB_DISCARD_WRITE)) {
        return NULL;
    }
    if (tag & TLB_NOTDIRTY) {
        tlb_notdirty_write(cpu, tlb, e,
                           e->paddr | (addr & ~TLB_PAGE_MASK), size);
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

/* ---- instruction fetch -------------------------------------------------- */

static int tlb_fetch_mmu_idx(CPU *cpu)
{
    const TCGTargetOps *ops = ((TCGCPUState *)cpu->accel_state)->ops;

    return ops->mmu_index ? ops->mmu_index(cpu->arch, true) : 0;
}

uint64_t tlb_get_page_addr_code(CPU *cpu, uint64_t vaddr, bool probe)
{
    int mmu_idx = tlb_fetch_mmu_idx(cpu);
    CPUTLBEntry *e = tlb_lookup(cpu, tlb_of(cpu), vaddr, TCG_ACCESS_FETCH,
                                mmu_idx, probe, 0);
    uint64_t paddr;

    if (!e) {
        return (uint64_t)-1;
    }
    paddr = e->paddr | (vaddr & ~TLB_PAGE_MASK);
    if (e->hole) {
        if (probe) {
            return (uint64_t)-1;
        }
        tlb_transaction_failed(cpu, paddr, vaddr, TCG_ACCESS_FETCH, mmu_idx,
                               0);
    }
    return paddr;
}

bool tlb_code_page_is(CPU *cpu, uint64_t vaddr, uint64_t phys_page)
{
    TCGCPUState *s = cpu->accel_state;
    CPUTLB *tlb = atomic_load(&s->tlb);
    int mmu_idx = tlb_fetch_mmu_idx(cpu);
    const CPUTLBEntry *e;

    if (!tlb || (unsigned)mmu_idx >= tlb->nb_mmu_modes) {
        return false;
    }
    e = &tlb->table[mmu_idx][(vaddr >> TLB_PAGE_BITS) & (CPU_TLB_SIZE - 1)];
    return tlb_hit(e->addr_code, vaddr & TLB_PAGE_MASK) && !e->hole &&
           e->paddr == phys_page;
}

const void *tlb_code_host(CPU *cpu, uint64_t vaddr)
{
    CPUTLBEntry *e = tlb_lookup(cpu, tlb_of(cpu), vaddr, TCG_ACCESS_FETCH,
                                tlb_fetch_mmu_idx(cpu), true, 0);

    if (!e || (e->addr_code & TLB_MMIO)) {
        return NULL;
    }
    return (const void *)(uintptr_t)(vaddr + e->addend);
}

static uint64_t tlb_fetch(CPU *cpu, uint64_t vaddr, MemOp mop)
{
    return tlb_do_ld(cpu, vaddr, mop, tlb_fetch_mmu_idx(cpu),
                     TCG_ACCESS_FETCH, 0);
}

uint16_t tcg_fetch_code16(CPUArchState *env, uint64_t vaddr)
{
    uint16_t v;

    if (tcg_system_mode) {
        return (uint16_t)tlb_fetch(tcg_current_cpu(), vaddr, MO_16);
    }
    memcpy(&v, (const void *)(uintptr_t)(guest_base + vaddr), sizeof(v));
    return v;
}

uint32_t tcg_fetch_code32(CPUArchState *env, uint64_t vaddr)
{
    uint32_t v;

    if (tcg_system_mode) {
        return (uint32_t)tlb_fetch(tcg_current_cpu(), vaddr, MO_32);
    }
    memcpy(&v, (const void *)(uintptr_t)(guest_base + vaddr), sizeof(v));
    return v;
}

void tlb_set_tb_pages(CPU *cpu, TranslationBlock *tb)
{
    uint64_t last = tb->pc + (tb->size ? tb->size : 1) - 1;
    uint64_t p0 = tlb_get_page_addr_code(cpu, tb->pc, true);

    if (p0 == (uint64_t)-1) {
        fatal_internal("tcg: code page of pc 0x%llx vanished while "
                       "translating", (unsigned long long)tb->pc);
    }
    tb->page_addr[0] = p0 & TLB_PAGE_MASK;
    tb->page_addr[1] = (uint64_t)-1;
    if ((last & TLB_PAGE_MASK) != (tb->pc & TLB_PAGE_MASK)) {
        uint64_t p1 = tlb_get_page_addr_code(cpu, last, true);

        if (p1 == (uint64_t)-1) {
            fatal_internal("tcg: second code page of pc 0x%llx vanished "
                           "while translating", (unsigned long long)tb->pc);
        }
        tb->page_addr[1] = p1 & TLB_PAGE_MASK;
    }
}

bool tlb_tb_pages_current(CPU *cpu, const TranslationBlock *tb)
{
    uint64_t p1;

    if (tb->page_addr[1] == (uint64_t)-1) {
        return true;
    }
    p1 = tlb_get_page_addr_code(cpu, (tb->pc & TLB_PAGE_MASK) + TLB_PAGE_SIZE,
                                true);
    return p1 != (uint64_t)-1 && (p1 & TLB_PAGE_MASK) == tb->page_addr[1];
}

void tlb_notify_phys_write(uint64_t paddr, uint64_t len)
{
    uint64_t first = paddr & TLB_PAGE_MASK, end = paddr + len;
    bool code = false;

    if (!tcg_system_mode || !len) {
        return;
    }
    pthread_mutex_lock(&code_lock);
    for (uint64_t p = first; p < end && p >= first; p += TLB_PAGE_SIZE) {
        if (code_page_find(p)) {
            code = true;
            break;
        }
    }
    pthread_mutex_unlock(&code_lock);
    if (code) {
        tb_invalidate_range(paddr, end);
    }
}
