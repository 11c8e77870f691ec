"""Site dossiers (issue 14): a PDF per site or for a selection, for the coworking network's outreach.

- ``facts``: the site's attributes as the form shows them (catalogue labels, value-list labels, local formats).
- ``collect``: sites, scores and (when asked and allowed) owner contacts gathered into plain data; safe in a task.
- ``layout``: the print layout built in code and exported with QgsLayoutExporter (main thread).
"""
