/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PVH direct boot: an x86 ELF kernel (vmlinux built with CONFIG_PVH, or
 * any kernel with the note) whose XEN_ELFNOTE_PHYS32_ENTRY note names a
 * 32-bit entry point. Its PT_LOAD segments go at their physical
 * addresses; the BSP enters in flat 32-bit protected mode, paging off,
 * with %ebx pointing at a struct hvm_start_info (Xen public header
 * arch-x86/hvm/start_info.h, version 1: with the memory map).
 */
#ifndef MACHINES_PC_PVH_H
#define MACHINES_PC_PVH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/x86/cpu-state.h"
#include "machines/pc/linux-boot.h"

#define XEN_ELFNOTE_PHYS32_ENTRY    18
#define HVM_START_MAGIC             0x336ec578
#define HVM_START_VERSION           1

/* struct hvm_start_info layout (all little endian). */
#define HVM_SI_MAGIC            0
#define HVM_SI_VERSION          4
#define HVM_SI_FLAGS            8
#define HVM_SI_NR_MODULES       12
#define HVM_SI_MODLIST_PADDR    16
#define HVM_SI_CMDLINE_PADDR    24
#define HVM_SI_RSDP_PADDR       32
#define HVM_SI_MEMMAP_PADDR     40
#define HVM_SI_MEMMAP_ENTRIES   48
#define HVM_SI_SIZE             56
/* struct hvm_modlist_entry: paddr, size, cmdline_paddr, reserved. */
#define HVM_MODLIST_ENTRY_SIZE  32

/* Where the start_info page's parts go (PC_BOOT_START_INFO_ADDR page). */
#define PVH_MODLIST_ADDR    (PC_BOOT_START_INFO_ADDR + 64)
#define PVH_MEMMAP_ADDR     (PC_BOOT_START_INFO_ADDR + 128)

/* Does the image start with the ELF magic? Silent. */
bool pvh_probe(const uint8_t *kernel, size_t size);

/*
 * Load a PVH ELF kernel, its initrd (as module 0) and command line, build
 * hvm_start_info with the memory map, and put the BSP at the PVH entry.
 * Every header, segment and note is checked against the file and guest
 * RAM before anything is written; segments below 1 MiB are refused so
 * they cannot overwrite the boot structures. Returns 0, or a negative
 * errno after one error_report() naming the file: -ENOEXEC (bad or
 * truncated ELF, wrong machine, no PVH note), -E2BIG (does not fit).
 */
int pvh_load(uint8_t *ram, uint64_t ram_size, const PcBootConfig *cfg,
             X86CPUState *cpu, PcBootInfo *info);

#endif
