/*
 * Canonical JSON (protocol/json-v1.md) on the device, for the reserved `configuration` command
 * (protocol/configuration-v1.md): the device hashes the parameters' canonical text and compares it with
 * parametersSha256 before applying them, and reports the canonical text's hash as the configuration it applied.
 * Tokenised with jsmn into a bounded array on the stack; members are written in UTF-16 code-unit order without a
 * sort buffer. Integers are exact at any length (up to 100 digits); a number with a fraction or an exponent is
 * written as it came when it has at most 15 significant digits (every such decimal is the shortest form of its
 * nearest binary64) and otherwise with the shortest digits that read back as its nearest binary64 (shortest.c:
 * strtod and printf's %e, which must be correctly rounded; BIOTDM_ERR_UNSUPPORTED from a printf without floating
 * point).
 */
#ifndef BIOTDM_JSON_H
#define BIOTDM_JSON_H

#include "biotdm/biotdm.h"

/* JSON tokens one document may hold (each takes 16 bytes of stack on a 32-bit CPU); more is BIOTDM_ERR_TOO_LONG. */
#ifndef BIOTDM_JSON_TOKENS
#define BIOTDM_JSON_TOKENS 96
#endif

/**
 * Writes the canonical text of the JSON value json (len bytes of UTF-8) to out. Returns BIOTDM_OK;
 * BIOTDM_ERR_ARGUMENT for what json-v1 refuses (not JSON, invalid UTF-8, an unpaired surrogate, nesting deeper than
 * 32, a number needing more than 100 digits before or after the point, a member name twice);
 * BIOTDM_ERR_TOO_LONG for more than BIOTDM_JSON_TOKENS tokens; BIOTDM_ERR_UNSUPPORTED as above. On an error, what
 * was written to out is incomplete.
 */
int biotdm_canonical_json(const char *json, size_t len, const biotdm_sink *out);

/** The SHA-256 of that canonical text, as 64 lower-case hex digits; the same errors. */
int biotdm_canonical_sha256(const char *json, size_t len, char hex[65]);

#endif
