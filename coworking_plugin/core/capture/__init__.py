"""Capturing sites: the form configuration and the checks derived from the catalogue, saving a draft into the working
copy, the address search and the import of a municipality's list."""
