#!/usr/bin/env bash
# Formats every C++ file with .clang-format; `--check` changes nothing and
# fails naming each file that differs (the test run calls it that way).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=clang-format-14
command -v "$tool" >/dev/null || { echo "$tool is missing: scripts/install-deps.sh installs it" >&2; exit 2; }
mapfile -t files < <(find src tests bench fuzz -name '*.cpp' -o -name '*.hpp' | sort)
if [[ "${1:-}" == "--check" ]]; then
  bad=0
  for f in "${files[@]}"; do
    if ! "$tool" --style=file "$f" | cmp -s "$f" -; then
      echo "not formatted: $f (make format fixes it)"
      bad=1
    fi
  done
  [[ $bad == 0 ]] && echo "all ${#files[@]} C++ files formatted"
  exit $bad
fi
"$tool" -i --style=file "${files[@]}"
