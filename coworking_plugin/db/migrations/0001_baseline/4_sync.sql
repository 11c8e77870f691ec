-- Baseline, part 4: the server side of the working-copy sync (core/sync/push.py).
--
-- A push arrives in one transaction: coworking.push_begin(columns) creates the staging table pg_temp.push_site
-- (text columns), the client streams the sites into it with COPY (no literal to scan, no jsonb; a value the server
-- cannot read is refused for its site with the server's message, not for the whole COPY), and
-- coworking.push_staged(owners) applies them with one statement per site table, as the caller: SECURITY INVOKER,
-- so privileges, row-level security and the triggers of part 2 apply exactly as for a psql session. It never
-- overwrites a newer server version (conflict), and it names every refused site with the server's own message.
-- The client commits only when the answer says "ok"; otherwise it rolls back, so nothing of a push is ever
-- half-applied.
--
-- The conflict rule: an update whose base version is not the server's is applied only if no change since the
-- base touched the site's content (review decisions do not), which coworking.content_changed_since reads from
-- the history. A retry after a lost commit answer ("landed") is recognised by comparing the sent values with the
-- server's row; a retry that carries further edits is recognised by push_log, the versions each push (by its
-- client-made id) wrote: a site whose server version the caller's own unanswered push wrote is applied as if
-- that were its base. Both only for the rare rows whose version differs; the common insert or update costs no
-- extra work, and no content hash is computed anywhere. An archival is content: an edit based on the version
-- before it is a conflict, and archiving an archived site keeps it archived.

-- Upsert the owner contacts of the pushed sites (all, or only p_site).
CREATE FUNCTION coworking.push_owners(p_cols text[], p_site uuid) RETURNS void
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

-- True when a change after p_base up to p_current touched the content of the site (anything but the review
-- fields and bookkeeping; an archival, or bringing an archived site back, is content), as far as the caller can read the history (row-level security). A history the
-- caller cannot see completely (a version without its row) counts as changed: a doubt is a conflict, never an
-- overwrite. Every version of a site has exactly one history row (the statement triggers of 2b).
CREATE FUNCTION coworking.content_changed_since(p_kind text, p_uuid uuid, p_base integer,
                                                           p_current integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
    SELECT count(*) <> p_current - p_base
           OR coalesce(bool_or(h.action = 'archive' OR h.old_values ->> 'status' = 'archived'
                               OR coalesce(h.new_values, '{}'::jsonb)
                                  - '{status,reviewed_at,reviewed_by,review_comment,review_reason,area_m2}'::text[] <> '{}'::jsonb),
                       false)
      FROM coworking.history h
     WHERE h.site_uuid = p_uuid AND h.kind = p_kind AND h.version > p_base AND h.version <= p_current
       AND h.action IN ('update', 'archive', 'approve', 'reject')
$$;
COMMENT ON FUNCTION coworking.content_changed_since(text, uuid, integer, integer) IS
    'Did a change after version p_base (up to p_current) touch the site''s content or archive it? Doubt counts as yes.';

-- Columns a push may write, per site table (everything but what the server sets).
CREATE FUNCTION coworking.push_columns(p_kind text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT ARRAY(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = format('coworking.%I', p_kind)::regclass AND a.attnum > 0
                    AND NOT a.attisdropped AND a.attname NOT IN
                    ('uuid', 'status', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by',
                     'reviewed_at', 'reviewed_by', 'review_comment', 'review_reason', 'area_m2')
                  ORDER BY a.attnum)
$$;

-- Start a push: the staging table for this transaction, columns kind, uuid, op, base_version and p_columns
-- (all text). The client then runs COPY pg_temp.push_site FROM STDIN and calls coworking.push_staged.
CREATE FUNCTION coworking.push_begin(p_columns text[]) RETURNS void
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_allowed text[] := coworking.push_columns('brownfield') || coworking.push_columns('vacancy');
BEGIN
    IF NOT p_columns <@ v_allowed OR cardinality(p_columns) < 2
       OR cardinality(p_columns) <> (SELECT count(DISTINCT c) FROM unnest(p_columns) c) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG102',
            MESSAGE = coworking.msg('RG102.sites', array_to_string(ARRAY(SELECT unnest(p_columns) EXCEPT
                                                                         SELECT unnest(v_allowed)), ', ')),
            HINT = coworking.msg_hint('RG102.sites');
    END IF;
    -- 10,000 staged sites stay in memory (settable only before the session's first temporary table)
    IF to_regclass('pg_temp.push_site') IS NULL AND to_regclass('pg_temp.push_owner') IS NULL THEN
        PERFORM set_config('temp_buffers', '64MB', true);
    END IF;
    DROP TABLE IF EXISTS pg_temp.push_site;
    EXECUTE format('CREATE TEMP TABLE push_site (kind text, uuid text, op text, base_version text, %s) '
                   'ON COMMIT DROP', (SELECT string_agg(format('%I text', c), ', ') FROM unnest(p_columns) c));
END
$$;

-- The one statement for a table (the staged sites of p_kind, or only the one whose uuid text is $1):
-- classify, insert, update, answer. Returns (sites jsonb, ok boolean).
CREATE FUNCTION coworking.push_staged_sql(p_kind text, p_cols text[]) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $$
DECLARE
    tbl text := format('coworking.%I', p_kind);
    typed text;
    targets text;
    sources text;
    mine text;
    theirs text;
BEGIN
    -- casts go to the base type (text is never cut short: the column's own type checks the length)
    SELECT string_agg(format('p.%1$I::%2$s AS %1$I', u.c, format_type(a.atttypid, NULL)), ', ' ORDER BY u.i),
           string_agg(format('%I', u.c), ', ' ORDER BY u.i),
           string_agg(format('v.%I', u.c), ', ' ORDER BY u.i),
           string_agg(format('s.%I', u.c), ', ' ORDER BY u.i),
           string_agg(format('t.%I', u.c), ', ' ORDER BY u.i)
      INTO typed, targets, sources, mine, theirs
      FROM unnest(p_cols) WITH ORDINALITY u(c, i)
      JOIN pg_attribute a ON a.attrelid = tbl::regclass AND a.attname = u.c AND a.attnum > 0 AND NOT a.attisdropped;
    RETURN format($q$
        WITH own AS (  -- what this login's earlier pushes of this working copy wrote (their answer was lost)
            SELECT o.uuid, o.version FROM coworking.own_push_versions(string_to_array(
                       nullif(current_setting('coworking.earlier_pushes', true), ''), ',')::uuid[]) o
        ), s AS (
            SELECT p.uuid::uuid AS uuid, p.op, p.base_version::integer AS base_version, %2$s
              FROM pg_temp.push_site p
             WHERE p.kind = %5$L AND ($1::text IS NULL OR p.uuid = $1)
        ), v AS MATERIALIZED (
            SELECT s.*, t.version AS server_version, t.status AS server_status,
                   CASE
                       WHEN s.op IS NULL OR s.op NOT IN ('insert', 'update', 'archive') THEN 'refused'
                       WHEN t.uuid IS NULL AND s.op = 'insert' THEN 'apply'
                       WHEN t.uuid IS NULL THEN 'refused'
                       -- a retry of a push whose commit landed but whose answer was lost
                       WHEN (s.op = 'insert' OR t.version IS DISTINCT FROM s.base_version
                             OR (s.op = 'archive' AND t.status = 'archived'))  -- archived already
                            AND ROW(%6$s) IS NOT DISTINCT FROM ROW(%7$s)
                            AND (s.op <> 'archive' OR t.status = 'archived') THEN 'landed'
                       -- the server's version is this officer's own earlier push: not someone else's change
                       WHEN o.version = t.version THEN 'apply'
                       WHEN s.op = 'insert' THEN 'conflict'
                       WHEN t.version = s.base_version THEN 'apply'
                       -- only a review decision since the base: no conflict
                       WHEN s.base_version < t.version
                            AND NOT coworking.content_changed_since(%5$L, t.uuid, s.base_version, t.version)
                       THEN 'apply'
                       ELSE 'conflict' END AS verdict
              FROM s LEFT JOIN %1$s t ON t.uuid = s.uuid LEFT JOIN own o ON o.uuid = s.uuid
        ), ins AS (
            INSERT INTO %1$s AS t (uuid, %3$s)
            SELECT v.uuid, %4$s FROM v WHERE v.verdict = 'apply' AND v.op = 'insert' AND v.server_version IS NULL
            RETURNING t.uuid, t.version, t.status
        ), upd AS (
            -- an archival archives (the client sends an edit of a site it holds as archived as one); an update
            -- of a site archived on the server (the officer chose to keep it against that archival) brings it
            -- back into review
            UPDATE %1$s t SET (%3$s, status) = (%4$s, CASE WHEN v.op = 'archive' THEN 'archived'
                                                           WHEN t.status = 'archived' THEN 'pending'
                                                           ELSE t.status END)
              FROM v
             WHERE t.uuid = v.uuid AND v.verdict = 'apply' AND v.server_version IS NOT NULL
               -- (an insert that my own unanswered push already made is an update)
               AND t.version = v.server_version  -- a push committed meanwhile is never overwritten
            RETURNING t.uuid, t.version, t.status
        ), done AS (
            SELECT * FROM ins UNION ALL SELECT * FROM upd
        )
        SELECT coalesce(jsonb_agg(CASE WHEN d.uuid IS NOT NULL
                   THEN jsonb_build_array(v.uuid, d.version, d.status)  -- applied: short, the usual case
                   ELSE jsonb_strip_nulls(jsonb_build_object(
                   'uuid', v.uuid, 'kind', %5$L, 'op', v.op,
                   'verdict', CASE WHEN v.verdict = 'apply' THEN 'refused' ELSE v.verdict END,
                   'message', CASE
                       WHEN v.op IS NULL OR v.op NOT IN ('insert', 'update', 'archive') THEN
                           format('Unknown operation %%s.', v.op)
                       WHEN v.verdict = 'refused' THEN
                           'The site does not exist on the server or this login may not see it.'
                       WHEN v.verdict = 'apply' THEN
                           'This login may not change the site (row-level security: not one of your municipalities), or someone changed it at the same moment (then pull and push again).'
                       END,
                   'version', v.server_version,
                   'status', v.server_status,
                   'theirs', CASE WHEN v.verdict = 'conflict' THEN
                       (SELECT to_jsonb(x) - 'geom' FROM %1$s x WHERE x.uuid = v.uuid) END,
                   'theirs_geom', CASE WHEN v.verdict = 'conflict' THEN
                       (SELECT encode(ST_AsEWKB(x.geom), 'hex') FROM %1$s x WHERE x.uuid = v.uuid) END)) END), '[]'),
               coalesce(bool_and(d.uuid IS NOT NULL OR v.verdict = 'landed'), true)
          FROM v LEFT JOIN done d ON d.uuid = v.uuid$q$, tbl, typed, targets, sources, p_kind, mine, theirs);
END
$$;

-- Apply the staged push (and the owner contacts: {"columns": [...], "rows": [{site_uuid, kind, ...}]}). Returns {"ok": bool, "sites": [[uuid, version, status] (applied) | {uuid, kind, op, verdict,
-- version, status, message, theirs, theirs_geom} (landed, conflict, refused)], "owners": [{site_uuid, verdict,
-- message}]}; the caller commits only if ok.
CREATE FUNCTION coworking.push_staged(p_owners jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp SET jit = off
SET work_mem = '32MB' AS $$
DECLARE
    v_kind text;
    v_staged text[];
    v_cols text[];
    v_sql text;
    v_part jsonb;
    v_ok boolean;
    v_sites jsonb := '[]';
    v_all_ok boolean := true;
    v_one text;
    v_column text;
    v_uuid uuid;
    v_owners jsonb := '[]';
BEGIN
    IF to_regclass('pg_temp.push_site') IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'RG103', MESSAGE = coworking.msg('RG103'), HINT = coworking.msg_hint('RG103');
    END IF;
    v_staged := ARRAY(SELECT a.attname::text FROM pg_attribute a
                       WHERE a.attrelid = 'pg_temp.push_site'::regclass AND a.attnum > 4 AND NOT a.attisdropped
                       ORDER BY a.attnum);
    FOREACH v_kind IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_temp.push_site p WHERE p.kind = v_kind);
        -- the sent columns this table has (a column of the other kind stays empty in these rows)
        v_cols := ARRAY(SELECT c FROM unnest(v_staged) c WHERE c = ANY (coworking.push_columns(v_kind)));
        v_sql := coworking.push_staged_sql(v_kind, v_cols);
        BEGIN
            EXECUTE v_sql INTO v_part, v_ok USING NULL::text;
            v_sites := v_sites || v_part;
            v_all_ok := v_all_ok AND v_ok;
        EXCEPTION WHEN OTHERS THEN
            -- some site broke a rule: the whole table was rolled back to here; name every refused site
            FOR v_one IN SELECT p.uuid FROM pg_temp.push_site p WHERE p.kind = v_kind ORDER BY p.uuid LOOP
                BEGIN
                    EXECUTE v_sql INTO v_part, v_ok USING v_one;
                    v_sites := v_sites || v_part;
                    v_all_ok := v_all_ok AND v_ok;
                EXCEPTION WHEN OTHERS THEN
                    -- the message in the register's language; the SQLSTATE and column for the plugin's own words
                    GET STACKED DIAGNOSTICS v_column = COLUMN_NAME;
                    v_sites := v_sites || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
                        'uuid', v_one, 'kind', v_kind,
                        'op', (SELECT p.op FROM pg_temp.push_site p WHERE p.uuid = v_one LIMIT 1),
                        'verdict', 'refused', 'message', SQLERRM, 'code', SQLSTATE, 'column', nullif(v_column, ''))));
                    v_all_ok := false;
                END;
            END LOOP;
        END;
    END LOOP;

    IF p_owners IS NOT NULL THEN
        v_cols := ARRAY(SELECT jsonb_array_elements_text(p_owners -> 'columns'));
        IF NOT v_cols <@ ARRAY(SELECT a.attname::text FROM pg_attribute a
                                WHERE a.attrelid = 'coworking.owner_contact'::regclass AND a.attnum > 0
                                  AND NOT a.attisdropped AND a.attname NOT IN
                                  ('site_uuid', 'kind', 'municipality_ags', 'updated_at', 'updated_by'))
           OR cardinality(v_cols) < 2 THEN
            RAISE EXCEPTION USING ERRCODE = 'RG102',
                MESSAGE = coworking.msg('RG102.owners'),
                HINT = coworking.msg_hint('RG102.owners');
        END IF;
        DROP TABLE IF EXISTS push_owner;
        CREATE TEMP TABLE push_owner (site_uuid uuid, kind text, e jsonb, verdict text, message text, code text,
                                      column_name text) ON COMMIT DROP;
        INSERT INTO push_owner (site_uuid, kind, e)
        SELECT (r ->> 'site_uuid')::uuid, r ->> 'kind', r FROM jsonb_array_elements(p_owners -> 'rows') r;
        BEGIN
            PERFORM coworking.push_owners(v_cols, NULL);
        EXCEPTION WHEN OTHERS THEN
            FOR v_uuid IN SELECT s.site_uuid FROM push_owner s ORDER BY s.site_uuid LOOP
                BEGIN
                    PERFORM coworking.push_owners(v_cols, v_uuid);
                EXCEPTION WHEN OTHERS THEN
                    GET STACKED DIAGNOSTICS v_column = COLUMN_NAME;
                    UPDATE push_owner s SET verdict = 'refused', message = SQLERRM, code = SQLSTATE,
                                            column_name = nullif(v_column, '') WHERE s.site_uuid = v_uuid;
                END;
            END LOOP;
        END;
        SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                   'site_uuid', s.site_uuid, 'verdict', s.verdict, 'message', s.message, 'code', s.code,
                   'column', s.column_name))), '[]'),
               v_all_ok AND NOT EXISTS (SELECT 1 FROM push_owner s WHERE s.verdict IS DISTINCT FROM 'applied')
          INTO v_owners, v_all_ok FROM push_owner s;
    END IF;
    RETURN jsonb_build_object('ok', v_all_ok, 'sites', v_sites, 'owners', v_owners);
END
$$;
COMMENT ON FUNCTION coworking.push_staged(jsonb) IS
    'Apply the sites staged by push_begin + COPY (and owner contacts), one statement per table, as the caller; '
    'the caller commits only if the result is ok.';

-- The versions a push wrote, for its retry. Rows are the caller's own (row-level security); kept 90 days.
CREATE TABLE coworking.push_log (
    push_id uuid PRIMARY KEY,
    actor text NOT NULL DEFAULT current_user,
    at timestamptz NOT NULL DEFAULT now(),
    sites jsonb NOT NULL  -- push_staged's answer: the applied sites are its arrays [uuid, version, status]
);
ALTER TABLE coworking.push_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_pushes ON coworking.push_log USING (actor = current_user) WITH CHECK (actor = current_user);
REVOKE ALL ON coworking.push_log FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON coworking.push_log TO coworking_admin, coworking_reviewer, coworking_editor;

-- (uuid, version) of the sites the caller's pushes p_pushes wrote (the highest version per site)
CREATE FUNCTION coworking.own_push_versions(p_pushes uuid[])
RETURNS TABLE (uuid uuid, version integer)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
    SELECT (e ->> 0)::uuid, max((e ->> 1)::integer)
      FROM coworking.push_log l CROSS JOIN LATERAL jsonb_array_elements(l.sites) e
     WHERE l.push_id = ANY (coalesce(p_pushes, '{}')) AND l.actor = current_user AND jsonb_typeof(e) = 'array'
     GROUP BY 1
$$;

-- Start a push that names the caller's earlier pushes whose answer never arrived (push_begin(columns) does the
-- rest)
CREATE FUNCTION coworking.push_begin(p_columns text[], p_earlier uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM coworking.push_begin(p_columns);
    PERFORM set_config('coworking.earlier_pushes', coalesce(array_to_string(p_earlier, ','), ''), true);
    DELETE FROM coworking.push_log WHERE actor = current_user AND at < now() - interval '90 days';
END
$$;

-- Apply the staged push (push_staged(owners)) and, when it may be committed, log what push p_push wrote
CREATE FUNCTION coworking.push_staged(p_owners jsonb, p_push uuid) RETURNS jsonb
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_result jsonb := coworking.push_staged(p_owners);
BEGIN
    IF p_push IS NOT NULL AND (v_result ->> 'ok')::boolean THEN
        INSERT INTO coworking.push_log (push_id, sites) VALUES (p_push, v_result -> 'sites');
    END IF;
    RETURN v_result;
END
$$;

REVOKE ALL ON FUNCTION coworking.push_owners(text[], uuid),
    coworking.content_changed_since(text, uuid, integer, integer), coworking.push_columns(text),
    coworking.push_begin(text[]), coworking.push_staged_sql(text, text[]), coworking.push_staged(jsonb),
    coworking.own_push_versions(uuid[]), coworking.push_begin(text[], uuid[]), coworking.push_staged(jsonb, uuid)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION coworking.push_owners(text[], uuid),
    coworking.content_changed_since(text, uuid, integer, integer), coworking.push_columns(text),
    coworking.push_begin(text[]), coworking.push_staged_sql(text, text[]), coworking.push_staged(jsonb),
    coworking.own_push_versions(uuid[]), coworking.push_begin(text[], uuid[]), coworking.push_staged(jsonb, uuid)
    TO coworking_admin, coworking_reviewer, coworking_editor;
