-- 0002: the county's review: four eyes, standard rejection reasons and the review queue's server parts.
-- The rules themselves are in guard_site (baseline, 2a_rules.sql), the column review_reason in the site tables
-- (1_tables.sql); the sync treats it as a review field (4_sync.sql). This file adds what they use.
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
--   in the column review_reason (set by reviewers only: RG003; an unknown or inactive key: RG015).
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
-- The table coworking.setting is the baseline's (1_tables.sql: its row four_eyes, who changed what when); this
-- records each change in the history and keeps changed_at/changed_by true.
-- a setting's text as the JSON the history keeps: true/false and numbers typed, other text as a string
CREATE OR REPLACE FUNCTION coworking.setting_json(p text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p IN ('true', 'false') OR p ~ '^[0-9]+(\.[0-9]+)?$' THEN p::jsonb ELSE to_jsonb(p) END
$$;

CREATE OR REPLACE FUNCTION coworking.log_setting() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.value IS NOT DISTINCT FROM OLD.value THEN
        RETURN NULL;
    END IF;
    INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values, new_values)
    VALUES (NULL, 'setting', NULL, NULL, 'setting', session_user,
            CASE WHEN TG_OP <> 'INSERT' THEN jsonb_build_object(OLD.key, coworking.setting_json(OLD.value)) END,
            CASE WHEN TG_OP <> 'DELETE' THEN jsonb_build_object(NEW.key, coworking.setting_json(NEW.value)) END);
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
    SELECT coalesce((SELECT value::boolean FROM coworking.setting WHERE key = 'four_eyes'), true)
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
-- possible duplicates by address: an index on the normalised address (about 10 µs per written row). The column
-- comes from the catalogue (its step runs after the migrations): declared here already with the catalogue's type,
-- as part 1 of the baseline does for the consent columns.
ALTER TABLE coworking.brownfield ADD COLUMN IF NOT EXISTS address text;
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS address text;
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
