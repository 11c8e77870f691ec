-- 0001: the register's tables (bookkeeping columns only; the domain columns of core/catalogue.py are added
-- by the runner's catalogue step, so the catalogue stays the one declaration of fields).
-- Every statement is idempotent: the runner records applied versions, but a half-known database must not break.

CREATE SCHEMA IF NOT EXISTS coworking;
CREATE EXTENSION IF NOT EXISTS postgis;

-- group roles are cluster-global: create them only when missing
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['coworking_admin', 'coworking_reviewer', 'coworking_editor', 'coworking_reader'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- created meanwhile by a concurrent install in another database
            END;
        END IF;
    END LOOP;
END
$$;

CREATE TABLE IF NOT EXISTS coworking.value_list (
    list text NOT NULL,
    key text NOT NULL,
    label_de text NOT NULL,
    label_en text NOT NULL,
    sort_order integer NOT NULL DEFAULT 0,
    PRIMARY KEY (list, key)
);
COMMENT ON TABLE coworking.value_list IS 'Allowed coded values with German/English labels, filled from the plugin''s field catalogue.';

CREATE TABLE IF NOT EXISTS coworking.field (
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

CREATE TABLE IF NOT EXISTS coworking.municipality (
    ags text PRIMARY KEY CHECK (ags ~ '^\d{8}$'),
    name text NOT NULL,
    geom geometry(MultiPolygon, 25833),
    source text
);
COMMENT ON TABLE coworking.municipality IS 'The municipalities of Landkreis Meißen. Default source: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0.';

CREATE TABLE IF NOT EXISTS coworking.editor_municipality (
    role_name text NOT NULL,
    ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
    PRIMARY KEY (role_name, ags)
);
COMMENT ON TABLE coworking.editor_municipality IS 'Which login role edits which municipality (a role may hold several).';

CREATE TABLE IF NOT EXISTS coworking.brownfield (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT current_user,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT current_user,
    reviewed_at timestamptz,
    reviewed_by text,
    review_comment text,
    geom geometry(MultiPolygon, 25833) NOT NULL
);

CREATE TABLE IF NOT EXISTS coworking.vacancy (
    uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT current_user,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT current_user,
    reviewed_at timestamptz,
    reviewed_by text,
    review_comment text,
    geom geometry(Point, 25833) NOT NULL
);

CREATE INDEX IF NOT EXISTS brownfield_geom_idx ON coworking.brownfield USING gist (geom);
CREATE INDEX IF NOT EXISTS brownfield_ags_status_idx ON coworking.brownfield (municipality_ags, status);
CREATE INDEX IF NOT EXISTS vacancy_geom_idx ON coworking.vacancy USING gist (geom);
CREATE INDEX IF NOT EXISTS vacancy_ags_status_idx ON coworking.vacancy (municipality_ags, status);

-- personal data of a site's private owner, apart so it can be protected and erased on its own
CREATE TABLE IF NOT EXISTS coworking.owner_contact (
    site_uuid uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('brownfield', 'vacancy')),
    municipality_ags text NOT NULL REFERENCES coworking.municipality (ags) ON UPDATE CASCADE,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT current_user
);
CREATE INDEX IF NOT EXISTS owner_contact_ags_idx ON coworking.owner_contact (municipality_ags);

CREATE TABLE IF NOT EXISTS coworking.history (
    id bigserial PRIMARY KEY,
    site_uuid uuid NOT NULL,
    kind text NOT NULL,
    municipality_ags text,
    version integer,
    action text NOT NULL,           -- insert | update | archive | approve | reject | delete | owner_contact
    actor text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    old_values jsonb,
    new_values jsonb,
    comment text
);
CREATE INDEX IF NOT EXISTS history_site_idx ON coworking.history (site_uuid, id);
CREATE INDEX IF NOT EXISTS history_ags_idx ON coworking.history (municipality_ags);
