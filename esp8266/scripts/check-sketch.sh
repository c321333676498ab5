#!/usr/bin/env bash
# Compiles the Arduino sketch (platform/esp8266) against the real ESP8266 Arduino core's headers with Debian's lx106
# cross compiler (packages gcc-xtensa-lx106, picolibc-xtensa-lx106-elf, libjsmn-dev).
# Usage: check-sketch.sh CORE NEWLIB
#   CORE   the core's source tree (github.com/esp8266/Arduino) with its LittleFS submodule's lfs.h and lfs_util.h
#   NEWLIB the core's C library fork (github.com/earlephilhower/newlib-xtensa), for its ESP8266-only headers
# The two .ino files are joined as the Arduino builder does (`#include <Arduino.h>` first) and compiled -c -Os
# (objects made, then dropped) with the defines of platform.txt and of boards.txt's nodemcuv2 (NodeMCU 1.0: lwIP v2
# lower memory, 32 KB cache + 32 KB IRAM), then the sketch folder's C files the same way. The builder's generated
# prototypes are not needed: the sketch declares the two functions it calls before their definition. Any warning
# fails the check. Nothing is linked and nothing runs (README.md, "On the board"). Not part of mvn verify or .ci/run.
set -euo pipefail

usage='usage: check-sketch.sh CORE NEWLIB (the esp8266/Arduino and newlib-xtensa source trees)'
core=${1:?$usage}
core=$(cd "$core" && pwd)
newlib=${2:?$usage}
newlib=$(cd "$newlib" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
cxx=${CXX_LX106:-xtensa-lx106-elf-g++}
cc=${CC_LX106:-xtensa-lx106-elf-gcc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# core_version.h is made by the IDE's prebuild hook (makecorever.py); its values only feed ESP.getCoreVersion().
mkdir -p "$work/core"
printf '#define ARDUINO_ESP8266_GIT_VER 0x00000000\n#define ARDUINO_ESP8266_GIT_DESC unknown\n' \
  > "$work/core/core_version.h"

# The sketch folder of README.md "On the board", step 2: the .ino files joined, bearssl.h and biotdm/ beside them.
mkdir -p "$work/sketch/biotdm"
{
  echo '#include <Arduino.h>'
  echo '#line 1 "biotdm_esp8266.ino"'; cat "$here/platform/esp8266/biotdm_esp8266.ino"
  echo '#line 1 "commands.ino"'; cat "$here/platform/esp8266/commands.ino"
} > "$work/sketch/biotdm_esp8266.ino.cpp"
cp "$here/platform/esp8266/bearssl.h" "$work/sketch/"
cp "$here"/core/include/biotdm/*.h "$work/sketch/biotdm/"

# The C library is picolibc's, not the core's newlib fork, which adds three things picolibc lacks; they are taken from
# the fork: <sys/pgmspace.h> (PROGMEM, PSTR), the PROGMEM string functions (memcpy_P, strlen_P: its <string.h>
# declares them through <sys/string.h>) and the lx106 memory map (XCHAL_*: its <sys/config.h> includes it). The
# last two are included before everything else.
mkdir -p "$work/libc/sys" "$work/libc/xtensa/config"
cp "$newlib/newlib/libc/sys/xtensa/sys/pgmspace.h" "$work/libc/sys/"
cp "$newlib/newlib/libc/sys/xtensa/include/xtensa/config/core-isa.h" "$work/libc/xtensa/config/"
{
  echo '#include <stddef.h>'
  sed -n '/^#define SIZE_IRRELEVANT/,/^#ifdef __cplusplus/p' "$newlib/newlib/libc/sys/xtensa/sys/string.h" | sed '$d'
  echo '#ifdef __cplusplus'; echo 'extern "C" {'; echo '#endif'
  sed -n '/^extern "C" {/,/^#ifdef __cplusplus/p' "$newlib/newlib/libc/sys/xtensa/sys/string.h" | sed '1,2d;$d'
  echo '#ifdef __cplusplus'; echo '}'; echo '#endif'
} > "$work/libc/newlib_xtensa_string.h"

# Debian's lx106 toolchain has no libstdc++ (the core's own toolchain ships newlib and libstdc++); the host's
# libstdc++ headers of the same GCC release stand in for it, with picolibc as the C library.
gccver=$("$cxx" -dumpversion | cut -d. -f1)
# Its glibc-specific parts are overridden: no <features.h> (os_defines.h) and no pthreads (gthr-default.h).
mkdir -p "$work/cxx/bits"
printf '#ifndef _GLIBCXX_OS_DEFINES\n#define _GLIBCXX_OS_DEFINES 1\n#endif\n' > "$work/cxx/bits/os_defines.h"
printf '#include <bits/gthr-single.h>\n' > "$work/cxx/bits/gthr-default.h"
stdcpp=(-nostdinc++ -isystem "$work/cxx" -isystem "/usr/include/c++/$gccver"
  -isystem "/usr/include/x86_64-linux-gnu/c++/$gccver")

flags=(
  # platform.txt: compiler.cpreprocessor.flags, compiler.cpp.flags, recipe.cpp.o.pattern
  -D__ets__ -DICACHE_FLASH -U__STRICT_ANSI__ -D_GNU_SOURCE -DESP8266 -DNONOSDK22x_190703=1 -DF_CPU=80000000L
  -DLWIP_OPEN_SRC -DTCP_MSS=536 -DLWIP_FEATURES=1 -DLWIP_IPV6=0 -DARDUINO=10819 -DARDUINO_ESP8266_NODEMCU_ESP12E
  -DARDUINO_ARCH_ESP8266 '-DARDUINO_BOARD="ESP8266_NODEMCU_ESP12E"' '-DARDUINO_BOARD_ID="nodemcuv2"'
  -DFLASHMODE_DIO -DMMU_IRAM_SIZE=0x8000 -DMMU_ICACHE_SIZE=0x8000
  -fno-exceptions -mlongcalls -mtext-section-literals -Werror=return-type
  -Wall -Wextra -Werror
  -isystem "$work/libc" -include xtensa/config/core-isa.h -include newlib_xtensa_string.h
  -I"$core/tools/sdk/include" -I"$core/tools/sdk/lwip2/include" -I"$work/core"
  -I"$core/cores/esp8266" -I"$core/variants/nodemcu"
  -I"$core/libraries/ESP8266WiFi/src" -I"$core/libraries/ESP8266HTTPClient/src" -I"$core/libraries/LittleFS/src"
  -I"$work/sketch" -I"$here/platform/common" -I"$here/platform/include" -I"$here/core/src"
)
"$cxx" -c -Os -o "$work/sketch.o" -std=gnu++17 -fno-rtti "${stdcpp[@]}" "${flags[@]}" \
  "$work/sketch/biotdm_esp8266.ino.cpp"

# The C files the sketch folder holds (step 2): the device core and the message bodies, as the builder compiles
# them (platform.txt compiler.c.flags: gnu17), with jsmn.h from Debian's libjsmn-dev (README.md, step 2).
jsmn=${JSMN_H:-/usr/include/jsmn.h}
mkdir -p "$work/jsmn" && cp "$jsmn" "$work/jsmn/"
for c in "$here"/core/src/*.c "$here/platform/common/messages.c"; do
  "$cc" -c -Os -o "$work/c.o" -std=gnu17 "${flags[@]}" -I"$work/jsmn" "$c"
done
echo "check-sketch: the sketch and its C files compile against $core (not linked)"
