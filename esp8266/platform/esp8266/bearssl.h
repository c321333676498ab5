/* The ESP8266 Arduino core ships BearSSL as <bearssl/bearssl.h>; the device core includes <bearssl.h>. Copied beside
 * the sketch with the core's sources (README.md, "On the board"). */
#include <bearssl/bearssl.h>
