#!/usr/bin/env bash
# Before `npm test`: the browser tests drive Debian's Chromium (playwright-core never downloads a
# browser here), device tests link serial ports with socat, label tests read barcodes with zbarimg
# and text with tesseract (Russian data), print-form tests read PDFs with poppler (pdftotext,
# pdffonts, pdfimages), and head-office tests need a running
# PostgreSQL with the test role. Install and start what is missing when we may (root on Debian);
# otherwise say what is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
may_install() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }

missing=()
[ -x "$browser" ] || missing+=(chromium)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
tesseract --list-langs 2>/dev/null | grep -x rus >/dev/null || missing+=(tesseract-ocr tesseract-ocr-rus)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -n "${TEST_POSTGRES_URL:-}" ] || command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if ! may_install; then
    echo "The tests need: ${missing[*]} (Debian: apt-get install ${missing[*]}); or CHROMIUM_PATH / TEST_POSTGRES_URL set." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} for the tests..."
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# Head office's tests: a local cluster and a role that may create databases (TEST_POSTGRES_URL overrides).
[ -n "${TEST_POSTGRES_URL:-}" ] && exit 0
read -r version cluster status < <(pg_lsclusters --no-header | awk '{print $1, $2, $4; exit}') || true
if [ -z "${version:-}" ]; then
  may_install || { echo "PostgreSQL is installed but has no cluster (pg_createcluster)." >&2; exit 1; }
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null
  status=down
fi
if [ "$status" != online ]; then
  may_install || { echo "Start PostgreSQL: pg_ctlcluster $version $cluster start" >&2; exit 1; }
  pg_ctlcluster "$version" "$cluster" start
fi
if ! PGPASSWORD=till_test psql -h 127.0.0.1 -U till_test -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
  may_install || { echo "Create the test role: CREATE ROLE till_test LOGIN CREATEDB PASSWORD 'till_test'" >&2; exit 1; }
  su postgres -c "psql -qc \"CREATE ROLE till_test LOGIN CREATEDB PASSWORD 'till_test'\""
fi
