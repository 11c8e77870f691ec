-- Baseline, part 1: the register's tables.
--
-- The baseline is the schema of version 1.0, applied once to a database without the register (the runner,
-- db/migrate.py, reads the parts of this folder in name order as one migration, in one transaction). Later
-- changes are new migrations beside it (0002_…), never edits here. The parts, in reading order:
--   1_tables       the tables, the register's settings
--   2a_rules       the rules the server enforces (checks, bookkeeping, where a site lies, SQLSTATEs RG001–RG017)
--   2b_history     the history of every change and decision
--   2c_roles       group roles, privileges, row-level security
--   2d_messages    the rules' messages in German and English, by SQLSTATE
--   3_views        the approved snapshots' upkeep and what the public view shows
--   4_sync         the server side of the working-copy sync
--
-- Only bookkeeping columns are declared here: the domain columns of core/register/catalogue.py (the one declaration of
-- the fields) are added to the site tables, their snapshots and owner_contact by the runner's catalogue step
-- (db/catalogue_sync.py), which runs after every migration.

CREATE SCHEMA IF NOT EXISTS coworking;
CREATE EXTENSION IF NOT EXISTS postgis;

-- ---------------------------------------------------------------- the register's settings
-- One row each; administrators change them (UPDATE coworking.setting SET value = … WHERE key = …):
--   location_tolerance_m  how far (m) a site may lie outside the boundary of the municipality it names (2a,
--                         guard_location): 1000 suits the generalised VG5000 boundaries shipped with the plugin; an
--                         administrator who installs finer boundaries (coworking:install_database) sets less
--   language              de | en: the language of the register's messages (2d), German unless chosen at install
--   four_eyes             true | false: the four-eyes rule of the review (2a, guard_site; 0002_review.sql)

CREATE TABLE coworking.setting (
    key text PRIMARY KEY,
    value text NOT NULL,
    description text,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL DEFAULT current_user,
    CONSTRAINT setting_value_ok CHECK (
        CASE key
            WHEN 'location_tolerance_m' THEN value ~ '^[0-9]+(\.[0-9]+)?$'
            WHEN 'language' THEN value IN ('de', 'en')
            WHEN 'four_eyes' THEN value IN ('true', 'false')
            ELSE true END)
);
COMMENT ON TABLE coworking.setting IS 'Settings of the register (administrators change them): location_tolerance_m, language, four_eyes.';
INSERT INTO coworking.setting (key, value, description) VALUES
    ('location_tolerance_m', '1000', 'How far (m) a site may lie outside the boundary of the municipality it names. '
                                     '1000 suits the generalised VG5000 boundaries; less for finer boundaries.'),
    ('language', 'de', 'Language of the register''s messages: de or en.'),
    ('four_eyes', 'true', 'Four eyes: nobody decides on a version they submitted or changed (false only for a '
                          'register with a single reviewer; 0002_review.sql records each change in the history).');

-- The messages of the rules (part 2a) by SQLSTATE, or SQLSTATE.variant, in German and English (filled in part 2d).
-- The SQLSTATE is the same in every language: the plugin translates by code whatever the register speaks.
CREATE TABLE coworking.message (
    id text NOT NULL,
    lang text NOT NULL CHECK (lang IN ('de', 'en')),
    message text NOT NULL,          -- a format() template: its %s are filled in order
    hint text,
    PRIMARY KEY (id, lang)
);
COMMENT ON TABLE coworking.message IS 'Messages of the register''s rules by SQLSTATE, in German and English.';

-- ---------------------------------------------------------------- the catalogue as data
-- Filled by the catalogue step; the server validates writes against it (coworking.validate, part 2).

CREATE TABLE coworking.value_list (
    list text NOT NULL,
    key text NOT NULL,
    label_de text NOT NULL,
    label_en text NOT NULL,
    sort_order integer NOT NULL DEFAULT 0,
    PRIMARY KEY (list, key)
);
COMMENT ON TABLE coworking.value_list IS 'Allowed coded values with German/English labels, filled from the plugin''s field catalogue.';

CREATE TABLE coworking.field (
    kind text NOT NULL,             -- brownfield | vacancy | owner_contact
    name text NOT NULL,
    type text NOT NULL,             -- text | integer | real | boolean | date | choice | multi_choice
    label_de text NOT NULL,
    label_en text NOT NULL,
    required boolean NOT NULL DEFAULT false,
    value_list text,
    minimum double precision,
    maximum double precision,
    max_length integer,
    pattern text,
    not_in_future boolean NOT NULL DEFAULT false,
    computed boolean NOT NULL DEFAULT false,
    public boolean NOT NULL DEFAULT true,
    sort_order integer NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, name)
);
COMMENT ON TABLE coworking.field IS 'The field catalogue as data: the server validates writes against it.';

-- ---------------------------------------------------------------- municipalities and who edits them
-- Loaded by the runner from the data shipped with the plugin (or rows the administrator supplies).

CREATE TABLE coworking.municipality (
    ags text PRIMARY KEY CHECK (ags ~ '^\d{8}$'),
    name text NOT NULL,
    geom geometry(MultiPolygon, 25833),
    source text
);
COMMENT ON TABLE coworking.municipality IS 'The municipalities of Landkreis Meißen. Default source: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0.';

CREATE TABLE coworking.editor_municipality (
    role_name text NOT NULL,
    ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
    PRIMARY KEY (role_name, ags)
);
COMMENT ON TABLE coworking.editor_municipality IS 'Which login role edits which municipality (a role may hold several).';

-- ---------------------------------------------------------------- the sites and their approved snapshots
-- brownfield (an area) and vacancy (a building, as a point) share their bookkeeping columns: status, version,
-- who/when and the review fields are set by the server (guard_site, part 2), never trusted from a client.
-- <kind>_approved keeps the last approved version of every site (the triggers of part 3): when an approved site
-- is edited again it becomes pending, and the public view keeps showing what a reviewer approved. A snapshot has
-- the same columns as its site table (the catalogue step adds domain columns to both).

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('brownfield', 'MultiPolygon'), ('vacancy', 'Point')) AS v (kind, geom_type) LOOP
        EXECUTE format($ddl$
            CREATE TABLE coworking.%1$I (
                uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                municipality_ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
                status text NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
                version integer NOT NULL DEFAULT 1,
                created_at timestamptz NOT NULL DEFAULT now(),
                created_by text NOT NULL DEFAULT current_user,
                updated_at timestamptz NOT NULL DEFAULT now(),
                updated_by text NOT NULL DEFAULT current_user,
                reviewed_at timestamptz,
                reviewed_by text,
                review_comment text,
                location_override_reason text,  -- a reviewer accepts a site outside its municipality (2a)
                review_reason text,         -- key of coworking.review_reason (0002_review.sql)
                geom geometry(%2$s, 25833) NOT NULL
            );
            CREATE INDEX %3$I ON coworking.%1$I USING gist (geom);
            CREATE INDEX %4$I ON coworking.%1$I (municipality_ags, status);

            CREATE TABLE coworking.%5$I (LIKE coworking.%1$I INCLUDING DEFAULTS);
            ALTER TABLE coworking.%5$I ADD CONSTRAINT %6$I PRIMARY KEY (uuid);
            ALTER TABLE coworking.%5$I ADD CONSTRAINT %7$I
                FOREIGN KEY (uuid) REFERENCES coworking.%1$I (uuid) ON DELETE CASCADE;
            CREATE INDEX %8$I ON coworking.%5$I USING gist (geom)$ddl$,
            t.kind, t.geom_type, t.kind || '_geom_idx', t.kind || '_ags_status_idx',
            t.kind || '_approved', t.kind || '_approved_pkey', t.kind || '_approved_site_fkey',
            t.kind || '_approved_geom_idx');
    END LOOP;
END
$$;

-- Three columns of the catalogue, declared here already (with the catalogue's types and defaults) because the
-- trigger guard_publication_consent (part 2) names them in its WHEN clause. Added after the snapshot tables were
-- made, like every catalogue column, so both tables keep the catalogue's column order for the rest.
ALTER TABLE coworking.vacancy
    ADD COLUMN ownership text DEFAULT 'unknown',
    ADD COLUMN publication_consent boolean DEFAULT false,
    ADD COLUMN publication_consent_date date;

-- ---------------------------------------------------------------- personal data and history
-- The contact of a site's private owner, apart so it can be protected and erased on its own.
CREATE TABLE coworking.owner_contact (
    site_uuid uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('brownfield', 'vacancy')),
    municipality_ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT current_user
);
CREATE INDEX owner_contact_ags_idx ON coworking.owner_contact (municipality_ags);

-- One row per change and per review decision of a site (written by the triggers of part 2), owner-contact
-- changes without their values.
CREATE TABLE coworking.history (
    id bigserial PRIMARY KEY,
    site_uuid uuid,                 -- NULL for a change of a register setting (kind 'setting')
    kind text NOT NULL,
    municipality_ags text,
    version integer,
    action text NOT NULL,           -- insert | update | archive | approve | reject | delete | owner_contact_* | setting
    actor text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    old_values jsonb,
    new_values jsonb,
    comment text
);
CREATE INDEX history_site_idx ON coworking.history (site_uuid, id);
CREATE INDEX history_ags_idx ON coworking.history (municipality_ags);
