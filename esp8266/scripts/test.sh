#!/usr/bin/env bash
# Builds and tests the device core: on the host against the system's libbearssl-dev, then cross-compiled for the
# ESP8266's lx106 CPU and run under QEMU (BearSSL's source is fetched once into target/deps). Build trees go to
# target/host and target/lx106. Used by the Maven module (mvn verify) and by hand.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
target=${BIOTDM_ESP_TARGET:-$here/target}
jobs=${BIOTDM_ESP_JOBS:-2}

build_and_test() {
  local source=$1 build=$2
  cmake -S "$source" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j "$jobs" >/dev/null
  (cd "$build" && ctest --output-on-failure)
}

build_and_test "$here" "$target/host"
if [[ "${BIOTDM_ESP_SKIP_LX106:-}" != 1 ]]; then
  build_and_test "$here/lx106" "$target/lx106"
fi
