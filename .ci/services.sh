#!/usr/bin/env bash
# Services the test suite needs beyond Python packages. Idempotent: does nothing when ready.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in .ci/services.d/*.sh; do
  [ -e "$script" ] || continue
  bash "$script"
done
