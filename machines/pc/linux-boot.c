/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bzImage direct boot through the Linux 32-bit boot protocol. The
 * real-mode setup code is not run: we do its job (fill boot_params from
 * the setup header and the memory map) and enter startup_32 directly, so
 * the guest needs no firmware and we need no page tables.
 */
#include "machines/pc/linux-boot.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

/* The setup header ends before boot_params.edd_mbr_sig_buffer. */
#define BP_HDR_LIMIT            0x290
/* Default initrd_addr_max for kernels that leave it 0 (boot.rst). */
#define LINUX_INITRD_ADDR_MAX_DEFAULT 0x37ffffffULL
/* heap_end_ptr as boot.rst suggests for a setup at 0x90000 (unused by
 * the 32-bit entry, but the kernel may look at CAN_USE_HEAP). */
#define LINUX_HEAP_END_PTR      0xfe00

/* A flat segment descriptor: base 0, 4 GiB, present, DPL 0. */
static uint64_t gdt_flat_descriptor(uint8_t type)
{
    return 0xffffULL |                  /* limit 15:0 */
           (uint64_t)type << 40 |
           1ULL << 44 |                 /* S: code/data */
           1ULL << 47 |                 /* P */
           0xfULL << 48 |               /* limit 19:16 */
           1ULL << 54 |                 /* D/B: 32-bit */
           1ULL << 55;                  /* G: 4 KiB granular */
}

static uint64_t gdt_tss_descriptor(uint32_t base, uint32_t limit)
{
    return (limit & 0xffffULL) |
           (uint64_t)(base & 0xffffff) << 16 |
           0xbULL << 40 |               /* busy 32-bit TSS, as after LTR */
           1ULL << 47 |
           (uint64_t)((limit >> 16) & 0xf) << 48 |
           (uint64_t)(base >> 24) << 56;
}

int pc_boot_gdt_setup(uint8_t *ram, uint64_t ram_size, X86CPUState *cpu)
{
    uint8_t *gdt = ram + PC_BOOT_GDT_ADDR;

    if (ram_size < PC_BOOT_TSS_ADDR + PC_BOOT_TSS_SIZE) {
        return -EINVAL;
    }
    /* Entries 0 and 1 stay null; boot.rst fixes the selectors at 0x10+. */
    memset(gdt, 0, PC_BOOT_GDT_ENTRIES * 8);
    st64_le(gdt + PC_BOOT_CS, gdt_flat_descriptor(0xb));   /* exec/read */
    st64_le(gdt + PC_BOOT_DS, gdt_flat_descriptor(0x3));   /* read/write */
    /* KVM (VMX) refuses to enter a guest whose TR is not a usable TSS. */
    st64_le(gdt + PC_BOOT_TSS_SEL,
            gdt_tss_descriptor(PC_BOOT_TSS_ADDR, PC_BOOT_TSS_SIZE - 1));
    memset(ram + PC_BOOT_TSS_ADDR, 0, PC_BOOT_TSS_SIZE);

    cpu->gdt.base = PC_BOOT_GDT_ADDR;
    cpu->gdt.limit = PC_BOOT_GDT_ENTRIES * 8 - 1;
    cpu->tr.selector = PC_BOOT_TSS_SEL;
    cpu->tr.base = PC_BOOT_TSS_ADDR;
    cpu->tr.limit = PC_BOOT_TSS_SIZE - 1;
    cpu->tr.type = 0xb;
    cpu->tr.present = true;
    cpu->tr.s = false;
    return 0;
}

bool linux_boot_probe(const uint8_t *kernel, size_t size)
{
    return size >= BP_VERSION + 2 &&
           ld32_le(kernel + BP_HEADER) == LINUX_HDRS_MAGIC;
}

/* Everything worked out from the image before guest memory is touched. */
typedef struct LinuxImage {
    uint16_t version;
    size_t setup_size;      /* real-mode part, not loaded */
    size_t hdr_end;         /* file offset where the setup header ends */
    uint64_t kernel_end;    /* end of the memory the kernel will use */
    uint32_t cmdline_max;
    uint64_t initrd_max_end;
} LinuxImage;

static int linux_image_parse(const PcBootConfig *cfg, uint64_t ram_size,
                             LinuxImage *img)
{
    const char *name = cfg->kernel_name ? cfg->kernel_name : "kernel";
    const uint8_t *k = cfg->kernel;
    size_t size = cfg->kernel_size;
    uint64_t pm_size, syssize, pref, init_size, align, run_start, ram_end;

    if (!linux_boot_probe(k, size)) {
        error_report("%s: not a bzImage (no \"HdrS\" setup header)", name);
        return -ENOEXEC;
    }
    img->version = ld16_le(k + BP_VERSION);
    if (img->version < LINUX_BOOT_PROTOCOL_MIN) {
        error_report("%s: Linux boot protocol %u.%02u is too old, "
                     "%u.%02u or newer is needed", name,
                     img->version >> 8, img->version & 0xff,
                     LINUX_BOOT_PROTOCOL_MIN >> 8,
                     LINUX_BOOT_PROTOCOL_MIN & 0xff);
        return -ENOEXEC;
    }
    if (!(k[BP_LOADFLAGS] & LINUX_LOADED_HIGH)) {
        error_report("%s: a zImage (loaded below 1 MiB) is not supported, "
                     "use a bzImage", name);
        return -ENOEXEC;
    }
    /* setup_sects 0 means 4 for compatibility with ancient kernels. */
    img->setup_size = ((size_t)(k[BP_SETUP_SECTS] ? k[BP_SETUP_SECTS] : 4) + 1)
                      * 512;
    img->hdr_end = MIN((size_t)BP_HEADER + k[BP_JUMP + 1], BP_HDR_LIMIT);
    if (size <= img->setup_size || size < img->hdr_end) {
        error_report("%s: truncated bzImage: %zu bytes, the setup part "
                     "alone is %zu", name, size, img->setup_size);
        return -ENOEXEC;
    }
    pm_size = size - img->setup_size;
    /* syssize counts 16-byte paragraphs, rounded up. */
    syssize = (uint64_t)ld32_le(k + BP_SYSSIZE) * 16;
    if (syssize > pm_size + 15) {
        error_report("%s: truncated bzImage: the header says %" PRIu64
                     " bytes of kernel, the file has %" PRIu64,
                     name, syssize, pm_size);
        return -ENOEXEC;
    }

    /*
     * Where the kernel decompresses itself and how much it needs
     * (init_size, protocol 2.10): a relocatable kernel runs at the load
     * address rounded to kernel_alignment but never below pref_address
     * (LOAD_PHYSICAL_ADDR); a fixed one runs at pref_address. Before
     * 2.10 guess four times the compressed size.
     */
    if (img->version >= 0x020a) {
        pref = ld64_le(k + BP_PREF_ADDRESS);
        init_size = ld32_le(k + BP_INIT_SIZE);
    } else {
        pref = LINUX_KERNEL_LOAD_ADDR;
        init_size = pm_size * 4;
    }
    align = ld32_le(k + BP_KERNEL_ALIGNMENT);
    if (k[BP_RELOCATABLE_KERNEL] && align && !(align & (align - 1))) {
        run_start = MAX(ALIGN_UP(LINUX_KERNEL_LOAD_ADDR, align), pref);
    } else {
        run_start = MAX(pref, LINUX_KERNEL_LOAD_ADDR);
    }
    ram_end = 0;
    for (unsigned i = 0; i < cfg->e820->nr; i++) {
        const E820Entry *e = &cfg->e820->entries[i];
        if (e->type == E820_TYPE_RAM && e->addr <= LINUX_KERNEL_LOAD_ADDR &&
            e->addr + e->size > LINUX_KERNEL_LOAD_ADDR) {
            ram_end = MIN(e->addr + e->size, ram_size);
        }
    }
    if (run_start >= PC_HIGH_RAM_BASE) {
        img->kernel_end = UINT64_MAX;
    } else {
        img->kernel_end = MAX(LINUX_KERNEL_LOAD_ADDR + pm_size,
                              run_start + init_size);
    }
    if (img->kernel_end > ram_end) {
        if (img->kernel_end == UINT64_MAX) {
            error_report("%s: kernel too big for RAM: it wants to run at "
                         "0x%" PRIx64 ", above 4 GiB", name, pref);
        } else {
            error_report("%s: kernel too big for RAM: it needs memory up to "
                         "0x%" PRIx64 ", RAM at 1 MiB ends at 0x%" PRIx64,
                         name, img->kernel_end, ram_end);
        }
        return -E2BIG;
    }

    /* cmdline_size excludes the terminating NUL (boot.rst). */
    img->cmdline_max = MIN(ld32_le(k + BP_CMDLINE_SIZE),
                           (uint32_t)PC_BOOT_CMDLINE_MAX - 1);
    img->initrd_max_end = ld32_le(k + BP_INITRD_ADDR_MAX);
    if (img->initrd_max_end == 0) {
        img->initrd_max_end = LINUX_INITRD_ADDR_MAX_DEFAULT;
    }
    img->initrd_max_end = MIN(img->initrd_max_end + 1, ram_size);
    return 0;
}

int linux_boot_load(uint8_t *ram, uint64_t ram_size, const PcBootConfig *cfg,
                    X86CPUState *cpu, PcBootInfo *info)
{
    const char *name = cfg->kernel_name ? cfg->kernel_name : "kernel";
    const char *cmdline = cfg->cmdline ? cfg->cmdline : "";
    size_t cmdline_len = strlen(cmdline);
    LinuxImage img;
    uint64_t initrd_addr = 0;
    uint8_t *bp = ram + PC_BOOT_PARAMS_ADDR;
    int ret;

    if (ram_size < PC_HIGH_MEMORY_ADDR) {
        error_report("%s: guest RAM too small for a kernel", name);
        return -E2BIG;
    }
    ret = linux_image_parse(cfg, ram_size, &img);
    if (ret < 0) {
        return ret;
    }
    if (cmdline_len > img.cmdline_max) {
        error_report("%s: kernel command line too long: %zu bytes, "
                     "the kernel accepts at most %" PRIu32,
                     name, cmdline_len, img.cmdline_max);
        return -E2BIG;
    }
    if (cfg->initrd && cfg->initrd_size) {
        uint64_t max_fit = 0;

        ret = e820_table_place_high(cfg->e820, cfg->initrd_size,
                                    ALIGN_UP(img.kernel_end, 4 * KiB),
                                    img.initrd_max_end, 4 * KiB,
                                    &initrd_addr, &max_fit);
        if (ret < 0) {
            error_report("%s: initrd is too large: %zu bytes, at most "
                         "%" PRIu64 " fit below 0x%" PRIx64 " after the "
                         "kernel", cfg->initrd_name ? cfg->initrd_name
                                                    : "initrd",
                         cfg->initrd_size, max_fit, img.initrd_max_end);
            return -E2BIG;
        }
    }

    /* The zero page: all zero (sentinel included) but the setup header. */
    memset(bp, 0, BP_SIZE);
    memcpy(bp + BP_HDR, cfg->kernel + BP_HDR, img.hdr_end - BP_HDR);
    bp[BP_TYPE_OF_LOADER] = 0xff;       /* undefined boot loader */
    st16_le(bp + BP_VID_MODE, 0xffff);  /* "normal" */
    bp[BP_LOADFLAGS] = (bp[BP_LOADFLAGS] | LINUX_CAN_USE_HEAP) &
                       ~LINUX_KEEP_SEGMENTS;
    st16_le(bp + BP_HEAP_END_PTR, LINUX_HEAP_END_PTR);
    st32_le(bp + BP_CODE32_START, LINUX_KERNEL_LOAD_ADDR);
    st32_le(bp + BP_CMD_LINE_PTR, PC_BOOT_CMDLINE_ADDR);
    st32_le(bp + BP_EXT_CMD_LINE_PTR, 0);
    st32_le(bp + BP_RAMDISK_IMAGE, initrd_addr);
    st32_le(bp + BP_RAMDISK_SIZE, initrd_addr ? cfg->initrd_size : 0);
    st32_le(bp + BP_EXT_RAMDISK_IMAGE, initrd_addr >> 32);
    st32_le(bp + BP_EXT_RAMDISK_SIZE, 0);
    st64_le(bp + BP_ACPI_RSDP_ADDR, cfg->acpi_rsdp_addr);
    bp[BP_E820_ENTRIES] = e820_table_encode_boot_params(
        cfg->e820, bp + BP_E820_TABLE, E820_MAX_ENTRIES);

    memcpy(ram + LINUX_KERNEL_LOAD_ADDR, cfg->kernel + img.setup_size,
           cfg->kernel_size - img.setup_size);
    memcpy(ram + PC_BOOT_CMDLINE_ADDR, cmdline, cmdline_len + 1);
    if (initrd_addr) {
        memcpy(ram + initrd_addr, cfg->initrd, cfg->initrd_size);
    }

    /* boot.rst: flat 32-bit, interrupts off, %esi = boot_params,
     * %ebp = %edi = %ebx = 0. */
    x86_cpu_state_set_flat32(cpu, LINUX_KERNEL_LOAD_ADDR);
    memset(cpu->regs, 0, sizeof(cpu->regs));
    cpu->regs[R_ESI] = PC_BOOT_PARAMS_ADDR;
    pc_boot_gdt_setup(ram, ram_size, cpu);

    if (info) {
        *info = (PcBootInfo){
            .entry = LINUX_KERNEL_LOAD_ADDR,
            .kernel_addr = LINUX_KERNEL_LOAD_ADDR,
            .kernel_end = img.kernel_end,
            .initrd_addr = initrd_addr,
            .initrd_size = initrd_addr ? cfg->initrd_size : 0,
            .cmdline_addr = PC_BOOT_CMDLINE_ADDR,
            .boot_info_addr = PC_BOOT_PARAMS_ADDR,
        };
    }
    return 0;
}
