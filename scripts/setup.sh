#!/usr/bin/env bash
# Install what the project needs on Debian (12 or newer): the Debian packages given as arguments when
# missing, then a venv on the system Python (QGIS's Python bindings are built for it) with the test tools.
# With --packages-only it only checks (and installs) the Debian packages: cheap, run by every `make setup`.
set -euo pipefail
cd "$(dirname "$0")/.."
packages_only=""
if [ "${1:-}" = "--packages-only" ]; then packages_only=1; shift; fi

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  # QGIS installed from <release>-backports (e.g. QGIS 3.44 LTR on Debian 13): its companions (qgis-server, …)
  # must come from there too, the main suite's pin exact versions of the older QGIS
  target=()
  qgis_version=$(dpkg-query -W -f='${Version}' qgis 2>/dev/null || true)
  if [[ "$qgis_version" == *bpo* ]]; then
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] && target=(-t "${codename}-backports")
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${target[@]}" "${missing[@]}"
fi

[ -n "$packages_only" ] && exit 0

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import qgis.core' 2>/dev/null; then
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -c 'from qgis.core import Qgis; print("QGIS", Qgis.QGIS_VERSION)'
