/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PVH ELF loading. The file is untrusted input: every offset and size is
 * checked in 64-bit arithmetic against the file and guest RAM before use,
 * and nothing is written until the whole image has been validated.
 */
#include "machines/pc/pvh.h"

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

/* More program headers than any kernel has; bounds the parse loops. */
#define PVH_MAX_PHDRS 4096

typedef struct ElfPhdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} ElfPhdr;

typedef struct ElfImage {
    const char *name;
    const uint8_t *data;
    size_t size;
    bool is64;
    uint64_t phoff;
    unsigned phentsize, phnum;
} ElfImage;

bool pvh_probe(const uint8_t *kernel, size_t size)
{
    return size >= SELFMAG && memcmp(kernel, ELFMAG, SELFMAG) == 0;
}

/* Is [off, off + len) inside the file? */
static bool elf_range_ok(const ElfImage *elf, uint64_t off, uint64_t len)
{
    return off <= elf->size && len <= elf->size - off;
}

static void elf_phdr_read(const ElfImage *elf, unsigned i, ElfPhdr *ph)
{
    const uint8_t *p = elf->data + elf->phoff + (uint64_t)i * elf->phentsize;

    if (elf->is64) {
        ph->type = ld32_le(p);
        ph->offset = ld64_le(p + 8);
        ph->paddr = ld64_le(p + 24);
        ph->filesz = ld64_le(p + 32);
        ph->memsz = ld64_le(p + 40);
    } else {
        ph->type = ld32_le(p);
        ph->offset = ld32_le(p + 4);
        ph->paddr = ld32_le(p + 12);
        ph->filesz = ld32_le(p + 16);
        ph->memsz = ld32_le(p + 20);
    }
}

static int elf_header_parse(ElfImage *elf)
{
    const uint8_t *k = elf->data;
    uint16_t machine, type;
    unsigned min_phentsize;

    if (elf->size < EI_NIDENT || !pvh_probe(k, elf->size)) {
        error_report("%s: not an ELF file", elf->name);
        return -ENOEXEC;
    }
    if (k[EI_CLASS] != ELFCLASS32 && k[EI_CLASS] != ELFCLASS64) {
        error_report("%s: unknown ELF class %u", elf->name, k[EI_CLASS]);
        return -ENOEXEC;
    }
    elf->is64 = k[EI_CLASS] == ELFCLASS64;
    if (elf->size < (elf->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr))) {
        error_report("%s: truncated ELF header", elf->name);
        return -ENOEXEC;
    }
    if (k[EI_DATA] != ELFDATA2LSB) {
        error_report("%s: big-endian ELF is not an x86 kernel", elf->name);
        return -ENOEXEC;
    }
    type = ld16_le(k + 16);
    machine = ld16_le(k + 18);
    if (machine != EM_X86_64 && machine != EM_386) {
        error_report("%s: ELF machine %u is not x86 (EM_386 or EM_X86_64)",
                     elf->name, machine);
        return -ENOEXEC;
    }
    if (type != ET_EXEC && type != ET_DYN) {
        error_report("%s: ELF type %u is not an executable", elf->name, type);
        return -ENOEXEC;
    }
    if (elf->is64) {
        elf->phoff = ld64_le(k + 32);
        elf->phentsize = ld16_le(k + 54);
        elf->phnum = ld16_le(k + 56);
        min_phentsize = sizeof(Elf64_Phdr);
    } else {
        elf->phoff = ld32_le(k + 28);
        elf->phentsize = ld16_le(k + 42);
        elf->phnum = ld16_le(k + 44);
        min_phentsize = sizeof(Elf32_Phdr);
    }
    if (elf->phnum == 0 || elf->phnum >= PN_XNUM ||
        elf->phnum > PVH_MAX_PHDRS || elf->phentsize < min_phentsize) {
        error_report("%s: bad ELF program header table (%u entries of %u "
                     "bytes)", elf->name, elf->phnum, elf->phentsize);
        return -ENOEXEC;
    }
    if (!elf_range_ok(elf, elf->phoff,
                      (uint64_t)elf->phnum * elf->phentsize)) {
        error_report("%s: truncated ELF: program headers past the end of "
                     "the file", elf->name);
        return -ENOEXEC;
    }
    return 0;
}

/*
 * Look through one PT_NOTE segment for the Xen PHYS32_ENTRY note.
 * Returns 1 and *entry if found, 0 if not, -ENOEXEC (reported) if broken.
 */
static int elf_note_find_entry(const ElfImage *elf, const ElfPhdr *ph,
                               uint64_t *entry)
{
    uint64_t pos = ph->offset, end = ph->offset + ph->filesz;

    if (!elf_range_ok(elf, ph->offset, ph->filesz)) {
        error_report("%s: truncated ELF: note segment past the end of the "
                     "file", elf->name);
        return -ENOEXEC;
    }
    while (end - pos >= 12) {
        const uint8_t *n = elf->data + pos;
        uint64_t namesz = ld32_le(n), descsz = ld32_le(n + 4);
        uint32_t type = ld32_le(n + 8);
        uint64_t name_off = pos + 12;
        uint64_t desc_off = name_off + ALIGN_UP(namesz, 4);
        uint64_t next = desc_off + ALIGN_UP(descsz, 4);

        if (desc_off + descsz > end) {
            error_report("%s: malformed ELF note", elf->name);
            return -ENOEXEC;
        }
        if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
            memcmp(elf->data + name_off, "Xen", 4) == 0) {
            /* Linux emits the entry as a pointer-sized value. */
            if (descsz == 4) {
                *entry = ld32_le(elf->data + desc_off);
            } else if (descsz == 8) {
                *entry = ld64_le(elf->data + desc_off);
            } else {
                error_report("%s: PVH entry note has a %" PRIu64 "-byte "
                             "value", elf->name, descsz);
                return -ENOEXEC;
            }
            return 1;
        }
        pos = MIN(next, end);
    }
    return 0;
}

int pvh_load(uint8_t *ram, uint64_t ram_size, const PcBootConfig *cfg,
             X86CPUState *cpu, PcBootInfo *info)
{
    ElfImage elf = {
        .name = cfg->kernel_name ? cfg->kernel_name : "kernel",
        .data = cfg->kernel,
        .size = cfg->kernel_size,
    };
    const char *cmdline = cfg->cmdline ? cfg->cmdline : "";
    size_t cmdline_len = strlen(cmdline);
    uint64_t entry = 0, kernel_start = UINT64_MAX, kernel_end = 0;
    uint64_t initrd_addr = 0, ram_top;
    bool have_entry = false, entry_in_segment = false;
    uint8_t *si = ram + PC_BOOT_START_INFO_ADDR;
    ElfPhdr ph;
    int ret;

    ret = elf_header_parse(&elf);
    if (ret < 0) {
        return ret;
    }
    if (ram_size < PC_HIGH_MEMORY_ADDR) {
        error_report("%s: guest RAM too small for a kernel", elf.name);
        return -E2BIG;
    }
    ram_top = MIN(ram_size, PC_HIGH_RAM_BASE);

    /* Pass 1: the entry note. */
    for (unsigned i = 0; i < elf.phnum && !have_entry; i++) {
        elf_phdr_read(&elf, i, &ph);
        if (ph.type == PT_NOTE) {
            ret = elf_note_find_entry(&elf, &ph, &entry);
            if (ret < 0) {
                return ret;
            }
            have_entry = ret > 0;
        }
    }
    if (!have_entry) {
        error_report("%s: ELF kernel has no PVH entry note "
                     "(XEN_ELFNOTE_PHYS32_ENTRY); build it with CONFIG_PVH=y",
                     elf.name);
        return -ENOEXEC;
    }

    /* Pass 2: every loadable segment must sit in the file and in RAM. */
    for (unsigned i = 0; i < elf.phnum; i++) {
        elf_phdr_read(&elf, i, &ph);
        if (ph.type != PT_LOAD || ph.memsz == 0) {
            continue;
        }
        if (ph.filesz > ph.memsz || !elf_range_ok(&elf, ph.offset, ph.filesz)) {
            error_report("%s: truncated or malformed ELF: segment %u "
                         "(offset 0x%" PRIx64 ", %" PRIu64 " bytes) is not "
                         "in the file", elf.name, i, ph.offset, ph.filesz);
            return -ENOEXEC;
        }
        if (ph.paddr < PC_HIGH_MEMORY_ADDR || ph.paddr >= ram_top ||
            ph.memsz > ram_top - ph.paddr ||
            !e820_table_covers(cfg->e820, ph.paddr, ph.memsz,
                               E820_TYPE_RAM)) {
            error_report("%s: ELF segment %u at 0x%" PRIx64 " (%" PRIu64
                         " bytes) is outside guest RAM [0x%" PRIx64
                         ", 0x%" PRIx64 ")", elf.name, i, ph.paddr,
                         ph.memsz, PC_HIGH_MEMORY_ADDR, ram_top);
            return -E2BIG;
        }
        kernel_start = MIN(kernel_start, ph.paddr);
        kernel_end = MAX(kernel_end, ph.paddr + ph.memsz);
        if (entry >= ph.paddr && entry < ph.paddr + ph.memsz) {
            entry_in_segment = true;
        }
    }
    if (kernel_end == 0) {
        error_report("%s: ELF kernel has no loadable segment", elf.name);
        return -ENOEXEC;
    }
    if (!entry_in_segment) {
        error_report("%s: PVH entry point 0x%" PRIx64 " is outside the "
                     "kernel's segments", elf.name, entry);
        return -ENOEXEC;
    }
    if (cmdline_len > PC_BOOT_CMDLINE_MAX - 1) {
        error_report("%s: kernel command line too long: %zu bytes, at most "
                     "%" PRIu64, elf.name, cmdline_len,
                     PC_BOOT_CMDLINE_MAX - 1);
        return -E2BIG;
    }
    if (cfg->initrd && cfg->initrd_size) {
        uint64_t max_fit = 0;

        ret = e820_table_place_high(cfg->e820, cfg->initrd_size,
                                    ALIGN_UP(kernel_end, 4 * KiB), ram_top,
                                    4 * KiB, &initrd_addr, &max_fit);
        if (ret < 0) {
            error_report("%s: initrd is too large: %zu bytes, at most "
                         "%" PRIu64 " fit below 0x%" PRIx64 " after the "
                         "kernel", cfg->initrd_name ? cfg->initrd_name
                                                    : "initrd",
                         cfg->initrd_size, max_fit, ram_top);
            return -E2BIG;
        }
    }

    /* Validated: now write. Segments first, bss zeroed. */
    for (unsigned i = 0; i < elf.phnum; i++) {
        elf_phdr_read(&elf, i, &ph);
        if (ph.type != PT_LOAD || ph.memsz == 0) {
            continue;
        }
        memcpy(ram + ph.paddr, elf.data + ph.offset, ph.filesz);
        memset(ram + ph.paddr + ph.filesz, 0, ph.memsz - ph.filesz);
    }
    memcpy(ram + PC_BOOT_CMDLINE_ADDR, cmdline, cmdline_len + 1);
    if (initrd_addr) {
        memcpy(ram + initrd_addr, cfg->initrd, cfg->initrd_size);
    }

    memset(si, 0, 4 * KiB);
    st32_le(si + HVM_SI_MAGIC, HVM_START_MAGIC);
    st32_le(si + HVM_SI_VERSION, HVM_START_VERSION);
    st32_le(si + HVM_SI_FLAGS, 0);
    st64_le(si + HVM_SI_CMDLINE_PADDR, PC_BOOT_CMDLINE_ADDR);
    st64_le(si + HVM_SI_RSDP_PADDR, cfg->acpi_rsdp_addr);
    if (initrd_addr) {
        uint8_t *mod = ram + PVH_MODLIST_ADDR;

        st32_le(si + HVM_SI_NR_MODULES, 1);
        st64_le(si + HVM_SI_MODLIST_PADDR, PVH_MODLIST_ADDR);
        st64_le(mod, initrd_addr);
        st64_le(mod + 8, cfg->initrd_size);
        st64_le(mod + 16, 0);   /* no module command line */
        st64_le(mod + 24, 0);
    }
    st64_le(si + HVM_SI_MEMMAP_PADDR, PVH_MEMMAP_ADDR);
    st32_le(si + HVM_SI_MEMMAP_ENTRIES,
            e820_table_encode_hvm_memmap(cfg->e820, ram + PVH_MEMMAP_ADDR,
                                         E820_MAX_ENTRIES));

    x86_cpu_state_set_flat32(cpu, entry);
    memset(cpu->regs, 0, sizeof(cpu->regs));
    cpu->regs[R_EBX] = PC_BOOT_START_INFO_ADDR;
    pc_boot_gdt_setup(ram, ram_size, cpu);

    if (info) {
        *info = (PcBootInfo){
            .entry = entry,
            .kernel_addr = kernel_start,
            .kernel_end = kernel_end,
            .initrd_addr = initrd_addr,
            .initrd_size = initrd_addr ? cfg->initrd_size : 0,
            .cmdline_addr = PC_BOOT_CMDLINE_ADDR,
            .boot_info_addr = PC_BOOT_START_INFO_ADDR,
        };
    }
    return 0;
}
