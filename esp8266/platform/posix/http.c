/* The minimal HTTP/1.1 client of biotdm_http.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "biotdm_http.h"

#define TRANSPORT_FAILED (-100)

/* Sends the request head (with extra, complete header lines or "") and the body. */
static int send_request(const biotdm_transport *t, const char *host, uint16_t port, const char *method,
                        const char *path, const char *extra, const void *body, size_t body_len) {
    char head[BIOTDM_HTTP_HEAD_MAX];
    int n = snprintf(head, sizeof head,
                     "%s %s HTTP/1.1\r\nHost: %s:%u\r\nConnection: close\r\n%s"
                     "Content-Type: application/json\r\nContent-Length: %lu\r\n\r\n",
                     method, path, host, (unsigned)port, extra, (unsigned long)body_len);
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

/* One exchange: connect, send, read, close. */
static int exchange(const biotdm_transport *t, const char *host, uint16_t port, const char *method, const char *path,
                    const char *extra, const void *body, size_t body_len, char *buf, size_t cap,
                    biotdm_http_answer *answer) {
    int rc;
    if (t->connect(t->ctx, host, port) != 0) {
        t->close(t->ctx);
        return TRANSPORT_FAILED;
    }
    rc = send_request(t, host, port, method, path, extra, body, body_len);
    if (rc == BIOTDM_OK) {
        rc = read_answer(t, buf, cap, answer);
    }
    t->close(t->ctx);
    return rc;
}

int biotdm_http_request(const biotdm_transport *t, const char *host, uint16_t port, const char *method,
                        const char *path, const void *body, size_t body_len, char *buf, size_t cap,
                        biotdm_http_answer *answer) {
    return exchange(t, host, port, method, path, "Accept: application/json\r\n", body, body_len, buf, cap, answer);
}

int biotdm_http_get_range(const biotdm_transport *t, const char *host, uint16_t port, const char *path,
                          uint32_t first, uint32_t last, char *buf, size_t cap, biotdm_http_answer *answer) {
    char range[96];
    snprintf(range, sizeof range, "Accept: application/octet-stream, application/json\r\nRange: bytes=%lu-%lu\r\n",
             (unsigned long)first, (unsigned long)last);
    return exchange(t, host, port, "GET", path, range, NULL, 0, buf, cap, answer);
}
