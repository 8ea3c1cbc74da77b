/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * virt boot pieces: the riscv Linux Image header, where firmware, kernel,
 * initrd and device tree go in RAM, and the reset-vector ROM.
 */
#include "machines/virt/virt.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "util/error.h"


/* Image header fields (little endian). */
#define IMAGE_TEXT_OFFSET 8
#define IMAGE_IMAGE_SIZE 16
#define IMAGE_MAGIC 48        /* "RISCV\0\0\0", deprecated */
#define IMAGE_MAGIC2 56       /* "RSC\x05" */

int riscv_image_parse(const char *name, const uint8_t *data, size_t size,
                      RiscvImageInfo *info)
{
    static const uint8_t magic[8] = { 'R', 'I', 'S', 'C', 'V', 0, 0, 0 };
    static const uint8_t magic2[4] = { 'R', 'S', 'C', 0x05 };

    if (size >= 4 && !memcmp(data, "\x7f" "ELF", 4)) {
        error_report("-kernel %s: an ELF file (vmlinux?); the virt board "
                     "boots the riscv64 Linux Image (arch/riscv/boot/Image)",
                     name);
        return -ENOEXEC;
    }
    if (size < RISCV_IMAGE_HEADER_SIZE ||
        (memcmp(data + IMAGE_MAGIC, magic, sizeof(magic)) &&
         memcmp(data + IMAGE_MAGIC2, magic2, sizeof(magic2)))) {
        error_report("-kernel %s: not a riscv64 Linux Image (no \"RISCV\" "
                     "or \"RSC\\x05\" magic in its 64-byte header)", name);
        return -ENOEXEC;
    }
    info->text_offset = ld64_le(data + IMAGE_TEXT_OFFSET);
    info->image_size = ld64_le(data + IMAGE_IMAGE_SIZE);
    /* Old kernels leave image_size 0: then the file is all there is. */
    if (info->image_size < size) {
        info->image_size = size;
    }
    return 0;
}

int virt_layout_compute(const VirtLayoutInput *in, const char *kernel_name,
                        const char *initrd_name, VirtLayout *out)
{
    uint64_t ram_end = VIRT_DRAM_BASE + in->ram_size;
    uint64_t top = MIN(ram_end, 3 * GiB);
    uint64_t low_end, kernel_size;

    memset(out, 0, sizeof(*out));
    if (in->fdt_size + 2 * MiB > top - VIRT_DRAM_BASE) {
        error_report("-m: %" PRIu64 " MiB of RAM is too small for the "
                     "device tree", in->ram_size / MiB);
        return -E2BIG;
    }
    out->fdt_addr = ALIGN_DOWN(top - in->fdt_size, 2 * MiB);
    low_end = VIRT_DRAM_BASE + in->bios_size;
    if (low_end > out->fdt_addr) {
        error_report("-bios: a %zu-byte firmware does not fit below the "
                     "device tree at 0x%" PRIx64 " (-m is too small)",
                     in->bios_size, out->fdt_addr);
        return -E2BIG;
    }
    if (!in->has_kernel) {
        return 0;
    }
    /* Without firmware, leave the first 2 MiB as an SBI firmware would. */
    out->kernel_addr = in->bios_size ? ALIGN_UP(low_end, 2 * MiB)
                                     : VIRT_DRAM_BASE + 2 * MiB;
    kernel_size = MAX(in->kernel.image_size, (uint64_t)in->kernel_file_size);
    /* compared before adding: a header's image_size may be anything */
    if (out->kernel_addr > out->fdt_addr ||
        kernel_size > out->fdt_addr - out->kernel_addr) {
        error_report("-kernel %s: the kernel (%" PRIu64 " bytes in memory at "
                     "0x%" PRIx64 ") does not fit in %" PRIu64 " MiB of RAM",
                     kernel_name, kernel_size, out->kernel_addr,
                     in->ram_size / MiB);
        return -E2BIG;
    }
    out->kernel_end = out->kernel_addr + kernel_size;
    if (in->initrd_size) {
        uint64_t room = out->fdt_addr - out->kernel_end;

        if (in->initrd_size > room) {
            error_report("-initrd %s: initrd is too large: %zu bytes, but "
                         "only %" PRIu64 " bytes of RAM are free between the "
                         "kernel and the device tree", initrd_name,
                         in->initrd_size, room);
            return -E2BIG;
        }
        out->initrd_start = ALIGN_DOWN(out->fdt_addr - in->initrd_size, 4096);
        if (out->initrd_start < out->kernel_end) {
            out->initrd_start = out->kernel_end;
        }
        out->initrd_end = out->initrd_start + in->initrd_size;
    }
    return 0;
}

/* ---- reset vector ------------------------------------------------------ */

enum { REG_T0 = 5, REG_A0 = 10, REG_A1 = 11, REG_A2 = 12 };

static uint32_t insn_i(unsigned opcode, unsigned funct3, unsigned rd,
                       unsigned rs1, int32_t imm)
{
    return ((uint32_t)(imm & 0xfff) << 20) | (rs1 << 15) | (funct3 << 12) |
           (rd << 7) | opcode;
}

#define OP_AUIPC 0x17
#define OP_IMM 0x13
#define OP_LOAD 0x03
#define OP_JALR 0x67
#define OP_SYSTEM 0x73
#define CSR_MHARTID 0xf14

/* The data after the code, at fixed offsets from the ROM start. */
#define ROM_START_ADDR 24
#define ROM_FDT_ADDR 32
#define ROM_DYNAMIC_INFO 40

/* OpenSBI's fw_dynamic_info, version 2 (magic "OSBI"). */
#define FW_DYNAMIC_MAGIC 0x4942534full
#define FW_DYNAMIC_VERSION 2
#define FW_DYNAMIC_NEXT_MODE_S 1
#define FW_DYNAMIC_BOOT_HART_ANY UINT64_MAX   /* lottery */

size_t virt_rom_build(uint8_t *rom, size_t rom_size, uint64_t start_addr,
                      uint64_t fdt_addr, uint64_t kernel_addr)
{
    const uint32_t code[] = {
        (REG_T0 << 7) | OP_AUIPC,                            /* auipc t0, 0 */
        insn_i(OP_IMM, 0, REG_A2, REG_T0, ROM_DYNAMIC_INFO), /* addi a2 */
        insn_i(OP_SYSTEM, 2, REG_A0, 0, CSR_MHARTID),        /* csrr a0 */
        insn_i(OP_LOAD, 3, REG_A1, REG_T0, ROM_FDT_ADDR),    /* ld a1 */
        insn_i(OP_LOAD, 3, REG_T0, REG_T0, ROM_START_ADDR),  /* ld t0 */
        insn_i(OP_JALR, 0, 0, REG_T0, 0),                    /* jr t0 */
    };
    const uint64_t info[] = {
        FW_DYNAMIC_MAGIC, FW_DYNAMIC_VERSION, kernel_addr,
        FW_DYNAMIC_NEXT_MODE_S, 0 /* options */, FW_DYNAMIC_BOOT_HART_ANY,
    };
    size_t used = ROM_DYNAMIC_INFO + sizeof(info);

    if (rom_size < used) {
        return 0;
    }
    memset(rom, 0, used);
    for (size_t i = 0; i < ARRAY_SIZE(code); i++) {
        st32_le(rom + 4 * i, code[i]);
    }
    st64_le(rom + ROM_START_ADDR, start_addr);
    st64_le(rom + ROM_FDT_ADDR, fdt_addr);
    for (size_t i = 0; i < ARRAY_SIZE(info); i++) {
        st64_le(rom + ROM_DYNAMIC_INFO + 8 * i, info[i]);
    }
    return used;
}
