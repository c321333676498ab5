// BIoT-DM device on an ESP8266 with the Arduino ESP8266 core (3.x): the platform of biotdm_platform.h on LittleFS,
// the chip's hardware RNG and BearSSL::WiFiClientSecure (mutual TLS, the gateway's key pinned, 2 KB records), around
// the C core. Its loop does what the posix device does (platform/posix/device_loop.c): provisioning with a claim
// token and its own CSR, signed telemetry batches kept across a reset, command polling with signed receipts, and
// firmware updates through the core's Update API with every check of protocol/firmware-manifest-v1.md
// (commands.ino, with pushed configuration).
// NOT BUILT IN CI: compiled (not linked) against the core by ../../scripts/check-sketch.sh; ../../README.md, "On the
// board", gives the build steps. Edit the settings below (or a "settings.h" beside the sketch) for your board.
#include <ESP8266HTTPClient.h>
#include <ESP8266WiFi.h>
#include <LittleFS.h>
#include <Updater.h>
#include <WiFiClientSecureBearSSL.h>
#include <time.h>

extern "C" {
#include "biotdm/biotdm.h"
#include "biotdm/firmware.h"
#include "biotdm/json.h"
#include "biotdm/persist.h"
#include "biotdm_messages.h"
}

// ---- settings -------------------------------------------------------------------------------------------------
static const char WIFI_SSID[] = "your-ssid";
static const char WIFI_PASSWORD[] = "your-password";
static const char GATEWAY_HOST[] = "gateway.example.org";  // the device port (stack.properties' device.url)
static const uint16_t GATEWAY_PORT = 8443;
static const char DEVICE_ID[] = "esp-1";
static const char DEVICE_MODEL[] = "Org1MSP/wsn-mote";  // <manufacturer MSP ID>/<model name>
// The manufacturer's firmware-signing key (0x04 || X || Y): the public key registered with
// POST /api/v1/firmware/signing-keys, e.g. `openssl ec -pubin -in signing.pub.pem -outform DER | tail -c 65 | xxd -i`.
static const biotdm_firmware_key TRUSTED[] = {{"Org1MSP", {0x04 /* , X (32 bytes), Y (32 bytes) */}}};
static const unsigned ISSUER_KEY_TYPE = BR_KEYTYPE_EC;  // the key type of the CA that signs device certificates
static const uint32_t SAMPLE_MS = 5000;                 // one reading every 5 s
static const uint16_t READINGS_PER_BATCH = 12;          // at most BIOTDM_BATCH_MAX (16)
static const uint32_t POLL_MS = 30000;                  // command poll period
// LittleFS files put there before the first boot: the claim token and the gateway's public key (PEM), made with
// `openssl x509 -in device-port.pem -pubkey -noout > gateway-key.pem` from stack.properties' device.server-cert.
static const char CLAIM_TOKEN_FILE[] = "/claim-token";
static const char GATEWAY_KEY_FILE[] = "/gateway-key.pem";
// ---------------------------------------------------------------------------------------------------------------

static const char *const SLOT_FILES[] = {"/key", "/sequence", "/batch", "/certificate.der",
                                         "/firmware-manifest", "/firmware-download"};
static const char PENDING_FILE[] = "/firmware-pending";  // an update installed, its receipts not yet sent
static const size_t ANSWER_MAX = 6144;                   // one gateway answer, or one 4 KiB image chunk
static const uint32_t CHUNK_BYTES = 4096;

static char answer[ANSWER_MAX + 1];
static size_t answer_len;
static uint8_t body_buf[4096];
static biotdm_storage storage;
static biotdm_key key;
static biotdm_sequence sequence;
static biotdm_batch batch;  // BIOTDM_BATCH_MAX readings: keep it at 16 (about 2 KB) on this chip
static BearSSL::WiFiClientSecure tls;
static BearSSL::PublicKey *gateway_key;
static BearSSL::X509List *device_cert;
static BearSSL::PrivateKey *device_key;
static uint32_t last_sample, last_poll, last_send;

// A firmware update installed but not yet confirmed to the gateway: what its receipts need after the reboot.
struct pending_update {
  biotdm_command_ids command;
  char campaign[BIOTDM_DEVICE_ID_MAX + 1];
  biotdm_manifest manifest;
};

// ---- platform: RNG and storage --------------------------------------------------------------------------------

// The hardware RNG (RANDOM_REG32, fed by RF noise while Wi-Fi is on).
static int esp_rng(void *, uint8_t *out, size_t len) {
  while (len > 0) {
    uint32_t v = RANDOM_REG32;
    size_t n = len < 4 ? len : 4;
    memcpy(out, &v, n);
    out += n, len -= n;
  }
  return 0;
}

static int file_read(const char *name, void *buf, size_t len) {
  File f = LittleFS.open(name, "r");
  if (!f) return 0;
  int n = f.read(static_cast<uint8_t *>(buf), len);
  f.close();
  return n;
}

// LittleFS renames atomically: write a temporary file, then rename it over the old one.
static int file_write(const char *name, const void *buf, size_t len) {
  String tmp = String(name) + ".tmp";
  File f = LittleFS.open(tmp, "w");
  if (!f) return -1;
  bool ok = f.write(static_cast<const uint8_t *>(buf), len) == len;
  f.close();
  return ok && LittleFS.rename(tmp, name) ? 0 : -1;
}

static int fs_read(void *, biotdm_slot slot, void *buf, size_t len) { return file_read(SLOT_FILES[slot], buf, len); }
static int fs_write(void *, biotdm_slot slot, const void *buf, size_t len) {
  return file_write(SLOT_FILES[slot], buf, len);
}

static String read_text(const char *name) {
  File f = LittleFS.open(name, "r");
  String s = f ? f.readString() : String();
  f.close();
  s.trim();
  return s;
}

// ---- platform: TLS and HTTP -----------------------------------------------------------------------------------

// The device key as DER SEC1 ECPrivateKey (RFC 5915) for BearSSL::PrivateKey: version 1, the scalar, P-256, the point.
static BearSSL::PrivateKey *sec1_key(const biotdm_key *k) {
  static const uint8_t head[] = {0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20};
  static const uint8_t curve[] = {0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
                                  0xa1, 0x44, 0x03, 0x42, 0x00};
  uint8_t der[sizeof head + 32 + sizeof curve + 65];
  memcpy(der, head, sizeof head);
  memcpy(der + sizeof head, k->secret, 32);
  memcpy(der + sizeof head + 32, curve, sizeof curve);
  memcpy(der + sizeof head + 32 + sizeof curve, k->pub, 65);
  BearSSL::PrivateKey *pk = new BearSSL::PrivateKey(der, sizeof der);
  memset(der, 0, sizeof der);
  return pk;
}

// Pins the gateway's key; the client certificate once provisioned; 2 KB records in (BearSSL then asks for a
// 2048-byte Maximum Fragment Length, RFC 6066), 512 bytes out.
static void tls_setup() {
  tls.setKnownKey(gateway_key);
  tls.setBufferSizes(2048, 512);
  if (device_cert != nullptr) tls.setClientECCert(device_cert, device_key, BR_KEYTYPE_SIGN, ISSUER_KEY_TYPE);
}

// One HTTP/1.0 exchange (no chunked answers); the answer's body into `answer` (binary-safe, answer_len bytes).
static int exchange(const char *method, const String &path, const uint8_t *body, size_t len, const char *range) {
  HTTPClient http;
  http.useHTTP10(true);
  if (!http.begin(tls, GATEWAY_HOST, GATEWAY_PORT, path, true)) return -1;
  http.addHeader("Content-Type", "application/json");
  http.addHeader("Accept", range != nullptr ? "application/octet-stream, application/json" : "application/json");
  if (range != nullptr) http.addHeader("Range", range);
  int status = http.sendRequest(method, const_cast<uint8_t *>(body), len);
  int size = http.getSize();
  answer_len = 0;
  if (status > 0 && size > 0 && static_cast<size_t>(size) <= ANSWER_MAX) {
    answer_len = http.getStreamPtr()->readBytes(answer, size);
  }
  answer[answer_len] = '\0';
  http.end();
  return size > 0 && answer_len != static_cast<size_t>(size) ? -1 : status;
}

static int post(const char *path, const biotdm_buffer &body) {
  return body.overflow ? -1 : exchange("POST", path, body.buf, body.len, nullptr);
}

static biotdm_buffer new_body() { return biotdm_buffer{body_buf, sizeof body_buf, 0, 0}; }

// ---- provisioning and telemetry -------------------------------------------------------------------------------

// Sends the claim token with the device's own CSR over TLS without a client certificate; stores the certificate.
static bool provision() {
  static char csr[BIOTDM_CSR_PEM_MAX];
  static char pem[2048];
  biotdm_buffer body = new_body();
  biotdm_sink sink = biotdm_buffer_sink(&body);
  String token = read_text(CLAIM_TOKEN_FILE);
  if (biotdm_csr_pem(&key, DEVICE_ID, csr, sizeof csr) < 0
      || biotdm_provision_body(DEVICE_ID, token.c_str(), csr, &sink) != BIOTDM_OK) {
    return false;
  }
  int status = post("/device/v1/provision", body);
  if (status / 100 != 2 || biotdm_json_string(answer, "certificate", pem, sizeof pem) == nullptr) {
    Serial.printf("provisioning refused: %d %s\n", status, answer);
    return false;
  }
  BearSSL::X509List cert(pem);  // the DER of the first certificate is what the slot keeps
  if (cert.getCount() == 0 || fs_write(nullptr, BIOTDM_SLOT_CERT, cert.getX509Certs()[0].data,
                                       cert.getX509Certs()[0].data_len) != 0) {
    return false;
  }
  Serial.println("PROVISIONED");
  return true;
}

static bool load_certificate() {
  static uint8_t der[1024];
  int n = fs_read(nullptr, BIOTDM_SLOT_CERT, der, sizeof der);
  if (n <= 0) return false;
  device_cert = new BearSSL::X509List(der, n);
  device_key = sec1_key(&key);
  tls_setup();
  return true;
}

// Signs the sealed batch and posts it; clears it once the gateway acknowledged it (a reset before resends it).
static void send_batch() {
  biotdm_batch_header h = {DEVICE_ID, batch.seq, batch.ts};
  biotdm_buffer body = new_body();
  biotdm_sink sink = biotdm_buffer_sink(&body);
  uint8_t sig[64];
  if (biotdm_telemetry_sign(&key, &h, batch.readings, batch.count, sig) != BIOTDM_OK
      || biotdm_telemetry_body(&h, batch.readings, batch.count, sig, &sink) != BIOTDM_OK) {
    return;
  }
  int status = post("/device/v1/telemetry", body);
  Serial.printf("telemetry seq=%llu status=%d free stack=%u\n", (unsigned long long)h.seq, status,
                ESP.getFreeContStack());
  if (status == 200) biotdm_batch_clear(&batch, &storage);
}

// One reading of the analog input (replace with the board's sensors), every SAMPLE_MS; seals and sends full batches.
static void sample() {
  char value[8];
  biotdm_reading r;
  uint64_t now = static_cast<uint64_t>(time(nullptr)) * 1000u;
  snprintf(value, sizeof value, "%d", analogRead(A0));
  if (biotdm_reading_set(&r, "adc", BIOTDM_NUMBER, value, "1", 1, now) == BIOTDM_OK) {
    biotdm_batch_add(&batch, &r, &storage);
  }
  if (batch.count >= READINGS_PER_BATCH && biotdm_batch_seal(&batch, &sequence, now, &storage) != BIOTDM_OK) {
    Serial.println("cannot seal the batch");
  }
}

// commands.ino, which the Arduino build appends to this file: commands, firmware, configuration.
static void poll_commands();
static void confirm_update();

// ---- setup and loop -------------------------------------------------------------------------------------------

void setup() {
  static uint8_t secret[32];
  Serial.begin(115200);
  LittleFS.begin();
  storage = biotdm_storage{fs_read, fs_write, nullptr};
  WiFi.mode(WIFI_STA);
  WiFi.begin(WIFI_SSID, WIFI_PASSWORD);
  while (WiFi.status() != WL_CONNECTED) delay(250);
  configTime(0, 0, "pool.ntp.org", "time.nist.gov");  // readings and batches carry epoch milliseconds
  while (time(nullptr) < 1700000000) delay(250);
  if (fs_read(nullptr, BIOTDM_SLOT_KEY, secret, 32) != 32 || biotdm_key_from_secret(&key, secret) != BIOTDM_OK) {
    biotdm_key_generate(&key, esp_rng, nullptr);  // after Wi-Fi is on: the RNG's entropy comes from the radio
    fs_write(nullptr, BIOTDM_SLOT_KEY, key.secret, 32);
  }
  memset(secret, 0, sizeof secret);
  biotdm_sequence_open(&sequence, &storage);
  biotdm_batch_restore(&batch, &storage);
  gateway_key = new BearSSL::PublicKey(read_text(GATEWAY_KEY_FILE).c_str());
  tls_setup();
  while (!load_certificate()) {
    if (!provision()) delay(30000);
  }
  confirm_update();
}

void loop() {
  uint32_t now = millis();
  if (batch.sealed && now - last_send >= 10000) {  // also the batch sealed before a reset, unchanged
    last_send = now;
    send_batch();
  }
  if (now - last_sample >= SAMPLE_MS && !batch.sealed) {
    last_sample = now;
    sample();
  }
  if (now - last_poll >= POLL_MS) {
    last_poll = now;
    poll_commands();
  }
  delay(100);
}
