#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests that build real images and boot them under QEMU (TCG).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The tests keep their own cache and outputs here; a fresh machine (CI) starts it empty, so the cold path runs.
export KILN_TEST_ROOT="${KILN_TEST_ROOT:-/var/tmp/kiln-tests}"
dotnet build Kiln.slnx --nologo -v quiet -warnaserror
dotnet test Kiln.slnx --no-build --nologo --logger "console;verbosity=normal" "$@"
