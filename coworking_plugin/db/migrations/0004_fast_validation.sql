-- 0004: validation against the catalogue in one query per row instead of one per field (a batch push of
-- thousands of sites runs this trigger for every row), and without turning the geometry into GeoJSON.
-- Same rules and the same SQLSTATEs as 0002 (RG005 value list, RG006 required, RG007 range/length/format/date).

CREATE OR REPLACE FUNCTION coworking.validate(p_kind text, p_row jsonb) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE
    bad record;
BEGIN
    SELECT f.name, f.label_en, f.value_list, f.minimum, f.maximum, f.max_length, x.v,
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
    IF bad.problem = 'required' THEN
        RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
            MESSAGE = format('The field "%s" (%s) is required.', bad.label_en, bad.name),
            HINT = 'Fill in the field and save again.';
    ELSIF bad.problem = 'choice' THEN
        RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
            MESSAGE = format('%s is not an allowed value for the field "%s" (%s).', bad.v, bad.label_en, bad.name),
            HINT = format('Allowed values: %s.', (SELECT string_agg(key, ', ' ORDER BY sort_order)
                                                  FROM coworking.value_list WHERE list = bad.value_list));
    ELSIF bad.problem = 'range' THEN
        RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
            MESSAGE = format('The value %s of the field "%s" (%s) is out of range.', bad.v, bad.label_en, bad.name),
            HINT = format('Enter a value between %s and %s.', coalesce(bad.minimum::text, '-∞'),
                          coalesce(bad.maximum::text, '∞'));
    ELSIF bad.problem = 'future' THEN
        RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
            MESSAGE = format('The date of the field "%s" (%s) lies in the future.', bad.label_en, bad.name),
            HINT = 'Enter a date up to today.';
    ELSIF bad.problem = 'length' THEN
        RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
            MESSAGE = format('The field "%s" (%s) is longer than %s characters.', bad.label_en, bad.name,
                             bad.max_length),
            HINT = 'Shorten the text.';
    ELSE
        RAISE EXCEPTION USING ERRCODE = bad.code, COLUMN = bad.name,
            MESSAGE = format('%s is not a valid value for the field "%s" (%s).', bad.v, bad.label_en, bad.name),
            HINT = 'Check the format of the value.';
    END IF;
END
$$;

-- the row is validated without its geometry (checked by ST_IsValid above); unchanged otherwise
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

    PERFORM coworking.validate(kind, to_jsonb(jsonb_populate_record(NEW, '{"geom": null}')));
    RETURN NEW;
END
$$;

-- the approved snapshot with static statements (planned once per session, not per row)
CREATE OR REPLACE FUNCTION coworking.keep_approved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NEW.status NOT IN ('approved', 'archived') THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'brownfield' THEN
        DELETE FROM coworking.brownfield_approved WHERE uuid = NEW.uuid;
        IF NEW.status = 'approved' THEN
            INSERT INTO coworking.brownfield_approved
            SELECT * FROM jsonb_populate_record(NULL::coworking.brownfield_approved, to_jsonb(NEW));
        END IF;
    ELSE
        DELETE FROM coworking.vacancy_approved WHERE uuid = NEW.uuid;
        IF NEW.status = 'approved' THEN
            INSERT INTO coworking.vacancy_approved
            SELECT * FROM jsonb_populate_record(NULL::coworking.vacancy_approved, to_jsonb(NEW));
        END IF;
    END IF;
    RETURN NULL;
END
$$;
