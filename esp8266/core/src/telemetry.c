/* biotdm-telemetry-v1 (protocol/telemetry-v1.md): the canonical text, its signature and the JSON body. */
#include <string.h>

#include <bearssl.h>

#include "text.h"

static int check_sensor(const char *s) {
    size_t len = strlen(s);
    int points = biotdm_checked_code_points(s, 1);
    if (len > BIOTDM_SENSOR_MAX) {
        return BIOTDM_ERR_TOO_LONG;
    }
    return points < 1 || points > 64 || s[0] == ' ' || s[len - 1] == ' ' ? BIOTDM_ERR_ARGUMENT : BIOTDM_OK;
}

static int check_value(biotdm_kind kind, const char *v) {
    int points;
    if (strlen(v) > BIOTDM_VALUE_MAX) {
        return BIOTDM_ERR_TOO_LONG;
    }
    switch (kind) {
        case BIOTDM_NUMBER:
            return strlen(v) <= 64 && biotdm_is_number_token(v) ? BIOTDM_OK : BIOTDM_ERR_ARGUMENT;
        case BIOTDM_BOOLEAN:
            return strcmp(v, "true") == 0 || strcmp(v, "false") == 0 ? BIOTDM_OK : BIOTDM_ERR_ARGUMENT;
        case BIOTDM_STRING:
            points = biotdm_checked_code_points(v, 0);
            return points >= 1 && points <= 64 ? BIOTDM_OK : BIOTDM_ERR_ARGUMENT;
        default:
            return BIOTDM_ERR_ARGUMENT;
    }
}

static int check_unit(const char *u) {
    int points = biotdm_checked_code_points(u, 0);
    if (strlen(u) > BIOTDM_UNIT_MAX) {
        return BIOTDM_ERR_TOO_LONG;
    }
    return points >= 0 && points <= 16 ? BIOTDM_OK : BIOTDM_ERR_ARGUMENT;
}

int biotdm_reading_set(biotdm_reading *r, const char *sensor, biotdm_kind kind, const char *value, const char *unit,
                       int has_ts, uint64_t ts) {
    int status = check_sensor(sensor);
    status = status != BIOTDM_OK ? status : check_value(kind, value);
    status = status != BIOTDM_OK ? status : check_unit(unit == NULL ? "" : unit);
    if (status != BIOTDM_OK) {
        return status;
    }
    if (has_ts && ts > BIOTDM_MAX_INT63) {
        return BIOTDM_ERR_ARGUMENT;
    }
    memset(r, 0, sizeof *r);
    strcpy(r->sensor, sensor);
    strcpy(r->value, value);
    strcpy(r->unit, unit == NULL ? "" : unit);
    r->kind = (uint8_t)kind;
    r->has_ts = has_ts ? 1 : 0;
    r->ts = has_ts ? ts : 0;
    return BIOTDM_OK;
}

/* Re-checks a stored reading: it may come from storage, whose bytes the core did not write in this boot. */
static int check_reading(const biotdm_reading *r) {
    if (memchr(r->sensor, '\0', sizeof r->sensor) == NULL || memchr(r->value, '\0', sizeof r->value) == NULL
            || memchr(r->unit, '\0', sizeof r->unit) == NULL) {
        return BIOTDM_ERR_ARGUMENT;
    }
    if (check_sensor(r->sensor) != BIOTDM_OK || check_value((biotdm_kind)r->kind, r->value) != BIOTDM_OK
            || check_unit(r->unit) != BIOTDM_OK || r->has_ts > 1 || r->ts > BIOTDM_MAX_INT63) {
        return BIOTDM_ERR_ARGUMENT;
    }
    return BIOTDM_OK;
}

static int check_batch(const biotdm_batch_header *h, const biotdm_reading *r, size_t n) {
    size_t i;
    if (biotdm_check_device_id(h->device_id) != BIOTDM_OK || h->seq > BIOTDM_MAX_INT63 || h->ts == 0
            || h->ts > BIOTDM_MAX_INT63 || n == 0 || n > BIOTDM_BATCH_MAX) {
        return BIOTDM_ERR_ARGUMENT;
    }
    for (i = 0; i < n; i++) {
        if (check_reading(&r[i]) != BIOTDM_OK) {
            return BIOTDM_ERR_ARGUMENT;
        }
    }
    return BIOTDM_OK;
}

static void put_line(const biotdm_sink *out, const char *name, uint64_t v) {
    biotdm_put(out, name);
    biotdm_put_u64(out, v);
    biotdm_put(out, "\n");
}

static void put_reading_line(const biotdm_sink *out, const biotdm_reading *r) {
    char kind[4] = {'|', (char)r->kind, '|', '\0'};
    biotdm_put(out, "reading=");
    biotdm_put(out, r->sensor);
    biotdm_put(out, kind);
    biotdm_put(out, r->value);
    biotdm_put(out, "|");
    biotdm_put(out, r->unit);
    biotdm_put(out, "|");
    if (r->has_ts) {
        biotdm_put_u64(out, r->ts);
    }
    biotdm_put(out, "\n");
}

int biotdm_telemetry_canonical(const biotdm_batch_header *h, const biotdm_reading *r, size_t n,
                               const biotdm_sink *out) {
    size_t i;
    int status = check_batch(h, r, n);
    if (status != BIOTDM_OK) {
        return status;
    }
    biotdm_put(out, "biotdm-telemetry-v1\ndevice=");
    biotdm_put(out, h->device_id);
    biotdm_put(out, "\n");
    put_line(out, "seq=", h->seq);
    put_line(out, "ts=", h->ts);
    for (i = 0; i < n; i++) {
        put_reading_line(out, &r[i]);
    }
    return BIOTDM_OK;
}

int biotdm_telemetry_sign(const biotdm_key *key, const biotdm_batch_header *h, const biotdm_reading *r, size_t n,
                          uint8_t sig[64]) {
    br_sha256_context sha;
    biotdm_sink sink = biotdm_sha256_sink(&sha);
    uint8_t hash[32];
    int status;
    br_sha256_init(&sha);
    status = biotdm_telemetry_canonical(h, r, n, &sink);
    if (status != BIOTDM_OK) {
        return status;
    }
    br_sha256_out(&sha, hash);
    return biotdm_sign_hash(key, hash, sig);
}

/* A JSON string: the checks above leave only '"' and '\\' to escape (no controls are allowed in). */
static void put_json_string(const biotdm_sink *out, const char *s) {
    biotdm_put(out, "\"");
    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\\') {
            biotdm_put(out, "\\");
        }
        out->write(out->ctx, s, 1);
    }
    biotdm_put(out, "\"");
}

static void put_json_reading(const biotdm_sink *out, const biotdm_reading *r) {
    biotdm_put(out, "{\"sensor\":");
    put_json_string(out, r->sensor);
    biotdm_put(out, ",\"value\":");
    if (r->kind == BIOTDM_STRING) {
        put_json_string(out, r->value);
    } else {
        biotdm_put(out, r->value);
    }
    if (r->unit[0] != '\0') {
        biotdm_put(out, ",\"unit\":");
        put_json_string(out, r->unit);
    }
    if (r->has_ts) {
        biotdm_put(out, ",\"ts\":");
        biotdm_put_u64(out, r->ts);
    }
    biotdm_put(out, "}");
}

int biotdm_telemetry_body(const biotdm_batch_header *h, const biotdm_reading *r, size_t n, const uint8_t sig[64],
                          const biotdm_sink *out) {
    char b64[89];
    size_t i;
    int status = check_batch(h, r, n);
    if (status != BIOTDM_OK) {
        return status;
    }
    biotdm_base64(sig, 64, b64, sizeof b64);
    biotdm_put(out, "{\"seq\":");
    biotdm_put_u64(out, h->seq);
    biotdm_put(out, ",\"ts\":");
    biotdm_put_u64(out, h->ts);
    biotdm_put(out, ",\"readings\":[");
    for (i = 0; i < n; i++) {
        biotdm_put(out, i == 0 ? "" : ",");
        put_json_reading(out, &r[i]);
    }
    biotdm_put(out, "],\"sig\":\"");
    biotdm_put(out, b64);
    biotdm_put(out, "\"}");
    return BIOTDM_OK;
}
