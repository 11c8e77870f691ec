-- 0003: the register survives pg_dump and pg_restore (admin guide, chapter "Datensicherung";
-- tests/test_db_backup.py).
--
-- pg_restore runs with an empty search_path, and a trigger's WHEN clause is dumped as text in which
-- "IS DISTINCT FROM" cannot name the schema of its operator. The baseline's trigger site_15_location_update
-- compared NEW.geom IS DISTINCT FROM OLD.geom, i.e. PostGIS's = in schema public: the restore failed with
-- "operator is not unique: public.geometry = public.geometry" and, in one transaction, restored nothing.
-- The geometries are now compared in their binary form (EWKB as bytea, whose = is pg_catalog's, found with any
-- search_path): the same test for "the position changed", and a dump of the register restores.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['brownfield', 'vacancy'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS site_15_location_update ON coworking.%I', t);
        EXECUTE format('CREATE TRIGGER site_15_location_update BEFORE UPDATE ON coworking.%I
                        FOR EACH ROW WHEN (NEW.geom::bytea IS DISTINCT FROM OLD.geom::bytea
                                           OR NEW.municipality_ags IS DISTINCT FROM OLD.municipality_ags
                                           OR NEW.location_override_reason IS DISTINCT FROM OLD.location_override_reason)
                        EXECUTE FUNCTION coworking.guard_location()', t);
    END LOOP;
END
$$;
