/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest address space: a sorted table of the guest's mappings on top
 * of host mmap. Guest and emulator share the host address space
 * (guest_base = 0), so the table is what keeps a guest MAP_FIXED, munmap
 * or mprotect from touching the emulator's own heap, code or stacks.
 *
 * Guest-executable pages are mapped host-readable but never
 * host-executable: the translator reads them, the host CPU never runs
 * them. The recorded prot is the guest's (PROT_EXEC included).
 */
#include "user/user-mmap.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "accel/tcg/tcg.h"      /* TranslationBlock typedef for tcg-exec.h */
#include "accel/tcg/tcg-exec.h"
#include "accel/tcg/guest-mem.h"
#include "target-structs.h"
#include "user/thunk.h"
#include "util/cutils.h"

#define TARGET_PROT_ALL \
    (TARGET_PROT_READ | TARGET_PROT_WRITE | TARGET_PROT_EXEC)

typedef struct UserVma {
    abi_ulong start, end;
    int prot;               /* host PROT_* as the guest asked for them */
} UserVma;

static pthread_mutex_t vma_lock = PTHREAD_MUTEX_INITIALIZER;
static UserVma *vmas;
static size_t nr_vmas, cap_vmas;

/* The program break and the reservation above it. */
static abi_ulong brk_start, brk_cur, brk_mapped, brk_reserve_end;

static int host_prot_of(int prot)
{
    /* Guest code is read by the translator, never run by the host. */
    if (prot & PROT_EXEC) {
        prot = (prot & ~PROT_EXEC) | PROT_READ;
    }
    return prot;
}

/*
 * Replace whatever the table says about [start, end) by one entry with
 * prot (or by nothing if remove). Called with vma_lock held.
 */
static void vma_update(abi_ulong start, abi_ulong end, int prot, bool remove)
{
    UserVma *out;
    size_t n = 0;
    bool placed = remove;

    out = xzalloc((nr_vmas + 3) * sizeof(*out));
    for (size_t i = 0; i < nr_vmas; i++) {
        UserVma v = vmas[i];

        if (v.end <= start || v.start >= end) {
            if (!placed && v.start >= end) {
                out[n++] = (UserVma){ start, end, prot };
                placed = true;
            }
            out[n++] = v;
            continue;
        }
        if (v.start < start) {
            out[n++] = (UserVma){ v.start, start, v.prot };
        }
        if (!placed) {
            out[n++] = (UserVma){ start, end, prot };
            placed = true;
        }
        if (v.end > end) {
            out[n++] = (UserVma){ end, v.end, v.prot };
        }
    }
    if (!placed) {
        out[n++] = (UserVma){ start, end, prot };
    }
    free(vmas);
    vmas = out;
    nr_vmas = n;
    cap_vmas = n + 3;
}

/* True if [start, end) is covered without holes. vma_lock held. */
static bool vma_covers(abi_ulong start, abi_ulong end)
{
    abi_ulong pos = start;

    for (size_t i = 0; i < nr_vmas && pos < end; i++) {
        if (vmas[i].end <= pos) {
            continue;
        }
        if (vmas[i].start > pos) {
            return false;
        }
        pos = vmas[i].end;
    }
    return pos >= end;
}

/* Invalidate translations of guest code in [start, end). vma_lock held. */
static void vma_invalidate_code(abi_ulong start, abi_ulong end)
{
    for (size_t i = 0; i < nr_vmas; i++) {
        UserVma *v = &vmas[i];

        if (v->end > start && v->start < end && (v->prot & PROT_EXEC)) {
            tb_invalidate_range(MAX(v->start, start), MIN(v->end, end));
        }
    }
}

static bool range_ok(abi_ulong addr, abi_ulong len)
{
    return len != 0 && addr + len > addr && addr + len <= USER_GUEST_ADDR_LIMIT;
}

abi_long user_mmap_host(abi_ulong addr, abi_ulong len, int host_prot,
                        int host_flags, int fd, off_t offset)
{
    abi_ulong end;
    void *p;
    int flags = host_flags;

    if (len == 0 || (addr & (USER_PAGE_SIZE - 1))) {
        return -EINVAL;
    }
    len = USER_PAGE_ALIGN(len);
    if (len == 0) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&vma_lock);
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (!range_ok(addr, len)) {
            pthread_mutex_unlock(&vma_lock);
            return -ENOMEM;
        }
        if ((flags & MAP_FIXED) && !vma_covers(addr, addr + len)) {
            /* Not all ours: only free address space may be taken. */
            flags = (flags & ~MAP_FIXED) | MAP_FIXED_NOREPLACE;
        }
    }
    p = mmap(g2h(addr), len, host_prot_of(host_prot), flags, fd, offset);
    if (p == MAP_FAILED) {
        int err = errno;

        pthread_mutex_unlock(&vma_lock);
        if (err == EEXIST && !(host_flags & MAP_FIXED_NOREPLACE)) {
            return -ENOMEM;     /* a guest MAP_FIXED over host memory */
        }
        return -err;
    }
    addr = h2g(p);
    end = addr + len;
    if (end > USER_GUEST_ADDR_LIMIT) {
        munmap(p, len);
        pthread_mutex_unlock(&vma_lock);
        return -ENOMEM;
    }
    vma_invalidate_code(addr, end);
    vma_update(addr, end, host_prot, false);
    pthread_mutex_unlock(&vma_lock);
    return addr;
}

int user_prot_to_host(int target_prot)
{
    return user_flags_to_host(user_prot_flags, target_prot);
}

int user_mmap_flags_to_host(int target_flags)
{
    return user_flags_to_host(user_mmap_flags, target_flags);
}

abi_long user_target_mmap(abi_ulong addr, abi_ulong len, int target_prot,
                          int target_flags, int fd, off_t offset)
{
    int prot = user_prot_to_host(target_prot);
    int flags = user_mmap_flags_to_host(target_flags);

    if (target_prot & ~TARGET_PROT_ALL) {
        return -EINVAL;
    }
    if (offset & (USER_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
        addr = USER_PAGE_TRUNC(addr);   /* only a hint */
    }
    if (flags & MAP_ANONYMOUS) {
        fd = -1;
    }
    return user_mmap_host(addr, len, prot, flags, fd, offset);
}

abi_long user_target_munmap(abi_ulong addr, abi_ulong len)
{
    abi_ulong end;

    if ((addr & (USER_PAGE_SIZE - 1)) || !range_ok(addr, len)) {
        return -EINVAL;
    }
    end = USER_PAGE_ALIGN(addr + len);
    pthread_mutex_lock(&vma_lock);
    vma_invalidate_code(addr, end);
    /* Unmap only what the guest owns; holes are fine, as in Linux. */
    for (size_t i = 0; i < nr_vmas; i++) {
        abi_ulong s = MAX(vmas[i].start, addr), e = MIN(vmas[i].end, end);

        if (s < e) {
            munmap(g2h(s), e - s);
        }
    }
    vma_update(addr, end, 0, true);
    pthread_mutex_unlock(&vma_lock);
    return 0;
}

abi_long user_target_mprotect(abi_ulong addr, abi_ulong len, int target_prot)
{
    int prot = user_prot_to_host(target_prot);
    abi_ulong end;

    if (addr & (USER_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    if (target_prot & ~TARGET_PROT_ALL) {
        return -EINVAL;
    }
    if (!range_ok(addr, len)) {
        return -ENOMEM;
    }
    end = USER_PAGE_ALIGN(addr + len);
    pthread_mutex_lock(&vma_lock);
    if (!vma_covers(addr, end)) {
        pthread_mutex_unlock(&vma_lock);
        return -ENOMEM;
    }
    if (mprotect(g2h(addr), end - addr, host_prot_of(prot)) < 0) {
        int err = errno;

        pthread_mutex_unlock(&vma_lock);
        return -err;
    }
    /*
     * Code that becomes writable may be rewritten (a JIT), code that
     * stops being executable must not run from stale translations.
     */
    if ((prot & PROT_WRITE) || !(prot & PROT_EXEC)) {
        vma_invalidate_code(addr, end);
    }
    vma_update(addr, end, prot, false);
    pthread_mutex_unlock(&vma_lock);
    return 0;
}

abi_long user_target_mremap(abi_ulong old_addr, abi_ulong old_len,
                            abi_ulong new_len, int flags, abi_ulong new_addr)
{
    int host_flags = 0;
    int prot;
    void *p;
    abi_ulong old_end;

    if ((old_addr & (USER_PAGE_SIZE - 1)) || new_len == 0 ||
        (flags & ~(TARGET_MREMAP_MAYMOVE | TARGET_MREMAP_FIXED))) {
        return -EINVAL;
    }
    if (flags & TARGET_MREMAP_MAYMOVE) {
        host_flags |= MREMAP_MAYMOVE;
    }
    if (flags & TARGET_MREMAP_FIXED) {
        host_flags |= MREMAP_FIXED;
    }
    old_len = USER_PAGE_ALIGN(old_len);
    new_len = USER_PAGE_ALIGN(new_len);
    if (old_len == 0 || !range_ok(old_addr, old_len) || new_len == 0) {
        return -EINVAL;    /* old_len 0 (shared duplicate) not supported */
    }
    old_end = old_addr + old_len;
    pthread_mutex_lock(&vma_lock);
    if (!vma_covers(old_addr, old_end)) {
        pthread_mutex_unlock(&vma_lock);
        return -EFAULT;
    }
    prot = 0;
    for (size_t i = 0; i < nr_vmas; i++) {
        if (vmas[i].start <= old_addr && old_addr < vmas[i].end) {
            prot = vmas[i].prot;
        }
    }
    if (flags & TARGET_MREMAP_FIXED) {
        if (!range_ok(new_addr, new_len) ||
            (new_addr & (USER_PAGE_SIZE - 1))) {
            pthread_mutex_unlock(&vma_lock);
            return -EINVAL;
        }
        if (!vma_covers(new_addr, new_addr + new_len)) {
            /* Claim free space first so the host cannot replace ours. */
            void *q = mmap(g2h(new_addr), new_len, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                           -1, 0);
            if (q == MAP_FAILED) {
                pthread_mutex_unlock(&vma_lock);
                return -ENOMEM;
            }
        }
        vma_invalidate_code(new_addr, new_addr + new_len);
    }
    p = mremap(g2h(old_addr), old_len, new_len, host_flags, g2h(new_addr));
    if (p == MAP_FAILED) {
        int err = errno;

        pthread_mutex_unlock(&vma_lock);
        return -err;
    }
    if (h2g(p) + new_len > USER_GUEST_ADDR_LIMIT) {
        /* Cannot happen on x86-64 hosts; never hand out such an address. */
        mremap(p, new_len, old_len, MREMAP_MAYMOVE | MREMAP_FIXED,
               g2h(old_addr));
        pthread_mutex_unlock(&vma_lock);
        return -ENOMEM;
    }
    vma_invalidate_code(old_addr, old_end);
    if (h2g(p) != old_addr || new_len < old_len) {
        vma_update(old_addr, old_end, 0, true);
    }
    vma_update(h2g(p), h2g(p) + new_len, prot, false);
    pthread_mutex_unlock(&vma_lock);
    return h2g(p);
}

abi_long user_target_madvise(abi_ulong addr, abi_ulong len, int advice)
{
    abi_ulong end;
    int ret = 0;

    if (addr & (USER_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    if (!range_ok(addr, len)) {
        return -EINVAL;
    }
    end = USER_PAGE_ALIGN(addr + len);
    pthread_mutex_lock(&vma_lock);
    if (!vma_covers(addr, end)) {
        ret = -ENOMEM;
    } else if (madvise(g2h(addr), end - addr, advice) < 0) {
        ret = -errno;
    }
    pthread_mutex_unlock(&vma_lock);
    return ret;
}

int user_page_get_prot(abi_ulong addr)
{
    int prot = -1;

    pthread_mutex_lock(&vma_lock);
    for (size_t i = 0; i < nr_vmas; i++) {
        if (vmas[i].start <= addr && addr < vmas[i].end) {
            prot = vmas[i].prot;
            break;
        }
    }
    pthread_mutex_unlock(&vma_lock);
    return prot;
}

bool user_range_is_guest(abi_ulong start, abi_ulong end)
{
    bool ret;

    pthread_mutex_lock(&vma_lock);
    ret = vma_covers(start, end);
    pthread_mutex_unlock(&vma_lock);
    return ret;
}

void user_mmap_fork_prepare(void)
{
    pthread_mutex_lock(&vma_lock);
}

void user_mmap_fork_parent(void)
{
    pthread_mutex_unlock(&vma_lock);
}

void user_mmap_fork_child(void)
{
    pthread_mutex_init(&vma_lock, NULL);
}


void user_brk_init(abi_ulong start)
{
    void *p;

    brk_start = brk_cur = brk_mapped = USER_PAGE_ALIGN(start);
    brk_reserve_end = brk_start;
    /*
     * Reserve address space (PROT_NONE, no memory) so that host
     * allocations placed later do not land right above the break. If the
     * space is taken, brk simply fails to grow and libc uses mmap.
     */
    p = mmap(g2h(brk_start), USER_BRK_RESERVE, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
             MAP_FIXED_NOREPLACE, -1, 0);
    if (p != MAP_FAILED) {
        brk_reserve_end = brk_start + USER_BRK_RESERVE;
    }
}

abi_ulong user_target_brk(abi_ulong new_brk)
{
    abi_ulong new_mapped;

    if (new_brk < brk_start) {
        return brk_cur;
    }
    new_mapped = USER_PAGE_ALIGN(new_brk);
    if (new_mapped < new_brk) {
        return brk_cur;
    }
    pthread_mutex_lock(&vma_lock);
    if (new_mapped > brk_mapped) {
        abi_ulong len = new_mapped - brk_mapped;
        int flags = MAP_PRIVATE | MAP_ANONYMOUS;
        void *p;

        /* Inside our reservation we may replace; beyond it only free
         * space will do. */
        flags |= new_mapped <= brk_reserve_end ? MAP_FIXED
                                               : MAP_FIXED_NOREPLACE;
        if (brk_mapped < brk_reserve_end && new_mapped > brk_reserve_end) {
            len = brk_reserve_end - brk_mapped;
            p = mmap(g2h(brk_mapped), len, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (p != MAP_FAILED) {
                vma_update(brk_mapped, brk_reserve_end,
                           PROT_READ | PROT_WRITE, false);
                brk_mapped = brk_reserve_end;
            }
            len = new_mapped - brk_mapped;
        }
        if (new_mapped > USER_GUEST_ADDR_LIMIT) {
            pthread_mutex_unlock(&vma_lock);
            return brk_cur;
        }
        p = mmap(g2h(brk_mapped), len, PROT_READ | PROT_WRITE, flags, -1, 0);
        if (p == MAP_FAILED) {
            pthread_mutex_unlock(&vma_lock);
            return brk_cur;
        }
        vma_update(brk_mapped, new_mapped, PROT_READ | PROT_WRITE, false);
        brk_mapped = new_mapped;
    } else if (new_mapped < brk_mapped) {
        /* Give the pages back; within the reservation keep the hole
         * reserved so later growth still replaces only our own space. */
        if (brk_mapped <= brk_reserve_end) {
            mmap(g2h(new_mapped), brk_mapped - new_mapped, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
                 -1, 0);
        } else {
            munmap(g2h(new_mapped), brk_mapped - new_mapped);
        }
        vma_invalidate_code(new_mapped, brk_mapped);
        vma_update(new_mapped, brk_mapped, 0, true);
        brk_mapped = new_mapped;
    }
    brk_cur = new_brk;
    pthread_mutex_unlock(&vma_lock);
    return brk_cur;
}

/* ---- self-modifying code ------------------------------------------------
 * The TCG core calls code_page_hook the first time it translates from a
 * guest page; we make the host page read-only. A guest store there then
 * faults: if the guest may write the page, the fault is ours, and
 * user_mmap_smc_fault restores the guest's permission so the caller can
 * invalidate the page's translations and retry the store.
 */
static void code_page_hook(uint64_t page_start)
{
    /* Runs under the TB cache lock: no vma_lock here (lock order is
     * vma_lock -> TB lock). Every translated page is at least readable. */
    mprotect(g2h(page_start), USER_PAGE_SIZE, PROT_READ);
}

void user_mmap_smc_init(void)
{
    tb_set_code_page_hook(code_page_hook);
}

bool user_mmap_smc_fault(abi_ulong addr)
{
    abi_ulong page = USER_PAGE_TRUNC(addr);
    bool ours = false;

    pthread_mutex_lock(&vma_lock);
    for (size_t i = 0; i < nr_vmas; i++) {
        if (vmas[i].start <= page && page < vmas[i].end) {
            if (vmas[i].prot & PROT_WRITE) {
                ours = mprotect(g2h(page), USER_PAGE_SIZE,
                                host_prot_of(vmas[i].prot)) == 0;
            }
            break;
        }
    }
    pthread_mutex_unlock(&vma_lock);
    return ours;
}
