/*
 * Step 1 of protocol/firmware-manifest-v1.md: the manifest's JSON object (RFC 8259) read into a biotdm_manifest.
 * jsmn tokenises into a bounded array on the stack; this file checks each member's JSON type and rule.
 */
#include <string.h>

#include "jsmn_static.h"

#include "biotdm/firmware.h"
#include "text.h"

#define INVALID BIOTDM_ERR_FIRMWARE_MANIFEST_INVALID

/* The members the protocol defines, in the order of its table; a bit each in the "seen" mask. */
enum { M_FORMAT, M_MODEL, M_VERSION, M_SEQUENCE, M_SIZE, M_SHA256, M_KEY_ID, M_SIGNATURE, M_COUNT };
static const char *const MEMBER_NAMES[M_COUNT] = {"format", "model",  "version", "sequence",
                                                  "size",   "sha256", "keyId",   "signature"};

typedef struct {
    const char *json;
    const jsmntok_t *tok;
} reader;

/* A hex digit's value, or -1. */
static int hex_value(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                                                        : -1;
}

/* Reads the escape at s (after its backslash) into *c; returns the characters it took, or 0 when the escape
 * stands for something no manifest value may hold (a non-ASCII or control character). */
static size_t unescape(const char *s, size_t left, char *c) {
    static const char FROM[] = "\"\\/bfnrt";
    static const char TO[] = "\"\\/\b\f\n\r\t";
    const char *hit = left > 0 ? memchr(FROM, s[0], sizeof FROM - 1) : NULL;
    int v = 0;
    size_t i;
    if (hit != NULL) {
        *c = TO[hit - FROM];
        return 1;
    }
    if (left < 5 || s[0] != 'u') {
        return 0;
    }
    for (i = 1; i < 5; i++) {
        v = v * 16 + hex_value(s[i]);
    }
    *c = (char)v;
    return v >= 0x20 && v < 0x7F ? 5 : 0;
}

/* Copies string token t, unescaped, with a NUL; -1 when it is no string, holds a character outside printable
 * ASCII (no rule accepts one), or does not fit cap. */
static int text_of(const reader *r, const jsmntok_t *t, char *out, size_t cap) {
    const char *s = r->json + t->start;
    size_t len = (size_t)(t->end - t->start);
    size_t i = 0;
    size_t o = 0;
    if (t->type != JSMN_STRING) {
        return -1;
    }
    while (i < len) {
        char c = s[i++];
        if (c == '\\') {
            size_t used = unescape(s + i, len - i, &c);
            if (used == 0) {
                return -1;
            }
            i += used;
        } else if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7F) {
            return -1;
        }
        if (o + 1 >= cap) {
            return -1;
        }
        out[o++] = c;
    }
    out[o] = '\0';
    return (int)o;
}

/* Reads an integer token -?(0|[1-9][0-9]*) within min .. max into *v; 0 when it is no such token or out of range. */
static int integer_of(const reader *r, const jsmntok_t *t, uint32_t min, uint32_t max, uint32_t *v) {
    const char *s = r->json + t->start;
    size_t len = (size_t)(t->end - t->start);
    uint64_t n = 0;
    size_t i;
    if (t->type != JSMN_PRIMITIVE || len == 0 || s[0] == '-' || (s[0] == '0' && len > 1) || len > 10) {
        return 0; /* a negative or an 11-digit value is out of range in any case */
    }
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        n = n * 10 + (uint64_t)(s[i] - '0');
    }
    *v = (uint32_t)n;
    return n >= min && n <= max;
}

/* The token after the value at index i (skipping the tokens nested in it). */
static int after_value(const jsmntok_t *tok, int count, int i) {
    int next = i + 1;
    while (next < count && tok[next].start < tok[i].end) {
        next++;
    }
    return next;
}

/* The index of the member name in MEMBER_NAMES, or -1 for a member the device ignores. */
static int member_of(const reader *r, const jsmntok_t *name) {
    char text[16];
    int i;
    if (text_of(r, name, text, sizeof text) < 0) {
        return -1;
    }
    for (i = 0; i < M_COUNT; i++) {
        if (strcmp(text, MEMBER_NAMES[i]) == 0) {
            return i;
        }
    }
    return -1;
}

/* The signature member: null or "" means unsigned; a string is decoded (step 4 refuses what does not decode). */
static int read_signature(const reader *r, const jsmntok_t *t, biotdm_manifest *m) {
    char text[(BIOTDM_MANIFEST_SIGNATURE_MAX + 2) / 3 * 4 + 1];
    int len;
    m->signature_state = BIOTDM_SIGNATURE_NONE;
    if (t->type == JSMN_PRIMITIVE && t->end - t->start == 4 && memcmp(r->json + t->start, "null", 4) == 0) {
        return BIOTDM_OK;
    }
    if (t->type != JSMN_STRING) {
        return INVALID;
    }
    len = text_of(r, t, text, sizeof text);
    if (len == 0) {
        return BIOTDM_OK;
    }
    len = len < 0 ? -1 : biotdm_base64_decode(text, (size_t)len, m->signature, sizeof m->signature);
    m->signature_state = len > 0 ? BIOTDM_SIGNATURE_DECODED : BIOTDM_SIGNATURE_UNDECODABLE;
    m->signature_len = len > 0 ? (size_t)len : 0;
    return BIOTDM_OK;
}

static int read_member(const reader *r, int member, const jsmntok_t *t, biotdm_manifest *m) {
    char format[32];
    switch (member) {
        case M_FORMAT:
            return text_of(r, t, format, sizeof format) >= 0 && strcmp(format, "biotdm-firmware-manifest-v1") == 0
                           ? BIOTDM_OK
                           : INVALID;
        case M_MODEL:
            return text_of(r, t, m->model, sizeof m->model) >= 0 ? BIOTDM_OK : INVALID;
        case M_VERSION:
            return text_of(r, t, m->version, sizeof m->version) >= 0 ? BIOTDM_OK : INVALID;
        case M_SEQUENCE:
            return integer_of(r, t, 1, 0xFFFFFFFFUL, &m->sequence) ? BIOTDM_OK : INVALID;
        case M_SIZE:
            return integer_of(r, t, 1, 1UL << 30, &m->size) ? BIOTDM_OK : INVALID;
        case M_SHA256:
            return text_of(r, t, m->sha256, sizeof m->sha256) >= 0 ? BIOTDM_OK : INVALID;
        case M_KEY_ID:
            return text_of(r, t, m->key_id, sizeof m->key_id) >= 0 ? BIOTDM_OK : INVALID;
        default:
            return read_signature(r, t, m);
    }
}

/* One part of a model: a device-ID-shaped name (protocol/names.md). */
static int is_name(const char *s, size_t len) {
    char part[BIOTDM_DEVICE_ID_MAX + 1];
    if (len == 0 || len > BIOTDM_DEVICE_ID_MAX) {
        return 0;
    }
    memcpy(part, s, len);
    part[len] = '\0';
    return biotdm_check_device_id(part) == BIOTDM_OK;
}

static int is_model(const char *model) {
    const char *slash = strchr(model, '/');
    return slash != NULL && is_name(model, (size_t)(slash - model)) && is_name(slash + 1, strlen(slash + 1));
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* MAJOR, MINOR or PATCH: 0 or 1..9 digits without a leading zero; returns the character after it, or NULL. */
static const char *version_number(const char *p) {
    size_t n = 0;
    while (is_digit(p[n])) {
        n++;
    }
    return n == 0 || n > 9 || (n > 1 && p[0] == '0') ? NULL : p + n;
}

/* A pre-release identifier [0-9A-Za-z-]+, numeric ones without a leading zero; returns its end, or NULL. */
static const char *prerelease_identifier(const char *p) {
    size_t n = 0;
    int numeric = 1;
    while (is_digit(p[n]) || (p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' && p[n] <= 'z') || p[n] == '-') {
        numeric &= is_digit(p[n]);
        n++;
    }
    return n == 0 || (numeric && n > 1 && p[0] == '0') ? NULL : p + n;
}

/* Semantic Versioning 2.0.0 MAJOR.MINOR.PATCH[-prerelease], no build metadata. */
static int is_version(const char *v) {
    const char *p = version_number(v);
    p = p != NULL && *p == '.' ? version_number(p + 1) : NULL;
    p = p != NULL && *p == '.' ? version_number(p + 1) : NULL;
    if (p != NULL && *p == '-') {
        do {
            p = prerelease_identifier(p + 1);
        } while (p != NULL && *p == '.');
    }
    return p != NULL && *p == '\0';
}

static int is_hex256(const char *h) {
    size_t i;
    for (i = 0; i < 64; i++) {
        if (!is_digit(h[i]) && !(h[i] >= 'a' && h[i] <= 'f')) {
            return 0;
        }
    }
    return h[64] == '\0';
}

/* Reads every member of the object at tok[0]; INVALID for a member named twice or of the wrong type. */
static int read_members(const reader *r, int count, biotdm_manifest *m, unsigned *seen) {
    int i = 1;
    int k;
    for (k = 0; k < r->tok[0].size; k++) {
        int member;
        if (i + 1 >= count || r->tok[i].type != JSMN_STRING || r->tok[i].size != 1) {
            return INVALID;
        }
        member = member_of(r, &r->tok[i]);
        if (member >= 0) {
            if ((*seen & (1U << member)) != 0 || read_member(r, member, &r->tok[i + 1], m) != BIOTDM_OK) {
                return INVALID;
            }
            *seen |= 1U << member;
        }
        i = after_value(r->tok, count, i + 1);
    }
    return i == count ? BIOTDM_OK : INVALID;
}

/* Only whitespace before and after the object (RFC 8259 section 2). */
static int only_object(const char *json, size_t len, const jsmntok_t *object) {
    size_t i;
    for (i = 0; i < len; i++) {
        int inside = i >= (size_t)object->start && i < (size_t)object->end;
        if (!inside && json[i] != ' ' && json[i] != '\t' && json[i] != '\n' && json[i] != '\r') {
            return 0;
        }
    }
    return 1;
}

int biotdm_manifest_parse(const char *json, size_t len, biotdm_manifest *m) {
    jsmntok_t tok[BIOTDM_MANIFEST_TOKENS];
    jsmn_parser parser;
    reader r;
    unsigned seen = 0;
    int count;
    memset(m, 0, sizeof *m);
    jsmn_init(&parser);
    count = jsmn_parse(&parser, json, len, tok, BIOTDM_MANIFEST_TOKENS);
    r.json = json, r.tok = tok;
    if (count < 1 || tok[0].type != JSMN_OBJECT || tok[0].end < 0 || !only_object(json, len, &tok[0])
            || read_members(&r, count, m, &seen) != BIOTDM_OK
            || (seen | (1U << M_SIGNATURE)) != (1U << M_COUNT) - 1 || !is_model(m->model)
            || !is_version(m->version) || !is_hex256(m->sha256) || !is_hex256(m->key_id)) {
        memset(m, 0, sizeof *m);
        return INVALID;
    }
    return BIOTDM_OK;
}
