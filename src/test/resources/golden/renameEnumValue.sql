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

-- changeset renameEnumValue.yaml::create-status::golden (renameEnumValue.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-status' AND author = 'golden' AND filename = 'renameEnumValue.yaml') THEN
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
    EXECUTE 'CREATE TYPE public.importstatus AS ENUM (''PENDING'', ''CANCELLED'')';
  ELSIF (SELECT t.typtype FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') <> 'e' THEN
    RAISE EXCEPTION '%', 'type public.importstatus exists but is not an ENUM type; the changelog wants ENUM (''PENDING'', ''CANCELLED'')';
  ELSIF EXISTS (SELECT CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END <> ALL (ARRAY['PENDING', 'CANCELLED']::name[]))
      OR ARRAY(SELECT CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END = ANY (ARRAY['PENDING', 'CANCELLED']::name[]) ORDER BY e.enumsortorder)
         <> ARRAY(SELECT w FROM unnest(ARRAY['PENDING', 'CANCELLED']::name[]) WITH ORDINALITY AS u(w, i) WHERE w IN (SELECT CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus')) ORDER BY i) THEN
    RAISE EXCEPTION '%', 'type public.importstatus: the changelog wants ENUM (''PENDING'', ''CANCELLED''), the database has ENUM ' || '(' || (SELECT string_agg(quote_literal(CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END), ', ' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus')) || ')';
  ELSE
    IF NOT EXISTS (SELECT CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END = 'PENDING') THEN
      EXECUTE 'ALTER TYPE public.importstatus ADD VALUE ''PENDING''' || COALESCE(' BEFORE ' || quote_literal((SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END = ANY (ARRAY['PENDING', 'CANCELLED']::name[]) ORDER BY e.enumsortorder LIMIT 1)), '');
    END IF;
    IF NOT EXISTS (SELECT CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END = 'CANCELLED') THEN
      EXECUTE 'ALTER TYPE public.importstatus ADD VALUE ''CANCELLED'' AFTER ' || quote_literal((SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND CASE WHEN e.enumlabel = 'ABORTED' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum x WHERE x.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'importstatus') AND x.enumlabel = 'CANCELLED') THEN 'CANCELLED' ELSE e.enumlabel END = 'PENDING'));
    END IF;
  END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'create-status', 'golden', 'renameEnumValue.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:ed60c2a8a7dcce7680ea3ba02e7a1a58', 'applied', 'script-20261205172829', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 1 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset renameEnumValue.yaml::rename-cancelled::golden (renameEnumValue.yaml:10:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'rename-cancelled' AND author = 'golden' AND filename = 'renameEnumValue.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('public.importstatus') AND enumlabel = 'CANCELLED') AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('public.importstatus') AND enumlabel = 'ABORTED') THEN
  EXECUTE 'ALTER TYPE public.importstatus RENAME VALUE ''CANCELLED'' TO ''ABORTED''';
ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type WHERE oid = to_regtype('public.importstatus') AND typtype = 'e') THEN
  RAISE EXCEPTION '%', 'type public.importstatus is not an ENUM type in the database, so ''CANCELLED'' cannot be renamed';
ELSIF EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('public.importstatus') AND enumlabel = 'CANCELLED') THEN
  RAISE EXCEPTION '%', 'type public.importstatus has both labels ''CANCELLED'' and ''ABORTED''';
ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = to_regtype('public.importstatus') AND enumlabel = 'ABORTED') THEN
  RAISE EXCEPTION '%', 'type public.importstatus has neither label ''CANCELLED'' and ''ABORTED''';
END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'rename-cancelled', 'golden', 'renameEnumValue.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:e496d0d96269ca7df90c0b0cf3bbaace', 'applied', 'script-20261205172829', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 1 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
