/* SPDX-License-Identifier: GPL-2.0-or-later */
/* AML encodings: names, package lengths, integers and a few objects. */
#include "machines/pc/aml.h"

#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

void aml_buf_init(AmlBuf *b)
{
    *b = (AmlBuf){ 0 };
}

void aml_buf_free(AmlBuf *b)
{
    free(b->data);
    aml_buf_init(b);
}

void aml_append_bytes(AmlBuf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = MAX(b->cap * 2, b->len + n + 64);
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void aml_append_byte(AmlBuf *b, uint8_t v)
{
    aml_append_bytes(b, &v, 1);
}

void aml_append_buf(AmlBuf *b, const AmlBuf *term)
{
    if (term->len) {
        aml_append_bytes(b, term->data, term->len);
    }
}

static bool aml_name_char_ok(char c, bool lead)
{
    return (c >= 'A' && c <= 'Z') || c == '_' ||
           (!lead && c >= '0' && c <= '9');
}

void aml_append_name_string(AmlBuf *b, const char *path)
{
    const char *p = path;
    uint8_t segs[255][4];
    unsigned nr = 0;

    if (*p == '\\') {
        aml_append_byte(b, AML_ROOT_CHAR);
        p++;
    } else {
        while (*p == '^') {
            aml_append_byte(b, '^');
            p++;
        }
    }
    while (*p) {
        size_t n = strcspn(p, ".");

        if (n == 0 || n > 4 || nr == ARRAY_SIZE(segs)) {
            fatal_internal("aml: bad name \"%s\"", path);
        }
        memset(segs[nr], '_', 4);
        for (size_t i = 0; i < n; i++) {
            if (!aml_name_char_ok(p[i], i == 0)) {
                fatal_internal("aml: bad name \"%s\"", path);
            }
            segs[nr][i] = p[i];
        }
        nr++;
        p += n;
        if (*p == '.') {
            p++;
            if (!*p) {
                fatal_internal("aml: bad name \"%s\"", path);
            }
        }
    }
    if (nr == 0) {
        aml_append_byte(b, AML_ZERO_OP);    /* NullName */
        return;
    }
    if (nr == 2) {
        aml_append_byte(b, AML_DUAL_NAME_PREFIX);
    } else if (nr > 2) {
        aml_append_byte(b, AML_MULTI_NAME_PREFIX);
        aml_append_byte(b, nr);
    }
    aml_append_bytes(b, segs, nr * 4);
}

void aml_append_pkg_length(AmlBuf *b, size_t body_len)
{
    uint8_t enc[4];
    size_t total;

    /* One byte holds 6 bits; longer forms hold 4 + 8 per extra byte. */
    if (body_len + 1 <= 0x3f) {
        aml_append_byte(b, body_len + 1);
        return;
    }
    for (unsigned n = 2; n <= 4; n++) {
        total = body_len + n;
        if (total < (1ULL << (4 + 8 * (n - 1)))) {
            enc[0] = (n - 1) << 6 | (total & 0xf);
            for (unsigned i = 1; i < n; i++) {
                enc[i] = total >> (4 + 8 * (i - 1));
            }
            aml_append_bytes(b, enc, n);
            return;
        }
    }
    fatal_internal("aml: package of %zu bytes is too long", body_len);
}

void aml_append_integer(AmlBuf *b, uint64_t v)
{
    uint8_t le[8];

    st64_le(le, v);
    if (v == 0) {
        aml_append_byte(b, AML_ZERO_OP);
    } else if (v == 1) {
        aml_append_byte(b, AML_ONE_OP);
    } else if (v == UINT64_MAX) {
        aml_append_byte(b, AML_ONES_OP);
    } else if (v <= 0xff) {
        aml_append_byte(b, AML_BYTE_PREFIX);
        aml_append_bytes(b, le, 1);
    } else if (v <= 0xffff) {
        aml_append_byte(b, AML_WORD_PREFIX);
        aml_append_bytes(b, le, 2);
    } else if (v <= 0xffffffff) {
        aml_append_byte(b, AML_DWORD_PREFIX);
        aml_append_bytes(b, le, 4);
    } else {
        aml_append_byte(b, AML_QWORD_PREFIX);
        aml_append_bytes(b, le, 8);
    }
}

void aml_append_scope(AmlBuf *b, const char *name, const AmlBuf *body)
{
    AmlBuf inner = { 0 };

    aml_append_name_string(&inner, name);
    aml_append_buf(&inner, body);
    aml_append_byte(b, AML_SCOPE_OP);
    aml_append_pkg_length(b, inner.len);
    aml_append_buf(b, &inner);
    aml_buf_free(&inner);
}

void aml_append_name(AmlBuf *b, const char *name, const AmlBuf *value)
{
    aml_append_byte(b, AML_NAME_OP);
    aml_append_name_string(b, name);
    aml_append_buf(b, value);
}

void aml_append_package(AmlBuf *b, uint8_t nr_elements,
                        const AmlBuf *elements)
{
    aml_append_byte(b, AML_PACKAGE_OP);
    aml_append_pkg_length(b, 1 + elements->len);
    aml_append_byte(b, nr_elements);
    aml_append_buf(b, elements);
}
