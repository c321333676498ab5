/* The posix device's loop (device.h): signed telemetry from a CSV of real readings, and commands with receipts. */
#include <stdio.h>
#include <string.h>

#include "biotdm_posix.h"
#include "device.h"

/* Bytes of one CSV line of data.csv (reading,mote_id,indoor,humidity,temperature,label). */
#define LINE_MAX_BYTES 256
/* Milliseconds between two rows of the WSN data set (one reading every 5 s). */
#define ROW_MS 5000
/* Commands completed in one run at most. */
#define COMMANDS_MAX 8

static const char RESULT[] = "{\"applied\":true}"; /* already canonical JSON (protocol/json-v1.md) */

/* Splits line into at most max comma-separated fields (in place); returns how many. */
static int split(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        fields[n++] = p;
        if ((p = strchr(p, ',')) == NULL) {
            break;
        }
        *p++ = '\0';
    }
    return n;
}

/* Adds the next usable row's humidity and temperature to the batch; 1 when added, 0 at end of file, -1 on error. */
static int add_row(FILE *csv, biotdm_batch *b, const biotdm_storage *st, uint64_t ts) {
    char line[LINE_MAX_BYTES], *f[6];
    biotdm_reading h, t;
    while (fgets(line, sizeof line, csv) != NULL) {
        if (split(line, f, 6) < 5 || biotdm_reading_set(&h, "humidity", BIOTDM_NUMBER, f[3], "%RH", 1, ts) != 0
                || biotdm_reading_set(&t, "temperature", BIOTDM_NUMBER, f[4], "Cel", 1, ts) != 0) {
            fprintf(stderr, "SKIPPED row %s: not two number tokens\n", f[0]);
            continue;
        }
        return biotdm_batch_add(b, &h, st) == BIOTDM_OK && biotdm_batch_add(b, &t, st) == BIOTDM_OK ? 1 : -1;
    }
    return 0;
}

static FILE *open_csv(const device_config *c) {
    char line[LINE_MAX_BYTES];
    long row = 0;
    FILE *csv = c->csv == NULL ? NULL : fopen(c->csv, "r");
    while (csv != NULL && row < c->from && fgets(line, sizeof line, csv) != NULL) {
        row++; /* the header, then rows 1 .. from - 1 */
    }
    return csv;
}

/* Signs and posts the sealed batch; clears it once the gateway acknowledged it. */
static int send_batch(const device_config *c, biotdm_batch *b, const biotdm_storage *st, const biotdm_key *key,
                      const biotdm_transport *t, const char *what) {
    biotdm_batch_header h = {c->device_id, b->seq, b->ts};
    size_t n = b->count;
    biotdm_buffer body = device_body();
    biotdm_sink sink = biotdm_buffer_sink(&body);
    biotdm_http_answer a;
    uint8_t sig[64];
    int rc = biotdm_telemetry_sign(key, &h, b->readings, b->count, sig);
    if (rc != BIOTDM_OK || (rc = biotdm_telemetry_body(&h, b->readings, b->count, sig, &sink)) != BIOTDM_OK
            || body.overflow) {
        fprintf(stderr, "biotdm_device: cannot sign batch %llu (%d)\n", (unsigned long long)b->seq, rc);
        return 1;
    }
    if (device_request(c, t, "POST", "/device/v1/telemetry", body.buf, body.len, &a) != BIOTDM_OK) {
        return 1;
    }
    if (a.status != 200) {
        printf("REFUSED seq=%llu status=%d %s\n", (unsigned long long)b->seq, a.status, a.body);
        return 1;
    }
    /* the line comes once the batch is cleared in storage, so a device killed after it never sends it again */
    rc = biotdm_batch_clear(b, st);
    printf("%s seq=%llu readings=%u %s\n", what, (unsigned long long)h.seq, (unsigned)n, a.body);
    return rc == BIOTDM_OK ? 0 : 1;
}

/* Fills a batch with c->rows rows (data time ending now) and seals it; 1 when the CSV ran out first. */
static int next_batch(const device_config *c, FILE *csv, biotdm_batch *b, biotdm_sequence *seq,
                      const biotdm_storage *st) {
    uint64_t now = biotdm_posix_clock(NULL);
    int i, rc = 1;
    for (i = 0; i < c->rows && rc == 1; i++) {
        rc = add_row(csv, b, st, now - (uint64_t)(c->rows - 1 - i) * ROW_MS);
    }
    if (rc != 1 || biotdm_batch_seal(b, seq, now, st) != BIOTDM_OK) {
        fprintf(stderr, "biotdm_device: no batch %s\n", rc == 0 ? "(the CSV ended)" : "(storage)");
        return 1;
    }
    return 0;
}

int device_send_telemetry(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                          const biotdm_transport *t) {
    static biotdm_batch batch;
    biotdm_sequence seq;
    FILE *csv;
    int i, rc = 0;
    if (biotdm_sequence_open(&seq, st) != BIOTDM_OK || biotdm_batch_restore(&batch, st) != BIOTDM_OK) {
        fprintf(stderr, "biotdm_device: damaged sequence or batch record\n");
        return 1;
    }
    if (batch.sealed && send_batch(c, &batch, st, key, t, "RESENT") != 0) {
        return 1;
    }
    if (c->batches <= 0) {
        return 0;
    }
    if ((csv = open_csv(c)) == NULL) {
        fprintf(stderr, "biotdm_device: cannot read %s\n", c->csv);
        return 1;
    }
    for (i = 0; i < c->batches && rc == 0; i++) {
        if (i > 0) {
            device_sleep_ms(c->pause_ms);
        }
        rc = next_batch(c, csv, &batch, &seq, st) || send_batch(c, &batch, st, key, t, "ACK");
    }
    fclose(csv);
    return rc;
}

int device_complete(const device_config *c, const biotdm_key *key, const biotdm_transport *t,
                    const device_command *command, biotdm_command_status status, const char *result) {
    static const char *const STATUS[] = {"SUCCEEDED", "FAILED", "REJECTED"};
    char path[128];
    biotdm_buffer body = device_body();
    biotdm_sink sink = biotdm_buffer_sink(&body);
    biotdm_http_answer a;
    if (biotdm_command_receipt_body(key, c->device_id, &command->ids, status, result, &sink) != BIOTDM_OK
            || body.overflow) {
        fprintf(stderr, "biotdm_device: cannot sign the receipt of %s\n", command->ids.id);
        return 1;
    }
    snprintf(path, sizeof path, "/device/v1/commands/%s/receipt", command->ids.id);
    if (device_request(c, t, "POST", path, body.buf, body.len, &a) != BIOTDM_OK) {
        return 1;
    }
    printf("RECEIPT %s %s %s status=%d %s\n", command->ids.id, command->ids.type, STATUS[status], a.status, a.body);
    return a.status / 100 == 2 ? 0 : 1;
}

/* Carries out one command by its type: firmware-update, configuration, or any other (SUCCEEDED, RESULT). */
static int run(const device_config *c, const biotdm_storage *st, const biotdm_key *key, const biotdm_transport *t,
               const device_command *command) {
    if (strcmp(command->ids.type, "firmware-update") == 0) {
        return device_firmware_update(c, st, key, t, command);
    }
    if (strcmp(command->ids.type, "configuration") == 0) {
        return device_configuration(c, key, t, command);
    }
    return device_complete(c, key, t, command, BIOTDM_SUCCEEDED, RESULT);
}

int device_complete_commands(const device_config *c, const biotdm_storage *st, const biotdm_key *key,
                             const biotdm_transport *t) {
    static device_command command;
    char path[64];
    biotdm_http_answer a;
    int done, found;
    for (done = 0; done < COMMANDS_MAX; done++) {
        snprintf(path, sizeof path, "/device/v1/commands?wait=%d", done == 0 ? c->poll : 0);
        if (device_request(c, t, "GET", path, NULL, 0, &a) != BIOTDM_OK) {
            return 1;
        }
        if (a.status != 200) {
            fprintf(stderr, "biotdm_device: command poll refused: %d %s\n", a.status, a.body);
            return 1;
        }
        if ((found = biotdm_first_command(a.body, &command.ids)) == 0) {
            break; /* nothing pending */
        }
        command.json = a.body;
        printf("COMMAND %s answer=%lu bytes\n", command.ids.id, (unsigned long)a.body_len);
        if (found < 0 || run(c, st, key, t, &command) != 0) {
            return 1;
        }
    }
    printf("COMMANDS completed=%d\n", done);
    return 0;
}
