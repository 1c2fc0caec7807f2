#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration tests that build real images and boot them under QEMU (TCG).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# A cache of its own, so a run proves the cold path and never depends on what an earlier run left.
export KILN_TEST_ROOT="${KILN_TEST_ROOT:-/var/tmp/kiln-tests}"
dotnet build Kiln.slnx --nologo -v quiet -warnaserror
dotnet test Kiln.slnx --no-build --nologo --logger "console;verbosity=normal" "$@"
