#!/usr/bin/env bash
# The posix device's end-to-end test (README.md, "End-to-end test"): builds the device program on the host, then
# test/DeviceE2e.java starts the real stack (`biotdm up`: dev network, gateway, MariaDB) on free ports in a temporary
# data directory and drives the device against it. It needs the jars the reactor builds before this module; when
# they are absent (a run of this module alone) it says so and skips.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
target=${BIOTDM_ESP_TARGET:-$here/target}
jobs=${BIOTDM_ESP_JOBS:-2}

for jar in cli/target/biotdm.jar gateway-api/target/gateway-api.jar network/devnet/target/devnet.jar \
           chaincode-java/target/chaincode.jar; do
  if [[ ! -f "$root/$jar" ]]; then
    echo "SKIPPED the posix device's end-to-end test: $jar is missing (build it first:" \
         "./mvnw -B -ntp -q -pl cli,gateway-api,network/devnet,chaincode-java -am package -DskipTests)"
    exit 0
  fi
done
if [[ ! -f "$root/../shared/data/suthaharan_wsn/single_hop/data.csv" ]]; then
  echo "The posix device's end-to-end test needs the real data in ../shared/data (see its README)" >&2
  exit 1
fi

cmake -S "$here" -B "$target/host" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$target/host" -j "$jobs" --target biotdm_device >/dev/null
# Everything the stack and the device write (keys, tokens, telemetry) is the owner's alone from its first byte.
umask 077
exec java -cp "$root/cli/target/biotdm.jar" "$here/test/DeviceE2e.java" "$root" "$target/host/biotdm_device" \
  "$target"
