-- 0024: the county's review, four eyes, standard rejection reasons and the review queue's server parts.
--
-- * Four eyes (RG014): nobody approves or rejects a version whose content they wrote themselves: the
--   submission (an insert that decides at once, or the last content change of the site) or a content change in
--   the same statement as the decision. The last content author is the row's updated_by unless the last write
--   was itself a decision (reviewed_at = updated_at): then the history names it. An administrator switches the
--   rule off for a register with a single reviewer (coworking.setting 'four_eyes'); the change is recorded in
--   the history (kind 'setting', no site). A superuser is bound by no rule of the register (it can switch the
--   triggers off), so it is not bound by this one either: the installer's sample sites stay possible.
-- * A rejection needs a comment with visible characters (btrim kept tabs, newlines and Unicode spaces), or a
--   standard reason (coworking.review_reason, data with German and English labels): then an empty comment is
--   filled with the reason's German label, so the municipality always reads a reason. The reason's key is kept
--   in the new column review_reason (set by reviewers only: RG003; an unknown or inactive key: RG015).
-- * The review queue is built by the plugin as one statement over the site tables (row-level security applies
--   as for any read); coworking.approved_site exposes the last approved version to staff and to the editors of
--   the site's municipality, so editors see their submissions' diffs without reading the snapshot tables.

-- ------------------------------------------------------------------ visible text
CREATE OR REPLACE FUNCTION coworking.has_visible_text(p text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(regexp_replace(p, '[\s\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+',
                                   '', 'g') <> '', false)
$$;
COMMENT ON FUNCTION coworking.has_visible_text(text) IS
    'True when the text has a character that is not white space (Unicode spaces and zero-width marks included).';

-- ------------------------------------------------------------------ settings
CREATE TABLE IF NOT EXISTS coworking.setting (
    key text PRIMARY KEY,
    value jsonb NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL DEFAULT current_user
);
COMMENT ON TABLE coworking.setting IS 'Switches of the register (four_eyes); changed by administrators, recorded in the history.';
INSERT INTO coworking.setting (key, value) VALUES ('four_eyes', 'true') ON CONFLICT (key) DO NOTHING;
REVOKE ALL ON coworking.setting FROM PUBLIC;
GRANT ALL ON coworking.setting TO coworking_admin;
GRANT SELECT ON coworking.setting TO coworking_reviewer, coworking_editor;

-- the history of a setting has no site
ALTER TABLE coworking.history ALTER COLUMN site_uuid DROP NOT NULL;

CREATE OR REPLACE FUNCTION coworking.log_setting() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.value IS NOT DISTINCT FROM OLD.value THEN
        RETURN NULL;
    END IF;
    INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values, new_values)
    VALUES (NULL, 'setting', NULL, NULL, 'setting', session_user,
            CASE WHEN TG_OP <> 'INSERT' THEN jsonb_build_object(OLD.key, OLD.value) END,
            CASE WHEN TG_OP <> 'DELETE' THEN jsonb_build_object(NEW.key, NEW.value) END);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION coworking.guard_setting() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_at := now();
    NEW.changed_by := current_user;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS setting_10_guard ON coworking.setting;
CREATE TRIGGER setting_10_guard BEFORE INSERT OR UPDATE ON coworking.setting
    FOR EACH ROW EXECUTE FUNCTION coworking.guard_setting();
DROP TRIGGER IF EXISTS setting_50_history ON coworking.setting;
CREATE TRIGGER setting_50_history AFTER INSERT OR UPDATE OR DELETE ON coworking.setting
    FOR EACH ROW EXECUTE FUNCTION coworking.log_setting();

-- Read by guard_site for each decision (a query, never a session setting: a setting anyone can SET is no rule).
CREATE OR REPLACE FUNCTION coworking.four_eyes() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT coalesce((SELECT (value #>> '{}')::boolean FROM coworking.setting WHERE key = 'four_eyes'), true)
$$;
COMMENT ON FUNCTION coworking.four_eyes() IS 'Is the four-eyes rule on (default: yes)?';

-- ------------------------------------------------------------------ standard rejection reasons
CREATE TABLE IF NOT EXISTS coworking.review_reason (
    key text PRIMARY KEY CHECK (key ~ '^[a-z0-9_]+$'),
    label_de text NOT NULL CHECK (coworking.has_visible_text(label_de)),
    label_en text NOT NULL CHECK (coworking.has_visible_text(label_en)),
    active boolean NOT NULL DEFAULT true,
    sort_order integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE coworking.review_reason IS 'Standard reasons for a rejection (administrators maintain them; inactive ones stay for old decisions).';
INSERT INTO coworking.review_reason (key, label_de, label_en, sort_order) VALUES
    ('location_implausible', 'Lage unplausibel', 'Location implausible', 10),
    ('incomplete', 'Angaben unvollständig', 'Information incomplete', 20),
    ('duplicate', 'Dublette', 'Duplicate', 30),
    ('consent_missing', 'Einwilligung fehlt', 'Consent missing', 40),
    ('not_vacant', 'Kein Leerstand/keine Brachfläche', 'Not a vacancy or brownfield', 50),
    ('other', 'Sonstiges (siehe Vermerk)', 'Other (see comment)', 90)
ON CONFLICT (key) DO NOTHING;
REVOKE ALL ON coworking.review_reason FROM PUBLIC;
GRANT ALL ON coworking.review_reason TO coworking_admin;
GRANT SELECT ON coworking.review_reason TO coworking_reviewer, coworking_editor;

ALTER TABLE coworking.brownfield ADD COLUMN IF NOT EXISTS review_reason text;
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS review_reason text;
ALTER TABLE coworking.brownfield_approved ADD COLUMN IF NOT EXISTS review_reason text;
ALTER TABLE coworking.vacancy_approved ADD COLUMN IF NOT EXISTS review_reason text;
-- the address comes from the catalogue (its step runs after the migrations); created here with the catalogue's
-- type, as 0020 does for its columns, for the duplicate index below
ALTER TABLE coworking.brownfield ADD COLUMN IF NOT EXISTS address text;
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS address text;
SELECT coworking.write_log_sites();  -- the history records the new columns

-- ------------------------------------------------------------------ guard_site (0022) with the review rules
CREATE OR REPLACE FUNCTION coworking.guard_site() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    staff boolean := coworking.is_staff();
    author text;
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
            IF NEW.reviewed_at IS NOT NULL OR NEW.reviewed_by IS NOT NULL OR NEW.review_comment IS NOT NULL
               OR NEW.review_reason IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'RG003',
                    MESSAGE = 'Editors cannot fill in the review fields (reviewed_at, reviewed_by, review_comment, review_reason).',
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
               OR NEW.review_comment IS DISTINCT FROM OLD.review_comment
               OR NEW.review_reason IS DISTINCT FROM OLD.review_reason THEN
                RAISE EXCEPTION USING ERRCODE = 'RG003',
                    MESSAGE = 'Editors cannot change the review fields (reviewed_at, reviewed_by, review_comment, review_reason).',
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

    -- plain expressions first (no query, so PL/pgSQL starts no executor for them); the look-up runs for an
    -- editor's insert or move to another municipality that this transaction has not seen yet (see 0022)
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
        -- four eyes: the decision is someone else's than the content's author
        IF current_setting('is_superuser') <> 'on' AND coworking.four_eyes() THEN
            IF TG_OP = 'INSERT' THEN
                author := current_user;
            ELSIF jsonb_populate_record(NEW, '{"status": null, "version": null, "updated_at": null,
                      "updated_by": null, "reviewed_at": null, "reviewed_by": null, "review_comment": null,
                      "review_reason": null, "area_m2": null}')
                  IS DISTINCT FROM jsonb_populate_record(OLD, '{"status": null, "version": null,
                      "updated_at": null, "updated_by": null, "reviewed_at": null, "reviewed_by": null,
                      "review_comment": null, "review_reason": null, "area_m2": null}') THEN
                author := current_user;  -- changed and decided in one statement
            ELSIF OLD.reviewed_at IS NOT DISTINCT FROM OLD.updated_at THEN
                -- the last write was a decision: the history names the last content author
                SELECT h.actor INTO author FROM coworking.history h
                 WHERE h.site_uuid = OLD.uuid AND h.kind = TG_TABLE_NAME AND h.action IN ('insert', 'update')
                 ORDER BY h.id DESC LIMIT 1;
            ELSE
                author := OLD.updated_by;
            END IF;
            IF author = current_user THEN
                RAISE EXCEPTION USING ERRCODE = 'RG014',
                    MESSAGE = format('Four eyes: you (%s) cannot %s a version you submitted or changed yourself.',
                                     current_user, CASE NEW.status WHEN 'approved' THEN 'approve' ELSE 'reject' END),
                    HINT = 'Another reviewer decides on it. An administrator can switch the four-eyes rule off for a register with a single reviewer.';
            END IF;
        END IF;
        NEW.reviewed_at := now();
        NEW.reviewed_by := current_user;
        IF NEW.status = 'approved' THEN
            NEW.review_reason := NULL;  -- a reason belongs to a rejection
        END IF;
    END IF;
    IF NEW.review_reason IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.review_reason IS DISTINCT FROM OLD.review_reason)
       AND NOT EXISTS (SELECT 1 FROM coworking.review_reason r WHERE r.key = NEW.review_reason AND r.active) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG015', COLUMN = 'review_reason',
            MESSAGE = format('"%s" is not one of the register''s standard rejection reasons.', NEW.review_reason),
            HINT = 'Choose a reason from coworking.review_reason (active ones), or none and write a comment.';
    END IF;
    IF NEW.status = 'rejected' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'rejected')
       AND NOT coworking.has_visible_text(NEW.review_comment) THEN
        IF NEW.review_reason IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'RG004', COLUMN = 'review_comment',
                MESSAGE = 'A rejection needs a reason or a comment (with visible characters) that tells the municipality what to fix.',
                HINT = 'Choose a standard reason or write a review comment, and reject again.';
        END IF;
        NEW.review_comment := (SELECT r.label_de FROM coworking.review_reason r WHERE r.key = NEW.review_reason);
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

-- ------------------------------------------------------------------ sync: the reason is a review field
CREATE OR REPLACE FUNCTION coworking.content_changed_since(p_kind text, p_uuid uuid, p_base integer,
                                                           p_current integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY INVOKER SET search_path = pg_catalog, public AS $$
    SELECT count(*) <> p_current - p_base
           OR coalesce(bool_or(coalesce(h.new_values, '{}'::jsonb)
                               - '{status,reviewed_at,reviewed_by,review_comment,review_reason,area_m2}'::text[]
                               <> '{}'::jsonb),
                       false)
      FROM coworking.history h
     WHERE h.site_uuid = p_uuid AND h.kind = p_kind AND h.version > p_base AND h.version <= p_current
       AND h.action IN ('update', 'archive', 'approve', 'reject')
$$;

CREATE OR REPLACE FUNCTION coworking.push_columns(p_kind text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
    SELECT ARRAY(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = format('coworking.%I', p_kind)::regclass AND a.attnum > 0
                    AND NOT a.attisdropped AND a.attname NOT IN
                    ('uuid', 'status', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by',
                     'reviewed_at', 'reviewed_by', 'review_comment', 'review_reason', 'area_m2')
                  ORDER BY a.attnum)
$$;

-- ------------------------------------------------------------------ the queue's server parts
-- The last approved version of the sites the caller may review or submitted: staff see all, an editor the
-- sites of their municipalities (the snapshot tables themselves stay readable by staff only). A security
-- barrier: the caller's conditions run after the view's own (each evaluated once per query, not per row).
CREATE OR REPLACE VIEW coworking.approved_site WITH (security_barrier) AS
    SELECT 'brownfield'::text AS kind, a.uuid, a.municipality_ags, a.version, a.reviewed_at, a.reviewed_by,
           to_jsonb(a) - 'geom' AS "values", a.geom::geometry AS geom
      FROM coworking.brownfield_approved a
     WHERE (SELECT coworking.is_staff())
        OR a.municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user)
    UNION ALL
    SELECT 'vacancy'::text, a.uuid, a.municipality_ags, a.version, a.reviewed_at, a.reviewed_by,
           to_jsonb(a) - 'geom', a.geom::geometry
      FROM coworking.vacancy_approved a
     WHERE (SELECT coworking.is_staff())
        OR a.municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user);
COMMENT ON VIEW coworking.approved_site IS
    'Last approved version of a site, for reviewers and for the editors of its municipality (the review dock''s diff).';
REVOKE ALL ON coworking.approved_site FROM PUBLIC;
GRANT SELECT ON coworking.approved_site TO coworking_admin, coworking_reviewer, coworking_editor;

-- A comparable form of an address (as core/validation.normalise_address): case, ß/ss, umlauts, accents,
-- Straße/Str./Strasse, everything but letters and digits dropped.
-- PL/pgSQL, not SQL: never inlined, so the planner keeps one short call in the index and the queue's queries;
-- the costlier steps only when the text needs them (about 10 µs a row; it runs for every written site).
CREATE OR REPLACE FUNCTION coworking.norm_address(p text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    x text := replace(replace(replace(replace(lower(btrim(p)), 'ß', 'ss'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue');
BEGIN
    IF x ~ '[^\x01-\x7f]' THEN
        x := translate(x, 'áàâãåéèêëíìîïóòôõúùûýÿçñčšžřěůńł', 'aaaaaeeeeiiiiooooouuuyycncszreunl');
    END IF;
    IF strpos(x, 'str') > 0 THEN
        x := regexp_replace(x, 'str(asse|\.)?(?=\s|\d|$)', 'str', 'g');
    END IF;
    RETURN nullif(regexp_replace(x, '[^a-z0-9]+', '', 'g'), '');
END
$$;

-- the queue's default order (oldest submission first) and its status filter take an index
CREATE INDEX IF NOT EXISTS brownfield_status_updated_idx ON coworking.brownfield (status, updated_at, uuid);
CREATE INDEX IF NOT EXISTS vacancy_status_updated_idx ON coworking.vacancy (status, updated_at, uuid);
-- possible duplicates by address: an index on the normalised address (a few µs per written row)
CREATE INDEX IF NOT EXISTS brownfield_norm_address_idx ON coworking.brownfield (coworking.norm_address(address))
    WHERE status <> 'archived';
CREATE INDEX IF NOT EXISTS vacancy_norm_address_idx ON coworking.vacancy (coworking.norm_address(address))
    WHERE status <> 'archived';

-- Is there another site (either kind, not archived) within p_distance m of p_geom or with the same normalised
-- address? As the review queue's flag and filter, per site. SECURITY DEFINER: under row-level security the
-- planner may not use the address index for a function that is not LEAKPROOF (only a superuser can declare
-- that), and a query per site became a scan of the table. What it looks at is what the login could read
-- itself: staff every site, an editor the approved sites and those of their municipalities.
CREATE OR REPLACE FUNCTION coworking.possible_duplicate(p_uuid uuid, p_geom geometry, p_address text,
                                                        p_distance double precision DEFAULT 25)
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    key text := coworking.norm_address(p_address);
    everything boolean := pg_has_role(session_user, 'coworking_reviewer', 'MEMBER')
                          OR pg_has_role(session_user, 'coworking_admin', 'MEMBER');
    mine text[] := ARRAY(SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = session_user);
BEGIN
    RETURN EXISTS (SELECT 1 FROM coworking.vacancy o WHERE ST_DWithin(o.geom, p_geom, p_distance)
                      AND o.status <> 'archived' AND o.uuid <> p_uuid
                      AND (everything OR o.status = 'approved' OR o.municipality_ags = ANY (mine)))
        OR EXISTS (SELECT 1 FROM coworking.brownfield o WHERE ST_DWithin(o.geom, p_geom, p_distance)
                      AND o.status <> 'archived' AND o.uuid <> p_uuid
                      AND (everything OR o.status = 'approved' OR o.municipality_ags = ANY (mine)))
        OR (key IS NOT NULL AND (
               EXISTS (SELECT 1 FROM coworking.vacancy o WHERE coworking.norm_address(o.address) = key
                          AND o.status <> 'archived' AND o.uuid <> p_uuid
                          AND (everything OR o.status = 'approved' OR o.municipality_ags = ANY (mine)))
            OR EXISTS (SELECT 1 FROM coworking.brownfield o WHERE coworking.norm_address(o.address) = key
                          AND o.status <> 'archived' AND o.uuid <> p_uuid
                          AND (everything OR o.status = 'approved' OR o.municipality_ags = ANY (mine)))));
END
$$;
REVOKE ALL ON FUNCTION coworking.possible_duplicate(uuid, geometry, text, double precision) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION coworking.possible_duplicate(uuid, geometry, text, double precision)
    TO coworking_admin, coworking_reviewer, coworking_editor;
