-- Baseline, part 2 (rules, roles and row-level security), a: the rules of the register, enforced by the server
-- whatever the client (the plugin, plain QGIS, psql): who may do what, validation against the catalogue, the
-- bookkeeping the server fills in, where a site lies, the owner contact's history. Then 2b the sites' history,
-- 2c roles, privileges and row-level security, 2d the messages.
--
-- A rule violation carries a stable SQLSTATE of class RG (core/register/messages.py translates them by code) and a
-- message in the register's language (coworking.msg: the table coworking.message, filled in part 2d, in the
-- language of coworking.setting), so an officer in plain QGIS reads German by default:
--   RG001 municipality not held by the editor      RG002 editor tried to approve/reject (status forgery)
--   RG003 editor tried to change review fields     RG004 rejection without a comment
--   RG005 value not in the catalogue's value list  RG006 required field missing
--   RG007 value out of range / too long / malformed / in the future
--   RG008 identifier or kind may not change        RG009 only an administrator deletes
--   RG010 invalid geometry                         RG011 owner contact for an unknown or foreign site
--   RG012 invalid status transition                RG013 private vacancy published without consent date
--   RG014 four eyes: a decision on one's own version RG015 unknown standard rejection reason
--   RG016 site not in the municipality it names    RG017 site outside the county
--
-- What a row costs: a batch push writes thousands of rows, so the per-row trigger (guard_site) does plain
-- comparisons only; the catalogue's field rules are one generated boolean expression (values_ok), and history
-- is written per statement from the transition tables.

-- ---------------------------------------------------------------- settings and messages

CREATE FUNCTION coworking.language() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT value FROM coworking.setting WHERE key = 'language'), 'de')
$$;

-- The message ``p_id`` (an SQLSTATE, or SQLSTATE.variant) in the register's language, else English, else the id;
-- its %s filled in order from ``p_args``. Only a refused write calls these: no cost for the rows that pass.
CREATE FUNCTION coworking.msg(p_id text, VARIADIC p_args text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format(coalesce((SELECT m.message FROM coworking.message m
                             WHERE m.id = p_id AND m.lang IN (coworking.language(), 'en')
                             ORDER BY m.lang = coworking.language() DESC LIMIT 1), p_id), VARIADIC p_args)
$$;

CREATE FUNCTION coworking.msg_hint(p_id text, VARIADIC p_args text[] DEFAULT '{}') RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format((SELECT m.hint FROM coworking.message m
                    WHERE m.id = p_id AND m.lang IN (coworking.language(), 'en') AND m.hint IS NOT NULL
                    ORDER BY m.lang = coworking.language() DESC LIMIT 1), VARIADIC p_args)
$$;

-- ---------------------------------------------------------------- who is who

CREATE FUNCTION coworking.is_staff() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'coworking_reviewer', 'MEMBER')
        OR pg_has_role(current_user, 'coworking_admin', 'MEMBER')
$$;
COMMENT ON FUNCTION coworking.is_staff() IS 'True for reviewers and administrators (and superusers).';

CREATE FUNCTION coworking.is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'coworking_admin', 'MEMBER')
$$;

CREATE FUNCTION coworking.holds_municipality(p_ags text) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM coworking.editor_municipality e WHERE e.role_name = current_user AND e.ags = p_ags)
$$;

-- the municipality of any site, whether the caller sees it or not (the result says nothing else)
CREATE FUNCTION coworking.site_municipality(p_kind text, p_uuid uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT municipality_ags FROM coworking.brownfield WHERE p_kind = 'brownfield' AND uuid = p_uuid
    UNION ALL
    SELECT municipality_ags FROM coworking.vacancy WHERE p_kind = 'vacancy' AND uuid = p_uuid
$$;

-- ---------------------------------------------------------------- the catalogue's field rules

-- Validate a row (as jsonb) against the catalogue kept in coworking.field / coworking.value_list, in one query:
-- raises the first broken rule (in the catalogue's order) as RG005 (value list), RG006 (required) or RG007
-- (range, length, format, date in the future), naming the field. Called only for a row values_ok rejects.
CREATE FUNCTION coworking.validate(p_kind text, p_row jsonb) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
    bad record;
BEGIN
    SELECT f.name, CASE coworking.language() WHEN 'de' THEN f.label_de ELSE f.label_en END AS label, f.value_list, f.minimum, f.maximum, f.max_length, x.v,
           CASE
               WHEN x.empty THEN 'RG006'
               WHEN f.type IN ('choice', 'multi_choice') THEN 'RG005'
               ELSE 'RG007' END AS code,
           CASE
               WHEN x.empty THEN 'required'
               WHEN f.type IN ('choice', 'multi_choice') THEN 'choice'
               WHEN f.type IN ('integer', 'real') THEN 'range'
               WHEN f.type = 'date' THEN 'future'
               WHEN f.max_length IS NOT NULL AND length(x.v #>> '{}') > f.max_length THEN 'length'
               ELSE 'pattern' END AS problem
      INTO bad
      FROM coworking.field f
      CROSS JOIN LATERAL (SELECT p_row -> f.name AS v) r
      CROSS JOIN LATERAL (SELECT r.v,
              r.v IS NULL OR jsonb_typeof(r.v) = 'null'
              OR (jsonb_typeof(r.v) = 'string' AND btrim(r.v #>> '{}') = '')
              OR (jsonb_typeof(r.v) = 'array' AND jsonb_array_length(r.v) = 0) AS empty) x
     WHERE f.kind = p_kind AND NOT f.computed
       AND CASE
           WHEN x.empty THEN f.required
           WHEN f.type = 'choice' THEN NOT EXISTS (
                SELECT 1 FROM coworking.value_list l WHERE l.list = f.value_list AND l.key = x.v #>> '{}')
           WHEN f.type = 'multi_choice' THEN jsonb_typeof(x.v) <> 'array' OR EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(x.v) e(k)
                 WHERE NOT EXISTS (SELECT 1 FROM coworking.value_list l WHERE l.list = f.value_list AND l.key = e.k))
           WHEN f.type IN ('integer', 'real') THEN
                (f.minimum IS NOT NULL AND (x.v #>> '{}')::double precision < f.minimum)
                OR (f.maximum IS NOT NULL AND (x.v #>> '{}')::double precision > f.maximum)
           WHEN f.type = 'text' THEN
                (f.max_length IS NOT NULL AND length(x.v #>> '{}') > f.max_length)
                OR (f.pattern IS NOT NULL AND (x.v #>> '{}') !~ f.pattern)
           WHEN f.type = 'date' THEN f.not_in_future AND (x.v #>> '{}')::date > current_date
           ELSE false END
     ORDER BY f.sort_order
     LIMIT 1;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- every variant's message takes (value, label, column, maximum length) and its hint (allowed values, minimum,
    -- maximum); a template uses the ones it needs, by position (%1$s …)
    RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
        MESSAGE = coworking.msg(bad.code || '.' || bad.problem, bad.v::text, bad.label, bad.name,
                                bad.max_length::text),
        HINT = coworking.msg_hint(bad.code || '.' || bad.problem,
                                  (SELECT string_agg(key, ', ' ORDER BY sort_order)
                                     FROM coworking.value_list WHERE list = bad.value_list),
                                  coalesce(bad.minimum::text, '-∞'), coalesce(bad.maximum::text, '∞'));
END
$$;

-- True when a row keeps every rule of the catalogue. The catalogue step (db/catalogue_sync.py) adds one overload
-- per register table, generated from core/register/catalogue.py as a single boolean expression (cheap tests first) that
-- the planner inlines into the trigger. Until then every row takes the full check.
CREATE FUNCTION coworking.values_ok(p anyelement) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT false $$;
COMMENT ON FUNCTION coworking.values_ok(anyelement) IS
    'Fallback: false (take coworking.validate). The catalogue step adds one overload per register table.';

-- ---------------------------------------------------------------- the sites: BEFORE INSERT/UPDATE and DELETE

-- Who may do what, and what the server fills in. The municipality check: an editor's UPDATE that keeps the
-- municipality skips it (the policy editor_update of 2c lets an editor update only rows of their own
-- municipalities); an insert or a move is looked up once per municipality and transaction, a municipality found
-- held being remembered in the transaction-local setting coworking.seen_municipalities ("role/ags" items).
-- That setting is a cache for the friendly message (RG001), not the rule: anyone can SET it, and a forged or
-- stale entry only skips the message, never a check. The rule is the policies' WITH CHECK, which the server
-- evaluates for every row after this trigger. Staff never run the look-up.
-- The review rules (four eyes RG014, a rejection's visible reason RG004, standard reasons RG015) use the
-- setting, the reasons and coworking.has_visible_text of 0002_review.sql, which says why they are as they are.
CREATE FUNCTION coworking.guard_site() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    staff boolean := coworking.is_staff();
    author text;
    label text;  -- German label of a rejection's standard reason
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
                    MESSAGE = coworking.msg('RG002.insert', NEW.status), HINT = coworking.msg_hint('RG002.insert');
            END IF;
            IF NEW.reviewed_at IS NOT NULL OR NEW.reviewed_by IS NOT NULL OR NEW.review_comment IS NOT NULL
               OR NEW.review_reason IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'RG003',
                    MESSAGE = coworking.msg('RG003.insert'), HINT = coworking.msg_hint('RG003.insert');
            END IF;
        END IF;
    ELSE
        IF NEW.uuid IS DISTINCT FROM OLD.uuid THEN
            RAISE EXCEPTION USING ERRCODE = 'RG008', COLUMN = 'uuid',
                MESSAGE = coworking.msg('RG008.site'), HINT = coworking.msg_hint('RG008.site');
        END IF;
        NEW.version := OLD.version + 1;
        NEW.created_at := OLD.created_at;
        NEW.created_by := OLD.created_by;
        IF NOT staff THEN
            IF NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
               OR NEW.review_comment IS DISTINCT FROM OLD.review_comment
               OR NEW.review_reason IS DISTINCT FROM OLD.review_reason THEN
                RAISE EXCEPTION USING ERRCODE = 'RG003',
                    MESSAGE = coworking.msg('RG003.update'), HINT = coworking.msg_hint('RG003.update');
            END IF;
            IF NEW.status IS DISTINCT FROM OLD.status THEN
                IF NEW.status NOT IN ('pending', 'archived') THEN
                    RAISE EXCEPTION USING ERRCODE = 'RG002',
                        MESSAGE = coworking.msg('RG002.update', NEW.status), HINT = coworking.msg_hint('RG002.update');
                END IF;
            ELSIF OLD.status IS DISTINCT FROM 'archived' THEN
                NEW.status := 'pending';  -- every change by an editor goes back to review
            END IF;  -- an archived site stays archived (archiving it again does not bring it back)
        ELSIF NEW.status IS DISTINCT FROM OLD.status AND NEW.status IN ('approved', 'rejected')
              AND OLD.status = 'archived' THEN
            RAISE EXCEPTION USING ERRCODE = 'RG012',
                MESSAGE = coworking.msg('RG012.' || NEW.status), HINT = coworking.msg_hint('RG012.' || NEW.status);
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
                MESSAGE = coworking.msg('RG001.site', current_user, NEW.municipality_ags,
                                        coalesce((SELECT name FROM coworking.municipality
                                                   WHERE ags = NEW.municipality_ags), '?')),
                HINT = coworking.msg_hint('RG001.site');
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
                    MESSAGE = coworking.msg('RG014.' || NEW.status, current_user), HINT = coworking.msg_hint('RG014.' || NEW.status);
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
            MESSAGE = coworking.msg('RG015', NEW.review_reason), HINT = coworking.msg_hint('RG015');
    END IF;
    -- the municipality reads the rejection in review_comment (working copy, pull, Capture dock): a standard reason
    -- goes in as its German label, in front of the reviewer's own words when there are any
    IF NEW.status = 'rejected' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'rejected') THEN
        label := (SELECT r.label_de FROM coworking.review_reason r WHERE r.key = NEW.review_reason);
        IF NOT coworking.has_visible_text(NEW.review_comment) THEN
            IF NEW.review_reason IS NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'RG004', COLUMN = 'review_comment',
                    MESSAGE = coworking.msg('RG004'), HINT = coworking.msg_hint('RG004');
            END IF;
            NEW.review_comment := label;
        ELSIF label IS NOT NULL AND strpos(btrim(NEW.review_comment), label) <> 1 THEN
            NEW.review_comment := label || ': ' || btrim(NEW.review_comment);
        END IF;
    END IF;

    IF NEW.geom IS NULL OR ST_IsEmpty(NEW.geom) OR NOT ST_IsValid(NEW.geom) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG010', COLUMN = 'geom',
            MESSAGE = coworking.msg('RG010'), HINT = coworking.msg_hint('RG010');
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

-- A privately owned vacancy may be marked for publication only with the date of the owner's consent (GDPR: the
-- consent must be documented before anything about a private building reaches the public view). The plugin
-- checks the same rule for comfort (core/capture/validation.py); this is where it is enforced. The columns are declared
-- in part 1 so that the trigger can test them in its WHEN clause: no PL/pgSQL runs for a row that keeps the rule.
CREATE FUNCTION coworking.guard_publication_consent() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- the trigger's WHEN clause calls this only for a violation; the test is repeated for direct calls
    IF NEW.ownership = 'private' AND NEW.publication_consent IS TRUE AND NEW.publication_consent_date IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'RG013',
            MESSAGE = coworking.msg('RG013'),
            HINT = coworking.msg_hint('RG013'),
            COLUMN = 'publication_consent_date',
            SCHEMA = 'coworking', TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NEW;
END $$;

-- ---------------------------------------------------------------- where a site lies
-- A site lies within the register's tolerance (coworking.setting location_tolerance_m, 1000 m for VG5000) of the
-- municipality it names (RG016), and so inside the county (RG017); the plugin's capture check uses the same
-- tolerance (core/capture/drafts.py). A reviewer may accept a site that does not, with a reason in
-- location_override_reason: only staff set it (RG003), the history records it with the change, and an editor who
-- moves the site or names another municipality drops it, so the new position is checked again. The triggers run
-- for an insert and for an update that changes the geometry, the municipality or the reason: a push of edited
-- attributes costs nothing more.
CREATE FUNCTION coworking.location_tolerance() RETURNS double precision
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT value::double precision FROM coworking.setting WHERE key = 'location_tolerance_m'), 1000)
$$;

CREATE FUNCTION coworking.guard_location() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tolerance double precision;
    named record;
    nearest record;
    old_reason text;
    inside boolean;
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
    SELECT m.geom IS NULL OR ST_DWithin(m.geom, NEW.geom, tolerance) INTO inside
      FROM coworking.municipality m WHERE m.ags = NEW.municipality_ags;
    IF NOT FOUND OR inside THEN
        RETURN NEW;  -- (no boundary to check against: nothing to refuse)
    END IF;
    SELECT m.name, ST_Distance(m.geom, NEW.geom) AS distance
      INTO named FROM coworking.municipality m WHERE m.ags = NEW.municipality_ags;
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

CREATE FUNCTION coworking.guard_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coworking.is_admin() THEN
        RAISE EXCEPTION USING ERRCODE = 'RG009',
            MESSAGE = coworking.msg('RG009'),
            HINT = coworking.msg_hint(CASE WHEN TG_TABLE_NAME IN ('brownfield', 'vacancy') THEN 'RG009.site'
                                           ELSE 'RG009' END);
    END IF;
    RETURN OLD;
END
$$;

-- ---------------------------------------------------------------- owner contact: attach, check, log
-- An owner contact belongs to a site the caller can edit; the history records that it changed, never the values.

CREATE FUNCTION coworking.guard_owner_contact() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    site_ags text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.site_uuid IS DISTINCT FROM OLD.site_uuid OR NEW.kind IS DISTINCT FROM OLD.kind) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG008',
            MESSAGE = coworking.msg('RG008.owner'), HINT = coworking.msg_hint('RG008.owner');
    END IF;
    site_ags := coworking.site_municipality(NEW.kind, NEW.site_uuid);
    IF site_ags IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'RG011',
            MESSAGE = coworking.msg('RG011', NEW.kind, NEW.site_uuid::text), HINT = coworking.msg_hint('RG011');
    END IF;
    NEW.municipality_ags := site_ags;
    IF NOT coworking.is_staff() AND NOT coworking.holds_municipality(site_ags) THEN
        RAISE EXCEPTION USING ERRCODE = 'RG001', COLUMN = 'municipality_ags',
            MESSAGE = coworking.msg('RG001.owner', current_user, site_ags), HINT = coworking.msg_hint('RG001.owner');
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := current_user;
    IF NOT coalesce(coworking.values_ok(NEW), false) THEN
        PERFORM coworking.validate('owner_contact', to_jsonb(NEW));
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION coworking.log_owner_contact() RETURNS trigger
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

-- ---------------------------------------------------------------- the triggers
-- BEFORE triggers fire in name order: the consent rule (a_…) before guard_site. History and snapshots are
-- written AFTER each statement (2b, part 3).

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('CREATE TRIGGER site_10_guard BEFORE INSERT OR UPDATE ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.guard_site()', t);
        EXECUTE format('CREATE TRIGGER site_20_guard_delete BEFORE DELETE ON coworking.%I
                        FOR EACH ROW EXECUTE FUNCTION coworking.guard_delete()', t);
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

CREATE TRIGGER a_guard_publication_consent
    BEFORE INSERT OR UPDATE ON coworking.vacancy
    FOR EACH ROW
    WHEN (NEW.ownership = 'private' AND NEW.publication_consent IS TRUE AND NEW.publication_consent_date IS NULL)
    EXECUTE FUNCTION coworking.guard_publication_consent();

CREATE TRIGGER owner_10_guard BEFORE INSERT OR UPDATE ON coworking.owner_contact
    FOR EACH ROW EXECUTE FUNCTION coworking.guard_owner_contact();
CREATE TRIGGER owner_20_guard_delete BEFORE DELETE ON coworking.owner_contact
    FOR EACH ROW EXECUTE FUNCTION coworking.guard_delete();
CREATE TRIGGER owner_50_history AFTER INSERT OR UPDATE OR DELETE ON coworking.owner_contact
    FOR EACH ROW EXECUTE FUNCTION coworking.log_owner_contact();
