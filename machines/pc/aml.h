/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small ACPI Machine Language (AML) byte builder, enough for the DSDT
 * of a firmware-less PC. Objects are built inside out: the body of a
 * Scope or Package goes into its own AmlBuf first, because the encoding
 * puts the body's length (PkgLength) in front of it. Encodings follow
 * the ACPI specification, chapter "ACPI Machine Language Specification".
 */
#ifndef MACHINES_PC_AML_H
#define MACHINES_PC_AML_H

#include <stddef.h>
#include <stdint.h>

#define AML_ZERO_OP         0x00
#define AML_ONE_OP          0x01
#define AML_NAME_OP         0x08
#define AML_BYTE_PREFIX     0x0a
#define AML_WORD_PREFIX     0x0b
#define AML_DWORD_PREFIX    0x0c
#define AML_QWORD_PREFIX    0x0e
#define AML_SCOPE_OP        0x10
#define AML_PACKAGE_OP      0x12
#define AML_DUAL_NAME_PREFIX  0x2e
#define AML_MULTI_NAME_PREFIX 0x2f
#define AML_ROOT_CHAR       0x5c
#define AML_ONES_OP         0xff

/* A growable byte string; zero-initialise or aml_buf_init() it. */
typedef struct AmlBuf {
    uint8_t *data;
    size_t len, cap;
} AmlBuf;

void aml_buf_init(AmlBuf *b);
void aml_buf_free(AmlBuf *b);

void aml_append_byte(AmlBuf *b, uint8_t v);
void aml_append_bytes(AmlBuf *b, const void *p, size_t n);
/* Append another buffer's bytes (a term built separately). */
void aml_append_buf(AmlBuf *b, const AmlBuf *term);

/*
 * A NameString: optional leading '\' (root) or '^'s (parent), then
 * dot-separated segments of up to four characters (padded with '_').
 * An invalid name is an emulator bug: fatal_internal().
 */
void aml_append_name_string(AmlBuf *b, const char *path);
/* PkgLength for a body of body_len bytes (the encoding counts itself). */
void aml_append_pkg_length(AmlBuf *b, size_t body_len);
/* The shortest integer encoding: ZeroOp, OneOp, OnesOp or a prefix. */
void aml_append_integer(AmlBuf *b, uint64_t v);

/* Scope(name) { body } */
void aml_append_scope(AmlBuf *b, const char *name, const AmlBuf *body);
/* Name(name, value), value being one data object term */
void aml_append_name(AmlBuf *b, const char *name, const AmlBuf *value);
/* Package(nr_elements) { elements } */
void aml_append_package(AmlBuf *b, uint8_t nr_elements,
                        const AmlBuf *elements);

#endif
