/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF loading for linux-user. Every offset and size read from the file is
 * checked against the file before use: a bad file is an error line, never
 * a crash. Segments are mapped from the file (page-aligned file offsets,
 * as the ABI requires), bss is zeroed and anonymous; PIE executables and
 * the interpreter go where the host finds room, ET_EXEC at its addresses.
 */
#include "user/elfload.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "target-cpu.h"
#include "target-structs.h"
#include "user/user-mmap.h"
#include "user/user-path.h"
#include "util/cutils.h"
#include "util/error.h"

#define ELF_MAX_PHNUM 512
/* Unmapped room below the guest stack, as Linux's default stack_guard_gap. */
#define USER_STACK_GUARD (1024 * 1024)

typedef struct ElfFile {
    const char *name;      /* for messages */
    int fd;
    uint64_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
} ElfFile;

/* What loading one image produced. */
typedef struct ElfLoaded {
    abi_ulong bias;
    abi_ulong entry;
    abi_ulong phdr;
    abi_ulong end;         /* highest mapped byte + 1 (bss end) */
} ElfLoaded;

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_386: return "i386";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "arm";
    case EM_AARCH64: return "aarch64";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390";
    case EM_MIPS: return "mips";
    case EM_RISCV: return "riscv";
    default: return "unknown";
    }
}

static int read_exact(ElfFile *f, void *buf, uint64_t len, uint64_t off)
{
    uint64_t done = 0;

    if (off > f->size || len > f->size - off) {
        error_report("%s: truncated ELF file", f->name);
        return -ENOEXEC;
    }
    while (done < len) {
        ssize_t n = pread(f->fd, (char *)buf + done, len - done, off + done);

        if (n <= 0) {
            error_report("%s: read error: %s", f->name,
                         n < 0 ? strerror(errno) : "unexpected end of file");
            return n < 0 ? -errno : -EIO;
        }
        done += n;
    }
    return 0;
}

/* Open and check the ELF and program headers. */
static int elf_open(ElfFile *f, const char *host_path, const char *name)
{
    struct stat st;
    const unsigned char *id = f->eh.e_ident;
    int ret;

    memset(f, 0, sizeof(*f));
    f->name = name;
    f->fd = open(host_path, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0) {
        ret = -errno;
        error_report("%s: %s", name, strerror(errno));
        return ret;
    }
    if (fstat(f->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        error_report("%s: not a regular file", name);
        return -EACCES;
    }
    f->size = st.st_size;
    if (f->size < 4) {
        error_report("%s: not an ELF file", name);
        return -ENOEXEC;
    }
    if (f->size < sizeof(f->eh)) {
        ret = read_exact(f, &f->eh, 4, 0);
        if (ret == 0 && memcmp(f->eh.e_ident, ELFMAG, SELFMAG) != 0) {
            error_report("%s: not an ELF file", name);
        } else if (ret == 0) {
            error_report("%s: truncated ELF file", name);
        }
        return -ENOEXEC;
    }
    ret = read_exact(f, &f->eh, sizeof(f->eh), 0);
    if (ret < 0) {
        return ret;
    }
    if (memcmp(id, ELFMAG, SELFMAG) != 0) {
        error_report("%s: not an ELF file", name);
        return -ENOEXEC;
    }
    if (id[EI_CLASS] != ELFCLASS64 || id[EI_DATA] != ELFDATA2LSB ||
        f->eh.e_machine != TARGET_ELF_MACHINE) {
        error_report("%s: ELF file for %s (%s-bit, machine %u), not "
                     TARGET_NAME,
                     name, machine_name(f->eh.e_machine),
                     id[EI_CLASS] == ELFCLASS64 ? "64" : "32",
                     f->eh.e_machine);
        return -ENOEXEC;
    }
    if (id[EI_VERSION] != EV_CURRENT ||
        (f->eh.e_type != ET_EXEC && f->eh.e_type != ET_DYN)) {
        error_report("%s: not an executable ELF file (type %u)", name,
                     f->eh.e_type);
        return -ENOEXEC;
    }
    if (target_elf_check_flags(f->eh.e_flags)) {
        error_report("%s: %s", name, target_elf_check_flags(f->eh.e_flags));
        return -ENOEXEC;
    }
    if (f->eh.e_phentsize != sizeof(Elf64_Phdr) || f->eh.e_phnum == 0 ||
        f->eh.e_phnum > ELF_MAX_PHNUM) {
        error_report("%s: bad ELF program header table", name);
        return -ENOEXEC;
    }
    f->ph = xzalloc(sizeof(Elf64_Phdr) * f->eh.e_phnum);
    return read_exact(f, f->ph, sizeof(Elf64_Phdr) * f->eh.e_phnum,
                      f->eh.e_phoff);
}

static void elf_close(ElfFile *f)
{
    if (f->fd >= 0) {
        close(f->fd);
    }
    free(f->ph);
    f->ph = NULL;
    f->fd = -1;
}

static int elf_prot(uint32_t pflags)
{
    return (pflags & PF_R ? PROT_READ : 0) | (pflags & PF_W ? PROT_WRITE : 0) |
           (pflags & PF_X ? PROT_EXEC : 0);
}

/* Check every PT_LOAD and find the span [lo, hi) of the image. */
static int elf_check_loads(ElfFile *f, abi_ulong *lo, abi_ulong *hi,
                           abi_ulong *align)
{
    bool any = false;

    *lo = UINT64_MAX;
    *hi = 0;
    *align = USER_PAGE_SIZE;
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        Elf64_Phdr *p = &f->ph[i];

        if (p->p_type != PT_LOAD) {
            continue;
        }
        if (p->p_filesz > p->p_memsz || p->p_offset > f->size ||
            p->p_filesz > f->size - p->p_offset) {
            error_report("%s: truncated ELF file (segment %u beyond the end)",
                         f->name, i);
            return -ENOEXEC;
        }
        if (p->p_vaddr + p->p_memsz < p->p_vaddr ||
            p->p_vaddr + p->p_memsz > USER_GUEST_ADDR_LIMIT ||
            (p->p_vaddr - p->p_offset) % USER_PAGE_SIZE != 0) {
            error_report("%s: bad ELF segment %u", f->name, i);
            return -ENOEXEC;
        }
        if (p->p_align > *align && p->p_align <= 64 * MiB &&
            !(p->p_align & (p->p_align - 1))) {
            *align = p->p_align;
        }
        *lo = MIN(*lo, USER_PAGE_TRUNC(p->p_vaddr));
        *hi = MAX(*hi, USER_PAGE_ALIGN(p->p_vaddr + p->p_memsz));
        any = true;
    }
    if (!any || *hi <= *lo) {
        error_report("%s: no loadable segment", f->name);
        return -ENOEXEC;
    }
    return 0;
}

/* Map one PT_LOAD at bias + p_vaddr inside the reserved span. */
static int elf_map_segment(ElfFile *f, Elf64_Phdr *p, abi_ulong bias)
{
    int prot = elf_prot(p->p_flags);
    abi_ulong vaddr = bias + p->p_vaddr;
    abi_ulong page = USER_PAGE_TRUNC(vaddr);
    abi_ulong file_end = vaddr + p->p_filesz;
    abi_ulong mem_end = USER_PAGE_ALIGN(vaddr + p->p_memsz);
    abi_long r;

    if (p->p_filesz) {
        r = user_mmap_host(page, file_end - page, prot,
                           MAP_PRIVATE | MAP_FIXED, f->fd,
                           USER_PAGE_TRUNC(p->p_offset));
        if (r < 0) {
            error_report("%s: cannot map segment at 0x%" PRIx64 ": %s",
                         f->name, page, strerror((int)-r));
            return (int)r;
        }
        /* The rest of the last file page is bss: zero it. */
        if (p->p_memsz > p->p_filesz && (file_end & (USER_PAGE_SIZE - 1))) {
            abi_ulong zpage = USER_PAGE_TRUNC(file_end);
            size_t zlen = USER_PAGE_SIZE - (file_end & (USER_PAGE_SIZE - 1));

            if (!(prot & PROT_WRITE)) {
                mprotect(g2h(zpage), USER_PAGE_SIZE, PROT_READ | PROT_WRITE);
            }
            memset(g2h(file_end), 0, zlen);
            if (!(prot & PROT_WRITE)) {
                mprotect(g2h(zpage), USER_PAGE_SIZE,
                         prot & PROT_EXEC ? (prot & ~PROT_EXEC) | PROT_READ
                                          : prot);
            }
        }
        page = USER_PAGE_ALIGN(file_end);
    }
    if (mem_end > page) {
        r = user_mmap_host(page, mem_end - page, prot,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0) {
            error_report("%s: cannot map bss at 0x%" PRIx64 ": %s", f->name,
                         page, strerror((int)-r));
            return (int)r;
        }
    }
    return 0;
}

/*
 * extra: address space to keep free after a PIE image (the program
 * break goes there, as Linux puts the heap right after the executable).
 */
static int elf_map_image(ElfFile *f, ElfLoaded *out, abi_ulong extra)
{
    abi_ulong lo, hi, align, base, span;
    abi_long r;
    int ret;

    ret = elf_check_loads(f, &lo, &hi, &align);
    if (ret < 0) {
        return ret;
    }
    span = hi - lo;
    if (f->eh.e_type == ET_EXEC) {
        r = user_mmap_host(lo, span, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                           MAP_FIXED_NOREPLACE, -1, 0);
        if (r < 0) {
            error_report("%s: cannot place the program at 0x%" PRIx64
                         "-0x%" PRIx64 ": %s", f->name, lo, hi,
                         r == -EEXIST ? "address range in use"
                                      : strerror((int)-r));
            return (int)r;
        }
        out->bias = 0;
    } else {
        /* Reserve span + align so an aligned base fits, then trim. */
        r = user_mmap_host(0, span + align + extra, PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (r < 0) {
            error_report("%s: no room for a %" PRIu64 " KiB image", f->name,
                         span >> 10);
            return (int)r;
        }
        base = ALIGN_UP((abi_ulong)r, align);
        if (base > (abi_ulong)r) {
            user_target_munmap(r, base - r);
        }
        if ((abi_ulong)r + align + extra > base) {
            /* Freed now, claimed again by user_brk_init before anything
             * else can map there (nothing else runs yet). */
            user_target_munmap(base + span,
                               (abi_ulong)r + align + extra - base);
        }
        out->bias = base - lo;
    }
    out->end = 0;
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        Elf64_Phdr *p = &f->ph[i];

        if (p->p_type != PT_LOAD) {
            continue;
        }
        ret = elf_map_segment(f, p, out->bias);
        if (ret < 0) {
            return ret;
        }
        out->end = MAX(out->end, out->bias + p->p_vaddr + p->p_memsz);
    }
    out->entry = out->bias + f->eh.e_entry;
    out->phdr = 0;
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        Elf64_Phdr *p = &f->ph[i];

        if (p->p_type == PT_PHDR) {
            out->phdr = out->bias + p->p_vaddr;
            break;
        }
        if (p->p_type == PT_LOAD && f->eh.e_phoff >= p->p_offset &&
            f->eh.e_phoff - p->p_offset < p->p_filesz) {
            out->phdr = out->bias + p->p_vaddr + (f->eh.e_phoff - p->p_offset);
        }
    }
    return 0;
}

/* Read PT_INTERP into buf (NUL-terminated). 0 if none, 1 if found. */
static int elf_read_interp(ElfFile *f, char *buf, size_t size)
{
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        Elf64_Phdr *p = &f->ph[i];
        int ret;

        if (p->p_type != PT_INTERP) {
            continue;
        }
        if (p->p_filesz < 2 || p->p_filesz > size) {
            error_report("%s: bad PT_INTERP", f->name);
            return -ENOEXEC;
        }
        ret = read_exact(f, buf, p->p_filesz, p->p_offset);
        if (ret < 0) {
            return ret;
        }
        if (buf[p->p_filesz - 1] != 0 || strlen(buf) != p->p_filesz - 1) {
            error_report("%s: bad PT_INTERP", f->name);
            return -ENOEXEC;
        }
        return 1;
    }
    return 0;
}

/* ---- the initial stack ------------------------------------------------- */

typedef struct StackBuilder {
    abi_ulong limit;   /* lowest usable address */
    abi_ulong pos;     /* grows down */
} StackBuilder;

static abi_ulong stack_push_bytes(StackBuilder *s, const void *data,
                                  size_t len)
{
    if (s->pos - s->limit < len + 4096) {
        return 0;
    }
    s->pos -= len;
    memcpy(g2h(s->pos), data, len);
    return s->pos;
}

static int count_strings(char *const *v)
{
    int n = 0;

    while (v && v[n]) {
        n++;
    }
    return n;
}

static int stack_build(const UserLoadParams *params, UserImage *img)
{
    StackBuilder s = { .limit = img->stack_limit, .pos = img->stack_top };
    int argc = count_strings(params->argv);
    int envc = count_strings(params->envp);
    abi_ulong *argv_addr = xzalloc(sizeof(abi_ulong) * (argc + 1));
    abi_ulong *envp_addr = xzalloc(sizeof(abi_ulong) * (envc + 1));
    abi_ulong execfn, platform, random_addr, sp;
    uint64_t auxv[64];
    uint8_t random[16];
    unsigned na = 0;
    size_t words;
    uint64_t *w;
    int ret = -E2BIG;

    /* Strings first, at the top: the executable name, then envp, argv. */
    execfn = stack_push_bytes(&s, params->path, strlen(params->path) + 1);
    for (int i = envc - 1; i >= 0; i--) {
        envp_addr[i] = stack_push_bytes(&s, params->envp[i],
                                        strlen(params->envp[i]) + 1);
        if (!envp_addr[i]) {
            goto out;
        }
    }
    for (int i = argc - 1; i >= 0; i--) {
        argv_addr[i] = stack_push_bytes(&s, params->argv[i],
                                        strlen(params->argv[i]) + 1);
        if (!argv_addr[i]) {
            goto out;
        }
    }
    platform = stack_push_bytes(&s, TARGET_ELF_PLATFORM,
                                sizeof(TARGET_ELF_PLATFORM));
    if (getrandom(random, sizeof(random), 0) != sizeof(random)) {
        for (unsigned i = 0; i < sizeof(random); i++) {
            random[i] = (uint8_t)(clock_monotonic_ns() >> (i % 8));
        }
    }
    s.pos &= ~15ull;
    random_addr = stack_push_bytes(&s, random, sizeof(random));
    if (!execfn || !platform || !random_addr) {
        goto out;
    }

#define AUX(type, val) (auxv[na++] = (type), auxv[na++] = (val))
    AUX(AT_PHDR, img->phdr);
    AUX(AT_PHENT, img->phent);
    AUX(AT_PHNUM, img->phnum);
    AUX(AT_PAGESZ, TARGET_PAGE_SIZE);
    AUX(AT_BASE, img->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, img->exe_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
    AUX(AT_HWCAP, target_elf_hwcap());
    AUX(AT_HWCAP2, 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_EXECFN, execfn);
    AUX(AT_PLATFORM, platform);
#ifdef TARGET_AT_MINSIGSTKSZ
    AUX(51 /* AT_MINSIGSTKSZ */, TARGET_AT_MINSIGSTKSZ);
#endif
    AUX(AT_NULL, 0);
#undef AUX

    words = 1 + (argc + 1) + (envc + 1) + na;
    if (s.pos - s.limit < words * 8 + 4096) {
        goto out;
    }
    sp = (s.pos - words * 8) & ~15ull;
    w = g2h(sp);
    *w++ = argc;
    for (int i = 0; i < argc; i++) {
        *w++ = argv_addr[i];
    }
    *w++ = 0;
    for (int i = 0; i < envc; i++) {
        *w++ = envp_addr[i];
    }
    *w++ = 0;
    memcpy(w, auxv, na * 8);
    img->sp = sp;
    ret = 0;
out:
    if (ret < 0) {
        error_report("%s: argument list and environment too long for a "
                     "%" PRIu64 " KiB stack", params->path,
                     (img->stack_top - img->stack_limit) >> 10);
    }
    free(argv_addr);
    free(envp_addr);
    return ret;
}

int user_elf_load(const UserLoadParams *params, UserImage *img)
{
    ElfFile exe, interp = { .fd = -1 };
    ElfLoaded exe_map = { 0 }, interp_map = { 0 };
    char interp_name[PATH_MAX];
    char mapped[PATH_MAX];
    abi_long stack;
    int ret;

    memset(img, 0, sizeof(*img));
    ret = elf_open(&exe, params->path, params->path);
    if (ret < 0) {
        goto out;
    }
    ret = elf_read_interp(&exe, interp_name, sizeof(interp_name));
    if (ret < 0) {
        goto out;
    }
    if (ret == 1) {
        const char *host = user_path_map(interp_name, mapped, sizeof(mapped));

        if (access(host, F_OK) != 0) {
            const char *prefix = user_path_get_prefix();

            error_report("%s: cannot find the ELF interpreter %s%s%s",
                         params->path, interp_name,
                         prefix ? " under -L " : " (use -L PREFIX)",
                         prefix ? prefix : "");
            ret = -ENOENT;
            goto out;
        }
        snprintf(img->interp_path, sizeof(img->interp_path), "%s", host);
        ret = elf_open(&interp, host, host);
        if (ret < 0) {
            goto out;
        }
    }
    ret = elf_map_image(&exe, &exe_map, USER_BRK_RESERVE);
    if (ret < 0) {
        goto out;
    }
    /* Claim the break's room before the interpreter could land there. */
    img->start_brk = USER_PAGE_ALIGN(exe_map.end);
    user_brk_init(img->start_brk);
    if (interp.fd >= 0) {
        ret = elf_map_image(&interp, &interp_map, 0);
        if (ret < 0) {
            goto out;
        }
        img->interp_base = interp_map.bias;
        img->entry = interp_map.entry;
    } else {
        img->entry = exe_map.entry;
    }
    img->exe_entry = exe_map.entry;
    img->load_bias = exe_map.bias;
    img->phdr = exe_map.phdr;
    img->phnum = exe.eh.e_phnum;
    img->phent = exe.eh.e_phentsize;
    if (!realpath(params->path, img->exec_path)) {
        snprintf(img->exec_path, sizeof(img->exec_path), "%s", params->path);
    }

    /*
     * A guard gap below the stack, as Linux keeps (stack_guard_gap): a
     * runaway recursion faults there (SIGSEGV for the guest) instead of
     * writing into whatever host mapping happens to lie below, which with
     * guest_base 0 could be the emulator's own memory.
     */
    stack = user_mmap_host(0, USER_STACK_GUARD + params->stack_size,
                           PROT_NONE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (stack >= 0) {
        abi_long top = user_mmap_host(stack + USER_STACK_GUARD,
                                      params->stack_size,
                                      PROT_READ | PROT_WRITE,
                                      MAP_PRIVATE | MAP_ANONYMOUS |
                                      MAP_STACK | MAP_FIXED, -1, 0);
        stack = top < 0 ? top : stack + USER_STACK_GUARD;
    }
    if (stack < 0) {
        error_report("cannot allocate a %" PRIu64 " KiB guest stack: %s",
                     params->stack_size >> 10, strerror((int)-stack));
        ret = (int)stack;
        goto out;
    }
    img->stack_limit = stack;
    img->stack_top = stack + USER_PAGE_ALIGN(params->stack_size);
    ret = stack_build(params, img);
out:
    elf_close(&exe);
    if (interp.fd >= 0 || interp.ph) {
        elf_close(&interp);
    }
    return ret;
}
