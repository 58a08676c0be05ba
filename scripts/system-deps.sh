#!/usr/bin/env bash
# The real servers the tests start on loopback, from Debian's packages, installed when missing:
# redis-server (the Redis stores), chromium (the console's browser tests), tinyproxy (a forward proxy),
# haproxy (a sticky balancer), openssl (the TLS tests' CA and certificates).
set -euo pipefail
PATH="$PATH:/usr/sbin:/sbin"
missing=()
for bin in redis-server chromium tinyproxy haproxy openssl; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian package names); install them, then run pnpm test again." >&2
  exit 1
fi
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
echo "Installing the tests' servers from Debian's packages: ${missing[*]}"
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
