/*
 * Tunables of the BIoT-DM device core. Every buffer the core uses is sized here; override any of them with a
 * -D compiler flag (espMqttClient's Config.h idea). The core never allocates: the caller owns every structure.
 */
#ifndef BIOTDM_CONFIG_H
#define BIOTDM_CONFIG_H

/* Longest device ID in bytes: [A-Za-z0-9][A-Za-z0-9._-]{0,63} (protocol/names.md). Not a tunable. */
#define BIOTDM_DEVICE_ID_MAX 64

/* Longest sensor name in UTF-8 bytes the device keeps (the protocol allows 64 code points, up to 256 bytes). */
#ifndef BIOTDM_SENSOR_MAX
#define BIOTDM_SENSOR_MAX 64
#endif

/* Longest value text in bytes: a JSON number token, a string value, or true/false (the protocol allows 64). */
#ifndef BIOTDM_VALUE_MAX
#define BIOTDM_VALUE_MAX 32
#endif

/* Longest unit in UTF-8 bytes (the protocol allows 16 code points). */
#ifndef BIOTDM_UNIT_MAX
#define BIOTDM_UNIT_MAX 16
#endif

/* Readings one batch holds; the batch lives in caller memory and in platform storage (at most 1000, the gateway's
 * max-readings). Each reading takes sizeof(biotdm_reading) bytes, about 128 with the defaults above. */
#ifndef BIOTDM_BATCH_MAX
#define BIOTDM_BATCH_MAX 16
#endif

/* Sequence numbers reserved in storage at a time: one storage write per this many batches; a reset skips at most
 * this many numbers, which the gateway's 64-wide anti-replay window tolerates only when it is below 64. */
#ifndef BIOTDM_SEQ_BLOCK
#define BIOTDM_SEQ_BLOCK 16
#endif

/* Bytes of a DER provisioning CSR: with a 64-byte device ID it takes 300; the PEM form needs 4/3 of it plus lines. */
#ifndef BIOTDM_CSR_DER_MAX
#define BIOTDM_CSR_DER_MAX 320
#endif
#define BIOTDM_CSR_PEM_MAX (((BIOTDM_CSR_DER_MAX + 2) / 3) * 4 + (BIOTDM_CSR_DER_MAX / 48) + 80)

#if BIOTDM_SEQ_BLOCK < 1 || BIOTDM_SEQ_BLOCK > 63
#error "BIOTDM_SEQ_BLOCK must be 1 .. 63 so a reset never jumps past the gateway's anti-replay window"
#endif
#if BIOTDM_BATCH_MAX < 1 || BIOTDM_BATCH_MAX > 1000
#error "BIOTDM_BATCH_MAX must be 1 .. 1000 (the gateway's max-readings)"
#endif

#endif
