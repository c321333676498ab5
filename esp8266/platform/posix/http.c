/* The minimal HTTP/1.1 client of biotdm_http.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "biotdm_http.h"

#define TRANSPORT_FAILED (-100)

static int send_request(const biotdm_transport *t, const char *host, uint16_t port, const char *method,
                        const char *path, const void *body, size_t body_len) {
    char head[BIOTDM_HTTP_HEAD_MAX];
    int n = snprintf(head, sizeof head,
                     "%s %s HTTP/1.1\r\nHost: %s:%u\r\nConnection: close\r\nAccept: application/json\r\n"
                     "Content-Type: application/json\r\nContent-Length: %lu\r\n\r\n",
                     method, path, host, (unsigned)port, (unsigned long)body_len);
    if (n < 0 || (size_t)n >= sizeof head) {
        return BIOTDM_ERR_BUFFER;
    }
    if (t->write(t->ctx, (const uint8_t *)head, (size_t)n) < 0
            || (body_len > 0 && t->write(t->ctx, body, body_len) < 0)) {
        return TRANSPORT_FAILED;
    }
    return BIOTDM_OK;
}

/* Whether s starts with the lower-case name, ASCII case ignored (header names are case-insensitive). */
static int starts_with_name(const char *s, const char *name) {
    for (; *name != '\0'; s++, name++) {
        char c = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
        if (c != *name) {
            return 0;
        }
    }
    return 1;
}

/* Finds the Content-Length header in the head that ends at end; -1 when there is none. */
static long content_length(const char *head, const char *end) {
    const char *p = head;
    while ((p = strstr(p, "\r\n")) != NULL && p < end) {
        p += 2;
        if (starts_with_name(p, "content-length:")) {
            return strtol(p + 15, NULL, 10);
        }
    }
    return -1;
}

/* Reads until the head is complete and then Content-Length bytes of body are in buf. */
static int read_answer(const biotdm_transport *t, char *buf, size_t cap, biotdm_http_answer *answer) {
    size_t len = 0;
    long body_len = -1;
    const char *end = NULL;
    for (;;) {
        int n;
        if (end != NULL && body_len >= 0 && len >= (size_t)(end + 4 - buf) + (size_t)body_len) {
            break;
        }
        if (len + 1 >= cap) {
            return BIOTDM_ERR_BUFFER;
        }
        n = t->read(t->ctx, (uint8_t *)buf + len, cap - 1 - len);
        if (n <= 0) {
            return TRANSPORT_FAILED;
        }
        len += (size_t)n;
        buf[len] = '\0';
        if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
            body_len = content_length(buf, end);
            if (strncmp(buf, "HTTP/1.1 ", 9) != 0 || body_len < 0) {
                return BIOTDM_ERR_ARGUMENT;
            }
        }
    }
    answer->status = atoi(buf + 9);
    answer->body = end + 4;
    answer->body_len = (size_t)body_len;
    buf[(size_t)(end + 4 - buf) + (size_t)body_len] = '\0';
    return BIOTDM_OK;
}

int biotdm_http_request(const biotdm_transport *t, const char *host, uint16_t port, const char *method,
                        const char *path, const void *body, size_t body_len, char *buf, size_t cap,
                        biotdm_http_answer *answer) {
    int rc;
    if (t->connect(t->ctx, host, port) != 0) {
        t->close(t->ctx);
        return TRANSPORT_FAILED;
    }
    rc = send_request(t, host, port, method, path, body, body_len);
    if (rc == BIOTDM_OK) {
        rc = read_answer(t, buf, cap, answer);
    }
    t->close(t->ctx);
    return rc;
}

static char unescape(char c) {
    switch (c) {
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case '"': case '\\': case '/': return c;
        default: return 0;
    }
}

const char *biotdm_json_string(const char *json, const char *key, char *out, size_t cap) {
    char pattern[80];
    const char *p;
    size_t n = 0;
    if (snprintf(pattern, sizeof pattern, "\"%s\":\"", key) >= (int)sizeof pattern
            || (p = strstr(json, pattern)) == NULL) {
        return NULL;
    }
    for (p += strlen(pattern); *p != '"'; p++) {
        char c = *p;
        if (c == '\0' || n + 1 >= cap || (c == '\\' && (c = unescape(*++p)) == 0)) {
            return NULL;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return p + 1;
}
