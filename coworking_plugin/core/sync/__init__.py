"""The officer's working copy (a GeoPackage derived from the catalogue) and its sync with the shared register:
checkout, push, pull and the conflicts they leave for the officer to resolve."""
