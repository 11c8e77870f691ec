-- Baseline, part 2 (rules, roles and row-level security), b: the history of the sites.
--
-- One history row per site and per change or review decision, written AFTER each statement from its transition
-- tables (new_sites, old_sites): set-based, so a push of thousands of sites pays once, not per row. Updates record
-- only the changed values (old and new); the geometry is recorded as hex EWKB ("geom"), never GeoJSON.
-- The statements name every column, so coworking.write_log_sites() writes the trigger function log_sites() out as
-- static SQL for the tables' current columns: here, and again by the catalogue step after it added columns.
-- Static SQL is planned once per session, so a single-row edit (QGIS saves one statement per feature) pays no
-- planning. The exception is the UPDATE branch, which joins old and new rows: PL/pgSQL would plan it once per
-- session for the row counts of its first run, and after a few one-row edits a 3,000-row update in the same
-- session took 5.3 s instead of 0.11 s (nested loops over the transition tables; plan_cache_mode does not help,
-- the statements have no parameters). So it runs through EXECUTE, planned for its real row counts every time.

-- What the history records of a site: every column but the bookkeeping that changes on every write;
-- history_value gives a column's value in the query (geometry as hex EWKB).
CREATE FUNCTION coworking.history_columns(p_table regclass) RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(a.attname::text ORDER BY a.attnum), '{}')
      FROM pg_attribute a
     WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('version', 'updated_at', 'updated_by', 'created_at', 'created_by')
$$;

CREATE FUNCTION coworking.history_value(p_column text, p_alias text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_column = 'geom' THEN format('encode(ST_AsEWKB(%I.geom), ''hex'')', p_alias)
                ELSE format('%I.%I', p_alias, p_column) END
$$;

-- jsonb_build_object takes at most 100 arguments: build the object in chunks of 40 keys
CREATE FUNCTION coworking.history_object(p_pairs text[]) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(string_agg(format('jsonb_build_object(%s)', chunk), ' || ' ORDER BY n), '''{}''::jsonb')
      FROM (SELECT (i - 1) / 40 AS n, string_agg(p_pairs[i], ', ' ORDER BY i) AS chunk
              FROM generate_subscripts(p_pairs, 1) i GROUP BY (i - 1) / 40) c
$$;

-- The statement that writes the history of one statement on p_table (p_op: INSERT, UPDATE or DELETE) from its
-- transition tables new_sites/old_sites: one row per site and per decision, for updates only the changed values
-- (old and new); the uuid never changes (guard_site), so old and new rows pair on it.
CREATE FUNCTION coworking.history_sql(p_table text, p_op text) RETURNS text
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

-- (Re)write coworking.log_sites(), the AFTER … FOR EACH STATEMENT trigger function of the site tables, with the
-- statements of history_sql written out for the tables' current columns (see the header). The owner's contact
-- follows its site into another municipality (reviewers may move sites) and goes with a deleted site.
CREATE FUNCTION coworking.write_log_sites() RETURNS void
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
                                       CASE WHEN op = 'UPDATE'  -- joins old and new rows: plan each time
                                            THEN 'EXECUTE ' || quote_literal(coworking.history_sql(t, op))
                                            ELSE coworking.history_sql(t, op) END);
        END LOOP;
        body := body || format(E'\n    %s TG_OP = %L THEN%s\n        END IF;%s',
                               CASE WHEN op = 'INSERT' THEN 'IF' ELSE 'ELSIF' END, op, branch,
                               CASE op
                                   WHEN 'UPDATE' THEN
                                       E'\n        -- the owner''s contact follows its site into another municipality'
                                       || E'\n        EXECUTE '
                                       || quote_literal('UPDATE coworking.owner_contact c'
                                          || ' SET municipality_ags = n.municipality_ags'
                                          || ' FROM new_sites n JOIN old_sites o ON o.uuid = n.uuid'
                                          || ' WHERE c.site_uuid = n.uuid'
                                          || ' AND n.municipality_ags IS DISTINCT FROM o.municipality_ags') || ';'
                                   WHEN 'DELETE' THEN
                                       E'\n        DELETE FROM coworking.owner_contact c USING old_sites o WHERE c.site_uuid = o.uuid;'
                                   ELSE '' END);
    END LOOP;
    EXECUTE format($f$
        CREATE OR REPLACE FUNCTION coworking.log_sites() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET jit = off AS %L$f$,
        E'-- written by coworking.write_log_sites(): one history row per site and per decision\nBEGIN'
        || body || E'\n    END IF;\n    RETURN NULL;\nEND\n');
    COMMENT ON FUNCTION coworking.log_sites() IS
        'History of the site tables per statement; generated by coworking.write_log_sites(), do not edit.';
END
$$;
REVOKE ALL ON FUNCTION coworking.write_log_sites() FROM PUBLIC;
SELECT coworking.write_log_sites();

-- one trigger per operation: each names only the transition tables it has
CREATE TRIGGER site_50_history_insert AFTER INSERT ON coworking.brownfield
    REFERENCING NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites();
CREATE TRIGGER site_50_history_insert AFTER INSERT ON coworking.vacancy
    REFERENCING NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites();
CREATE TRIGGER site_50_history_update AFTER UPDATE ON coworking.brownfield
    REFERENCING OLD TABLE AS old_sites NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites();
CREATE TRIGGER site_50_history_update AFTER UPDATE ON coworking.vacancy
    REFERENCING OLD TABLE AS old_sites NEW TABLE AS new_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites();
CREATE TRIGGER site_50_history_delete AFTER DELETE ON coworking.brownfield
    REFERENCING OLD TABLE AS old_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites();
CREATE TRIGGER site_50_history_delete AFTER DELETE ON coworking.vacancy
    REFERENCING OLD TABLE AS old_sites FOR EACH STATEMENT EXECUTE FUNCTION coworking.log_sites();
