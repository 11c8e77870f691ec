"""Suitability of sites for the four coworking models (issue 6).

- ``profile``: the criteria catalogue as data (resources/profiles/default.json), load/save/validate.
- ``spatial``: nearest distance and counts within exact circles, numpy only.
- ``indicators``: raw values per criterion; ``scoring``: curves, weighted sums, knock-outs (the fast path).
- ``layers``: QGIS layers to numbers and scored features back; ``hexgrid``: the county-wide grid;
  ``overlays``: catchment layers and renderers.
"""
