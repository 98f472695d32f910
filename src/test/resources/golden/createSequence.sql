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

-- changeset createSequence.yaml::create-sequences::golden (createSequence.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-sequences' AND author = 'golden' AND filename = 'createSequence.yaml') THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'seq_ticket') THEN
  EXECUTE 'CREATE SEQUENCE public.seq_ticket AS BIGINT START WITH 100 INCREMENT BY 10 MINVALUE 100 MAXVALUE 100000 CACHE 5 CYCLE';
ELSIF (SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass('public.seq_ticket')) NOT IN ('S') THEN
  RAISE EXCEPTION '%', 'public.seq_ticket exists but is not a sequence (relkind ' || (SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass('public.seq_ticket')) || ')';
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'seq_plain') THEN
  EXECUTE 'CREATE SEQUENCE public.seq_plain';
ELSIF (SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass('public.seq_plain')) NOT IN ('S') THEN
  RAISE EXCEPTION '%', 'public.seq_plain exists but is not a sequence (relkind ' || (SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass('public.seq_plain')) || ')';
END IF;
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'create-sequences', 'golden', 'createSequence.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:6dd5e8475f068d571e896f68eae7767d', 'applied', 'script-20261201073211', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
