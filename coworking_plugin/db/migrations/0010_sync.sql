-- 0010: the server side of the working-copy sync (core/sync.py).
--
-- coworking.push_sites(batch) applies a whole push (inserts, updates, archivals, owner contacts) in one call,
-- set-based, as the caller: SECURITY INVOKER, so privileges, row-level security and the triggers of 0002 apply
-- exactly as for a psql session. It never overwrites a newer server version (conflict), and it reports every
-- refused site with the server's own message. The client commits only when the result says "ok"; otherwise it
-- rolls back, so nothing of a push is ever half-applied. One round trip whatever the number of sites.
--
-- Retries are idempotent without any journal: a site whose server content already equals what the client
-- sends (same content hash) is reported as "landed" and not written again.

-- The content of a site that officers edit: the row without bookkeeping and review fields. Two rows with the
-- same hash carry the same domain values and geometry. Used for the base of a working copy and for conflicts.
-- (The record's text form is ~10x cheaper than to_jsonb, which turns every geometry into GeoJSON.)
CREATE OR REPLACE FUNCTION coworking.sync_hash(p anyelement) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT md5(jsonb_populate_record(p, '{"version": null, "updated_at": null, "updated_by": null,
        "created_at": null, "created_by": null, "status": null, "reviewed_at": null, "reviewed_by": null,
        "review_comment": null, "area_m2": null}')::text)
$$;
COMMENT ON FUNCTION coworking.sync_hash(anyelement) IS
    'Hash of the editable content (domain values and geometry) of a site row.';

-- Classify and apply the staged rows of one kind (all of them, or only p_uuid). Raises on the first error the
-- server's rules raise; the caller catches it and retries row by row to name every refused site.
CREATE OR REPLACE FUNCTION coworking.push_apply(p_kind text, p_cols text[], p_uuid uuid) RETURNS void
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    tbl text := format('coworking.%I', p_kind);
    stage text := format('pg_temp.%I', 'push_stage_' || p_kind);
    targets text := (SELECT string_agg(format('%I', c), ', ') FROM unnest(p_cols) c);
    sources text := (SELECT string_agg(format('(s.rec).%I', c), ', ') FROM unnest(p_cols) c);
BEGIN
    -- one pass: parse the sent row, compare it with the server's row, decide
    EXECUTE format($q$
        UPDATE %2$s s SET
            e = NULL,  -- parsed now; keeps the staged rows small (an error rolls this back with the rest)
            rec = x.rec, mine_hash = x.mine_hash, server_version = x.version, server_hash = x.hash,
            server_status = x.status,
            verdict = CASE
                WHEN s.op NOT IN ('insert', 'update', 'archive') THEN 'refused'
                WHEN x.version IS NULL AND s.op = 'insert' THEN 'apply'
                WHEN x.version IS NULL THEN 'refused'
                WHEN x.hash = x.mine_hash AND (s.op <> 'archive' OR x.status = 'archived') THEN 'landed'
                WHEN s.op = 'insert' THEN 'conflict'
                WHEN x.version = s.base_version OR x.hash = s.base_hash THEN 'apply'
                ELSE 'conflict' END,
            message = CASE
                WHEN s.op NOT IN ('insert', 'update', 'archive') THEN format('Unknown operation %%s.', s.op)
                WHEN x.version IS NULL AND s.op <> 'insert' THEN
                    'The site does not exist on the server or this login may not see it.' END
          FROM (SELECT s2.uuid, r AS rec, t.version, t.status,
                       CASE WHEN t.uuid IS NOT NULL THEN coworking.sync_hash(r) END AS mine_hash,
                       CASE WHEN t.uuid IS NOT NULL THEN coworking.sync_hash(t) END AS hash
                  FROM %2$s s2 CROSS JOIN LATERAL jsonb_populate_record(NULL::%1$s, s2.e) r
                  LEFT JOIN %1$s t ON t.uuid = s2.uuid
                 WHERE $1 IS NULL OR s2.uuid = $1) x
         WHERE x.uuid = s.uuid$q$, tbl, stage) USING p_uuid;
    EXECUTE format($q$
        UPDATE %2$s s SET theirs = to_jsonb(t) - 'geom', theirs_geom = encode(ST_AsEWKB(t.geom), 'hex')
          FROM %1$s t WHERE t.uuid = s.uuid AND s.verdict = 'conflict' AND ($1 IS NULL OR s.uuid = $1)$q$,
        tbl, stage) USING p_uuid;

    EXECUTE format($q$
        WITH done AS (
            INSERT INTO %1$s AS t (uuid, %2$s)
            SELECT s.uuid, %3$s FROM %4$s s
             WHERE ($1 IS NULL OR s.uuid = $1) AND s.verdict = 'apply' AND s.op = 'insert'
            RETURNING t.uuid, t.version, coworking.sync_hash(t) AS hash, t.status)
        UPDATE %4$s s SET verdict = 'applied', new_version = d.version, new_hash = d.hash, new_status = d.status
          FROM done d WHERE s.uuid = d.uuid$q$, tbl, targets, sources, stage) USING p_uuid;
    EXECUTE format($q$
        WITH done AS (
            UPDATE %1$s t SET (%2$s, status) = (%3$s,
                   CASE WHEN s.op = 'archive' THEN 'archived' ELSE t.status END)
              FROM %4$s s
             WHERE t.uuid = s.uuid AND ($1 IS NULL OR s.uuid = $1) AND s.verdict = 'apply'
               AND s.op IN ('update', 'archive')
            RETURNING t.uuid, t.version, coworking.sync_hash(t) AS hash, t.status)
        UPDATE %4$s s SET verdict = 'applied', new_version = d.version, new_hash = d.hash, new_status = d.status
          FROM done d WHERE s.uuid = d.uuid$q$, tbl, targets, sources, stage) USING p_uuid;
    -- a visible row that row-level security does not let this login update is left untouched by UPDATE
    EXECUTE format($q$
        UPDATE %1$s s SET verdict = 'refused',
               message = 'This login may not change the site (row-level security: not one of your municipalities).'
         WHERE ($1 IS NULL OR s.uuid = $1) AND s.verdict = 'apply'$q$, stage) USING p_uuid;
END
$$;

-- Upsert the owner contacts of the pushed sites (all, or only p_site).
CREATE OR REPLACE FUNCTION coworking.push_owners(p_cols text[], p_site uuid) RETURNS void
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    targets text := (SELECT string_agg(format('%I', c), ', ') FROM unnest(p_cols) c);
    sources text := (SELECT string_agg(format('r.%I', c), ', ') FROM unnest(p_cols) c);
    excluded text := (SELECT string_agg(format('EXCLUDED.%I', c), ', ') FROM unnest(p_cols) c);
BEGIN
    EXECUTE format($q$
        INSERT INTO coworking.owner_contact AS o (site_uuid, kind, %1$s)
        SELECT s.site_uuid, s.kind, %2$s
          FROM push_owner s, jsonb_populate_record(NULL::coworking.owner_contact, s.e) r
         WHERE $1 IS NULL OR s.site_uuid = $1
        ON CONFLICT (site_uuid) DO UPDATE SET (%1$s) = ROW(%3$s)$q$, targets, sources, excluded) USING p_site;
    UPDATE push_owner s SET verdict = 'applied' WHERE p_site IS NULL OR s.site_uuid = p_site;
END
$$;

-- One push. batch = {"sites": {"brownfield": {"columns": [...], "rows": [{uuid, _op, _base_version,
-- _base_hash, <columns>}]}, "vacancy": {...}}, "owners": {"columns": [...], "rows": [{site_uuid, kind, ...}]}}.
-- Returns {"ok": bool, "sites": [{uuid, kind, op, verdict, version, hash, status, message, theirs, theirs_geom}],
-- "owners": [{site_uuid, verdict, message}]}; verdict: applied | landed | conflict | refused.
CREATE OR REPLACE FUNCTION coworking.push_sites(p_batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_kind text;
    v_cols text[];
    v_allowed text[];
    v_uuid uuid;
    v_sites jsonb;
    v_owners jsonb;
BEGIN
    -- room for 10,000 staged rows in memory (only possible before the session's first temporary table)
    IF to_regclass('pg_temp.push_owner') IS NULL THEN
        PERFORM set_config('temp_buffers', '64MB', true);
    END IF;
    FOREACH v_kind IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP TABLE IF EXISTS pg_temp.%I', 'push_stage_' || v_kind);
        EXECUTE format('CREATE TEMP TABLE %I (
            kind text, uuid uuid PRIMARY KEY, op text, base_version integer, base_hash text, e jsonb,
            rec coworking.%I, mine_hash text, server_version integer, server_hash text, server_status text,
            theirs jsonb, theirs_geom text, verdict text, message text, new_version integer, new_hash text,
            new_status text) ON COMMIT DROP', 'push_stage_' || v_kind, v_kind);
    END LOOP;
    DROP TABLE IF EXISTS push_owner;
    CREATE TEMP TABLE push_owner (site_uuid uuid, kind text, e jsonb, verdict text, message text) ON COMMIT DROP;

    FOREACH v_kind IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        CONTINUE WHEN NOT coalesce(p_batch -> 'sites' ? v_kind, false);
        v_cols := ARRAY(SELECT jsonb_array_elements_text(p_batch -> 'sites' -> v_kind -> 'columns'));
        v_allowed := ARRAY(SELECT a.attname::text FROM pg_attribute a
                            WHERE a.attrelid = format('coworking.%I', v_kind)::regclass AND a.attnum > 0
                              AND NOT a.attisdropped AND a.attname NOT IN
                              ('uuid', 'status', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by',
                               'reviewed_at', 'reviewed_by', 'review_comment', 'area_m2'));
        IF NOT v_cols <@ v_allowed OR cardinality(v_cols) < 2 THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('The working copy sends columns the register of %s does not have or that only '
                                 'the server sets: %s.', v_kind, array_to_string(
                                     ARRAY(SELECT unnest(v_cols) EXCEPT SELECT unnest(v_allowed)), ', ')),
                HINT = 'Update the plugin, or check out a new working copy.';
        END IF;
        EXECUTE format($q$
            INSERT INTO pg_temp.%I (kind, uuid, op, base_version, base_hash, e)
            SELECT $1, (r ->> 'uuid')::uuid, r ->> '_op', (r ->> '_base_version')::integer, r ->> '_base_hash', r
              FROM jsonb_array_elements($2) r$q$, 'push_stage_' || v_kind)
            USING v_kind, p_batch -> 'sites' -> v_kind -> 'rows';
        BEGIN
            PERFORM coworking.push_apply(v_kind, v_cols, NULL);
        EXCEPTION WHEN OTHERS THEN
            -- some row broke a rule: the whole kind was rolled back to here; name every refused site
            FOR v_uuid IN EXECUTE format('SELECT s.uuid FROM pg_temp.%I s ORDER BY s.uuid', 'push_stage_' || v_kind)
            LOOP
                BEGIN
                    PERFORM coworking.push_apply(v_kind, v_cols, v_uuid);
                EXCEPTION WHEN OTHERS THEN
                    EXECUTE format('UPDATE pg_temp.%I s SET verdict = ''refused'', message = $2 WHERE s.uuid = $1',
                                   'push_stage_' || v_kind) USING v_uuid, SQLERRM;
                END;
            END LOOP;
        END;
    END LOOP;

    IF p_batch ? 'owners' THEN
        v_cols := ARRAY(SELECT jsonb_array_elements_text(p_batch -> 'owners' -> 'columns'));
        v_allowed := ARRAY(SELECT a.attname::text FROM pg_attribute a
                            WHERE a.attrelid = 'coworking.owner_contact'::regclass AND a.attnum > 0
                              AND NOT a.attisdropped AND a.attname NOT IN
                              ('site_uuid', 'kind', 'municipality_ags', 'updated_at', 'updated_by'));
        IF NOT v_cols <@ v_allowed OR cardinality(v_cols) < 2 THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = 'The working copy sends owner contact columns the register does not have.',
                HINT = 'Update the plugin, or check out a new working copy.';
        END IF;
        INSERT INTO push_owner (site_uuid, kind, e)
        SELECT (r ->> 'site_uuid')::uuid, r ->> 'kind', r FROM jsonb_array_elements(p_batch -> 'owners' -> 'rows') r;
        BEGIN
            PERFORM coworking.push_owners(v_cols, NULL);
        EXCEPTION WHEN OTHERS THEN
            FOR v_uuid IN SELECT s.site_uuid FROM push_owner s ORDER BY s.site_uuid LOOP
                BEGIN
                    PERFORM coworking.push_owners(v_cols, v_uuid);
                EXCEPTION WHEN OTHERS THEN
                    UPDATE push_owner s SET verdict = 'refused', message = SQLERRM WHERE s.site_uuid = v_uuid;
                END;
            END LOOP;
        END;
    END IF;

    SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'uuid', s.uuid, 'kind', s.kind, 'op', s.op, 'verdict', s.verdict, 'message', s.message,
               'version', coalesce(s.new_version, s.server_version),
               'hash', coalesce(s.new_hash, s.server_hash),
               'status', coalesce(s.new_status, s.server_status),
               'theirs', CASE WHEN s.verdict = 'conflict' THEN s.theirs END,
               'theirs_geom', CASE WHEN s.verdict = 'conflict' THEN s.theirs_geom END))), '[]')
      INTO v_sites FROM (
          SELECT b.uuid, b.kind, b.op, b.verdict, b.message, b.new_version, b.server_version, b.new_hash,
                 b.server_hash, b.new_status, b.server_status, b.theirs, b.theirs_geom
            FROM pg_temp.push_stage_brownfield b
          UNION ALL
          SELECT v.uuid, v.kind, v.op, v.verdict, v.message, v.new_version, v.server_version, v.new_hash,
                 v.server_hash, v.new_status, v.server_status, v.theirs, v.theirs_geom
            FROM pg_temp.push_stage_vacancy v) s;
    SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
               'site_uuid', s.site_uuid, 'verdict', s.verdict, 'message', s.message))), '[]')
      INTO v_owners FROM push_owner s;
    RETURN jsonb_build_object(
        'ok', NOT EXISTS (SELECT 1 FROM pg_temp.push_stage_brownfield s WHERE s.verdict NOT IN ('applied', 'landed'))
              AND NOT EXISTS (SELECT 1 FROM pg_temp.push_stage_vacancy s WHERE s.verdict NOT IN ('applied', 'landed'))
              AND NOT EXISTS (SELECT 1 FROM push_owner s WHERE s.verdict IS DISTINCT FROM 'applied'),
        'sites', v_sites, 'owners', v_owners);
END
$$;
COMMENT ON FUNCTION coworking.push_sites(jsonb) IS
    'Apply one push of a working copy set-based, as the caller; the caller commits only if the result is ok.';

GRANT EXECUTE ON FUNCTION coworking.sync_hash(anyelement), coworking.push_apply(text, text[], uuid),
    coworking.push_owners(text[], uuid), coworking.push_sites(jsonb)
    TO coworking_admin, coworking_reviewer, coworking_editor;
