#!/usr/bin/env bash
# Installs whatever Caseboard's build and tests need and is missing; quick when all is present.
# Sourced by scripts/serve.sh and scripts/test.sh; can also be run on its own.
#   Rust target wasm32-unknown-unknown · trunk · wasm-bindgen-cli at the version in Cargo.lock ·
#   Debian chromium + chromium-driver · npm packages (echarts, esbuild, binaryen's wasm-opt,
#   Playwright, workbox-build for the service worker) · the custom echarts bundle · the crates
#   (cargo fetch, for Trunk's offline build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION="0.22.1"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first (https://rustup.rs)"
command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer"

# 0. The pinned toolchain (rust-toolchain.toml). No toolchain can be downloaded here, so when
#    rustup lacks it and the installed stable is that same release, stable is linked under the
#    pinned name (what `rustup toolchain install` would have put there).
pinned=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
host=$(rustc +stable -vV 2>/dev/null | sed -n 's/^host: //p')
if ! rustup toolchain list | grep -q "^$pinned-"; then
  stable_version=$(rustc +stable --version 2>/dev/null | awk '{print $2}')
  [ "$stable_version" = "$pinned" ] \
    || die "rust-toolchain.toml pins Rust $pinned; rustup has no such toolchain and stable is \"$stable_version\". Install it: rustup toolchain install $pinned --component rustfmt clippy --target wasm32-unknown-unknown"
  say "linking the installed stable Rust ($stable_version) as the pinned toolchain $pinned"
  ln -s "$(rustc +stable --print sysroot)" "$rustup_home/toolchains/$pinned-$host"
fi
[ "$(rustc --version | awk '{print $2}')" = "$pinned" ] || die "rustc here is $(rustc --version), not the pinned $pinned"

# 1. Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk (~10 minutes to compile on 2 cores, once). Every trunk 0.22.x declares a newer
#    rust-version than it needs, hence --ignore-rust-version.
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi

# 3. wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, and Trunk.toml must ask
#    for that same version, or Trunk would try to download one.
lock_wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$lock_wb" ] || die "could not read the wasm-bindgen version from Cargo.lock"
trunk_wb=$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml)
[ "$trunk_wb" = "$lock_wb" ] || die "Trunk.toml [tools] wasm_bindgen is \"$trunk_wb\" but Cargo.lock has wasm-bindgen $lock_wb. Set both to the same version (and pin wasm-bindgen = \"=$lock_wb\" in Cargo.toml)."
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $lock_wb" ]; then
  say "installing wasm-bindgen-cli $lock_wb (about 3 minutes)"
  # Not --locked: its lockfile pins a crate release this registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$lock_wb" --force
fi
have_wb=$(wasm-bindgen --version 2>/dev/null || true)
[ "$have_wb" = "wasm-bindgen $lock_wb" ] || die "wasm-bindgen-cli on PATH is \"$have_wb\", Cargo.lock needs $lock_wb"

# 4. Chromium and its driver for the browser tests (Debian packages, never a downloaded build).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 5. npm packages, when missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
wasm_opt=$(sed -n 's/^wasm_opt *= *"\(.*\)"/\1/p' Trunk.toml)
wasm-opt --version 2>/dev/null | grep -q "($wasm_opt)" \
  || die "wasm-opt on PATH is \"$(wasm-opt --version 2>/dev/null)\", Trunk.toml wants $wasm_opt (from npm binaryen in node_modules/.bin)"

# 6. The custom echarts bundle that Trunk copies into dist/ (skipped when up to date).
npm run --silent build:echarts

# 7. Crates, so Trunk's offline cargo build finds them.
cargo fetch --locked --quiet
