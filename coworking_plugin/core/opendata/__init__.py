"""Open data the plugin loads itself into the reference GeoPackage: OpenStreetMap POIs (Overpass), public
transport (GTFS), an optional Zensus 2022 grid. Core code: no widgets."""
