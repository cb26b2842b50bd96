#!/bin/sh
# Compare racelint with go vet and staticcheck; see bench/README.md.
#   bench/run.sh [-huge] [-sizes 50,200] [-runs 3] [/path/to/real/module ...]
set -eu
cd "$(dirname "$0")/.."
exec go run ./bench/cmd/compare "$@"
