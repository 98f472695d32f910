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

-- changeset addEnumValue.yaml::create-status::golden (addEnumValue.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-status' AND author = 'golden' AND filename = 'addEnumValue.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF position('|type:public.importstatus|' IN current_setting('migrate.made', true)) = 0 THEN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') THEN
    PERFORM set_config('migrate.ahead', 'on', false);
    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('migrate.ran', 'on', false);
      PERFORM set_config('migrate.past', 'on', false);
    END IF;
  ELSE
  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || 'type:public.importstatus|', false);
  END IF;
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') THEN
    EXECUTE 'CREATE TYPE public.importstatus AS ENUM (''PENDING'', ''DONE'')';
  ELSIF (SELECT t.typtype FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') <> 'e' THEN
    RAISE EXCEPTION '%', 'type public.importstatus exists but is not an ENUM type; the changelog wants ENUM (''PENDING'', ''DONE'')';
  ELSIF EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND e.enumlabel <> ALL (ARRAY['PENDING', 'DONE', 'RUNNING', 'FAILED']::name[]))
      OR ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND e.enumlabel = ANY (ARRAY['PENDING', 'DONE']::name[]) ORDER BY e.enumsortorder)
         <> ARRAY(SELECT w FROM unnest(ARRAY['PENDING', 'DONE']::name[]) WITH ORDINALITY AS u(w, i) WHERE w IN (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus')) ORDER BY i) THEN
    RAISE EXCEPTION '%', 'type public.importstatus: the changelog wants ENUM (''PENDING'', ''DONE''), the database has ENUM ' || '(' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus')) || ')';
  ELSE
    IF NOT EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND e.enumlabel = 'PENDING') THEN
      EXECUTE 'ALTER TYPE public.importstatus ADD VALUE ''PENDING''' || COALESCE(' BEFORE ' || quote_literal((SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND e.enumlabel = ANY (ARRAY['PENDING', 'DONE']::name[]) ORDER BY e.enumsortorder LIMIT 1)), '');
    END IF;
    IF NOT EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND e.enumlabel = 'DONE') THEN
      EXECUTE 'ALTER TYPE public.importstatus ADD VALUE ''DONE'' AFTER ''PENDING''';
    END IF;
  END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'create-status', 'golden', 'addEnumValue.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:4a052c94e4fbcd258614fd983a15464a', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 1 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset addEnumValue.yaml::add-status-values::golden (addEnumValue.yaml:10:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'add-status-values' AND author = 'golden' AND filename = 'addEnumValue.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum e WHERE e.enumtypid = 'public.importstatus'::regtype AND e.enumlabel = 'RUNNING') THEN
  EXECUTE 'ALTER TYPE public.importstatus ADD VALUE ''RUNNING'' BEFORE ''DONE''';
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum e WHERE e.enumtypid = 'public.importstatus'::regtype AND e.enumlabel = 'FAILED') THEN
  EXECUTE 'ALTER TYPE public.importstatus ADD VALUE ''FAILED'' AFTER ''DONE''';
END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'add-status-values', 'golden', 'addEnumValue.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:e790d372d2c8e24c08d91e35dbfa39fb', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 2 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
