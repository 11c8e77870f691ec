-- Baseline, part 3: what the public sees. The snapshot tables <kind>_approved (part 1) keep the last approved
-- version of every site; the view coworking.public_site reads only them. The view itself is generated from the
-- catalogue's "public" flags by the catalogue step (db/catalogue_sync.py, public_view_sql): approved snapshots
-- only, not archived now, a private vacancy only with the owner's consent then and now, a sensitive site as its
-- 1 km grid cell without street address, no personal data, no review comments, no user names.

-- AFTER INSERT/UPDATE … FOR EACH STATEMENT: keep the snapshot of approved sites; archiving withdraws it.
-- Columns are matched by name (the snapshot may lack a column the live table got later). No JIT: the row
-- estimates of transition tables are guesses, and compiling costs more than it saves.
CREATE FUNCTION coworking.keep_approved_sites() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off AS $$
DECLARE
    snap regclass := format('coworking.%I', TG_TABLE_NAME || '_approved')::regclass;
    cols text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_sites n WHERE n.status IN ('approved', 'archived')) THEN
        RETURN NULL;
    END IF;
    EXECUTE format('DELETE FROM %s s USING new_sites n WHERE s.uuid = n.uuid AND n.status IN (''approved'', ''archived'')',
                   snap);
    -- the columns both tables have, by name (the snapshot may lack a column the live table got later)
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO cols
      FROM pg_attribute a JOIN pg_attribute b ON b.attrelid = TG_RELID AND b.attname = a.attname
                                             AND b.attnum > 0 AND NOT b.attisdropped
     WHERE a.attrelid = snap AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE format('INSERT INTO %1$s (%2$s) SELECT %2$s FROM new_sites n WHERE n.status = ''approved''', snap, cols);
    RETURN NULL;
END
$$;

CREATE TRIGGER site_60_approved_insert AFTER INSERT ON coworking.brownfield
    REFERENCING NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.keep_approved_sites();
CREATE TRIGGER site_60_approved_insert AFTER INSERT ON coworking.vacancy
    REFERENCING NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.keep_approved_sites();
CREATE TRIGGER site_60_approved_update AFTER UPDATE ON coworking.brownfield
    REFERENCING NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.keep_approved_sites();
CREATE TRIGGER site_60_approved_update AFTER UPDATE ON coworking.vacancy
    REFERENCING NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.keep_approved_sites();

-- a sensitive site is shown as the coarse grid cell (default 1 km) its location falls into, never the building
CREATE FUNCTION coworking.blur_cell(p_geom geometry, p_cell double precision DEFAULT 1000)
RETURNS geometry(Polygon, 25833)
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ST_MakeEnvelope(floor(ST_X(pt) / p_cell) * p_cell, floor(ST_Y(pt) / p_cell) * p_cell,
                           floor(ST_X(pt) / p_cell) * p_cell + p_cell, floor(ST_Y(pt) / p_cell) * p_cell + p_cell,
                           25833)
    FROM (SELECT ST_PointOnSurface(p_geom) AS pt) s
$$;
