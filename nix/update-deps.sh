#!/usr/bin/env bash
# nix/update-deps.sh: regenerates nix/deps.json, the NuGet lock file that nix/package.nix hands to
# buildDotnetModule (nugetDeps). Run it after changing a PackageReference or Directory.Packages.props.
#
# It restores src/RecipeCi, takes every *package* library from the obj/project.assets.json of it and of each
# project it references (a class library restores packages that the web project's graph prunes as part of the
# shared framework, and the offline nix build restores every project), and hashes the .nupkg in the NuGet cache. The format is
# the one nixpkgs' nuget-to-json writes: [{ "pname", "version", "hash": "sha256-<base64>" }], sorted by name.
# The hash is of the .nupkg file itself, which is what fetchNupkg downloads and checks.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT="$ROOT/src/RecipeCi/RecipeCi.csproj"
OUT="$ROOT/nix/deps.json"
CACHE=${NUGET_PACKAGES:-$HOME/.nuget/packages}

command -v jq >/dev/null || { echo "update-deps.sh: jq is needed" >&2; exit 1; }
# The restore the shipped builds do (package.nix, docker/Dockerfile): for linux-x64 and ReadyToRun, which adds the
# crossgen compiler and the runtime packs as download dependencies (packs, not libraries; collected below too).
dotnet restore "$PROJECT" -nologo -v quiet -r linux-x64 -p:PublishReadyToRun=true >/dev/null
ASSETS=("$ROOT"/src/*/obj/project.assets.json)   # after the restore: a fresh checkout has none before it

tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
jq -r '(.libraries | to_entries[] | select(.value.type == "package") | .key),
       (.project.frameworks[]?.downloadDependencies[]? | "\(.name)/\(.version | ltrimstr("[") | rtrimstr("]") | split(",")[0])")' \
  "${ASSETS[@]}" | sort -fu |
while IFS=/ read -r name version; do
  lower=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')
  nupkg="$CACHE/$lower/$version/$lower.$version.nupkg"
  [ -f "$nupkg" ] || { echo "update-deps.sh: $nupkg is missing; restore did not download it" >&2; exit 1; }
  hex=$(sha256sum "$nupkg" | cut -d' ' -f1)
  # hex digest -> raw bytes -> base64 (the SRI form), with coreutils only (no xxd or openssl needed)
  hash=$(printf "$(printf '%s' "$hex" | sed 's/../\\x&/g')" | base64 -w0)
  jq -n --arg p "$name" --arg v "$version" --arg h "sha256-$hash" '{pname: $p, version: $v, hash: $h}'
done | jq -s '.' >"$tmp"

[ "$(jq length "$tmp")" -gt 0 ] || { echo "update-deps.sh: no packages found in ${ASSETS[*]}" >&2; exit 1; }
mv "$tmp" "$OUT"; trap - EXIT
echo "nix/deps.json: $(jq length "$OUT") packages"
