"""Checkout, push and pull between the officer's working copy (GeoPackage) and the shared register (PostGIS).

Two rules shape everything here: never overwrite silently, never lose an edit.

* Every site in the working copy remembers the server version it is based on (``base_version``). A push sends
  it along; the server (``coworking.push_staged``, baseline 4_sync.sql) applies an update only when the site is still
  at that version or nothing but review fields changed since (a reviewer's decision alone is no conflict; the
  register's history tells). Anything else is a conflict, listed with both versions (table ``sync_issue``)
  until the officer resolves it (core/sync/conflicts.py).
* A push is one transaction in a fixed number of round trips, whatever the number of sites: the sites arrive by
  COPY, the client commits only when the server says every site landed, so a refused site leaves nothing
  half-applied. The working copy is marked only after the commit, and only rows that did not change meanwhile
  become ``synced``. A retry after a dropped connection is harmless: sites carry client-generated UUIDs and the
  server reports a site whose content is already there as "landed" without writing it again.
* Pull and checkout refresh synced rows from the server, keep unpushed edits (taking over only the review
  fields when the server's editable content did not change) and report the reviewers' decisions.

Edits made with plain QGIS are noticed too: triggers in the GeoPackage mark a synced row ``modified`` when it is
changed and give rows inserted without bookkeeping a UUID and the state ``new``.

The modules: ``workingcopy`` creates the GeoPackage from the catalogue, ``gpkg`` reads and writes it in bulk,
``tracking`` keeps the sync's bookkeeping in it (states, triggers, open issues), ``pull`` holds checkout and
pull, ``push`` the push, ``background`` the thread a sync's server work runs in meanwhile, ``report`` what each
reports, ``conflicts`` their resolution.
"""
