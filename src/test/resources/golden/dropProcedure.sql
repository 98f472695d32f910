-- upgrade script: run with psql -v ON_ERROR_STOP=1; running it again is safe
SET standard_conforming_strings = on;
DO $migrate_schema$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN EXECUTE 'CREATE SCHEMA public'; END IF; END $migrate_schema$;
CREATE TABLE IF NOT EXISTS public.migrate_revisions (
    id text NOT NULL,
    author text NOT NULL,
    filename text NOT NULL,
    seq integer NOT NULL,
    checksum text NOT NULL,
    status text NOT NULL CHECK (status IN ('applied', 'stamped', 'mark_ran')),
    applied_at timestamp with time zone NOT NULL DEFAULT now(),
    duration_ms bigint NOT NULL DEFAULT 0,
    steps_run integer NOT NULL DEFAULT 0,
    steps_skipped integer NOT NULL DEFAULT 0,
    deployment_id text NOT NULL,
    tool_version text NOT NULL,
    description text,
    tag text,
    PRIMARY KEY (id, author, filename)
);
DO $migrate_index$ BEGIN IF to_regclass('public.migrate_revisions_seq_idx') IS NULL AND pg_catalog.pg_has_role((SELECT relowner FROM pg_catalog.pg_class WHERE oid = to_regclass('public.migrate_revisions')), 'USAGE') THEN EXECUTE 'CREATE INDEX migrate_revisions_seq_idx ON public.migrate_revisions (seq)'; END IF; END $migrate_index$;
DO $migrate_do$
BEGIN
  PERFORM set_config('migrate.ahead', 'off', false);
  PERFORM set_config('migrate.past', 'off', false);
  PERFORM set_config('migrate.made', '|', false);
  PERFORM set_config('migrate.written', '|', false);
  PERFORM set_config('migrate.started', 'off', false);
  PERFORM set_config('migrate.stop', '', false);
END
$migrate_do$;

-- changeset dropProcedure.yaml::create-refresh::golden (dropProcedure.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-refresh' AND author = 'golden' AND filename = 'dropProcedure.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  EXECUTE 'CREATE PROCEDURE refresh_totals() LANGUAGE sql AS $$ SELECT 1 $$';
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'create-refresh', 'golden', 'dropProcedure.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:4c09b3be69e86df2b1f59f8373735196', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 1 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset dropProcedure.yaml::drop-refresh::golden (dropProcedure.yaml:10:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'drop-refresh' AND author = 'golden' AND filename = 'dropProcedure.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname = 'refresh_totals') THEN
  EXECUTE 'DROP PROCEDURE public.refresh_totals';
END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'drop-refresh', 'golden', 'dropProcedure.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:ecfd61bd33e5aa8839544b017ac6c26c', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 1 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
