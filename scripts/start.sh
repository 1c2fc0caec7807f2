#!/usr/bin/env bash
# Installs what Kiln needs, then starts the Kiln service on http://127.0.0.1:8080 with its embedded catalog (SQLite),
# job queue and image store under ./var. No other service is needed. The admin's credentials are printed at start.
# KILN_URLS and KILN_DATA change the address and the data directory; KILN_ADMIN_PASSWORD chooses the admin's password.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build src/Kiln.Server -c Release --nologo -v quiet
export Kiln__DataDirectory="${KILN_DATA:-$PWD/var}"
echo "start: Kiln on ${KILN_URLS:-http://127.0.0.1:8080}, data in $Kiln__DataDirectory"
exec dotnet src/Kiln.Server/bin/Release/net10.0/kiln-server.dll --urls "${KILN_URLS:-http://127.0.0.1:8080}" --contentRoot "$PWD/src/Kiln.Server"
