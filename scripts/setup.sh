#!/usr/bin/env bash
# Installs what MessageBox Lab needs, and only what is missing, so a second run installs nothing.
#   scripts/setup.sh serve   the build tools: wasm target, trunk, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh test    the same, plus Chromium, ChromeDriver and the e2e packages
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1   # keep equal to trunk-version in Trunk.toml
BINARYEN_VERSION=132   # keep equal to wasm_opt in Trunk.toml
TOOLS_DIR=.tools       # git-ignored, project-local installs
purpose=${1:-serve}

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version the app links against, read from Cargo.lock (the CLI must match it exactly).
locked_wasm_bindgen() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
}

ensure_trunk() {
    if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then return; fi
    say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
    # trunk 0.22 declares a newer rustc than this machine's; it builds and runs fine on it.
    cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version
}

ensure_wasm_bindgen() {
    local want have
    [ -f Cargo.lock ] || cargo generate-lockfile
    want=$(locked_wasm_bindgen)
    [ -n "$want" ] || fail "Cargo.lock names no wasm-bindgen version"
    grep -q "^wasm_bindgen = \"$want\"" Trunk.toml \
        || fail "Trunk.toml pins a wasm_bindgen other than $want, the version in Cargo.lock: make them equal"
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}') || true
    if [ "$have" = "$want" ]; then return; fi
    say "installing wasm-bindgen-cli $want (found: ${have:-none}; about 2 minutes)"
    # Not --locked: the CLI's own lockfile pins a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$want" --force
}

ensure_wasm_opt() {
    if "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
        return
    fi
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
}

ensure_chromium() {
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
    say "installing Chromium and ChromeDriver from Debian's packages"
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
}

ensure_e2e_packages() {
    # npm ci is skipped when node_modules already matches the lockfile.
    if [ -f e2e/node_modules/.package-lock.json ] && cmp -s e2e/package-lock.json e2e/node_modules/.package-lock.json.src 2>/dev/null; then
        return
    fi
    say "installing the end-to-end test packages (npm ci in e2e/)"
    (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
    cp e2e/package-lock.json e2e/node_modules/.package-lock.json.src
}

ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_wasm_opt
case "$purpose" in
    serve) ;;
    test) ensure_chromium; ensure_e2e_packages ;;
    *) fail "unknown purpose '$purpose' (serve or test)" ;;
esac
say "ready ($purpose)"
