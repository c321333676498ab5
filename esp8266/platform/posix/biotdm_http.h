/*
 * A minimal HTTP/1.1 client (RFC 9112) over a biotdm_transport, for the device loop: one request per connection
 * ("Connection: close"), a JSON body of known length, and the answer read into the caller's bounded buffer until its
 * Content-Length is complete. Nothing is allocated; no chunked transfer coding (the gateway's JSON answers carry a
 * Content-Length). The answers' JSON is read with biotdm_messages.h.
 */
#ifndef BIOTDM_HTTP_H
#define BIOTDM_HTTP_H

#include "biotdm/biotdm.h"
#include "biotdm_messages.h"

/* Bytes of a request head (method, path, Host, Content-Type, Content-Length). */
#ifndef BIOTDM_HTTP_HEAD_MAX
#define BIOTDM_HTTP_HEAD_MAX 512
#endif

/** An answer: its status code, and its body inside the caller's buffer (NUL-terminated). */
typedef struct {
    int status;
    const char *body;
    size_t body_len;
} biotdm_http_answer;

/**
 * Connects, sends "method path" with body (body_len 0 and body NULL for none) and reads the answer into buf (cap
 * bytes, head and body, one byte kept for the NUL). Returns BIOTDM_OK; BIOTDM_ERR_BUFFER when the head or the answer
 * does not fit; BIOTDM_ERR_ARGUMENT when the answer is not HTTP/1.1 with a Content-Length; -100 when the transport
 * fails (connect, TLS, read, write). The connection is closed in every case.
 */
int biotdm_http_request(const biotdm_transport *t, const char *host, uint16_t port, const char *method,
                        const char *path, const void *body, size_t body_len, char *buf, size_t cap,
                        biotdm_http_answer *answer);

/**
 * GET path with "Range: bytes=first-last" (RFC 9110, section 14.2), for a resumable download: the answer (206 with
 * the range, or 200 with the whole representation) is read as by biotdm_http_request, its body possibly binary
 * (use body_len, not the NUL). Same returns.
 */
int biotdm_http_get_range(const biotdm_transport *t, const char *host, uint16_t port, const char *path,
                          uint32_t first, uint32_t last, char *buf, size_t cap, biotdm_http_answer *answer);

#endif
