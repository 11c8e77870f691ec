"""Checkout, push and pull between the officer's working copy (GeoPackage) and the shared register (PostGIS).

Two rules shape everything here: never overwrite silently, never lose an edit.

* Every site in the working copy remembers the server version it is based on (``base_version``). A push sends
  it along; the server (``coworking.push_staged``, baseline 4_sync.sql) applies an update only when the site is still
  at that version or nothing but review fields changed since (a reviewer's decision alone is no conflict; the
  register's history tells; an archival is content). Anything else is a conflict, resolved as a three-way merge
  (core/sync/conflicts.py) against the site's base, the server's row as this copy last had it in sync
  (core/sync/base.py): a field changed on one side only is taken from that side without asking (and the push is
  sent again once), only fields changed on both sides wait for the officer (table ``sync_issue``).
* A push is one transaction in a fixed number of round trips, whatever the number of sites: the sites arrive by
  COPY, the client commits only when the server says every site landed, so a refused site leaves nothing
  half-applied. The working copy is marked only after the commit, and only rows that did not change meanwhile
  become ``synced``. A retry after a dropped connection is harmless: sites carry client-generated UUIDs and the
  server reports a site whose content is already there as "landed" without writing it again; a push whose
  answer was lost is remembered by its id, so that sites edited again since are no conflict with it.
* Pull and checkout refresh synced rows from the server, keep unpushed edits (taking over only the review
  fields when the server's editable content did not change) and report the reviewers' decisions.

Edits made with plain QGIS are noticed too: triggers in the GeoPackage mark a synced row ``modified`` when it is
changed (keeping its base), give rows inserted without bookkeeping, or pasted copies of a site, a UUID of their
own and the state ``new``, and turn a deleted site into an archival request.

The modules: ``workingcopy`` creates the GeoPackage from the catalogue, ``gpkg`` reads and writes it in bulk,
``tracking`` keeps the sync's bookkeeping in it (states, triggers, open issues), ``pull`` holds checkout and
pull, ``push`` the push, ``background`` the thread a sync's server work runs in meanwhile, ``report`` what each
reports, ``base`` each site's base (and deleted sites), ``conflicts`` the three-way merge and "discard my local
change".
"""
