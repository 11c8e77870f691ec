-- 0003: the last approved version of every site, kept by the server for the public view: when an approved
-- site is edited again it becomes pending, and the public keeps seeing what a reviewer approved.
-- The snapshot tables mirror the site tables (the runner's catalogue step adds domain columns to both).

CREATE TABLE IF NOT EXISTS coworking.brownfield_approved (LIKE coworking.brownfield INCLUDING DEFAULTS);
CREATE TABLE IF NOT EXISTS coworking.vacancy_approved (LIKE coworking.vacancy INCLUDING DEFAULTS);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = t || '_approved_pkey') THEN
            EXECUTE format('ALTER TABLE coworking.%I ADD CONSTRAINT %I PRIMARY KEY (uuid)', t || '_approved', t || '_approved_pkey');
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = t || '_approved_site_fkey') THEN
            EXECUTE format('ALTER TABLE coworking.%I ADD CONSTRAINT %I FOREIGN KEY (uuid) REFERENCES coworking.%I (uuid) ON DELETE CASCADE',
                           t || '_approved', t || '_approved_site_fkey', t);
        END IF;
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON coworking.%I USING gist (geom)', t || '_approved_geom_idx', t || '_approved');
    END LOOP;
END
$$;
REVOKE ALL ON coworking.brownfield_approved, coworking.vacancy_approved FROM PUBLIC;
GRANT ALL ON coworking.brownfield_approved, coworking.vacancy_approved TO coworking_admin;
GRANT SELECT ON coworking.brownfield_approved, coworking.vacancy_approved TO coworking_reviewer;

-- AFTER INSERT/UPDATE: keep the snapshot of an approved site; archiving withdraws it from the public
CREATE OR REPLACE FUNCTION coworking.keep_approved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    snap text := TG_TABLE_NAME || '_approved';
BEGIN
    IF NEW.status = 'approved' THEN
        EXECUTE format('DELETE FROM coworking.%I WHERE uuid = $1', snap) USING NEW.uuid;
        EXECUTE format('INSERT INTO coworking.%I SELECT * FROM jsonb_populate_record(NULL::coworking.%I, $1)', snap, snap)
            USING to_jsonb(NEW);
    ELSIF NEW.status = 'archived' THEN
        EXECUTE format('DELETE FROM coworking.%I WHERE uuid = $1', snap) USING NEW.uuid;
    END IF;
    RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS site_60_approved ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_60_approved AFTER INSERT OR UPDATE ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.keep_approved()', t);
    END LOOP;
END
$$;

-- a sensitive site is shown as the coarse grid cell (default 1 km) its location falls into, never the building
CREATE OR REPLACE FUNCTION coworking.blur_cell(p_geom geometry, p_cell double precision DEFAULT 1000)
RETURNS geometry(Polygon, 25833)
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ST_MakeEnvelope(floor(ST_X(pt) / p_cell) * p_cell, floor(ST_Y(pt) / p_cell) * p_cell,
                           floor(ST_X(pt) / p_cell) * p_cell + p_cell, floor(ST_Y(pt) / p_cell) * p_cell + p_cell,
                           25833)
    FROM (SELECT ST_PointOnSurface(p_geom) AS pt) s
$$;
