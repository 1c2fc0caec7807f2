#!/usr/bin/env bash
# Installs what Kiln needs on a Debian 12 machine (when missing) and restores its NuGet packages.
# Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # image building
  mmdebstrap fdisk dosfstools mtools e2fsprogs syslinux syslinux-common extlinux
  grub-efi-amd64-bin grub-common qemu-utils
  # boot tests and UEFI firmware
  qemu-system-x86 ovmf
  # used by the builder and its tests
  tzdata xz-utils zstd tar gzip coreutils passwd systemd perl
  # machines (setsid) and their tests (ps, kill)
  util-linux procps
  # benchmark script
  jq bc
  ca-certificates
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK (dotnet) is required and was not found on PATH" >&2
  exit 1
fi
dotnet restore Kiln.slnx --nologo -v quiet
echo "setup: ready"
