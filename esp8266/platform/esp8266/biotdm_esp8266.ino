// BIoT-DM device on an ESP8266 with the Arduino ESP8266 core (3.x): the platform of biotdm_platform.h on
// LittleFS, the chip's hardware RNG and BearSSL::WiFiClientSecure, around the C core in ../../core.
// NOT BUILT IN CI: the Arduino ESP8266 core cannot be installed on the build machines (see ../../README.md,
// "On the board"). Copy core/src/*, core/include/biotdm/* and platform/include/* next to this sketch.
#include <ESP8266WiFi.h>
#include <LittleFS.h>
#include <WiFiClientSecureBearSSL.h>

extern "C" {
#include "biotdm.h"
#include "persist.h"
}

static const char *const SLOT_FILES[] = {"/key", "/sequence", "/batch", "/certificate.der"};

// The hardware RNG (the ESP8266's RANDOM_REG32, fed by RF noise while Wi-Fi is on).
static int esp_rng(void *, uint8_t *out, size_t len) {
  while (len > 0) {
    uint32_t v = RANDOM_REG32;
    size_t n = len < 4 ? len : 4;
    memcpy(out, &v, n);
    out += n, len -= n;
  }
  return 0;
}

static int fs_read(void *, biotdm_slot slot, void *buf, size_t len) {
  File f = LittleFS.open(SLOT_FILES[slot], "r");
  if (!f) return 0;
  int n = f.read(static_cast<uint8_t *>(buf), len);
  f.close();
  return n;
}

// LittleFS renames atomically: write a temporary file, then rename it over the slot's.
static int fs_write(void *, biotdm_slot slot, const void *buf, size_t len) {
  String tmp = String(SLOT_FILES[slot]) + ".tmp";
  File f = LittleFS.open(tmp, "w");
  if (!f) return -1;
  bool ok = f.write(static_cast<const uint8_t *>(buf), len) == len;
  f.close();
  return ok && LittleFS.rename(tmp, SLOT_FILES[slot]) ? 0 : -1;
}

static biotdm_storage storage = {fs_read, fs_write, nullptr};
static biotdm_key key;
static biotdm_sequence sequence;
static biotdm_batch batch;  // BIOTDM_BATCH_MAX readings: keep it at 16 (about 2 KB) on this chip

void setup() {
  Serial.begin(115200);
  LittleFS.begin();
  uint8_t secret[32];
  if (fs_read(nullptr, BIOTDM_SLOT_KEY, secret, 32) != 32 || biotdm_key_from_secret(&key, secret) != BIOTDM_OK) {
    biotdm_key_generate(&key, esp_rng, nullptr);
    fs_write(nullptr, BIOTDM_SLOT_KEY, key.secret, 32);
  }
  biotdm_sequence_open(&sequence, &storage);
  biotdm_batch_restore(&batch, &storage);
  // Then: Wi-Fi, SNTP (configTime), and if there is no certificate yet, provisioning with biotdm_csr_pem (README).
}

void loop() {
  // Read sensors into the batch (biotdm_reading_set + biotdm_batch_add), seal it with the SNTP time, sign it with
  // biotdm_telemetry_sign, and POST biotdm_telemetry_body over a BearSSL::WiFiClientSecure configured with
  // setClientECCert(certificate, key), setTrustAnchors(pinned gateway certificate) and setBufferSizes(2048, 512)
  // (TLS Maximum Fragment Length); clear the batch once the gateway answers 200.
  delay(1000);
}
