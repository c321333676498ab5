/*
 * A tiny read-only JSON cursor for the protocol/ test vectors (RFC 8259): values are pointers into the text,
 * nothing is allocated. Test code only; the firmware never parses JSON it did not write.
 */
#ifndef BIOTDM_TEST_JSON_H
#define BIOTDM_TEST_JSON_H

#include <stddef.h>

/** Returns the first non-whitespace character at or after p. */
const char *json_ws(const char *p);

/** Returns the character after the value at p (object, array, string, number, literal), or NULL when malformed. */
const char *json_skip(const char *p);

/** The value of member key of the object at p, or NULL when absent (or p is not an object). */
const char *json_get(const char *p, const char *key);

/** The i-th element of the array at p, or NULL past its end. */
const char *json_at(const char *p, size_t i);

/** Copies the string at p unescaped (UTF-8, surrogate pairs joined) with a NUL; -1 when not a string or too long. */
int json_string(const char *p, char *out, size_t cap);

/** The length of the raw token at p (a number's exact text, true, false, null). */
size_t json_token_length(const char *p);

/** Decodes hex into out; returns the bytes, or -1 when not hex or too long. */
int hex_decode(const char *hex, unsigned char *out, size_t cap);

#endif
