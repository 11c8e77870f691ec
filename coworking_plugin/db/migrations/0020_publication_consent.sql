-- A privately owned vacancy may be marked for publication only with the date of the owner's consent
-- (GDPR: the consent must be documented before anything about a private building reaches the public view).
-- The plugin checks the same rule for comfort (core/validation.py); this is where it is enforced, so an
-- edit in plain QGIS, psql or a script hits the same wall. SQLSTATE RG013, translated by core/register.py.

CREATE OR REPLACE FUNCTION coworking.guard_publication_consent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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

DROP TRIGGER IF EXISTS a_guard_publication_consent ON coworking.vacancy;
CREATE TRIGGER a_guard_publication_consent
    -- no column list: the domain columns are added by the catalogue step, after the migrations
    BEFORE INSERT OR UPDATE ON coworking.vacancy
    FOR EACH ROW EXECUTE FUNCTION coworking.guard_publication_consent();
