#!/usr/bin/env bash
# Fetches BearSSL's source (Debian's bearssl 0.6 package) into $1, once: the lx106 build compiles it from source,
# since Debian ships BearSSL only for the host. A temporary deb-src list for this system's suite is used through
# apt's private lists directory, so the system's apt configuration is not touched. Nothing fetched is committed.
set -euo pipefail

dest=${1:?usage: fetch-bearssl.sh <directory>}
if [[ -f "$dest/bearssl/inc/bearssl.h" ]]; then
  exit 0
fi
# shellcheck disable=SC1091
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:?}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$dest"
cat >"$work/sources.list" <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main
LIST
apt_opts=(-o "APT::Sandbox::User=root" -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/lists" -o "Debug::NoLocking=1")
apt-get "${apt_opts[@]}" -qq update
(cd "$work" && apt-get "${apt_opts[@]}" -qq --download-only source bearssl >/dev/null)
dsc=$(ls "$work"/bearssl_*.dsc)
dpkg-source --no-check -x "$dsc" "$work/src" >/dev/null
rm -rf "$dest/bearssl"
mv "$work/src" "$dest/bearssl"
