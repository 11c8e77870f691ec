"""Rank the county's 28 municipalities per coworking model on the real data the plugin ships, with the plugin's
own scoring code, and compare each model's ranking with the strategy's candidate towns.

    .venv/bin/python scripts/rank_municipalities.py [--profile PATH] [--markdown]

Site of a municipality: its main town's station, else the point on surface of its VG5000 polygon. The main
station is the station inside the municipality's polygon whose name starts with the municipality's name
(the exact name first, then the shortest: "Meißen" before "Meißen Altstadt", "Radebeul Ost" before
"Radebeul-Kötzschenbroda"); a heritage stop (Moritzburg, Radeburg) is still the town's centre, it just offers
no commuter service. Each site carries its own municipality key, so population comes from the shipped Destatis
table by key and the coarse outline cannot push a town out of the county.

Real inputs here: rail stations judged by service (DB Station&Service 2020), population (Destatis 2020),
municipalities (BKG VG5000). Everything else (bus stops, shops, cafés, doctors, schools, accommodation,
landscape, the site's own fields) is unknown and counts with its missing score for every town alike.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = ROOT / "resources" / "data"

#: the strategy's candidate towns per model (DEVELOPERS.md, issue 13)
CANDIDATES: Dict[str, List[str]] = {
    "klassisch": ["Riesa", "Großenhain", "Meißen", "Coswig", "Radebeul", "Nossen"],
    "pendlerhafen": ["Röderaue", "Strehla", "Lampertswalde", "Stauchitz", "Radeburg", "Klipphausen", "Nossen"],
    "ortsmitte": ["Röderaue", "Priestewitz", "Thiendorf", "Stauchitz", "Niederau", "Käbschütztal"],
    "retreat": ["Strehla", "Großenhain", "Schönfeld", "Niederau", "Käbschütztal"],
}


def municipality_sites():
    """(name, ags, point in EPSG:4326, how the point was chosen) for the 28 municipalities."""
    from qgis.core import QgsVectorLayer

    mun = QgsVectorLayer(str(DATA / "lk_meissen_gemeinden_vg5000.geojson"), "m", "ogr")
    stations = QgsVectorLayer(str(DATA / "db_stations_lk_meissen_area.geojson"), "s", "ogr")
    all_stations = list(stations.getFeatures())
    out = []
    for f in sorted(mun.getFeatures(), key=lambda f: f["GEN"]):
        name, geom = f["GEN"], f.geometry()
        named = [s for s in all_stations if geom.contains(s.geometry()) and s["name"].startswith(name)]
        named.sort(key=lambda s: (s["name"] != name, len(s["name"])))
        if named:
            point, how = named[0].geometry().asPoint(), f"station {named[0]['name']}"
        else:
            point, how = geom.pointOnSurface().asPoint(), "point on surface"
        out.append((name, str(f["AGS"]), point, how))
    return out


def sites_layer(sites):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string&field=municipality_ags:string", "towns", "memory")
    feats = []
    for name, ags, point, _how in sites:
        feat = QgsFeature(layer.fields())
        feat.setGeometry(QgsGeometry.fromPointXY(point))
        feat.setAttributes([name, ags])
        feats.append(feat)
    layer.dataProvider().addFeatures(feats)
    return layer


def references():
    from qgis.core import QgsVectorLayer

    return {"rail_stations": QgsVectorLayer(str(DATA / "db_stations_lk_meissen_area.geojson"), "s", "ogr"),
            "municipalities": QgsVectorLayer(str(DATA / "lk_meissen_gemeinden_vg5000.geojson"), "m", "ogr")}


def ranks(scores: List[float]) -> List[int]:
    """Competition ranking (1, 2, 2, 4): ties share the better rank."""
    return [1 + sum(1 for other in scores if other > s + 1e-9) for s in scores]


def score(profile, sites) -> Tuple[object, List[str]]:
    from coworking_plugin.core.suitability import layers

    run = layers.compute_run(sites_layer(sites), references(), profile)
    return run, [f["name"] for f in run.features]


def agreement(model: str, names: List[str], model_scores: List[float]) -> str:
    cands = CANDIDATES[model]
    r = dict(zip(names, ranks(model_scores)))
    k = len(cands)
    top = sorted(names, key=lambda n: r[n])[:k]
    hits = [n for n in top if n in cands and r[n] <= k]
    mean_c = sum(r[n] for n in cands) / k
    mean_o = sum(r[n] for n in names if n not in cands) / (len(names) - k)
    distinct = len(set(round(s, 6) for s in model_scores))
    if distinct == 1:
        return f"{model}: no ranking, all {len(names)} towns score {model_scores[0]:.1f} (no real input for it)"
    return (f"{model}: {len(hits)} of the {k} candidates in the top {k} ({', '.join(hits) or '–'}); "
            f"mean rank candidates {mean_c:.1f} vs others {mean_o:.1f}; {distinct} distinct scores; "
            f"candidate ranks: " + ", ".join(f"{n} {r[n]}" for n in cands))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", help="suitability profile (JSON); default: the shipped one")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)  # a script of its own: QGIS starts here, once
    app.initQgis()
    from coworking_plugin.core.suitability import profile as profiles

    prof = profiles.load(args.profile) if args.profile else profiles.default_profile()
    sites = municipality_sites()
    run, names = score(prof, sites)
    s = run.scores
    mids = s.model_ids
    model_ranks = {m: ranks([float(x) for x in s.scores[:, j]]) for j, m in enumerate(mids)}
    sep = " | " if args.markdown else "  "
    head = ["municipality", "site", "pop.", "rail km", "Dresden km"] + [f"{m} (rank)" for m in mids]
    if args.markdown:
        print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    else:
        print(sep.join(head))
    col = {c: prof.criterion_ids.index(c) for c in ("population", "rail_dist", "dresden_dist")}
    for i, (name, _ags, _pt, how) in enumerate(sites):
        rail = s.values[i, col["rail_dist"]]
        cells = [name, how, f"{s.values[i, col['population']]:.0f}",
                 "–" if rail != rail else f"{rail / 1000:.1f}", f"{s.values[i, col['dresden_dist']]:.1f}"]
        for j, m in enumerate(mids):
            mark = "*" if name in CANDIDATES.get(m, []) else ""
            cells.append(f"{s.scores[i, j]:.1f} ({model_ranks[m][i]}){mark}")
        print(("| " + " | ".join(cells) + " |") if args.markdown else sep.join(cells))
    print("\n* = the strategy's candidate for that model. Knock-outs: "
          + (", ".join(f"{n}: {','.join(k)}" for n, k in zip(names, s.knockouts) if k) or "none"))
    print("Unknown inputs (same for every town): " + ", ".join(s.unknown_ids(0)))
    print()
    for j, m in enumerate(mids):
        if m in CANDIDATES:
            print(agreement(m, names, [float(x) for x in s.scores[:, j]]))
    # the same with every stop counted as rail and no population: what the plugin did before issue 13
    old = prof.copy()
    old.criterion("rail_dist").services = []
    old.population_table = ""
    old_run, _ = score(old, sites)
    print("\nBefore (every stop counted as rail, no population) -> now:")
    for j, m in enumerate(mids):
        before = ranks([float(x) for x in old_run.scores.scores[:, j]])
        moved = [f"{n} {b}->{a}" for n, b, a in zip(names, before, model_ranks[m]) if b != a]
        print(f"  {m}: " + (", ".join(moved) or "no rank changed"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
