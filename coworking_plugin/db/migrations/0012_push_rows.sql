-- 0012: a push in one statement per site table (issue 5's speed target: 10,000 sites within 2x of COPY).
--
-- coworking.push_sites_rows(batch) does what push_sites (0010) does, with the same verdicts and messages, but
-- * the sites come as JSON arrays in the order of the batch's column list (no key repeated 10,000 times) and
--   are typed by plain casts (text is never truncated: casts go to the base type, the table's column type
--   checks the length on assignment, as before);
-- * classification, insert, update and the answer are ONE statement per table (data-modifying CTEs), with no
--   staging table written and rewritten;
-- * the content hash is computed only where it decides something: for a sent row whose site exists at
--   another version than the client's base (a retry after a lost commit answer lands as "landed"; a
--   reviewer's decision alone is no conflict) or an insert whose uuid exists already, and for the new server
--   rows (the base of the working copy). Plain inserts and updates at their base version hash nothing sent.
-- Retries stay idempotent as in 0010. An update whose content equals the server's at the same version is now
-- written (a new version) instead of being reported as landed: only a retry can meet an equal content at
-- another version, and that case is unchanged.
-- push_sites (0010) stays for older plugins.

-- The one statement for a table: $1 the rows (jsonb array of [uuid, op, base_version, base_hash, values...]),
-- $2 the column names; returns (sites jsonb, ok boolean).
CREATE OR REPLACE FUNCTION coworking.push_rows_sql(p_kind text, p_cols text[]) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
DECLARE
    tbl text := format('coworking.%I', p_kind);
    typed text;
    targets text;
    sources text;
    staged text;
    hash_t text;
BEGIN
    SELECT string_agg(CASE WHEN ty.typcategory = 'A'
                           THEN format('CASE WHEN jsonb_typeof(r -> %1$s) = ''array'' THEN ARRAY(SELECT '
                                       'jsonb_array_elements_text(r -> %1$s)) END::%2$s AS %3$I',
                                       u.i + 3, format_type(a.atttypid, NULL), u.c)
                           ELSE format('(r ->> %s)::%s AS %I', u.i + 3, format_type(a.atttypid, NULL), u.c) END,
                      ', ' ORDER BY u.i),
           string_agg(format('%I', u.c), ', ' ORDER BY u.i),
           string_agg(format('v.%I', u.c), ', ' ORDER BY u.i),
           string_agg(format('s.%I', u.c), ', ' ORDER BY u.i)
      INTO typed, targets, sources, staged
      FROM unnest(p_cols) WITH ORDINALITY u(c, i)
      JOIN pg_attribute a ON a.attrelid = tbl::regclass AND a.attname = u.c AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type ty ON ty.oid = a.atttypid;
    -- coworking.sync_hash(t) written out for the table's columns (the same text, hence the same md5; about a
    -- third cheaper per row than going through jsonb_populate_record)
    SELECT format('md5(ROW(%s)::text)', string_agg(CASE WHEN a.attname IN ('version', 'updated_at', 'updated_by',
               'created_at', 'created_by', 'status', 'reviewed_at', 'reviewed_by', 'review_comment', 'area_m2')
               THEN 'NULL' ELSE format('t.%I', a.attname) END, ', ' ORDER BY a.attnum))
      INTO hash_t
      FROM pg_attribute a WHERE a.attrelid = tbl::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    RETURN format($q$
        WITH v AS (
            SELECT s.uuid, s.op, s.base_version, s.base_hash, %6$s,  -- not the sent JSON: v is materialized
                   t.version AS server_version, t.status AS server_status, h.server_hash,
                   CASE
                       WHEN s.op IS NULL OR s.op NOT IN ('insert', 'update', 'archive') THEN 'refused'
                       WHEN t.uuid IS NULL AND s.op = 'insert' THEN 'apply'
                       WHEN t.uuid IS NULL THEN 'refused'
                       WHEN h.server_hash IS NOT NULL AND h.server_hash = coworking.sync_hash(jsonb_populate_record(NULL::%1$s,
                                jsonb_build_object('uuid', s.uuid) || (SELECT jsonb_object_agg(k, s.r -> (n + 3)::int)
                                FROM unnest($2::text[]) WITH ORDINALITY c(k, n))))
                            AND (s.op <> 'archive' OR t.status = 'archived') THEN 'landed'
                       WHEN s.op = 'insert' THEN 'conflict'
                       WHEN t.version = s.base_version OR h.server_hash = s.base_hash THEN 'apply'
                       ELSE 'conflict' END AS verdict
              FROM (SELECT (r ->> 0)::uuid AS uuid, r ->> 1 AS op, (r ->> 2)::integer AS base_version,
                           r ->> 3 AS base_hash, r, %2$s
                      FROM jsonb_array_elements($1) r) s
              LEFT JOIN %1$s t ON t.uuid = s.uuid
             CROSS JOIN LATERAL (SELECT CASE WHEN t.uuid IS NOT NULL
                                              AND (s.op = 'insert' OR t.version IS DISTINCT FROM s.base_version)
                                             THEN coworking.sync_hash(t) END AS server_hash) h
        ), ins AS (
            INSERT INTO %1$s AS t (uuid, %3$s)
            SELECT v.uuid, %4$s FROM v WHERE v.verdict = 'apply' AND v.op = 'insert'
            RETURNING t.uuid, t.version, %7$s AS hash, t.status
        ), upd AS (
            UPDATE %1$s t SET (%3$s, status) = (%4$s, CASE WHEN v.op = 'archive' THEN 'archived' ELSE t.status END)
              FROM v
             WHERE t.uuid = v.uuid AND v.verdict = 'apply' AND v.op IN ('update', 'archive')
               AND t.version = v.server_version  -- a push committed meanwhile is never overwritten
            RETURNING t.uuid, t.version, %7$s AS hash, t.status
        ), done AS (
            SELECT * FROM ins UNION ALL SELECT * FROM upd
        )
        SELECT coalesce(jsonb_agg(CASE WHEN d.uuid IS NOT NULL
                   THEN jsonb_build_array(v.uuid, d.version, d.hash, d.status)  -- applied: short, the usual case
                   ELSE jsonb_strip_nulls(jsonb_build_object(
                   'uuid', v.uuid, 'kind', %5$L, 'op', v.op,
                   'verdict', CASE WHEN d.uuid IS NOT NULL THEN 'applied' WHEN v.verdict = 'apply' THEN 'refused'
                                   ELSE v.verdict END,
                   'message', CASE
                       WHEN v.op IS NULL OR v.op NOT IN ('insert', 'update', 'archive') THEN
                           format('Unknown operation %%s.', v.op)
                       WHEN v.verdict = 'refused' THEN
                           'The site does not exist on the server or this login may not see it.'
                       WHEN v.verdict = 'apply' AND d.uuid IS NULL THEN
                           'This login may not change the site (row-level security: not one of your municipalities), or someone changed it at the same moment (then pull and push again).'
                       END,
                   'version', coalesce(d.version, v.server_version),
                   'hash', coalesce(d.hash, v.server_hash),
                   'status', coalesce(d.status, v.server_status),
                   'theirs', CASE WHEN v.verdict = 'conflict' THEN
                       (SELECT to_jsonb(x) - 'geom' FROM %1$s x WHERE x.uuid = v.uuid) END,
                   'theirs_geom', CASE WHEN v.verdict = 'conflict' THEN
                       (SELECT encode(ST_AsEWKB(x.geom), 'hex') FROM %1$s x WHERE x.uuid = v.uuid) END)) END), '[]'),
               coalesce(bool_and(d.uuid IS NOT NULL OR v.verdict = 'landed'), true)
          FROM v LEFT JOIN done d ON d.uuid = v.uuid$q$, tbl, typed, targets, sources, p_kind, staged, hash_t);
END
$$;

-- One push. batch = {"sites": {"vacancy": {"columns": [...], "rows": [[uuid, op, base_version, base_hash,
-- <values in column order>], ...]}, "brownfield": {...}}, "owners": {"columns": [...], "rows": [{site_uuid, kind,
-- ...}]}}. Returns the answer of push_sites (0010) with applied sites in short form:
-- {"ok": bool, "sites": [[uuid, version, hash, status] (applied) | {uuid, kind, op, verdict, version, hash, status,
--  message, theirs, theirs_geom} (landed, conflict, refused)], "owners": [{site_uuid, verdict, message}]};
-- the client commits only if ok.
CREATE OR REPLACE FUNCTION coworking.push_sites_rows(p_batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp SET jit = off
SET work_mem = '32MB' AS $$
DECLARE
    v_kind text;
    v_cols text[];
    v_allowed text[];
    v_sql text;
    v_rows jsonb;
    v_row jsonb;
    v_part jsonb;
    v_ok boolean;
    v_sites jsonb := '[]';
    v_all_ok boolean := true;
    v_uuid uuid;
    v_owners jsonb := '[]';
BEGIN
    FOREACH v_kind IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        CONTINUE WHEN NOT coalesce(p_batch -> 'sites' ? v_kind, false);
        v_cols := ARRAY(SELECT jsonb_array_elements_text(p_batch -> 'sites' -> v_kind -> 'columns'));
        v_allowed := ARRAY(SELECT a.attname::text FROM pg_attribute a
                            WHERE a.attrelid = format('coworking.%I', v_kind)::regclass AND a.attnum > 0
                              AND NOT a.attisdropped AND a.attname NOT IN
                              ('uuid', 'status', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by',
                               'reviewed_at', 'reviewed_by', 'review_comment', 'area_m2'));
        IF NOT v_cols <@ v_allowed OR cardinality(v_cols) < 2
           OR cardinality(v_cols) <> (SELECT count(DISTINCT c) FROM unnest(v_cols) c) THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('The working copy sends columns the register of %s does not have or that only '
                                 'the server sets: %s.', v_kind, array_to_string(
                                     ARRAY(SELECT unnest(v_cols) EXCEPT SELECT unnest(v_allowed)), ', ')),
                HINT = 'Update the plugin, or check out a new working copy.';
        END IF;
        v_sql := coworking.push_rows_sql(v_kind, v_cols);
        v_rows := p_batch -> 'sites' -> v_kind -> 'rows';
        BEGIN
            EXECUTE v_sql INTO v_part, v_ok USING v_rows, v_cols;
            v_sites := v_sites || v_part;
            v_all_ok := v_all_ok AND v_ok;
        EXCEPTION WHEN OTHERS THEN
            -- some row broke a rule: the whole table was rolled back to here; name every refused site
            FOR v_row IN SELECT r FROM jsonb_array_elements(v_rows) r ORDER BY r ->> 0 LOOP
                BEGIN
                    EXECUTE v_sql INTO v_part, v_ok USING jsonb_build_array(v_row), v_cols;
                    v_sites := v_sites || v_part;
                    v_all_ok := v_all_ok AND v_ok;
                EXCEPTION WHEN OTHERS THEN
                    v_sites := v_sites || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
                        'uuid', v_row ->> 0, 'kind', v_kind, 'op', v_row ->> 1, 'verdict', 'refused',
                        'message', SQLERRM)));
                    v_all_ok := false;
                END;
            END LOOP;
        END;
    END LOOP;

    IF p_batch ? 'owners' THEN  -- as push_sites (0010)
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
        DROP TABLE IF EXISTS push_owner;
        CREATE TEMP TABLE push_owner (site_uuid uuid, kind text, e jsonb, verdict text, message text) ON COMMIT DROP;
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
        SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                   'site_uuid', s.site_uuid, 'verdict', s.verdict, 'message', s.message))), '[]'),
               v_all_ok AND NOT EXISTS (SELECT 1 FROM push_owner s WHERE s.verdict IS DISTINCT FROM 'applied')
          INTO v_owners, v_all_ok FROM push_owner s;
    END IF;
    RETURN jsonb_build_object('ok', v_all_ok, 'sites', v_sites, 'owners', v_owners);
END
$$;
COMMENT ON FUNCTION coworking.push_sites_rows(jsonb) IS
    'Apply one push of a working copy (sites as arrays), one statement per table, as the caller; '
    'the caller commits only if the result is ok.';

REVOKE ALL ON FUNCTION coworking.push_rows_sql(text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION coworking.push_sites_rows(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION coworking.push_rows_sql(text, text[]), coworking.push_sites_rows(jsonb)
    TO coworking_admin, coworking_reviewer, coworking_editor;
