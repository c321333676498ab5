/* Internal: text checks and writers shared by the encoders. */
#ifndef BIOTDM_TEXT_H
#define BIOTDM_TEXT_H

#include "biotdm/biotdm.h"

#define BIOTDM_MAX_INT63 0x7FFFFFFFFFFFFFFFULL

/** Writes a NUL-terminated string. */
void biotdm_put(const biotdm_sink *out, const char *s);

/** Writes v in plain decimal (no sign, no leading zeros). */
void biotdm_put_u64(const biotdm_sink *out, uint64_t v);

/** Writes len bytes as 2 * len lower-case hex digits and a NUL into out. */
void biotdm_hex(const uint8_t *data, size_t len, char *out);

/** A sink that feeds a br_sha256_context (ctx). */
biotdm_sink biotdm_sha256_sink(void *sha256_context);

/**
 * Counts the code points of UTF-8 text s (well-formed, no surrogates, no overlong forms) that contains no '|',
 * no control character (U+0000-001F, U+007F-009F) and, when strict_name, no U+2028/U+2029; -1 when it breaks that.
 */
int biotdm_checked_code_points(const char *s, int strict_name);

/** 1 when s is a JSON number token (RFC 8259 section 6), else 0. */
int biotdm_is_number_token(const char *s);

/* The longest significand shortest.c reads, with room for "0." and an exponent. */
#define DIGITS_TEXT_MAX 160

/**
 * The shortest decimal digits (1 to 17, no trailing zero, into digits) and point position (0.digits x 10^out_p)
 * that read back as the binary64 nearest to 0.a x 10^p (n digits a, at most DIGITS_TEXT_MAX - 24); out_n 0 when that
 * binary64 is zero. BIOTDM_ERR_ARGUMENT when it is not finite; BIOTDM_ERR_UNSUPPORTED only when the C library's
 * strtod or printf is not correctly rounded. See shortest.c.
 */
int biotdm_shortest_digits(const char *a, long n, long p, char *digits, long *out_n, long *out_p);

#endif
