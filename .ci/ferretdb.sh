# FerretDB 1.x (the MongoDB wire protocol on an SQLite backend) for the integration suite's MongoDB
# leg on machines where mongodb-memory-server cannot download a mongod but Go and the Go module
# proxy are there. Sourced by .ci/run; by hand:
#   source .ci/ferretdb.sh && ferretdb_start && npx vitest run --project mongodb
# ferretdb_start exports TEST_MONGODB_URI and stops the server (and deletes its data) on exit.

FERRETDB_VERSION=v1.24.2
FERRETDB_BIN=".cache/ferretdb/$FERRETDB_VERSION/ferretdb"

# Builds $FERRETDB_BIN once (cached in the git-ignored .cache/; a rerun reuses it).
ferretdb_build() {
  [ -x "$FERRETDB_BIN" ] && return 0
  command -v go >/dev/null || { echo "[ci] FerretDB cannot be built: no Go on this machine" >&2; return 1; }
  local started=$SECONDS src work out="$PWD/$FERRETDB_BIN"
  echo "[ci] building FerretDB $FERRETDB_VERSION from the Go module proxy (1 to 3 minutes, once)"
  local download
  download=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION") \
    || { echo "[ci] FerretDB cannot be downloaded from the Go module proxy: $download" >&2; return 1; }
  src=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' <<<"$download")
  [ -n "$src" ] || { echo "[ci] go mod download did not say where FerretDB's source is: $download" >&2; return 1; }
  # `go install …/cmd/ferretdb@$FERRETDB_VERSION` builds a binary that panics at start: its
  # version comes from build/version/version.txt, which the module leaves empty (their release
  # build generates it). So build a copy of the module with that file written.
  work=$(mktemp -d)
  cp -r "$src/." "$work" && chmod -R u+w "$work" && echo "$FERRETDB_VERSION" >"$work/build/version/version.txt" \
    && mkdir -p "$(dirname "$out")" \
    && (cd "$work" && go build -trimpath -o "$out.part" ./cmd/ferretdb) \
    && mv "$out.part" "$out"
  local status=$?
  rm -rf "$work"
  [ $status -eq 0 ] || { echo "[ci] FerretDB build failed (status $status)" >&2; return $status; }
  echo "[ci] built FerretDB $FERRETDB_VERSION in $((SECONDS - started)) s: $FERRETDB_BIN"
}

# Starts FerretDB on a free port with a fresh data folder and exports TEST_MONGODB_URI; an EXIT
# trap stops it and removes the folder.
ferretdb_start() {
  local port data
  data=$(mktemp -d "${TMPDIR:-/tmp}/minimart-ferretdb.XXXXXX")
  port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')
  # No auth (FerretDB 1.x with SQLite has none unless asked), no telemetry, no debug HTTP port
  # (its default 8088 would clash with a second instance on the machine).
  "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$data/" --state-dir="$data" \
    --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable --log-level=WARN \
    >"$data/ferretdb.log" 2>&1 &
  FERRETDB_PID=$!
  FERRETDB_DATA=$data
  trap ferretdb_stop EXIT
  local tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$FERRETDB_PID" 2>/dev/null || [ $((tries += 1)) -gt 100 ]; then
      echo "[ci] FerretDB did not start:" >&2
      cat "$data/ferretdb.log" >&2
      return 1
    fi
    sleep 0.1
  done
  export TEST_MONGODB_URI="mongodb://127.0.0.1:$port/"
  # What the server cannot tell the suite about itself.
  export TEST_MONGODB_DESCRIPTION="SQLite backend, started by .ci/ferretdb.sh"
  echo "[ci] FerretDB $FERRETDB_VERSION (SQLite backend) listens on 127.0.0.1:$port, data in $data"
}

ferretdb_stop() {
  [ -n "${FERRETDB_PID:-}" ] || return 0
  kill "$FERRETDB_PID" 2>/dev/null && wait "$FERRETDB_PID" 2>/dev/null
  rm -rf "$FERRETDB_DATA"
  FERRETDB_PID=
}
