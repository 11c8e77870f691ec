-- A privately owned vacancy may be marked for publication only with the date of the owner's consent
-- (GDPR: the consent must be documented before anything about a private building reaches the public view).
-- The plugin checks the same rule for comfort (core/validation.py); this is where it is enforced, so an
-- edit in plain QGIS, psql or a script hits the same wall. SQLSTATE RG013, translated by core/register.py.

CREATE OR REPLACE FUNCTION coworking.guard_publication_consent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- the trigger's WHEN clause calls this only for a violation; the test is repeated for direct calls
    IF NEW.ownership = 'private' AND NEW.publication_consent IS TRUE AND NEW.publication_consent_date IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'RG013',
            MESSAGE = 'a private vacancy can only be marked for publication with the date of the owner''s consent',
            HINT = 'enter publication_consent_date or set publication_consent to false',
            COLUMN = 'publication_consent_date',
            SCHEMA = 'coworking', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END $$;

-- The three columns come from the field catalogue (the runner's catalogue step adds catalogue columns after the
-- migrations); they are created here, with the catalogue's types and defaults, so the trigger can test them in
-- its WHEN clause: evaluated without calling PL/pgSQL, the rule costs next to nothing per row of a bulk push.
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS ownership text DEFAULT 'unknown';
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS publication_consent boolean DEFAULT false;
ALTER TABLE coworking.vacancy ADD COLUMN IF NOT EXISTS publication_consent_date date;

DROP TRIGGER IF EXISTS a_guard_publication_consent ON coworking.vacancy;
CREATE TRIGGER a_guard_publication_consent
    BEFORE INSERT OR UPDATE ON coworking.vacancy
    FOR EACH ROW
    WHEN (NEW.ownership = 'private' AND NEW.publication_consent IS TRUE AND NEW.publication_consent_date IS NULL)
    EXECUTE FUNCTION coworking.guard_publication_consent();
