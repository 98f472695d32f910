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

-- changeset createIndex.yaml::create-import-rows::golden (createIndex.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-import-rows' AND author = 'golden' AND filename = 'createIndex.yaml') THEN
    RETURN;
  END IF;
  IF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'import_rows') IS NULL THEN
    EXECUTE 'CREATE TABLE public.import_rows (batch_id BIGINT, line_number INTEGER, email TEXT)';
  ELSIF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'import_rows') NOT IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'public.import_rows exists but is not a table (relkind ' || (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'import_rows') || '); the changelog creates a table';
  ELSIF (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column batch_id: the changelog wants bigint NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'batch_id' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'batch_id' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'bigint' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'bigint') OR (a.attnotnull <> false) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 1 AS n, 'column line_number: the changelog wants integer NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'line_number' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'line_number' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'integer' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'integer') OR (a.attnotnull <> false) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 2 AS n, 'column email: the changelog wants text NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'email' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'email' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'text' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'text') OR (a.attnotnull <> false) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 3 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('batch_id', 'line_number', 'email')) AS differences) IS NOT NULL THEN
    RAISE EXCEPTION '%', 'table public.import_rows differs from the changelog:
    - ' || (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column batch_id: the changelog wants bigint NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'batch_id' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'batch_id' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'bigint' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'bigint') OR (a.attnotnull <> false) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 1 AS n, 'column line_number: the changelog wants integer NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'line_number' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'line_number' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'integer' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'integer') OR (a.attnotnull <> false) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 2 AS n, 'column email: the changelog wants text NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'email' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attname = 'email' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'text' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'text') OR (a.attnotnull <> false) OR false OR d.adbin IS NOT NULL))
UNION ALL SELECT 3 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attidentity <> '' THEN ' GENERATED AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.import_rows') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('batch_id', 'line_number', 'email')) AS differences);
  END IF;
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'create-import-rows', 'golden', 'createIndex.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:b9dd21416712c4ea4b141209a57fbe18', 'applied', 'script-20261130041710', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset createIndex.yaml::index-import-rows::golden (createIndex.yaml:19:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'index-import-rows' AND author = 'golden' AND filename = 'createIndex.yaml') THEN
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'ix_import_rows_batch_line') THEN
  EXECUTE 'CREATE UNIQUE INDEX ix_import_rows_batch_line ON public.import_rows (batch_id, line_number DESC)';
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'ix_import_rows_email') THEN
  EXECUTE 'CREATE INDEX ix_import_rows_email ON public.import_rows (lower(email))';
END IF;
  INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag) SELECT 'index-import-rows', 'golden', 'createIndex.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:360402ede4186606a263b26bb67e4e4e', 'applied', 'script-20261130041710', '0.1.0', NULL, NULL FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
