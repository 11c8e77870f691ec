-- 0026: the register checks where a site lies, and speaks the language set at install.
--
-- * coworking.setting: the register's settings, one row each, set by the administrator:
--     location_tolerance_m  how far (metres) a site may lie outside the boundary of the municipality it names;
--                           1000 by default, for the coarse VG5000 boundaries shipped with the plugin (an
--                           administrator who installs finer boundaries sets a smaller tolerance)
--     language              de | en: the language of the register's messages (German by default)
-- * coworking.message: the messages of the rules by SQLSTATE (and variant), in German and English;
--   coworking.msg() and coworking.msg_hint() give one in the register's language. The SQLSTATEs stay the same in
--   every language, so the plugin translates by code whatever the register speaks.
-- * guard_location (trigger site_15_location): a site must lie within the tolerance of the municipality it names
--   (RG016) and so inside the county (RG017). A reviewer may accept a site that does not, with a reason in
--   location_override_reason (only staff set it; the history records it with the change). An editor who moves
--   such a site, or names another municipality, drops the exception: the new position is checked again.
--   The trigger runs for an insert and for an update that changes the geometry, the municipality or the
--   reason, so a push of edited attributes costs nothing more.

CREATE TABLE IF NOT EXISTS coworking.setting (
    key text PRIMARY KEY,
    value text NOT NULL,
    description text,
    CONSTRAINT setting_value_ok CHECK (
        CASE key
            WHEN 'location_tolerance_m' THEN value ~ '^[0-9]+(\.[0-9]+)?$'
            WHEN 'language' THEN value IN ('de', 'en')
            ELSE true END)
);
COMMENT ON TABLE coworking.setting IS 'Settings of the register (administrators change them): location_tolerance_m, language.';
INSERT INTO coworking.setting (key, value, description) VALUES
    ('location_tolerance_m', '1000', 'How far (m) a site may lie outside the boundary of the municipality it names. '
                                     '1000 suits the generalised VG5000 boundaries; smaller for finer boundaries.'),
    ('language', 'de', 'Language of the register''s messages: de or en.')
ON CONFLICT (key) DO NOTHING;

CREATE TABLE IF NOT EXISTS coworking.message (
    id text NOT NULL,               -- the SQLSTATE, or SQLSTATE.variant
    lang text NOT NULL CHECK (lang IN ('de', 'en')),
    message text NOT NULL,          -- a format() template: %s are filled in order
    hint text,
    PRIMARY KEY (id, lang)
);
COMMENT ON TABLE coworking.message IS 'Messages of the register''s rules by SQLSTATE, in German and English.';

GRANT ALL ON coworking.setting, coworking.message TO coworking_admin;
GRANT SELECT ON coworking.setting, coworking.message TO coworking_reviewer, coworking_editor, coworking_reader;

CREATE OR REPLACE FUNCTION coworking.language() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT value FROM coworking.setting WHERE key = 'language'), 'de')
$$;

-- The message ``p_id`` in the register's language (else English, else the id), its %s filled from ``p_args``.
CREATE OR REPLACE FUNCTION coworking.msg(p_id text, VARIADIC p_args text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format(coalesce((SELECT m.message FROM coworking.message m
                             WHERE m.id = p_id AND m.lang IN (coworking.language(), 'en')
                             ORDER BY m.lang = coworking.language() DESC LIMIT 1), p_id), VARIADIC p_args)
$$;

CREATE OR REPLACE FUNCTION coworking.msg_hint(p_id text, VARIADIC p_args text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format((SELECT m.hint FROM coworking.message m
                    WHERE m.id = p_id AND m.lang IN (coworking.language(), 'en') AND m.hint IS NOT NULL
                    ORDER BY m.lang = coworking.language() DESC LIMIT 1), VARIADIC p_args)
$$;

CREATE OR REPLACE FUNCTION coworking.location_tolerance() RETURNS double precision
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT value::double precision FROM coworking.setting WHERE key = 'location_tolerance_m'), 1000)
$$;

INSERT INTO coworking.message (id, lang, message, hint) VALUES
    ('RG016', 'de', 'Der Standort liegt nicht in der angegebenen Gemeinde %s, sondern %s m außerhalb ihrer Grenze (in %s; zulässig sind %s m).',
     'Korrigieren Sie die Gemeinde oder die Lage. Liegt der Standort wirklich dort, kann die Prüfung des Landkreises ihn mit Begründung zulassen.'),
    ('RG016', 'en', 'The site does not lie in the municipality it names, %s: it lies %s m outside its boundary (in %s; the tolerance is %s m).',
     'Correct the municipality or the position. If the site really lies there, a county reviewer can accept it with a reason.'),
    ('RG017', 'de', 'Der Standort liegt außerhalb des Landkreises Meißen (%s m von der nächsten Gemeinde %s; zulässig sind %s m).',
     'Prüfen Sie die Lage und das Koordinatenbezugssystem der Quelle.'),
    ('RG017', 'en', 'The site lies outside Landkreis Meißen (%s m from the nearest municipality, %s; the tolerance is %s m).',
     'Check the position and the coordinate reference system of the source.'),
    ('RG003.location', 'de', 'Nur die Prüfung des Landkreises lässt einen Standort außerhalb seiner Gemeinde zu (location_override_reason).',
     'Lassen Sie das Feld leer; wenden Sie sich an die Prüfung des Landkreises.'),
    ('RG003.location', 'en', 'Only a county reviewer accepts a site outside its municipality (location_override_reason).',
     'Leave the field empty; ask the county''s reviewers.')
ON CONFLICT (id, lang) DO UPDATE SET message = EXCLUDED.message, hint = EXCLUDED.hint;

ALTER TABLE coworking.brownfield ADD COLUMN IF NOT EXISTS location_override_reason text;
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS location_override_reason text;
ALTER TABLE coworking.brownfield_approved ADD COLUMN IF NOT EXISTS location_override_reason text;
ALTER TABLE coworking.vacancy_approved ADD COLUMN IF NOT EXISTS location_override_reason text;

CREATE OR REPLACE FUNCTION coworking.guard_location() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tolerance double precision;
    named record;
    nearest record;
    old_reason text;
BEGIN
    IF NOT coworking.is_staff() THEN
        old_reason := CASE WHEN TG_OP = 'UPDATE' THEN OLD.location_override_reason END;
        IF NEW.location_override_reason IS DISTINCT FROM old_reason THEN
            RAISE EXCEPTION USING ERRCODE = 'RG003', COLUMN = 'location_override_reason',
                MESSAGE = coworking.msg('RG003.location'), HINT = coworking.msg_hint('RG003.location');
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.geom IS DISTINCT FROM OLD.geom
                                 OR NEW.municipality_ags IS DISTINCT FROM OLD.municipality_ags) THEN
            NEW.location_override_reason := NULL;  -- the exception was granted for the old position
        END IF;
    END IF;
    IF coalesce(btrim(NEW.location_override_reason), '') <> '' THEN
        RETURN NEW;
    END IF;
    NEW.location_override_reason := NULL;
    tolerance := coworking.location_tolerance();
    SELECT m.name, m.geom IS NULL OR ST_DWithin(m.geom, NEW.geom, tolerance) AS inside,
           ST_Distance(m.geom, NEW.geom) AS distance
      INTO named FROM coworking.municipality m WHERE m.ags = NEW.municipality_ags;
    IF NOT FOUND OR named.inside THEN
        RETURN NEW;  -- (no boundary to check against: nothing to refuse)
    END IF;
    SELECT m.name, ST_Distance(m.geom, NEW.geom) AS distance INTO nearest
      FROM coworking.municipality m WHERE m.geom IS NOT NULL ORDER BY m.geom <-> NEW.geom, m.ags LIMIT 1;
    IF nearest.distance > tolerance THEN
        RAISE EXCEPTION USING ERRCODE = 'RG017', COLUMN = 'geom',
            MESSAGE = coworking.msg('RG017', round(nearest.distance)::text, nearest.name, round(tolerance)::text),
            HINT = coworking.msg_hint('RG017');
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'RG016', COLUMN = 'municipality_ags',
        MESSAGE = coworking.msg('RG016', named.name, round(named.distance)::text, nearest.name,
                                round(tolerance)::text),
        HINT = coworking.msg_hint('RG016');
END
$$;
COMMENT ON FUNCTION coworking.guard_location() IS
    'A site lies within location_tolerance_m of the municipality it names (RG016) and of the county (RG017), '
    'unless a reviewer recorded a location_override_reason.';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS site_15_location_insert ON coworking.%I', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_15_location_update ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_15_location_insert BEFORE INSERT ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.guard_location()', t);
        EXECUTE format('CREATE TRIGGER site_15_location_update BEFORE UPDATE ON coworking.%I
                        FOR EACH ROW WHEN (NEW.geom IS DISTINCT FROM OLD.geom
                                           OR NEW.municipality_ags IS DISTINCT FROM OLD.municipality_ags
                                           OR NEW.location_override_reason IS DISTINCT FROM OLD.location_override_reason)
                        EXECUTE FUNCTION coworking.guard_location()', t);
    END LOOP;
END
$$;

-- the history's statements name every column: rewrite them for the new column
SELECT coworking.write_log_sites();
