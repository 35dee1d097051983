#!/usr/bin/env bash
# Install the system packages the kit needs on Debian/Ubuntu: `fonts` and/or `browser`.
set -euo pipefail
pkgs=()
for what in "$@"; do
  case "$what" in
    fonts) pkgs+=(fonts-noto-cjk fontconfig) ;;
    browser) pkgs+=(chromium) ;;
    *) echo "unknown component: $what" >&2; exit 2 ;;
  esac
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${pkgs[*]} (Traditional Chinese fonts / Chromium) with your package manager." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing ${pkgs[*]} with apt-get…" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
