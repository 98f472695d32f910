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

-- changeset preconditions.yaml::create-flags::golden (preconditions.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-flags' AND author = 'golden' AND filename = 'preconditions.yaml') THEN
    RETURN;
  END IF;
  IF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'flags') IS NULL THEN
    EXECUTE 'CREATE TABLE public.flags (name TEXT NOT NULL, PRIMARY KEY (name))';
  ELSIF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'flags') NOT IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'public.flags exists but is not a table (relkind ' || (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'flags') || '); the changelog creates a table';
  ELSIF (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column name: the changelog wants text NOT NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.flags') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.flags') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'text' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'text') OR (a.attnotnull <> true) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 1 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.flags') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('name')) AS differences) IS NOT NULL THEN
    RAISE EXCEPTION '%', 'table public.flags differs from the changelog:
    - ' || (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column name: the changelog wants text NOT NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.flags') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.flags') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'text' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'text') OR (a.attnotnull <> true) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 1 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.flags') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('name')) AS differences);
  END IF;
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'create-flags', 'golden', 'preconditions.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:5fe96e9811365f98eaaeccfba85e20ce', 'applied', 'script-20261130041712', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset preconditions.yaml::seed-flags::golden (preconditions.yaml:15:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'seed-flags' AND author = 'golden' AND filename = 'preconditions.yaml') THEN
    RETURN;
  END IF;
  IF NOT ((EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'flags' AND c.relkind IN ('r', 'p')) AND coalesce(btrim((SELECT count(*) FROM flags)::text, E' \t\r\n'), '') = '0')) THEN
    RAISE EXCEPTION 'precondition failed for preconditions.yaml::seed-flags::golden';
  END IF;
  EXECUTE 'INSERT INTO public.flags (name) VALUES (''a'')';
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'seed-flags', 'golden', 'preconditions.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:5a5e3ed7892ab8a183cbab526ff0cfab', 'applied', 'script-20261130041712', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset preconditions.yaml::create-flags-again::golden (preconditions.yaml:30:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-flags-again' AND author = 'golden' AND filename = 'preconditions.yaml') THEN
    RETURN;
  END IF;
  IF NOT ((NOT (EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'flags' AND c.relkind IN ('r', 'p'))))) THEN
    INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'create-flags-again', 'golden', 'preconditions.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:b2e8b876afcda25f3d22d56e73c2f5cf', 'mark_ran', 'script-20261130041712', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
    RETURN;
  END IF;
  EXECUTE 'CREATE TABLE flags (name text PRIMARY KEY)';
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'create-flags-again', 'golden', 'preconditions.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:b2e8b876afcda25f3d22d56e73c2f5cf', 'applied', 'script-20261130041712', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset preconditions.yaml::only-with-b::golden (preconditions.yaml:40:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'only-with-b' AND author = 'golden' AND filename = 'preconditions.yaml') THEN
    RETURN;
  END IF;
  IF NOT (((EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class t ON t.oid = a.attrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace WHERE tn.nspname = 'public' AND t.relname = 'flags' AND a.attname = 'b' AND a.attnum > 0 AND NOT a.attisdropped) OR EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'no-such-changeset' AND author = 'golden' AND filename = 'preconditions.yaml')))) THEN
    RETURN;
  END IF;
  EXECUTE 'UPDATE flags SET b = 1';
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'only-with-b', 'golden', 'preconditions.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:be45979797fe25077bb70ac537214292', 'applied', 'script-20261130041712', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset preconditions.yaml::warn-only::golden (preconditions.yaml:55:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'warn-only' AND author = 'golden' AND filename = 'preconditions.yaml') THEN
    RETURN;
  END IF;
  IF NOT ((EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'no_such_view' AND c.relkind IN ('v', 'm')))) THEN
    RAISE NOTICE 'precondition failed for preconditions.yaml::warn-only::golden; running it anyway';
  END IF;
  EXECUTE 'SELECT 1';
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'warn-only', 'golden', 'preconditions.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:ec2a9934405cc4248ea2cb0047d46552', 'applied', 'script-20261130041712', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
