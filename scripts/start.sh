#!/usr/bin/env bash
# Sets Kiln up and builds the example appliance into a qcow2 and an OVA under ./out (what `kiln` does, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet run --project src/Kiln.Cli -- build examples/web.json --format qcow2,ova --output out --overwrite "$@"
