/* Text checks and writers shared by the encoders (protocol/names.md, protocol/telemetry-v1.md). */
#include <string.h>

#include <bearssl.h>

#include "text.h"

static void buffer_write(void *ctx, const void *data, size_t len) {
    biotdm_buffer *b = ctx;
    if (b->overflow || len > b->cap - b->len) {
        b->overflow = 1;
        return;
    }
    memcpy(b->buf + b->len, data, len);
    b->len += len;
}

biotdm_sink biotdm_buffer_sink(biotdm_buffer *b) {
    biotdm_sink s;
    s.write = buffer_write;
    s.ctx = b;
    return s;
}

static void sha256_write(void *ctx, const void *data, size_t len) {
    br_sha256_update(ctx, data, len);
}

biotdm_sink biotdm_sha256_sink(void *sha256_context) {
    biotdm_sink s;
    s.write = sha256_write;
    s.ctx = sha256_context;
    return s;
}

void biotdm_hex(const uint8_t *data, size_t len, char *out) {
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < len; i++) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 15];
    }
    out[2 * len] = '\0';
}

void biotdm_put(const biotdm_sink *out, const char *s) {
    out->write(out->ctx, s, strlen(s));
}

void biotdm_put_u64(const biotdm_sink *out, uint64_t v) {
    char digits[20];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v != 0);
    out->write(out->ctx, digits + n, sizeof digits - n);
}

/* Decodes one UTF-8 sequence at s into *cp; returns its length, or 0 when ill-formed (RFC 3629 section 4). */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp) {
    size_t len;
    size_t i;
    uint32_t min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0) {
        len = 2, min = 0x80, *cp = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3, min = 0x800, *cp = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, *cp = s[0] & 0x07;
    } else {
        return 0;
    }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    return *cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF) ? 0 : len;
}

int biotdm_checked_code_points(const char *s, int strict_name) {
    const unsigned char *p = (const unsigned char *)s;
    int count = 0;
    while (*p != '\0') {
        uint32_t cp;
        size_t len = utf8_decode(p, &cp);
        if (len == 0 || cp == '|' || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)
                || (strict_name && (cp == 0x2028 || cp == 0x2029))) {
            return -1;
        }
        p += len;
        count++;
    }
    return count;
}

static const char *digits_run(const char *s) {
    while (*s >= '0' && *s <= '9') {
        s++;
    }
    return s;
}

/* The optional fraction and exponent of a number from p: the character after them, or NULL when malformed. */
static const char *fraction_and_exponent(const char *p) {
    const char *digits;
    if (*p == '.') {
        digits = ++p;
        p = digits_run(p);
        if (p == digits) {
            return NULL;
        }
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        p += *p == '+' || *p == '-';
        digits = p;
        p = digits_run(p);
        if (p == digits) {
            return NULL;
        }
    }
    return p;
}

int biotdm_is_number_token(const char *s) {
    const char *p = s + (*s == '-');
    if (*p == '0') {
        p++;
    } else if (*p >= '1' && *p <= '9') {
        p = digits_run(p);
    } else {
        return 0;
    }
    p = fraction_and_exponent(p);
    return p != NULL && *p == '\0';
}
