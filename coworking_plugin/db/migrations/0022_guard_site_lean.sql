-- 0022: guard_site (0011) without a look-up per row where its answer is already known.
--
-- guard_site checked coworking.holds_municipality() (a query on editor_municipality, under its row-level
-- security) for every row: about 9 ms per 1,000 rows of an editor's push, a tenth of the server's work. Now:
-- * an editor's UPDATE that keeps the municipality skips it: the policy editor_update (0002) lets an editor
--   update only rows whose municipality is one of theirs (USING, checked on the old row);
-- * an insert, or a move to another municipality, is looked up once per municipality and transaction: a
--   municipality found held is remembered in the transaction-local setting coworking.seen_municipalities
--   ("role/ags" items), and later rows of the same municipality take a string comparison.
-- The setting is a cache for the friendly message, not the rule: anyone can SET it, and a forged or stale
-- entry only skips this message, never a check. The rule itself is the policies' WITH CHECK (0002), which the
-- server evaluates for every row after this trigger, with the current data: a row outside the editor's
-- municipalities is refused whatever the setting says (then with PostgreSQL's row-level security message).
-- A site in another municipality is refused with the same SQLSTATE (RG001) and message as before, since a
-- municipality is remembered only after the look-up found it held. Reviewers and administrators (staff) never
-- run the look-up. The table owner and BYPASSRLS roles are not subject to the policies; they could switch the
-- triggers off as well, so the rule never relied on this trigger for them.
-- Everything else in guard_site is unchanged.

CREATE OR REPLACE FUNCTION coworking.guard_site() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    staff boolean := coworking.is_staff();
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

    -- plain expressions first (no query, so PL/pgSQL starts no executor for them); the look-up runs for an
    -- editor's insert or move to another municipality that this transaction has not seen yet (see the header)
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
        NEW.reviewed_at := now();
        NEW.reviewed_by := current_user;
    END IF;
    IF NEW.status = 'rejected' AND coalesce(btrim(NEW.review_comment), '') = ''
       AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'rejected') THEN
        RAISE EXCEPTION USING ERRCODE = 'RG004', COLUMN = 'review_comment',
            MESSAGE = 'A rejection needs a comment that tells the municipality what to fix.',
            HINT = 'Write a review comment and reject again.';
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
