#!/usr/bin/env bash
# i18n: `translate.sh update` collects the tr()/translate() strings of the sources into i18n/*.ts (keeping
# existing translations); without argument it only compiles the .ts files into .qm (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
LANGS="de"
# Debian 12 has lrelease through qtchooser; newer releases may only ship the Qt5 binary under its own path
LRELEASE=$(command -v lrelease || command -v lrelease-qt5 || echo /usr/lib/qt5/bin/lrelease)
if [ "${1:-}" = "update" ]; then
  mapfile -t sources < <(find coworking_plugin -name '*.py' -not -path '*/__pycache__/*' | sort)
  for lang in $LANGS; do
    pylupdate5 -noobsolete "${sources[@]}" -ts "i18n/coworking_plugin_${lang}.ts"
  done
fi
for lang in $LANGS; do
  "$LRELEASE" -silent "i18n/coworking_plugin_${lang}.ts" -qm "i18n/coworking_plugin_${lang}.qm"
done
