/*
 * Canonical JSON (protocol/json-v1.md) for the device (biotdm/json.h): jsmn's tokens written again with members in
 * UTF-16 code-unit order (selected one by one, no sort buffer), strings re-escaped, numbers in plain notation.
 */
#include <string.h>

#include "jsmn_static.h"

#include <bearssl.h>

#include "biotdm/json.h"
#include "text.h"

#define DEPTH_MAX 32
#define DIGITS_MAX 100
#define EXACT_DIGITS 15 /* DBL_DIG: decimals of at most 15 significant digits are their binary64's shortest form */
#define END (-1)
#define BAD (-2)

typedef struct {
    const char *json;
    const jsmntok_t *t;
    const biotdm_sink *out;
} doc;

/** Reads a JSON string token's UTF-16 code units in order (RFC 8259 escapes, UTF-8 decoded and checked). */
typedef struct {
    const char *p, *end;
    long pending; /* the low surrogate of an astral character read as UTF-8, or END */
} units;

static int hex_value(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                                                      : -1;
}

static long escape(units *u) {
    static const char SHORT[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    const char *s;
    long v = 0;
    int i;
    char c = *u->p++;
    if (c != 'u') {
        for (s = SHORT; *s != '\0'; s += 2) {
            if (*s == c) {
                return (unsigned char)s[1];
            }
        }
        return BAD;
    }
    for (i = 0; i < 4; i++, u->p++) {
        if (u->p >= u->end || hex_value(*u->p) < 0) {
            return BAD;
        }
        v = v * 16 + hex_value(*u->p);
    }
    return v;
}

/* Decodes one UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
static long utf8(units *u) {
    unsigned char c = (unsigned char)*u->p++;
    int n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
    long v = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 0x07;
    static const long MIN[] = {0, 0x80, 0x800, 0x10000};
    int i;
    if (n < 0 || u->end - u->p < n) {
        return BAD;
    }
    for (i = 0; i < n; i++, u->p++) {
        if (((unsigned char)*u->p & 0xC0) != 0x80) {
            return BAD;
        }
        v = v << 6 | ((unsigned char)*u->p & 0x3F);
    }
    return v < MIN[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? BAD : v;
}

static long next_unit(units *u) {
    long v;
    if (u->pending != END) {
        v = u->pending;
        u->pending = END;
        return v;
    }
    if (u->p >= u->end) {
        return END;
    }
    if (*u->p == '\\') {
        u->p++;
        return u->p < u->end ? escape(u) : BAD;
    }
    if ((unsigned char)*u->p < 0x20) {
        return BAD;
    }
    v = utf8(u);
    if (v > 0xFFFF) {
        u->pending = 0xDC00 + ((v - 0x10000) & 0x3FF);
        v = 0xD800 + ((v - 0x10000) >> 10);
    }
    return v;
}

static units units_of(const doc *d, int i) {
    units u = {d->json + d->t[i].start, d->json + d->t[i].end, END};
    return u;
}

/* Compares two string tokens by UTF-16 code units: <0, 0, >0; BAD when one cannot be read. */
static int compare(const doc *d, int a, int b) {
    units x = units_of(d, a), y = units_of(d, b);
    for (;;) {
        long p = next_unit(&x), q = next_unit(&y);
        if (p == BAD || q == BAD) {
            return BAD;
        }
        if (p != q || p == END) {
            return p < q ? -1 : p > q ? 1 : 0;
        }
    }
}

static void put(const doc *d, const char *s, size_t n) {
    d->out->write(d->out->ctx, s, n);
}

/* Writes a code point as json-v1 writes it inside a string. */
static void put_code_point(const doc *d, long v) {
    static const char HEX[] = "0123456789abcdef";
    char b[6];
    const char *esc = v == '"' ? "\\\"" : v == '\\' ? "\\\\" : v == '\b' ? "\\b" : v == '\t' ? "\\t" : v == '\n' ? "\\n"
                    : v == '\f' ? "\\f" : v == '\r' ? "\\r" : NULL;
    if (esc != NULL) {
        put(d, esc, 2);
    } else if (v < 0x20) {
        b[0] = '\\', b[1] = 'u', b[2] = '0', b[3] = '0', b[4] = HEX[v >> 4], b[5] = HEX[v & 15];
        put(d, b, 6);
    } else if (v < 0x80) {
        b[0] = (char)v;
        put(d, b, 1);
    } else {
        int n = v < 0x800 ? 2 : v < 0x10000 ? 3 : 4, i;
        for (i = n - 1; i > 0; i--, v >>= 6) {
            b[i] = (char)(0x80 | (v & 0x3F));
        }
        b[0] = (char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | v);
        put(d, b, (size_t)n);
    }
}

static int put_string(const doc *d, int i) {
    units u = units_of(d, i);
    long v;
    put(d, "\"", 1);
    while ((v = next_unit(&u)) != END) {
        if (v >= 0xD800 && v <= 0xDBFF) {
            long low = next_unit(&u);
            if (low < 0xDC00 || low > 0xDFFF) {
                return BIOTDM_ERR_ARGUMENT; /* an unpaired high surrogate (or BAD) */
            }
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
        } else if (v == BAD || (v >= 0xDC00 && v <= 0xDFFF)) {
            return BIOTDM_ERR_ARGUMENT;
        }
        put_code_point(d, v);
    }
    put(d, "\"", 1);
    return BIOTDM_OK;
}

static void put_zeros(const doc *d, long n) {
    for (; n > 0; n--) {
        put(d, "0", 1);
    }
}

/* Writes a number with a fraction or an exponent in plain notation: the significant digits a (n of them) with
 * point position p (the value is 0.a x 10^p). */
static int put_decimal(const doc *d, int negative, const char *a, long n, long p) {
    char shortest[24];
    if (n > EXACT_DIGITS && p > -324) {
        int rc = biotdm_shortest_digits(a, n, p, shortest, &n, &p);
        if (rc != BIOTDM_OK) {
            return rc;
        }
        a = shortest;
    }
    if (n == 0 || p <= -324) {
        put(d, "0", 1); /* zero, -0, or below half the smallest subnormal: binary64 zero */
        return BIOTDM_OK;
    }
    if (p > DIGITS_MAX || n - p > DIGITS_MAX) {
        return BIOTDM_ERR_ARGUMENT;
    }
    if (negative) {
        put(d, "-", 1);
    }
    if (p <= 0) {
        put(d, "0.", 2);
        put_zeros(d, -p);
        put(d, a, (size_t)n);
    } else if (p >= n) {
        put(d, a, (size_t)n);
        put_zeros(d, p - n);
    } else {
        put(d, a, (size_t)p);
        put(d, ".", 1);
        put(d, a + p, (size_t)(n - p));
    }
    return BIOTDM_OK;
}

static long exponent(const char *s, const char *end) {
    int negative = *s == '-';
    long e = 0;
    for (s += *s == '-' || *s == '+'; s < end; s++) {
        e = e < 100000 ? e * 10 + (*s - '0') : e; /* beyond 100000 every result is the same refusal or zero */
    }
    return negative ? -e : e;
}

static int put_number(const doc *d, const char *s, size_t len) {
    char token[DIGITS_MAX + 28], digits[DIGITS_MAX + 28], *a = digits;
    const char *p, *end = s + len;
    long n = 0, point = 0, e = 0;
    int negative = *s == '-', fraction = 0;
    if (len >= sizeof token) {
        return BIOTDM_ERR_UNSUPPORTED; /* 100 digits and more padding than a client writes */
    }
    memcpy(token, s, len);
    token[len] = '\0';
    if (!biotdm_is_number_token(token)) {
        return BIOTDM_ERR_ARGUMENT;
    }
    for (p = s + negative; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            fraction = 1;
        } else {
            digits[n++] = *p;
            point += !fraction;
        }
    }
    if (p == end && !fraction) { /* an integer: exact, -0 as 0 */
        if (n > DIGITS_MAX) {
            return BIOTDM_ERR_ARGUMENT;
        }
        int minus_zero = len == 2 && s[0] == '-' && s[1] == '0';
        put(d, minus_zero ? s + 1 : s, minus_zero ? 1 : len);
        return BIOTDM_OK;
    }
    e = p < end ? exponent(p + 1, end) : 0;
    for (; n > 0 && *a == '0'; a++, n--, point--) {
    }
    for (; n > 0 && a[n - 1] == '0'; n--) {
    }
    return put_decimal(d, negative, a, n, point + e);
}

/* The index after the value at i (a key's value counts as its child: jsmn gives keys size 1). */
static int skip(const jsmntok_t *t, int i) {
    int remaining = 1;
    for (; remaining > 0; i++) {
        remaining += t[i].size - 1;
    }
    return i;
}

/* Of the members of the object at i, the one whose name comes next after last's (-1: the first); -1 when none
 * remains; BAD when a name cannot be read or is there twice. */
static int next_member(const doc *d, int i, int last) {
    int k, m, best = -1;
    for (k = i + 1, m = 0; m < d->t[i].size; m++, k = skip(d->t, k + 1)) {
        int above = last < 0 ? 1 : compare(d, k, last), below = best < 0 ? -1 : compare(d, k, best);
        if (above == BAD || below == BAD || (above == 0 && k != last) || (below == 0 && k != best)) {
            return BAD;
        }
        best = above > 0 && below < 0 ? k : best;
    }
    return best;
}

/* true, false, null or a number. */
static int put_primitive(const doc *d, const char *s, size_t len) {
    if ((len == 4 && memcmp(s, "true", 4) == 0) || (len == 5 && memcmp(s, "false", 5) == 0)
            || (len == 4 && memcmp(s, "null", 4) == 0)) {
        put(d, s, len);
        return BIOTDM_OK;
    }
    return len == 0 ? BIOTDM_ERR_ARGUMENT : put_number(d, s, len);
}

static int put_scalar(const doc *d, int i) {
    const jsmntok_t *t = &d->t[i];
    if (t->type == JSMN_STRING) {
        return put_string(d, i);
    }
    return put_primitive(d, d->json + t->start, (size_t)(t->end - t->start));
}

/** One open container: its token, children written, the last member name written (objects), the next child. */
typedef struct {
    int tok, done, last, next;
} level;

/* Writes the child the container l comes to next (a member name and ':' first in an object); its token index. */
static int next_child(const doc *d, level *l) {
    int key;
    if (l->done > 0) {
        put(d, ",", 1);
    }
    l->done++;
    if (d->t[l->tok].type == JSMN_ARRAY) {
        key = l->next;
        l->next = skip(d->t, key);
        return key;
    }
    if ((key = next_member(d, l->tok, l->last)) < 0 || put_string(d, key) != BIOTDM_OK) {
        return BAD;
    }
    put(d, ":", 1);
    l->last = key;
    return key + 1;
}

/* Writes the value at token 0 without recursion: one level per open container, at most DEPTH_MAX + 1. */
static int put_value(const doc *d) {
    level open[DEPTH_MAX + 1];
    int depth = 0, child, rc = BIOTDM_OK;
    if (d->t[0].type != JSMN_OBJECT && d->t[0].type != JSMN_ARRAY) {
        return put_scalar(d, 0);
    }
    open[0].tok = 0, open[0].done = 0, open[0].last = -1, open[0].next = 1;
    put(d, d->t[0].type == JSMN_OBJECT ? "{" : "[", 1);
    while (depth >= 0 && rc == BIOTDM_OK) {
        level *l = &open[depth];
        if (l->done == d->t[l->tok].size) {
            put(d, d->t[l->tok].type == JSMN_OBJECT ? "}" : "]", 1);
            depth--;
        } else if ((child = next_child(d, l)) < 0 || depth + 1 > DEPTH_MAX) {
            rc = BIOTDM_ERR_ARGUMENT; /* unreadable or repeated name, or nested deeper than 32 */
        } else if (d->t[child].type == JSMN_OBJECT || d->t[child].type == JSMN_ARRAY) {
            depth++;
            open[depth].tok = child, open[depth].done = 0, open[depth].last = -1, open[depth].next = child + 1;
            put(d, d->t[child].type == JSMN_OBJECT ? "{" : "[", 1);
        } else {
            rc = put_scalar(d, child);
        }
    }
    return rc;
}

int biotdm_canonical_json(const char *json, size_t len, const biotdm_sink *out) {
    jsmntok_t t[BIOTDM_JSON_TOKENS];
    jsmn_parser parser;
    doc d = {json, t, out};
    size_t first = 0;
    int count;
    while (len > 0 && strchr(" \t\r\n", json[len - 1]) != NULL) {
        len--;
    }
    while (first < len && strchr(" \t\r\n", json[first]) != NULL) {
        first++;
    }
    if (first < len && strchr("{[\"", json[first]) == NULL) {
        return put_primitive(&d, json + first, len - first); /* jsmn's strict mode wants a container around it */
    }
    jsmn_init(&parser);
    count = jsmn_parse(&parser, json, len, t, BIOTDM_JSON_TOKENS);
    if (count == JSMN_ERROR_NOMEM) {
        return BIOTDM_ERR_TOO_LONG;
    }
    if (count <= 0 || skip(t, 0) != count) {
        return BIOTDM_ERR_ARGUMENT; /* not JSON, or more than one value */
    }
    return put_value(&d);
}

int biotdm_canonical_sha256(const char *json, size_t len, char hex[65]) {
    br_sha256_context sha;
    biotdm_sink sink = biotdm_sha256_sink(&sha);
    uint8_t hash[32];
    int rc;
    br_sha256_init(&sha);
    if ((rc = biotdm_canonical_json(json, len, &sink)) != BIOTDM_OK) {
        return rc;
    }
    br_sha256_out(&sha, hash);
    biotdm_hex(hash, 32, hex);
    return BIOTDM_OK;
}
