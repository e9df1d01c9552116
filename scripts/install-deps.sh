#!/usr/bin/env bash
# Installs the system packages Voxgate needs on Debian 12, then the embedded models.
# Idempotent: a second run only checks. Used by the quick start, the test script and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(espeak-ng libespeak-ng-dev sox libsox-fmt-all ffmpeg pkg-config python3 python3-pip ca-certificates)
if [[ "${VOXGATE_BROWSER_TESTS:-0}" == 1 ]]; then
  packages+=(chromium chromium-driver)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
