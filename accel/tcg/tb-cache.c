/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The TB cache: a hash table keyed by (pc, flags, cflags), per-vCPU jump
 * caches in front of it, per-page TB lists for invalidation, and the
 * chaining records (outgoing jmp_dest, incoming jmp_list).
 *
 * One mutex (tb_lock) guards the hash table, the page lists and every
 * chain change; the exec loop takes it only on a jump-cache miss. TBs are
 * never freed while vCPUs may run them: an invalidated TB is unlinked and
 * marked invalid, then parked on a retired list that tb_flush_all() frees
 * (callers must flush only with every vCPU outside translated code).
 *
 * System mode also keeps the guards of chains that leave their source's
 * virtual page (tb_link_guarded): TLB flushes drop those links.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg/cputlb.h"
#include "accel/tcg/guest-mem.h"
#include "accel/tcg/tcg-internal.h"
#include "accel/tcg/tcg-fork.h"
#include "util/error.h"

#define TB_HASH_BITS 15
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define PAGE_HASH_SIZE 4096u

typedef struct PageDesc {
    uint64_t page;            /* page start */
    uintptr_t first_tb;       /* tagged: tb | index into tb->page_addr */
    struct PageDesc *next;
} PageDesc;

static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static TranslationBlock *tb_hash[TB_HASH_SIZE];
static PageDesc *page_hash[PAGE_HASH_SIZE];
static TranslationBlock *tb_retired;    /* chained through hash_next */
static TCGVcpu *tb_vcpus;
static _Atomic unsigned tb_nr_vcpus;

/*
 * A guarded link: from's slot n chained to to, valid while the virtual
 * page vpage maps as it did at link time. An entry whose link was dropped
 * otherwise (invalidation, a flush of another guard page) is stale: its
 * slot no longer points at to. TBs are freed only by tb_flush_all, which
 * empties the table, so stale entries stay safe to read.
 */
typedef struct TBGuard {
    TranslationBlock *from;
    TranslationBlock *to;
    uint64_t vpage;
    unsigned n;
} TBGuard;

#define TB_GUARDS_MAX 65536u
static TBGuard *tb_guards;
static unsigned tb_nr_guards, tb_guards_cap;
/* tb_nr_guards for the lock-free "nothing to drop" test of flushes */
static _Atomic unsigned tb_nr_guards_pub;

static void tb_unlink_guarded_locked(uint64_t vpage);
/* Counters of unregistered vCPUs. */
static unsigned long gone_loop_lookups, gone_x86_chained;

static unsigned tb_hash_of(uint64_t pc, uint32_t flags, uint32_t cflags)
{
    uint64_t h = pc * 0x9e3779b97f4a7c15ull ^ flags * 0xff51afd7ull ^ cflags;

    return (unsigned)(h >> (64 - TB_HASH_BITS));
}

static unsigned page_hash_of(uint64_t page)
{
    return (unsigned)((page >> TB_PAGE_BITS) * 0x9e3779b1u) % PAGE_HASH_SIZE;
}

void tb_cache_register_cpu(TCGVcpu *v)
{
    pthread_mutex_lock(&tb_lock);
    v->next = tb_vcpus;
    tb_vcpus = v;
    if (atomic_fetch_add(&tb_nr_vcpus, 1) + 1 > 1) {
        /* harts may map a page differently at the same time */
        tb_unlink_guarded_locked((uint64_t)-1);
    }
    pthread_mutex_unlock(&tb_lock);
}

void tb_cache_unregister_cpu(TCGVcpu *v)
{
    TCGVcpu **p;

    pthread_mutex_lock(&tb_lock);
    for (p = &tb_vcpus; *p; p = &(*p)->next) {
        if (*p == v) {
            *p = v->next;
            gone_loop_lookups += v->stat_loop_lookups;
            gone_x86_chained += v->x86_chained;
            atomic_fetch_sub(&tb_nr_vcpus, 1);
            break;
        }
    }
    pthread_mutex_unlock(&tb_lock);
}

void tb_cache_vcpu_stats(unsigned long *loop_lookups,
                         unsigned long *x86_chained)
{
    TCGVcpu *v;

    pthread_mutex_lock(&tb_lock);
    *loop_lookups = gone_loop_lookups;
    *x86_chained = gone_x86_chained;
    for (v = tb_vcpus; v; v = v->next) {
        *loop_lookups += __atomic_load_n(&v->stat_loop_lookups,
                                         __ATOMIC_RELAXED);
        *x86_chained += __atomic_load_n(&v->x86_chained, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&tb_lock);
}

/* page: the TB's first code page (user mode: pc's virtual page, always
 * equal; system mode: the physical page the pc maps to now). */
static bool tb_matches_page(const TranslationBlock *tb, uint64_t pc,
                            uint64_t page, uint32_t flags, uint32_t cflags)
{
    return tb_matches(tb, pc, flags, cflags) && tb->page_addr[0] == page;
}

static TranslationBlock *tb_hash_find(uint64_t pc, uint64_t page,
                                      uint32_t flags, uint32_t cflags)
{
    TranslationBlock *tb;

    for (tb = tb_hash[tb_hash_of(pc, flags, cflags)]; tb; tb = tb->hash_next) {
        if (tb_matches_page(tb, pc, page, flags, cflags)) {
            return tb;
        }
    }
    return NULL;
}

TranslationBlock *tb_lookup_phys(TCGVcpu *v, uint64_t pc, uint64_t phys_page,
                                 uint32_t flags, uint32_t cflags)
{
    unsigned j = jmp_cache_index(pc);
    TranslationBlock *tb = tb_jmp_cache_probe(v, pc, flags, cflags);

    if (tb && tb->page_addr[0] == phys_page) {
        return tb;
    }
    pthread_mutex_lock(&tb_lock);
    tb = tb_hash_find(pc, phys_page, flags, cflags);
    pthread_mutex_unlock(&tb_lock);
    if (tb) {
        __atomic_store_n(&v->pub.jmp_cache[j], tb, __ATOMIC_RELEASE);
    }
    return tb;
}

TranslationBlock *tb_lookup(TCGVcpu *v, uint64_t pc, uint32_t flags,
                            uint32_t cflags)
{
    return tb_lookup_phys(v, pc, pc & TB_PAGE_MASK, flags, cflags);
}

static PageDesc *page_find(uint64_t page, bool create)
{
    PageDesc **head = &page_hash[page_hash_of(page)];
    PageDesc *pd;

    for (pd = *head; pd; pd = pd->next) {
        if (pd->page == page) {
            return pd;
        }
    }
    if (!create) {
        return NULL;
    }
    pd = calloc(1, sizeof(*pd));
    if (!pd) {
        fatal_internal("tcg: out of memory for a page descriptor");
    }
    pd->page = page;
    pd->next = *head;
    *head = pd;
    return pd;
}

static void page_add_tb(TranslationBlock *tb, unsigned n)
{
    PageDesc *pd = page_find(tb->page_addr[n], true);

    if (!pd->first_tb) {
        /* first code on the page (again): user mode protects it */
        tb_code_page_added(pd->page);
    }
    tb->page_next[n] = pd->first_tb;
    pd->first_tb = (uintptr_t)tb | n;
}

static void page_remove_tb(TranslationBlock *tb, unsigned n)
{
    PageDesc *pd = page_find(tb->page_addr[n], false);
    uintptr_t *link;

    if (!pd) {
        return;
    }
    for (link = &pd->first_tb; *link;) {
        TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)1);
        unsigned tn = *link & 1;

        if (t == tb && tn == n) {
            *link = tb->page_next[n];
            if (!pd->first_tb) {
                tb_code_page_removed(pd->page);   /* system mode: SMC set */
            }
            return;
        }
        link = &t->page_next[tn];
    }
}

TranslationBlock *tb_cache_insert(TCGVcpu *v, TranslationBlock *tb)
{
    TranslationBlock *old;
    unsigned h = tb_hash_of(tb->pc, tb->flags, tb->cflags);

    pthread_mutex_lock(&tb_lock);
    old = tb_hash_find(tb->pc, tb->page_addr[0], tb->flags, tb->cflags);
    if (old) {
        /* another thread translated the same block first */
        pthread_mutex_unlock(&tb_lock);
        tb_free(tb);
        tb = old;
    } else {
        tb->hash_next = tb_hash[h];
        tb_hash[h] = tb;
        page_add_tb(tb, 0);
        if (tb->page_addr[1] != (uint64_t)-1) {
            page_add_tb(tb, 1);
        }
        pthread_mutex_unlock(&tb_lock);
    }
    if (v) {
        __atomic_store_n(&v->pub.jmp_cache[jmp_cache_index(tb->pc)], tb,
                         __ATOMIC_RELEASE);
    }
    return tb;
}

/* Point from's slot n at to (NULL: its exit) in the back end's code; the
 * interpreter follows jmp_dest itself. */
static void tb_set_jump(TranslationBlock *from, unsigned n,
                        TranslationBlock *to)
{
    __atomic_store_n(&from->jmp_dest[n], to, __ATOMIC_RELEASE);
    if (tcg_backend_kind() == TCG_BACKEND_X86_64) {
        tcg_x86_chain(from, n, to);
    }
}

static bool tb_can_link(TranslationBlock *from, unsigned n,
                        TranslationBlock *to)
{
    return !from->invalid && !to->invalid && !from->jmp_dest[n];
}

/* tb_lock held, tb_can_link checked */
static void tb_link_locked(TranslationBlock *from, unsigned n,
                           TranslationBlock *to)
{
    from->jmp_list_next[n] = to->jmp_list_head;
    to->jmp_list_head = (uintptr_t)from | n;
    tb_set_jump(from, n, to);
    atomic_fetch_add_explicit(&tcg_stats.links, 1, memory_order_relaxed);
}

void tb_link(TranslationBlock *from, unsigned n, TranslationBlock *to)
{
    n &= 1;
    pthread_mutex_lock(&tb_lock);
    if (tb_can_link(from, n, to)) {
        tb_link_locked(from, n, to);
    }
    pthread_mutex_unlock(&tb_lock);
}

/* Drop from's slot n from the incoming list of its destination. */
static void tb_unlink_outgoing(TranslationBlock *from, unsigned n)
{
    TranslationBlock *to = from->jmp_dest[n];
    uintptr_t *link;

    if (!to) {
        return;
    }
    for (link = &to->jmp_list_head; *link;) {
        TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)1);
        unsigned tn = *link & 1;

        if (t == from && tn == n) {
            *link = from->jmp_list_next[n];
            break;
        }
        link = &t->jmp_list_next[tn];
    }
    tb_set_jump(from, n, NULL);
}

static bool tb_guard_stale(const TBGuard *g)
{
    return g->from->jmp_dest[g->n] != g->to;
}

/* tb_lock held: drop the links guarded by vpage (-1: all of them) and
 * the stale entries. */
static void tb_unlink_guarded_locked(uint64_t vpage)
{
    unsigned kept = 0;

    for (unsigned i = 0; i < tb_nr_guards; i++) {
        TBGuard g = tb_guards[i];

        if (tb_guard_stale(&g)) {
            continue;
        }
        if (vpage == (uint64_t)-1 || g.vpage == vpage) {
            tb_unlink_outgoing(g.from, g.n);
            atomic_fetch_add_explicit(&tcg_stats.guarded_unlinks, 1,
                                      memory_order_relaxed);
            continue;
        }
        tb_guards[kept++] = g;
    }
    tb_nr_guards = kept;
    atomic_store(&tb_nr_guards_pub, kept);
}

void tb_unlink_guarded(uint64_t vpage)
{
    if (!atomic_load(&tb_nr_guards_pub)) {
        return;     /* the common case: a flush with no guarded link */
    }
    pthread_mutex_lock(&tb_lock);
    tb_unlink_guarded_locked(vpage);
    pthread_mutex_unlock(&tb_lock);
}

/* tb_lock held: room for nr more guards? */
static bool tb_guards_reserve(unsigned nr)
{
    unsigned cap;
    TBGuard *g;

    if (tb_nr_guards + nr <= tb_guards_cap) {
        return true;
    }
    if (tb_guards_cap >= TB_GUARDS_MAX) {
        /* full: drop the stale entries, keep the links */
        unsigned kept = 0;

        for (unsigned i = 0; i < tb_nr_guards; i++) {
            if (!tb_guard_stale(&tb_guards[i])) {
                tb_guards[kept++] = tb_guards[i];
            }
        }
        tb_nr_guards = kept;
        return tb_nr_guards + nr <= tb_guards_cap;
    }
    cap = tb_guards_cap ? tb_guards_cap * 2 : 1024;
    g = realloc(tb_guards, cap * sizeof(*g));
    if (!g) {
        return false;   /* not linking is always correct */
    }
    tb_guards = g;
    tb_guards_cap = cap;
    return true;
}

bool tb_link_guarded(TranslationBlock *from, unsigned n, TranslationBlock *to,
                     const uint64_t *guard_pages, unsigned nr_guards)
{
    bool linked = false;

    n &= 1;
    pthread_mutex_lock(&tb_lock);
    if (atomic_load(&tb_nr_vcpus) == 1 && tb_can_link(from, n, to) &&
        tb_guards_reserve(nr_guards)) {
        for (unsigned i = 0; i < nr_guards; i++) {
            tb_guards[tb_nr_guards++] = (TBGuard){
                .from = from, .to = to, .vpage = guard_pages[i], .n = n,
            };
        }
        atomic_store(&tb_nr_guards_pub, tb_nr_guards);
        tb_link_locked(from, n, to);
        atomic_fetch_add_explicit(&tcg_stats.guarded_links, 1,
                                  memory_order_relaxed);
        linked = true;
    }
    pthread_mutex_unlock(&tb_lock);
    return linked;
}

bool tlb_cross_page_chaining(void)
{
    return tcg_system_mode && atomic_load(&tb_nr_vcpus) == 1;
}

static void tb_invalidate_locked(TranslationBlock *tb)
{
    TranslationBlock **link;
    TCGVcpu *v;
    unsigned j = jmp_cache_index(tb->pc);

    __atomic_store_n(&tb->invalid, true, __ATOMIC_RELEASE);
    for (link = &tb_hash[tb_hash_of(tb->pc, tb->flags, tb->cflags)]; *link;
         link = &(*link)->hash_next) {
        if (*link == tb) {
            *link = tb->hash_next;
            break;
        }
    }
    page_remove_tb(tb, 0);
    if (tb->page_addr[1] != (uint64_t)-1) {
        page_remove_tb(tb, 1);
    }
    /* incoming chains go back to their exits */
    while (tb->jmp_list_head) {
        TranslationBlock *from = (TranslationBlock *)(tb->jmp_list_head &
                                                      ~(uintptr_t)1);
        unsigned n = tb->jmp_list_head & 1;

        tb->jmp_list_head = from->jmp_list_next[n];
        tb_set_jump(from, n, NULL);
    }
    tb_unlink_outgoing(tb, 0);
    tb_unlink_outgoing(tb, 1);
    for (v = tb_vcpus; v; v = v->next) {
        if (__atomic_load_n(&v->pub.jmp_cache[j], __ATOMIC_ACQUIRE) == tb) {
            __atomic_store_n(&v->pub.jmp_cache[j], NULL, __ATOMIC_RELEASE);
        }
    }
    tb->hash_next = tb_retired;
    tb_retired = tb;
    atomic_fetch_add_explicit(&tcg_stats.invalidations, 1,
                              memory_order_relaxed);
}

static bool tb_overlaps(const TranslationBlock *tb, uint64_t start,
                        uint64_t end)
{
    uint64_t size = tb->size ? tb->size : 1;

    return tb->pc < end && start < tb->pc + size;
}

/* System mode: page_addr[] are physical; the TB's bytes on its page n. */
static bool tb_overlaps_phys(const TranslationBlock *tb, unsigned n,
                             uint64_t start, uint64_t end)
{
    uint64_t off = tb->pc & ~TB_PAGE_MASK, size = tb->size ? tb->size : 1;
    uint64_t s, e;

    if (n == 0) {
        s = tb->page_addr[0] + off;
        e = s + (off + size > TB_PAGE_SIZE ? TB_PAGE_SIZE - off : size);
    } else {
        s = tb->page_addr[1];
        e = s + (off + size - TB_PAGE_SIZE);
    }
    return s < end && start < e;
}

static void page_invalidate(PageDesc *pd, uint64_t start, uint64_t end)
{
    uintptr_t cur = pd->first_tb;

    while (cur) {
        TranslationBlock *tb = (TranslationBlock *)(cur & ~(uintptr_t)1);
        uintptr_t next = tb->page_next[cur & 1];

        if (tcg_system_mode ? tb_overlaps_phys(tb, cur & 1, start, end)
                            : tb_overlaps(tb, start, end)) {
            tb_invalidate_locked(tb);
        }
        cur = next;
    }
}

void tb_invalidate_range(uint64_t start, uint64_t end)
{
    uint64_t first = start & TB_PAGE_MASK, page;
    unsigned i;

    if (end <= start) {
        return;
    }
    pthread_mutex_lock(&tb_lock);
    if ((end - first) >> TB_PAGE_BITS > PAGE_HASH_SIZE) {
        /* huge ranges (munmap): cheaper to visit every known page */
        for (i = 0; i < PAGE_HASH_SIZE; i++) {
            PageDesc *pd;

            for (pd = page_hash[i]; pd; pd = pd->next) {
                if (pd->page < end && start < pd->page + TB_PAGE_SIZE) {
                    page_invalidate(pd, start, end);
                }
            }
        }
    } else {
        for (page = first; page < end; page += TB_PAGE_SIZE) {
            PageDesc *pd = page_find(page, false);

            if (pd) {
                page_invalidate(pd, start, end);
            }
            if (page + TB_PAGE_SIZE < page) {
                break;   /* wrapped at the top of the address space */
            }
        }
    }
    pthread_mutex_unlock(&tb_lock);
}

void tb_free(TranslationBlock *tb)
{
    tcg_backend_free(tb);
    pthread_mutex_destroy(&tb->jmp_lock);
    free(tb);
}

void tb_cache_kick_inside(CPU *self)
{
    TCGVcpu *v;

    pthread_mutex_lock(&tb_lock);
    for (v = tb_vcpus; v; v = v->next) {
        if (v->cpu != self && atomic_load(&v->inside_exec)) {
            atomic_store_explicit(&v->cpu->exit_request, 1,
                                  memory_order_release);
        }
    }
    pthread_mutex_unlock(&tb_lock);
}

/*
 * In an exclusive section: another thread running a TB while its code is
 * freed (and, with native code, overwritten) would crash.
 */
void tb_flush_all(void)
{
    TCGVcpu *v;
    unsigned i;

    tcg_exclusive_start();
    pthread_mutex_lock(&tb_lock);
    for (i = 0; i < TB_HASH_SIZE; i++) {
        while (tb_hash[i]) {
            TranslationBlock *tb = tb_hash[i];

            tb_hash[i] = tb->hash_next;
            tb_free(tb);
        }
    }
    while (tb_retired) {
        TranslationBlock *tb = tb_retired;

        tb_retired = tb->hash_next;
        tb_free(tb);
    }
    for (i = 0; i < PAGE_HASH_SIZE; i++) {
        while (page_hash[i]) {
            PageDesc *pd = page_hash[i];

            page_hash[i] = pd->next;
            if (pd->first_tb) {
                tb_code_page_removed(pd->page);
            }
            free(pd);
        }
    }
    for (v = tb_vcpus; v; v = v->next) {
        memset(v->pub.jmp_cache, 0, sizeof(v->pub.jmp_cache));
    }
    tb_nr_guards = 0;       /* every TB is gone */
    atomic_store(&tb_nr_guards_pub, 0);
    atomic_fetch_add_explicit(&tcg_stats.flushes, 1, memory_order_relaxed);
    pthread_mutex_unlock(&tb_lock);
    tcg_exclusive_end();
}

/*
 * fork(): hold tb_lock across it (tcg-fork.h):
 * the child inherits a consistent cache.
 */
void tb_cache_fork_prepare(void)
{
    pthread_mutex_lock(&tb_lock);
}

void tb_cache_fork_parent(void)
{
    pthread_mutex_unlock(&tb_lock);
}

void tb_cache_fork_child(void)
{
    pthread_mutex_init(&tb_lock, NULL);
}
