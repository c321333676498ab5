/* A tiny read-only JSON cursor for the protocol/ test vectors (see json.h). */
#include <string.h>

#include "json.h"

const char *json_ws(const char *p) {
    while (p != NULL && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
        p++;
    }
    return p;
}

static const char *skip_string(const char *p) {
    for (p++; *p != '"'; p++) {
        if (*p == '\0') {
            return NULL;
        }
        if (*p == '\\') {
            p++;
        }
    }
    return p + 1;
}

static const char *skip_container(const char *p, char close) {
    p = json_ws(p + 1);
    while (p != NULL && *p != close) {
        if (close == '}') {
            p = json_ws(skip_string(p));
            p = p != NULL && *p == ':' ? json_skip(json_ws(p + 1)) : NULL;
        } else {
            p = json_skip(p);
        }
        p = json_ws(p);
        if (p != NULL && *p == ',') {
            p = json_ws(p + 1);
        }
    }
    return p == NULL ? NULL : p + 1;
}

size_t json_token_length(const char *p) {
    size_t n = 0;
    while (p[n] != '\0' && strchr(",]} \n\r\t", p[n]) == NULL) {
        n++;
    }
    return n;
}

const char *json_skip(const char *p) {
    p = json_ws(p);
    if (p == NULL || *p == '\0') {
        return NULL;
    }
    if (*p == '"') {
        return skip_string(p);
    }
    if (*p == '{' || *p == '[') {
        return skip_container(p, *p == '{' ? '}' : ']');
    }
    return json_token_length(p) == 0 ? NULL : p + json_token_length(p);
}

const char *json_get(const char *p, const char *key) {
    char name[64];
    p = json_ws(p);
    if (p == NULL || *p != '{') {
        return NULL;
    }
    p = json_ws(p + 1);
    while (p != NULL && *p == '"') {
        int ok = json_string(p, name, sizeof name) >= 0;
        p = json_ws(skip_string(p));
        if (p == NULL || *p != ':') {
            return NULL;
        }
        p = json_ws(p + 1);
        if (ok && strcmp(name, key) == 0) {
            return p;
        }
        p = json_ws(json_skip(p));
        p = p != NULL && *p == ',' ? json_ws(p + 1) : NULL;
    }
    return NULL;
}

const char *json_at(const char *p, size_t i) {
    p = json_ws(p);
    if (p == NULL || *p != '[') {
        return NULL;
    }
    p = json_ws(p + 1);
    while (p != NULL && *p != ']') {
        if (i-- == 0) {
            return p;
        }
        p = json_ws(json_skip(p));
        p = p != NULL && *p == ',' ? json_ws(p + 1) : p;
    }
    return NULL;
}

static int hex_digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static long hex4(const char *p) {
    long v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        if (hex_digit(p[i]) < 0) {
            return -1;
        }
        v = v * 16 + hex_digit(p[i]);
    }
    return v;
}

static size_t put_utf8(unsigned long cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 63));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 63));
        out[2] = (char)(0x80 | (cp & 63));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)), out[1] = (char)(0x80 | ((cp >> 12) & 63));
    out[2] = (char)(0x80 | ((cp >> 6) & 63)), out[3] = (char)(0x80 | (cp & 63));
    return 4;
}

/* Reads the escape after a backslash at p into out; returns the characters of input used, 0 when malformed. */
static size_t unescape(const char *p, char *out, size_t *written) {
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";
    long cp;
    if (*p != 'u') {
        const char *c = strchr(from, *p);
        if (c == NULL || *p == '\0') {
            return 0;
        }
        out[0] = to[c - from];
        *written = 1;
        return 1;
    }
    cp = hex4(p + 1);
    if (cp >= 0xD800 && cp <= 0xDBFF && p[5] == '\\' && p[6] == 'u' && hex4(p + 7) >= 0xDC00) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 7) - 0xDC00);
        *written = put_utf8((unsigned long)cp, out);
        return 11;
    }
    *written = cp < 0 ? 0 : put_utf8((unsigned long)cp, out);
    return cp < 0 ? 0 : 5;
}

int json_string(const char *p, char *out, size_t cap) {
    size_t n = 0;
    p = json_ws(p);
    if (p == NULL || *p != '"') {
        return -1;
    }
    for (p++; *p != '"'; p++) {
        char piece[4];
        size_t len = 1;
        piece[0] = *p;
        if (*p == '\0') {
            return -1;
        }
        if (*p == '\\') {
            size_t used = unescape(p + 1, piece, &len);
            if (used == 0) {
                return -1;
            }
            p += used;
        }
        if (n + len >= cap) {
            return -1;
        }
        memcpy(out + n, piece, len);
        n += len;
    }
    out[n] = '\0';
    return (int)n;
}

int hex_decode(const char *hex, unsigned char *out, size_t cap) {
    size_t n = 0;
    for (; hex[0] != '\0'; hex += 2) {
        if (hex_digit(hex[0]) < 0 || hex_digit(hex[1]) < 0 || n >= cap) {
            return -1;
        }
        out[n++] = (unsigned char)(hex_digit(hex[0]) * 16 + hex_digit(hex[1]));
    }
    return (int)n;
}
