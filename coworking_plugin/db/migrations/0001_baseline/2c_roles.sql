-- Baseline, part 2 (rules, roles and row-level security), c: the group roles, their privileges and the
-- row-level security that gives each editor the sites of their own municipalities.
--
-- Group roles (NOLOGIN): coworking_admin (everything, hands out the other roles), coworking_reviewer (reads and
-- decides every site), coworking_editor (edits the sites of the municipalities coworking.editor_municipality
-- assigns to the login), coworking_reader (the public view only). Login roles are members of one of them
-- (db/roles.py, coworking:assign_editor).

-- Roles are cluster-wide: create them only when missing (another database of the server may have them already).
DO $$
DECLARE
    r text;
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

-- Administrators hand out the working roles (coworking:assign_editor), so they hold them WITH ADMIN OPTION.
-- The grant is made only where it is missing: an earlier install in another database, or the server's
-- administrator, may have made it already. Since PostgreSQL 16 a role with CREATEROLE may grant only roles it
-- holds WITH ADMIN OPTION itself: those it created (PostgreSQL grants them to their creator), or those a
-- superuser granted it so. When the group roles were created by someone else and the grant is missing, the
-- install stops with SQLSTATE RG101 and names the statement the server's administrator runs once
-- (db/migrate.py raises RoleAdminMissing, db/install.py translates it).
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['coworking_editor', 'coworking_reviewer', 'coworking_reader'] LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_auth_members m
                               WHERE m.roleid = r::regrole AND m.member = 'coworking_admin'::regrole
                                 AND m.admin_option);
        BEGIN
            EXECUTE format('GRANT %I TO coworking_admin WITH ADMIN OPTION', r);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION USING ERRCODE = 'RG101',
                MESSAGE = format('The login %s may not grant the existing role %s: it does not hold it WITH ADMIN '
                                 'OPTION (since PostgreSQL 16 a role with CREATEROLE needs that too for roles it did '
                                 'not create).', current_user, r),
                HINT = format('A superuser runs once: GRANT coworking_admin, coworking_reviewer, coworking_editor, '
                              'coworking_reader TO %I WITH ADMIN OPTION; then install again.', current_user);
        END;
    END LOOP;
END
$$;

-- ---------------------------------------------------------------- privileges
REVOKE ALL ON SCHEMA coworking FROM PUBLIC;
GRANT USAGE ON SCHEMA coworking TO coworking_admin, coworking_reviewer, coworking_editor, coworking_reader;
REVOKE ALL ON ALL TABLES IN SCHEMA coworking FROM PUBLIC;
GRANT ALL ON ALL TABLES IN SCHEMA coworking TO coworking_admin;
GRANT ALL ON ALL SEQUENCES IN SCHEMA coworking TO coworking_admin;
GRANT SELECT ON coworking.value_list, coworking.field, coworking.municipality, coworking.editor_municipality
    TO coworking_reviewer, coworking_editor;
-- the value lists' labels and the settings and messages are no secret: plain QGIS reads them for any role (the
-- target-group drop-down of the stored form names coworking.value_list)
GRANT SELECT ON coworking.value_list, coworking.setting, coworking.message
    TO coworking_reviewer, coworking_editor, coworking_reader;
-- DELETE is granted so that the trigger can say "archive instead" rather than a bare "permission denied"
GRANT SELECT, INSERT, UPDATE, DELETE ON coworking.brownfield, coworking.vacancy, coworking.owner_contact
    TO coworking_reviewer, coworking_editor;
GRANT SELECT ON coworking.history TO coworking_reviewer, coworking_editor;
-- the snapshots are written by the triggers of part 3 (SECURITY DEFINER); the public reads the public view
GRANT SELECT ON coworking.brownfield_approved, coworking.vacancy_approved TO coworking_reviewer;

-- ---------------------------------------------------------------- row-level security
-- Staff see and write everything; an editor reads the approved sites of all municipalities and everything of
-- their own, and writes only their own. (The table owner is not subject to the policies.)
ALTER TABLE coworking.brownfield ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.vacancy ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.owner_contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.history ENABLE ROW LEVEL SECURITY;
ALTER TABLE coworking.editor_municipality ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('CREATE POLICY staff_all ON coworking.%I TO coworking_admin, coworking_reviewer
                        USING (true) WITH CHECK (true)', t);
        EXECUTE format($p$CREATE POLICY editor_read ON coworking.%I FOR SELECT TO coworking_editor
                        USING (status = 'approved' OR municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
        EXECUTE format($p$CREATE POLICY editor_insert ON coworking.%I FOR INSERT TO coworking_editor
                        WITH CHECK (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
        EXECUTE format($p$CREATE POLICY editor_update ON coworking.%I FOR UPDATE TO coworking_editor
                        USING (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))
                        WITH CHECK (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
        EXECUTE format($p$CREATE POLICY editor_delete ON coworking.%I FOR DELETE TO coworking_editor
                        USING (municipality_ags IN
                               (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))$p$, t);
    END LOOP;
END
$$;

CREATE POLICY staff_all ON coworking.owner_contact TO coworking_admin, coworking_reviewer USING (true) WITH CHECK (true);
CREATE POLICY editor_own ON coworking.owner_contact TO coworking_editor
    USING (municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user))
    WITH CHECK (municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user));

CREATE POLICY staff_all ON coworking.history TO coworking_admin, coworking_reviewer USING (true) WITH CHECK (true);
CREATE POLICY editor_own ON coworking.history FOR SELECT TO coworking_editor
    USING (municipality_ags IN (SELECT e.ags FROM coworking.editor_municipality e WHERE e.role_name = current_user));

CREATE POLICY staff_all ON coworking.editor_municipality TO coworking_admin, coworking_reviewer
    USING (true) WITH CHECK (true);
CREATE POLICY own_rows ON coworking.editor_municipality FOR SELECT TO coworking_editor
    USING (role_name = current_user);
