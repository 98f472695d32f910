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

-- changeset addNotNullConstraint.yaml::create-categories::golden (addNotNullConstraint.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-categories' AND author = 'golden' AND filename = 'addNotNullConstraint.yaml') THEN
    RETURN;
  END IF;
  IF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'categories') IS NULL THEN
    EXECUTE 'CREATE TABLE public.categories (code CHARACTER VARYING(40), rank INTEGER)';
  ELSIF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'categories') NOT IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'public.categories exists but is not a table (relkind ' || (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'categories') || '); the changelog creates a table';
  ELSIF (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column code: the changelog wants character varying(40) NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'code' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'code' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'character varying(40)' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'character varying(40)') OR false OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 1 AS n, 'column rank: the changelog wants integer NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'rank' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'rank' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'integer' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'integer') OR false OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 2 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('code', 'rank')) AS differences) IS NOT NULL THEN
    RAISE EXCEPTION '%', 'table public.categories differs from the changelog:
    - ' || (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column code: the changelog wants character varying(40) NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'code' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'code' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'character varying(40)' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'character varying(40)') OR false OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 1 AS n, 'column rank: the changelog wants integer NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'rank' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attname = 'rank' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'integer' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'integer') OR false OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 2 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.categories') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('code', 'rank')) AS differences);
  END IF;
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'create-categories', 'golden', 'addNotNullConstraint.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:353d0419310a7df9a7bf02bbb49afc08', 'applied', 'script-20261130045050', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset addNotNullConstraint.yaml::codes-required::golden (addNotNullConstraint.yaml:16:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'codes-required' AND author = 'golden' AND filename = 'addNotNullConstraint.yaml') THEN
    RETURN;
  END IF;
  EXECUTE 'UPDATE public.categories SET code = ''none'' WHERE code IS NULL';
  EXECUTE 'ALTER TABLE public.categories ALTER COLUMN code SET NOT NULL';
  EXECUTE 'ALTER TABLE public.categories ALTER COLUMN rank SET NOT NULL';
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'codes-required', 'golden', 'addNotNullConstraint.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:2d72e2a1c33fba4136e87f6ae5fe28ea', 'applied', 'script-20261130045050', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
