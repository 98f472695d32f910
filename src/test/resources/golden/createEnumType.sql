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

-- changeset createEnumType.yaml::create-mood::golden (createEnumType.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-mood' AND author = 'golden' AND filename = 'createEnumType.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF position('|type:public.mood|' IN current_setting('migrate.made', true)) = 0 THEN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') THEN
    PERFORM set_config('migrate.ahead', 'on', false);
    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('migrate.ran', 'on', false);
      PERFORM set_config('migrate.past', 'on', false);
    END IF;
  ELSE
  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || 'type:public.mood|', false);
  END IF;
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') THEN
    EXECUTE 'CREATE TYPE public.mood AS ENUM (''happy'', ''sad'', ''it''''s complicated'')';
  ELSIF (SELECT t.typtype FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') <> 'e' THEN
    RAISE EXCEPTION '%', 'type public.mood exists but is not an ENUM type; the changelog wants ENUM (''happy'', ''sad'', ''it''''s complicated'')';
  ELSIF EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') AND e.enumlabel <> ALL (ARRAY['happy', 'sad', 'it''s complicated']::name[]))
      OR ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') AND e.enumlabel = ANY (ARRAY['happy', 'sad', 'it''s complicated']::name[]) ORDER BY e.enumsortorder)
         <> ARRAY(SELECT w FROM unnest(ARRAY['happy', 'sad', 'it''s complicated']::name[]) WITH ORDINALITY AS u(w, i) WHERE w IN (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood')) ORDER BY i) THEN
    RAISE EXCEPTION '%', 'type public.mood: the changelog wants ENUM (''happy'', ''sad'', ''it''''s complicated''), the database has ENUM ' || '(' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood')) || ')';
  ELSE
    IF NOT EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') AND e.enumlabel = 'happy') THEN
      EXECUTE 'ALTER TYPE public.mood ADD VALUE ''happy''' || COALESCE(' BEFORE ' || quote_literal((SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') AND e.enumlabel = ANY (ARRAY['happy', 'sad', 'it''s complicated']::name[]) ORDER BY e.enumsortorder LIMIT 1)), '');
    END IF;
    IF NOT EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') AND e.enumlabel = 'sad') THEN
      EXECUTE 'ALTER TYPE public.mood ADD VALUE ''sad'' AFTER ''happy''';
    END IF;
    IF NOT EXISTS (SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = (SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'mood') AND e.enumlabel = 'it''s complicated') THEN
      EXECUTE 'ALTER TYPE public.mood ADD VALUE ''it''''s complicated'' AFTER ''sad''';
    END IF;
  END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'create-mood', 'golden', 'createEnumType.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:a1bc9f87d63a1b478accef10837b7147', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 1 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
