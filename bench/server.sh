#!/usr/bin/env bash
# Measures the PACT API of `trustpcf serve` with wrk on loopback: requests per
# second and latency percentiles for GET /3/footprints/{id} and a filtered
# GET /3/footprints, over 10,000 imported footprints.
#
# Usage: bench/server.sh [TRUSTPCF_BINARY]   (default build/release/src/cli/trustpcf)
# Environment: DURATION (default 15s), CONNECTIONS (default 32), THREADS (2),
# PORT (default 18443), FOOTPRINTS (default 10000).
# Needs wrk, curl and python3 (Debian packages). Every request goes to the
# node this script starts on 127.0.0.1; the node is stopped at the end.
set -euo pipefail

binary=${1:-build/release/src/cli/trustpcf}
duration=${DURATION:-15s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
port=${PORT:-18443}
count=${FOOTPRINTS:-10000}
shared=${TRUSTPCF_SHARED:-$(dirname "$0")/../../shared}
example=$shared/pact/v3/examples/example-1.json

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "server.sh: $tool is missing; run scripts/install-deps" >&2; exit 2; }
done
[ -x "$binary" ] || { echo "server.sh: no trustpcf binary at $binary; build it first" >&2; exit 2; }
[ -f "$example" ] || { echo "server.sh: $example is missing; set TRUSTPCF_SHARED" >&2; exit 2; }

home=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tp() { "$binary" --home "$home" "$@"; }
tp init --name "Bench Supplier" --company-id urn:pact:company:bench >/dev/null

# 10,000 footprints: example 1 with fresh ids, one product id each, and
# geographies cycling through four countries.
python3 - "$example" "$count" "$home/footprints.json" <<'PY'
import json, sys, uuid
example, count, out = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
countries = ["DE", "FR", "US", "JP"]
footprints = []
for i in range(count):
    footprint = dict(example)
    footprint["id"] = str(uuid.UUID(int=i + 1, version=4))
    footprint["productIds"] = [f"urn:gtin:{4000000000000 + i}"]
    pcf = dict(footprint["pcf"])
    pcf.pop("geographyCountrySubdivision", None)
    pcf["geographyCountry"] = countries[i % len(countries)]
    footprint["pcf"] = pcf
    footprints.append(footprint)
json.dump({"data": footprints}, open(out, "w"))
PY
tp footprint import --own "$home/footprints.json"
credentials=$(tp partner add bench --url "https://127.0.0.1:$port" --json)
tp policy grant bench --all --purpose benchmark >/dev/null

# Started directly, not through tp, so that $! is the node itself.
"$binary" --home "$home" serve --listen "127.0.0.1:$port" 2>"$home/serve.log" &
server_pid=$!
for _ in $(seq 50); do
  curl -s --cacert "$home/tls/certificate.pem" "https://127.0.0.1:$port/.well-known/openid-configuration" >/dev/null && break
  sleep 0.1
done

client_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["clientId"])' <<<"$credentials")
client_secret=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["clientSecret"])' <<<"$credentials")
token=$(curl -s --cacert "$home/tls/certificate.pem" -u "$client_id:$client_secret" \
  -d grant_type=client_credentials "https://127.0.0.1:$port/auth/token" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
id=$(python3 -c 'import uuid; print(uuid.UUID(int=5000, version=4))')

echo "== GET /3/footprints/{id} ($count footprints, $connections connections, $duration)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
  "https://127.0.0.1:$port/3/footprints/$id"

echo "== GET /3/footprints?geography=FR&productId=...&limit=10"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
  "https://127.0.0.1:$port/3/footprints?geography=FR&productId=urn:gtin:4000000000001&productId=urn:gtin:4000000000005&limit=10"
