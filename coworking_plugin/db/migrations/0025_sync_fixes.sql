-- 0025: the sync's fixes from the officers' day (issue 12).
--
-- * An archival is content: content_changed_since counts a change into or out of "archived" as a change of
--   the site, so an edit based on the version before an archival is a conflict (it used to reset the status
--   to pending and undo the archival silently), and a pull sees it too.
-- * Archiving an archived site keeps it archived: guard_site no longer sends an editor's change of an archived
--   site back to review unless the status is set to pending explicitly, and push_staged_sql answers an archival
--   of an already archived site with the same values as landed. A push's plain update of a site archived on the
--   server (the officer kept the site against the archival) sets it back to pending.
-- * A push whose COMMIT landed but whose answer was lost is not a conflict with itself: coworking.push_log
--   keeps, per push id (made by the client), the versions that push wrote; the retry names its earlier push
--   ids (push_begin(columns, earlier)), and a site whose server version one of them wrote is applied as if it
--   were the base (also an insert that already arrived: then it is an update).

CREATE OR REPLACE FUNCTION coworking.content_changed_since(p_kind text, p_uuid uuid, p_base integer,
                                                           p_current integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
    SELECT count(*) <> p_current - p_base
           OR coalesce(bool_or(h.action = 'archive' OR h.old_values ->> 'status' = 'archived'
                               OR coalesce(h.new_values, '{}'::jsonb)
                                  - '{status,reviewed_at,reviewed_by,review_comment,area_m2}'::text[] <> '{}'::jsonb),
                       false)
      FROM coworking.history h
     WHERE h.site_uuid = p_uuid AND h.kind = p_kind AND h.version > p_base AND h.version <= p_current
       AND h.action IN ('update', 'archive', 'approve', 'reject')
$$;
COMMENT ON FUNCTION coworking.content_changed_since(text, uuid, integer, integer) IS
    'Did a change after version p_base (up to p_current) touch the site''s content or archive it? Doubt counts as yes.';

-- The versions a push wrote, for its retry. Rows are the caller's own (row-level security); kept 90 days.
CREATE TABLE IF NOT EXISTS coworking.push_log (
    push_id uuid PRIMARY KEY,
    actor text NOT NULL DEFAULT current_user,
    at timestamptz NOT NULL DEFAULT now(),
    sites jsonb NOT NULL  -- [[uuid, version, status], ...]: the applied sites as push_staged answered them
);
ALTER TABLE coworking.push_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_pushes ON coworking.push_log;
CREATE POLICY own_pushes ON coworking.push_log USING (actor = current_user) WITH CHECK (actor = current_user);
REVOKE ALL ON coworking.push_log FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON coworking.push_log TO coworking_admin, coworking_reviewer, coworking_editor;

-- (uuid, version) of the sites the caller's pushes p_pushes wrote (the highest version per site)
CREATE OR REPLACE FUNCTION coworking.own_push_versions(p_pushes uuid[])
RETURNS TABLE (uuid uuid, version integer)
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
    SELECT (e ->> 0)::uuid, max((e ->> 1)::integer)
      FROM coworking.push_log l CROSS JOIN LATERAL jsonb_array_elements(l.sites) e
     WHERE l.push_id = ANY (coalesce(p_pushes, '{}')) AND l.actor = current_user
     GROUP BY 1
$$;

-- Start a push that names the caller's earlier pushes whose answer never arrived (push_begin(columns) of 0023
-- does the rest)
CREATE OR REPLACE FUNCTION coworking.push_begin(p_columns text[], p_earlier uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM coworking.push_begin(p_columns);
    PERFORM set_config('coworking.earlier_pushes', coalesce(array_to_string(p_earlier, ','), ''), true);
    DELETE FROM coworking.push_log WHERE actor = current_user AND at < now() - interval '90 days';
END
$$;

-- Apply the staged push (push_staged(owners) of 0023) and, when it may be committed, log what push p_push wrote
CREATE OR REPLACE FUNCTION coworking.push_staged(p_owners jsonb, p_push uuid) RETURNS jsonb
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    v_result jsonb := coworking.push_staged(p_owners);
BEGIN
    IF p_push IS NOT NULL AND (v_result ->> 'ok')::boolean THEN
        INSERT INTO coworking.push_log (push_id, sites)
        SELECT p_push, coalesce(jsonb_agg(e), '[]')
          FROM jsonb_array_elements(v_result -> 'sites') e WHERE jsonb_typeof(e) = 'array';
    END IF;
    RETURN v_result;
END
$$;

CREATE OR REPLACE FUNCTION coworking.push_staged_sql(p_kind text, p_cols text[]) RETURNS text
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
             WHERE t.uuid = v.uuid AND v.verdict = 'apply'  -- an insert that my lost push made: an update
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
            ELSIF OLD.status IS DISTINCT FROM 'archived' THEN
                NEW.status := 'pending';  -- every change by an editor goes back to review
            END IF;  -- an archived site stays archived (archiving it again does not bring it back)
        ELSIF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('approved', 'rejected')
              AND OLD.status = 'archived' THEN
            RAISE EXCEPTION USING ERRCODE = 'RG012',
                MESSAGE = format('An archived site cannot be %s directly.', NEW.status),
                HINT = 'Set the site back to pending first.';
        END IF;
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := current_user;

    -- plain expressions first (no query, so PL/pgSQL starts no executor for them); the look-up runs for an
    -- editor's insert or move to another municipality that this transaction has not seen yet (see the header)
    IF NOT staff AND (TG_OP = 'INSERT' OR NEW.municipality_ags IS DISTINCT FROM OLD.municipality_ags)
       AND NOT coalesce(current_user || '/' || NEW.municipality_ags
                        = ANY (string_to_array(current_setting('coworking.seen_municipalities', true), ',')), false)
    THEN
        IF NOT coworking.holds_municipality(NEW.municipality_ags) THEN
            RAISE EXCEPTION USING ERRCODE = 'RG001', COLUMN = 'municipality_ags',
                MESSAGE = format('You (%s) do not edit sites of the municipality %s (%s).', current_user,
                                 NEW.municipality_ags,
                                 coalesce((SELECT name FROM coworking.municipality WHERE ags = NEW.municipality_ags), 'unknown')),
                HINT = 'Choose one of your municipalities, or ask the county''s administrator to assign this one to you.';
        END IF;
        PERFORM set_config('coworking.seen_municipalities',
                           concat_ws(',', nullif(current_setting('coworking.seen_municipalities', true), ''),
                                     current_user || '/' || NEW.municipality_ags), true);
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

REVOKE ALL ON FUNCTION coworking.own_push_versions(uuid[]), coworking.push_begin(text[], uuid[]),
    coworking.push_staged(jsonb, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION coworking.own_push_versions(uuid[]), coworking.push_begin(text[], uuid[]),
    coworking.push_staged(jsonb, uuid) TO coworking_admin, coworking_reviewer, coworking_editor;
