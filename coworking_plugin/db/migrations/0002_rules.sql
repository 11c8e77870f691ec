-- 0002: the rules of the register, enforced by the server: role checks, validation against the catalogue,
-- server-maintained bookkeeping (version, who/when, status), history, row-level security and privileges.
--
-- Errors raised here carry a stable SQLSTATE of class RG (the plugin translates them by code):
--   RG001 municipality not held by the editor      RG002 editor tried to approve/reject (status forgery)
--   RG003 editor tried to change review fields     RG004 rejection without a comment
--   RG005 value not in the catalogue's value list  RG006 required field missing
--   RG007 value out of range / too long / malformed / in the future
--   RG008 identifier or kind may not change        RG009 only an administrator deletes
--   RG010 invalid geometry                         RG011 owner contact for an unknown or foreign site
--   RG012 invalid status transition

CREATE OR REPLACE FUNCTION coworking.is_staff() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'coworking_reviewer', 'MEMBER')
        OR pg_has_role(current_user, 'coworking_admin', 'MEMBER')
$$;
COMMENT ON FUNCTION coworking.is_staff() IS 'True for reviewers and administrators (and superusers).';

CREATE OR REPLACE FUNCTION coworking.is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'coworking_admin', 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION coworking.holds_municipality(p_ags text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM coworking.editor_municipality e WHERE e.role_name = current_user AND e.ags = p_ags)
$$;

-- Validate a row (as jsonb) against the catalogue kept in coworking.field / coworking.value_list.
CREATE OR REPLACE FUNCTION coworking.validate(p_kind text, p_row jsonb) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
    f record;
    v jsonb;
    item jsonb;
    txt text;
    num double precision;
BEGIN
    FOR f IN SELECT * FROM coworking.field WHERE kind = p_kind AND NOT computed ORDER BY sort_order LOOP
        v := p_row -> f.name;
        IF v IS NULL OR jsonb_typeof(v) = 'null' OR (jsonb_typeof(v) = 'string' AND btrim(v #>> '{}') = '')
           OR (jsonb_typeof(v) = 'array' AND jsonb_array_length(v) = 0) THEN
            IF f.required THEN
                RAISE EXCEPTION USING ERRCODE = 'RG006', COLUMN = f.name,
                    MESSAGE = format('The field "%s" (%s) is required.', f.label_en, f.name),
                    HINT = 'Fill in the field and save again.';
            END IF;
            CONTINUE;
        END IF;
        IF f.type = 'choice' THEN
            txt := v #>> '{}';
            IF NOT EXISTS (SELECT 1 FROM coworking.value_list WHERE list = f.value_list AND key = txt) THEN
                RAISE EXCEPTION USING ERRCODE = 'RG005', COLUMN = f.name,
                    MESSAGE = format('"%s" is not an allowed value for the field "%s" (%s).', txt, f.label_en, f.name),
                    HINT = format('Allowed values: %s.', (SELECT string_agg(key, ', ' ORDER BY sort_order)
                                                          FROM coworking.value_list WHERE list = f.value_list));
            END IF;
        ELSIF f.type = 'multi_choice' THEN
            FOR item IN SELECT * FROM jsonb_array_elements(v) LOOP
                txt := item #>> '{}';
                IF NOT EXISTS (SELECT 1 FROM coworking.value_list WHERE list = f.value_list AND key = txt) THEN
                    RAISE EXCEPTION USING ERRCODE = 'RG005', COLUMN = f.name,
                        MESSAGE = format('"%s" is not an allowed value for the field "%s" (%s).', txt, f.label_en, f.name),
                        HINT = format('Allowed values: %s.', (SELECT string_agg(key, ', ' ORDER BY sort_order)
                                                              FROM coworking.value_list WHERE list = f.value_list));
                END IF;
            END LOOP;
        ELSIF f.type IN ('integer', 'real') THEN
            num := (v #>> '{}')::double precision;
            IF (f.minimum IS NOT NULL AND num < f.minimum) OR (f.maximum IS NOT NULL AND num > f.maximum) THEN
                RAISE EXCEPTION USING ERRCODE = 'RG007', COLUMN = f.name,
                    MESSAGE = format('The value %s of the field "%s" (%s) is out of range.', num, f.label_en, f.name),
                    HINT = format('Enter a value between %s and %s.', coalesce(f.minimum::text, '-∞'),
                                  coalesce(f.maximum::text, '∞'));
            END IF;
        ELSIF f.type = 'text' THEN
            txt := v #>> '{}';
            IF f.max_length IS NOT NULL AND length(txt) > f.max_length THEN
                RAISE EXCEPTION USING ERRCODE = 'RG007', COLUMN = f.name,
                    MESSAGE = format('The field "%s" (%s) is longer than %s characters.', f.label_en, f.name, f.max_length),
                    HINT = 'Shorten the text.';
            END IF;
            IF f.pattern IS NOT NULL AND txt !~ f.pattern THEN
                RAISE EXCEPTION USING ERRCODE = 'RG007', COLUMN = f.name,
                    MESSAGE = format('"%s" is not a valid value for the field "%s" (%s).', txt, f.label_en, f.name),
                    HINT = 'Check the format of the value.';
            END IF;
        ELSIF f.type = 'date' AND f.not_in_future THEN
            IF (v #>> '{}')::date > current_date THEN
                RAISE EXCEPTION USING ERRCODE = 'RG007', COLUMN = f.name,
                    MESSAGE = format('The date of the field "%s" (%s) lies in the future.', f.label_en, f.name),
                    HINT = 'Enter a date up to today.';
            END IF;
        END IF;
    END LOOP;
END
$$;

-- BEFORE INSERT/UPDATE on brownfield and vacancy: who may do what, and what the server fills in.
CREATE OR REPLACE FUNCTION coworking.guard_site() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    staff boolean := coworking.is_staff();
    kind text := TG_TABLE_NAME;
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

    IF NOT staff AND NOT coworking.holds_municipality(NEW.municipality_ags) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG001', COLUMN = 'municipality_ags',
            MESSAGE = format('You (%s) do not edit sites of the municipality %s (%s).', current_user,
                             NEW.municipality_ags,
                             coalesce((SELECT name FROM coworking.municipality WHERE ags = NEW.municipality_ags), 'unknown')),
            HINT = 'Choose one of your municipalities, or ask the county''s administrator to assign this one to you.';
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

    IF NEW.geom IS NULL OR NOT ST_IsValid(NEW.geom) OR ST_IsEmpty(NEW.geom) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG010', COLUMN = 'geom',
            MESSAGE = 'The geometry of the site is missing, empty or invalid.',
            HINT = 'Redraw the site (no self-intersections) and save again.';
    END IF;
    IF kind = 'brownfield' THEN
        NEW := jsonb_populate_record(NEW, jsonb_build_object('area_m2', round(ST_Area(NEW.geom)::numeric, 1)));
    END IF;

    PERFORM coworking.validate(kind, to_jsonb(NEW));
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION coworking.guard_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coworking.is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = 'RG009',
            MESSAGE = 'Only an administrator can delete entries of the register.',
            HINT = CASE WHEN TG_TABLE_NAME IN ('brownfield', 'vacancy')
                        THEN 'Archive the site instead (status archived).'
                        ELSE 'Clear the fields instead, or ask the administrator to delete the entry.' END;
    END IF;
    RETURN OLD;
END
$$;

-- the jsonb of a site without the bookkeeping that changes on every write
CREATE OR REPLACE FUNCTION coworking.site_values(p jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT p - 'version' - 'updated_at' - 'updated_by' - 'created_at' - 'created_by'
$$;

-- AFTER INSERT/UPDATE/DELETE on sites: one history row per change and per decision (changed values only)
CREATE OR REPLACE FUNCTION coworking.log_site() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    o jsonb;
    n jsonb;
    old_diff jsonb;
    new_diff jsonb;
    act text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values, new_values)
        VALUES (NEW.uuid, TG_TABLE_NAME, NEW.municipality_ags, NEW.version, 'insert', NEW.updated_by, NULL,
                coworking.site_values(to_jsonb(NEW)));
        RETURN NULL;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values, new_values)
        VALUES (OLD.uuid, TG_TABLE_NAME, OLD.municipality_ags, OLD.version, 'delete', session_user,
                coworking.site_values(to_jsonb(OLD)), NULL);
        DELETE FROM coworking.owner_contact WHERE site_uuid = OLD.uuid;
        RETURN NULL;
    END IF;
    o := coworking.site_values(to_jsonb(OLD));
    n := coworking.site_values(to_jsonb(NEW));
    SELECT jsonb_object_agg(key, value) INTO old_diff FROM jsonb_each(o) WHERE n -> key IS DISTINCT FROM value;
    SELECT jsonb_object_agg(key, value) INTO new_diff FROM jsonb_each(n) WHERE o -> key IS DISTINCT FROM value;
    act := CASE
        WHEN NEW.status IS DISTINCT FROM OLD.status AND NEW.status = 'approved' THEN 'approve'
        WHEN NEW.status IS DISTINCT FROM OLD.status AND NEW.status = 'rejected' THEN 'reject'
        WHEN NEW.status IS DISTINCT FROM OLD.status AND NEW.status = 'archived' THEN 'archive'
        ELSE 'update' END;
    INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values, new_values,
                                   comment)
    VALUES (NEW.uuid, TG_TABLE_NAME, NEW.municipality_ags, NEW.version, act, NEW.updated_by, old_diff, new_diff,
            CASE WHEN act IN ('approve', 'reject') THEN NEW.review_comment END);
    -- the owner's contact follows its site into another municipality (reviewers may move sites)
    IF NEW.municipality_ags IS DISTINCT FROM OLD.municipality_ags THEN
        UPDATE coworking.owner_contact SET municipality_ags = NEW.municipality_ags WHERE site_uuid = NEW.uuid;
    END IF;
    RETURN NULL;
END
$$;

-- owner contact: attach to a site the caller can edit; history records that it changed, never the values
CREATE OR REPLACE FUNCTION coworking.guard_owner_contact() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    site_ags text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.site_uuid IS DISTINCT FROM OLD.site_uuid OR NEW.kind IS DISTINCT FROM OLD.kind) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG008',
            MESSAGE = 'An owner contact cannot be moved to another site.',
            HINT = 'Clear this contact and enter the owner at the other site.';
    END IF;
    site_ags := coworking.site_municipality(NEW.kind, NEW.site_uuid);
    IF site_ags IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'RG011',
            MESSAGE = format('There is no %s with the identifier %s for this owner contact.', NEW.kind, NEW.site_uuid),
            HINT = 'Save the site first, then its owner''s contact.';
    END IF;
    NEW.municipality_ags := site_ags;
    IF NOT coworking.is_staff() AND NOT coworking.holds_municipality(site_ags) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG001', COLUMN = 'municipality_ags',
            MESSAGE = format('You (%s) do not edit owner data of the municipality %s.', current_user, site_ags),
            HINT = 'Only editors of the site''s municipality and the county''s reviewers handle its owner data.';
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := current_user;
    PERFORM coworking.validate('owner_contact', to_jsonb(NEW));
    RETURN NEW;
END
$$;

-- the municipality of any site, whether the caller sees it or not (the result says nothing else)
CREATE OR REPLACE FUNCTION coworking.site_municipality(p_kind text, p_uuid uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT municipality_ags FROM coworking.brownfield WHERE p_kind = 'brownfield' AND uuid = p_uuid
    UNION ALL
    SELECT municipality_ags FROM coworking.vacancy WHERE p_kind = 'vacancy' AND uuid = p_uuid
$$;

CREATE OR REPLACE FUNCTION coworking.log_owner_contact() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    r record;
    changed jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN
        r := OLD;
    ELSE
        r := NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT jsonb_agg(key) INTO changed FROM jsonb_each(to_jsonb(NEW)) e
         WHERE to_jsonb(OLD) -> e.key IS DISTINCT FROM e.value AND e.key NOT IN ('updated_at', 'updated_by');
    END IF;
    INSERT INTO coworking.history (site_uuid, kind, municipality_ags, version, action, actor, old_values, new_values,
                                   comment)
    VALUES (r.site_uuid, r.kind, r.municipality_ags, NULL, 'owner_contact_' || lower(TG_OP), session_user, NULL,
            CASE WHEN changed IS NOT NULL THEN jsonb_build_object('changed_fields', changed) END,
            'personal data: values not recorded');
    RETURN NULL;
END
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS site_10_guard ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_10_guard BEFORE INSERT OR UPDATE ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.guard_site()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_20_guard_delete ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_20_guard_delete BEFORE DELETE ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.guard_delete()', t);
        EXECUTE format('DROP TRIGGER IF EXISTS site_50_history ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_50_history AFTER INSERT OR UPDATE OR DELETE ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.log_site()', t);
    END LOOP;
END
$$;
DROP TRIGGER IF EXISTS owner_10_guard ON coworking.owner_contact;
CREATE TRIGGER owner_10_guard BEFORE INSERT OR UPDATE ON coworking.owner_contact
    FOR EACH ROW EXECUTE FUNCTION coworking.guard_owner_contact();
DROP TRIGGER IF EXISTS owner_20_guard_delete ON coworking.owner_contact;
CREATE TRIGGER owner_20_guard_delete BEFORE DELETE ON coworking.owner_contact
    FOR EACH ROW EXECUTE FUNCTION coworking.guard_delete();
DROP TRIGGER IF EXISTS owner_50_history ON coworking.owner_contact;
CREATE TRIGGER owner_50_history AFTER INSERT OR UPDATE OR DELETE ON coworking.owner_contact
    FOR EACH ROW EXECUTE FUNCTION coworking.log_owner_contact();

-- ---------------------------------------------------------------- privileges
REVOKE ALL ON SCHEMA coworking FROM PUBLIC;
GRANT USAGE ON SCHEMA coworking TO coworking_admin, coworking_reviewer, coworking_editor, coworking_reader;
REVOKE ALL ON ALL TABLES IN SCHEMA coworking FROM PUBLIC;
GRANT ALL ON ALL TABLES IN SCHEMA coworking TO coworking_admin;
GRANT ALL ON ALL SEQUENCES IN SCHEMA coworking TO coworking_admin;
GRANT SELECT ON coworking.value_list, coworking.field, coworking.municipality, coworking.editor_municipality
    TO coworking_reviewer, coworking_editor;
-- DELETE is granted so that the trigger can say "archive instead" rather than a bare "permission denied"
GRANT SELECT, INSERT, UPDATE, DELETE ON coworking.brownfield, coworking.vacancy, coworking.owner_contact
    TO coworking_reviewer, coworking_editor;
GRANT SELECT ON coworking.history TO coworking_reviewer, coworking_editor;
-- administrators hand out the working roles (coworking:assign_editor)
GRANT coworking_editor, coworking_reviewer, coworking_reader TO coworking_admin WITH ADMIN OPTION;

-- ---------------------------------------------------------------- row-level security
ALTER TABLE coworking.brownfield ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.vacancy ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.owner_contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.history ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.editor_municipality ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS staff_all ON coworking.%I', t);
        EXECUTE format('CREATE POLICY staff_all ON coworking.%I TO coworking_admin, coworking_reviewer
                        USING (true) WITH CHECK (true)', t);
        EXECUTE format('DROP POLICY IF EXISTS editor_read ON coworking.%I', t);
        EXECUTE format($p$CREATE POLICY editor_read ON coworking.%I FOR SELECT TO coworking_editor
                        USING (status = 'approved' OR municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
        EXECUTE format('DROP POLICY IF EXISTS editor_insert ON coworking.%I', t);
        EXECUTE format($p$CREATE POLICY editor_insert ON coworking.%I FOR INSERT TO coworking_editor
                        WITH CHECK (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
        EXECUTE format('DROP POLICY IF EXISTS editor_update ON coworking.%I', t);
        EXECUTE format($p$CREATE POLICY editor_update ON coworking.%I FOR UPDATE TO coworking_editor
                        USING (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))
                        WITH CHECK (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
        EXECUTE format('DROP POLICY IF EXISTS editor_delete ON coworking.%I', t);
        EXECUTE format($p$CREATE POLICY editor_delete ON coworking.%I FOR DELETE TO coworking_editor
                        USING (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
    END LOOP;
END
$$;

DROP POLICY IF EXISTS staff_all ON coworking.owner_contact;
CREATE POLICY staff_all ON coworking.owner_contact TO coworking_admin, coworking_reviewer USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS editor_own ON coworking.owner_contact;
CREATE POLICY editor_own ON coworking.owner_contact TO coworking_editor
    USING (municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))
    WITH CHECK (municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user));

DROP POLICY IF EXISTS staff_all ON coworking.history;
CREATE POLICY staff_all ON coworking.history TO coworking_admin, coworking_reviewer USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS editor_own ON coworking.history;
CREATE POLICY editor_own ON coworking.history FOR SELECT TO coworking_editor
    USING (municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user));

DROP POLICY IF EXISTS staff_all ON coworking.editor_municipality;
CREATE POLICY staff_all ON coworking.editor_municipality TO coworking_admin, coworking_reviewer
    USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS own_rows ON coworking.editor_municipality;
CREATE POLICY own_rows ON coworking.editor_municipality FOR SELECT TO coworking_editor
    USING (role_name = current_user);
