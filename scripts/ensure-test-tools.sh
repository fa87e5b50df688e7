#!/usr/bin/env bash
# Before `npm test`: the browser tests drive Debian's Chromium (playwright-core never downloads a
# browser here). Install it on a fresh Debian machine when we may; otherwise say what is missing.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends chromium socat >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium socat >/dev/null; }
  exit 0
fi
echo "The browser tests need Chromium at $browser (Debian: apt-get install chromium), or CHROMIUM_PATH set." >&2
exit 1
