-- 0011: the same rules at a fraction of the cost per row, so that a batch push of 10,000 sites is not
-- dominated by the register's triggers (issue 5's target).
--
-- * guard_site (BEFORE ROW) keeps only plain comparisons: bookkeeping, role and status rules, municipality,
--   geometry. The catalogue's field rules are checked by coworking.values_ok(row), one boolean expression per
--   site kind that the runner's catalogue step generates from core/catalogue.py (value lists, required, range,
--   length, pattern, no future date). Only a row that fails it goes through coworking.validate (0004), which
--   finds the first broken rule and raises it with the same SQLSTATE (RG005/RG006/RG007) and message as before.
-- * History and the approved snapshots are written per statement (AFTER ... FOR EACH STATEMENT with transition
--   tables), set-based. The history statements name every column: write_log_sites() writes them out as static
--   SQL for the tables' current columns (again after the catalogue step adds columns). History values no longer
--   pass the geometry through GeoJSON: it is recorded as hex EWKB ("geom"), and for updates only when changed.
-- * The approved snapshot no longer round-trips every approved row through jsonb (columns matched by name).

-- Until the catalogue step has generated the overload for a table's row type, every row takes the full check.
CREATE OR REPLACE FUNCTION coworking.values_ok(p anyelement) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT false $$;
COMMENT ON FUNCTION coworking.values_ok(anyelement) IS
    'Fallback: false (take coworking.validate). The catalogue step adds one overload per register table.';

CREATE OR REPLACE FUNCTION coworking.guard_site() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    staff boolean := coworking.is_staff();
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.uuid := coalesce(NEW.uuid, gen_random_uuid());
        NEW.status := coalesce(NEW.status, 'pending');
        NEW.version := 1;
        NEW.created_at := now();
        NEW.created_by := current_user;
        IF NOT staff THEN
            IF NEW.status NOT IN ('pending', 'archived') THEN
                RAISE EXCEPTION USING ERRCODE = 'RG002',
                    MESSAGE = format('Editors cannot set the review status "%s"; new sites are pending until a reviewer decides.', NEW.status),
                    HINT = 'Save the site without a status (it becomes pending).';
            END IF;
            IF NEW.reviewed_at IS NOT NULL OR NEW.reviewed_by IS NOT NULL OR NEW.review_comment IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'RG003',
                    MESSAGE = 'Editors cannot fill in the review fields (reviewed_at, reviewed_by, review_comment).',
                    HINT = 'Leave the review fields empty; a reviewer fills them in.';
            END IF;
        END IF;
    ELSE
        IF NEW.uuid IS DISTINCT FROM OLD.uuid THEN
            RAISE EXCEPTION USING ERRCODE = 'RG008', COLUMN = 'uuid',
                MESSAGE = 'The identifier (uuid) of a site cannot be changed.',
                HINT = 'Archive the site and capture a new one instead.';
        END IF;
        NEW.version := OLD.version + 1;
        NEW.created_at := OLD.created_at;
        NEW.created_by := OLD.created_by;
        IF NOT staff THEN
            IF NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
               OR NEW.review_comment IS DISTINCT FROM OLD.review_comment THEN
                RAISE EXCEPTION USING ERRCODE = 'RG003',
                    MESSAGE = 'Editors cannot change the review fields (reviewed_at, reviewed_by, review_comment).',
                    HINT = 'Only a reviewer of the county records review decisions.';
            END IF;
            IF NEW.status IS DISTINCT FROM OLD.status THEN
                IF NEW.status NOT IN ('pending', 'archived') THEN
                    RAISE EXCEPTION USING ERRCODE = 'RG002',
                        MESSAGE = format('Editors cannot set the review status "%s"; only a reviewer approves or rejects sites.', NEW.status),
                        HINT = 'Save your changes without changing the status: the site becomes pending for review.';
                END IF;
            ELSE
                NEW.status := 'pending';  -- every change by an editor goes back to review
            END IF;
        ELSIF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('approved', 'rejected')
              AND OLD.status = 'archived' THEN
            RAISE EXCEPTION USING ERRCODE = 'RG012',
                MESSAGE = format('An archived site cannot be %s directly.', NEW.status),
                HINT = 'Set the site back to pending first.';
        END IF;
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := current_user;

    IF NOT staff AND NOT coworking.holds_municipality(NEW.municipality_ags) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG001', COLUMN = 'municipality_ags',
            MESSAGE = format('You (%s) do not edit sites of the municipality %s (%s).', current_user,
                             NEW.municipality_ags,
                             coalesce((SELECT name FROM coworking.municipality WHERE ags = NEW.municipality_ags), 'unknown')),
            HINT = 'Choose one of your municipalities, or ask the county''s administrator to assign this one to you.';
    END IF;

    IF staff AND NEW.status IN ('approved', 'rejected')
       AND (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status) THEN
        NEW.reviewed_at := now();
        NEW.reviewed_by := current_user;
    END IF;
    IF NEW.status = 'rejected' AND coalesce(btrim(NEW.review_comment), '') = ''
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'rejected') THEN
        RAISE EXCEPTION USING ERRCODE = 'RG004', COLUMN = 'review_comment',
            MESSAGE = 'A rejection needs a comment that tells the municipality what to fix.',
            HINT = 'Write a review comment and reject again.';
    END IF;

    IF NEW.geom IS NULL OR ST_IsEmpty(NEW.geom) OR NOT ST_IsValid(NEW.geom) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG010', COLUMN = 'geom',
            MESSAGE = 'The geometry of the site is missing, empty or invalid.',
            HINT = 'Redraw the site (no self-intersections) and save again.';
    END IF;
    IF TG_TABLE_NAME = 'brownfield' THEN
        NEW.area_m2 := round(ST_Area(NEW.geom)::numeric, 1);
    END IF;

    -- the catalogue's field rules: one generated expression; the generic check names the broken rule
    IF NOT coalesce(coworking.values_ok(NEW), false) THEN
        PERFORM coworking.validate(TG_TABLE_NAME, to_jsonb(jsonb_populate_record(NEW, '{"geom": null}')));
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION coworking.guard_owner_contact() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    site_ags text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.site_uuid IS DISTINCT FROM OLD.site_uuid OR NEW.kind IS DISTINCT FROM OLD.kind) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG008',
            MESSAGE = 'An owner contact cannot be moved to another site.',
            HINT = 'Clear this contact and enter the owner at the other site.';
    END IF;
    site_ags := coworking.site_municipality(NEW.kind, NEW.site_uuid);
    IF site_ags IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'RG011',
            MESSAGE = format('There is no %s with the identifier %s for this owner contact.', NEW.kind, NEW.site_uuid),
            HINT = 'Save the site first, then its owner''s contact.';
    END IF;
    NEW.municipality_ags := site_ags;
    IF NOT coworking.is_staff() AND NOT coworking.holds_municipality(site_ags) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG001', COLUMN = 'municipality_ags',
            MESSAGE = format('You (%s) do not edit owner data of the municipality %s.', current_user, site_ags),
            HINT = 'Only editors of the site''s municipality and the county''s reviewers handle its owner data.';
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := current_user;
    IF NOT coalesce(coworking.values_ok(NEW), false) THEN
        PERFORM coworking.validate('owner_contact', to_jsonb(NEW));
    END IF;
    RETURN NEW;
END
$$;

-- What the history records of a site: every column but the bookkeeping that changes on every write (as
-- coworking.site_values in 0002); history_value gives a column's value in the query (geometry as hex EWKB).
CREATE OR REPLACE FUNCTION coworking.history_columns(p_table regclass) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(a.attname::text ORDER BY a.attnum), '{}')
      FROM pg_attribute a
     WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('version', 'updated_at', 'updated_by', 'created_at', 'created_by')
$$;

CREATE OR REPLACE FUNCTION coworking.history_value(p_column text, p_alias text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_column = 'geom' THEN format('encode(ST_AsEWKB(%I.geom), ''hex'')', p_alias)
                ELSE format('%I.%I', p_alias, p_column) END
$$;

-- jsonb_build_object takes at most 100 arguments: build the object in chunks of 40 keys
CREATE OR REPLACE FUNCTION coworking.history_object(p_pairs text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(string_agg(format('jsonb_build_object(%s)', chunk), ' || ' ORDER BY n), '''{}''::jsonb')
      FROM (SELECT (i - 1) / 40 AS n, string_agg(p_pairs[i], ', ' ORDER BY i) AS chunk
              FROM generate_subscripts(p_pairs, 1) i GROUP BY (i - 1) / 40) c
$$;

-- The statement that writes the history of one statement on p_table (p_op: INSERT, UPDATE or DELETE) from its
-- transition tables new_sites/old_sites: one row per site and per decision, for updates only the changed values
-- (old and new); the uuid never changes (guard_site), so old and new rows pair on it.
CREATE OR REPLACE FUNCTION coworking.history_sql(p_table text, p_op text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    cols text[] := coworking.history_columns(format('coworking.%I', p_table)::regclass);
    old_diff text;
    new_diff text;
BEGIN
    IF p_op = 'INSERT' THEN
        RETURN format($q$
            INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values,
                                           new_values)
            SELECT n.uuid, %L, n.municipality_ags, n.version, 'insert', n.updated_by, NULL, %s
              FROM new_sites n$q$, p_table, coworking.history_object(ARRAY(
                SELECT format('%L, %s', c, coworking.history_value(c, 'n')) FROM unnest(cols) c)));
    ELSIF p_op = 'DELETE' THEN
        RETURN format($q$
            INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values,
                                           new_values)
            SELECT o.uuid, %L, o.municipality_ags, o.version, 'delete', session_user, %s, NULL
              FROM old_sites o$q$, p_table, coworking.history_object(ARRAY(
                SELECT format('%L, %s', c, coworking.history_value(c, 'o')) FROM unnest(cols) c)));
    END IF;
    SELECT string_agg(format('CASE WHEN o.%1$I IS DISTINCT FROM n.%1$I THEN jsonb_build_object(%1$L, %2$s)'
                             ' ELSE ''{}''::jsonb END', c, coworking.history_value(c, 'o')), ' || ' ORDER BY i),
           string_agg(format('CASE WHEN o.%1$I IS DISTINCT FROM n.%1$I THEN jsonb_build_object(%1$L, %2$s)'
                             ' ELSE ''{}''::jsonb END', c, coworking.history_value(c, 'n')), ' || ' ORDER BY i)
      INTO old_diff, new_diff
      FROM unnest(cols) WITH ORDINALITY u(c, i);
    RETURN format($q$
            INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values,
                                           new_values, comment)
            SELECT n.uuid, %1$L, n.municipality_ags, n.version, d.act, n.updated_by,
                   nullif(%2$s, '{}'), nullif(%3$s, '{}'),
                   CASE WHEN d.act IN ('approve', 'reject') THEN n.review_comment END
              FROM new_sites n JOIN old_sites o ON o.uuid = n.uuid
             CROSS JOIN LATERAL (SELECT CASE
                    WHEN n.status IS DISTINCT FROM o.status AND n.status = 'approved' THEN 'approve'
                    WHEN n.status IS DISTINCT FROM o.status AND n.status = 'rejected' THEN 'reject'
                    WHEN n.status IS DISTINCT FROM o.status AND n.status = 'archived' THEN 'archive'
                    ELSE 'update' END AS act) d$q$, p_table, old_diff, new_diff);
END
$$;

-- (Re)write coworking.log_sites(), the AFTER ... FOR EACH STATEMENT trigger function of the site tables, with
-- the statements of history_sql written out for the tables' current columns: static SQL is planned once per
-- session, so a single-row edit (QGIS saves one statement per feature) pays no planning per statement.
-- Called here and by the runner's catalogue step after it added columns.
CREATE OR REPLACE FUNCTION coworking.write_log_sites() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    body text := '';
    branch text;
    op text;
    t text;
BEGIN
    FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
        branch := '';
        FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
            branch := branch || format(E'\n        %s TG_TABLE_NAME = %L THEN %s;',
                                       CASE WHEN branch = '' THEN 'IF' ELSE 'ELSIF' END, t,
                                       coworking.history_sql(t, op));
        END LOOP;
        body := body || format(E'\n    %s TG_OP = %L THEN%s\n        END IF;%s',
                               CASE WHEN op = 'INSERT' THEN 'IF' ELSE 'ELSIF' END, op, branch,
                               CASE op
                                   WHEN 'UPDATE' THEN
                                       E'\n        -- the owner''s contact follows its site into another municipality'
                                       || E'\n        UPDATE coworking.owner_contact c SET municipality_ags = n.municipality_ags'
                                       || E'\n          FROM new_sites n JOIN old_sites o ON o.uuid = n.uuid'
                                       || E'\n         WHERE c.site_uuid = n.uuid'
                                       || ' AND n.municipality_ags IS DISTINCT FROM o.municipality_ags;'
                                   WHEN 'DELETE' THEN
                                       E'\n        DELETE FROM coworking.owner_contact c USING old_sites o WHERE c.site_uuid = o.uuid;'
                                   ELSE '' END);
    END LOOP;
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION coworking.log_sites() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off AS %L$f$,
        E'-- written by coworking.write_log_sites() (0011): one history row per site and per decision\nBEGIN'
        || body || E'\n    END IF;\n    RETURN NULL;\nEND\n');
    COMMENT ON FUNCTION coworking.log_sites() IS
        'History of the site tables per statement; generated by coworking.write_log_sites(), do not edit.';
END
$$;
REVOKE ALL ON FUNCTION coworking.write_log_sites() FROM PUBLIC;
SELECT coworking.write_log_sites();

-- AFTER INSERT/UPDATE ... FOR EACH STATEMENT: keep the snapshot of approved sites; archiving withdraws it
CREATE OR REPLACE FUNCTION coworking.keep_approved_sites() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
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

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS site_50_history ON coworking.%I', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_60_approved ON coworking.%I', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_50_history_insert ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_50_history_insert AFTER INSERT ON coworking.%I
                        REFERENCING NEW TABLE AS new_sites
                        FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_50_history_update ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_50_history_update AFTER UPDATE ON coworking.%I
                        REFERENCING OLD TABLE AS old_sites NEW TABLE AS new_sites
                        FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_50_history_delete ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_50_history_delete AFTER DELETE ON coworking.%I
                        REFERENCING OLD TABLE AS old_sites
                        FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_60_approved_insert ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_60_approved_insert AFTER INSERT ON coworking.%I
                        REFERENCING NEW TABLE AS new_sites
                        FOR EACH STATEMENT EXECUTE FUNCTION coworking.keep_approved_sites()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_60_approved_update ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_60_approved_update AFTER UPDATE ON coworking.%I
                        REFERENCING NEW TABLE AS new_sites
                        FOR EACH STATEMENT EXECUTE FUNCTION coworking.keep_approved_sites()', t);
    END LOOP;
END
$$;

-- The same hash as 0010, declared STABLE (jsonb_populate_record is): the planner then inlines it into the push's
-- queries instead of calling a SQL function per row.
CREATE OR REPLACE FUNCTION coworking.sync_hash(p anyelement) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT md5(jsonb_populate_record(p, '{"version": null, "updated_at": null, "updated_by": null,
        "created_at": null, "created_by": null, "status": null, "reviewed_at": null, "reviewed_by": null,
        "review_comment": null, "area_m2": null}')::text)
$$;

-- The statements of a push and of the statement triggers are large joins over thousands of staged rows whose
-- row estimates (temporary tables, transition tables) are guesses: compiling them with JIT costs more than it
-- saves. A push's hash joins over 10,000 staged rows fit in memory with 32 MB instead of spilling to disk.
ALTER FUNCTION coworking.keep_approved_sites() SET jit = off;
ALTER FUNCTION coworking.push_sites(jsonb) SET jit = off;
ALTER FUNCTION coworking.push_sites(jsonb) SET work_mem = '32MB';
