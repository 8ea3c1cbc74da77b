/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ELF loader of linux-user: maps a riscv64 executable (static, dynamic
 * or PIE) and its interpreter into the guest address space and builds the
 * initial stack (argc, argv, envp, auxv) as the Linux kernel would; it
 * also sets up the program break (user_brk_init) right after the exe.
 */
#ifndef USER_ELFLOAD_H
#define USER_ELFLOAD_H

#include <stdint.h>

#include "user/guest-access.h"

typedef struct UserImage {
    abi_ulong entry;         /* first guest pc: the interpreter's or the exe's */
    abi_ulong exe_entry;     /* AT_ENTRY */
    abi_ulong load_bias;     /* 0 for ET_EXEC */
    abi_ulong phdr;          /* AT_PHDR */
    unsigned phnum, phent;
    abi_ulong interp_base;   /* AT_BASE, 0 without PT_INTERP */
    abi_ulong start_brk;     /* first byte after the exe's bss, page aligned */
    abi_ulong stack_limit;   /* lowest stack address */
    abi_ulong stack_top;
    abi_ulong sp;            /* initial sp: points at argc */
    char exec_path[4096];    /* absolute path of the exe (/proc/self/exe) */
    char interp_path[4096];  /* host path of the interpreter, or "" */
} UserImage;

typedef struct UserLoadParams {
    const char *path;          /* the program, as given on the command line */
    char *const *argv;         /* guest argv (argv[0] included), NULL ends */
    char *const *envp;         /* guest environment, NULL ends */
    uint64_t stack_size;
} UserLoadParams;

/*
 * Load the program and build its stack. On error reports one line
 * ("PATH: not an ELF file", ...) and returns -errno; the caller exits 1.
 */
int user_elf_load(const UserLoadParams *params, UserImage *img);

#endif
