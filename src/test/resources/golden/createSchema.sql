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

-- changeset createSchema.yaml::create-app-schema::golden (createSchema.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-app-schema' AND author = 'golden' AND filename = 'createSchema.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF position('|schema:app|' IN current_setting('migrate.made', true)) = 0 THEN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'app') THEN
    PERFORM set_config('migrate.ahead', 'on', false);
    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('migrate.ran', 'on', false);
      PERFORM set_config('migrate.past', 'on', false);
    END IF;
  ELSE
  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || 'schema:app|', false);
  END IF;
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'app') THEN
  EXECUTE 'CREATE SCHEMA app';
END IF;
  IF position('|relation:app.settings|' IN current_setting('migrate.made', true)) = 0 THEN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname = 'settings') THEN
    PERFORM set_config('migrate.ahead', 'on', false);
    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('migrate.ran', 'on', false);
      PERFORM set_config('migrate.past', 'on', false);
    END IF;
  ELSE
  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || 'relation:app.settings|', false);
  PERFORM set_config('migrate.written', current_setting('migrate.written', true) || 'app.settings|', false);
  END IF;
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname = 'settings') THEN
    EXECUTE 'CREATE TABLE app.settings (name CHARACTER VARYING(64) NOT NULL, PRIMARY KEY (name))';
  ELSIF (SELECT c.relpersistence::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname = 'settings') = 'u' AND (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname = 'settings') IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'table app.settings differs from the changelog: the changelog wants a logged table, the database has an UNLOGGED one';
  ELSIF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname = 'settings') NOT IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'app.settings exists but is not a table (relkind ' || (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relname = 'settings') || '); the changelog creates a table';
  ELSIF (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column name: the changelog wants character varying(64) NOT NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('app.settings') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('app.settings') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'character varying(64)' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'character varying(64)') OR (a.attnotnull <> true) OR false OR (d.adbin IS NOT NULL AND replace(lower(regexp_replace(replace(replace(replace(regexp_replace(regexp_replace(pg_get_expr(d.adbin, d.adrelid), '\m(?:interval|date|time|timestamp|timestamptz)\s+''', '''', 'gi'), '::(?:"[^"]*"|[a-z_][a-z0-9_]*)(?:[ .](?:"[^"]*"|[a-z_][a-z0-9_]*))*(\(\d+(,\d+)?\))?(\[\])?', '', 'g'), 'public.', ''), '''', ''), '"', ''), '[\s()]', '', 'g')), 'current_timestamp', 'now') <> 'null')))
UNION ALL SELECT 1 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('app.settings') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('name')) AS differences) IS NOT NULL THEN
    RAISE EXCEPTION '%', 'table app.settings differs from the changelog:
    - ' || (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column name: the changelog wants character varying(64) NOT NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('app.settings') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('app.settings') AND a.attname = 'name' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'character varying(64)' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'character varying(64)') OR (a.attnotnull <> true) OR false OR (d.adbin IS NOT NULL AND replace(lower(regexp_replace(replace(replace(replace(regexp_replace(regexp_replace(pg_get_expr(d.adbin, d.adrelid), '\m(?:interval|date|time|timestamp|timestamptz)\s+''', '''', 'gi'), '::(?:"[^"]*"|[a-z_][a-z0-9_]*)(?:[ .](?:"[^"]*"|[a-z_][a-z0-9_]*))*(\(\d+(,\d+)?\))?(\[\])?', '', 'g'), 'public.', ''), '''', ''), '"', ''), '[\s()]', '', 'g')), 'current_timestamp', 'now') <> 'null')))
UNION ALL SELECT 1 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('app.settings') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('name')) AS differences);
  ELSIF (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'primary key: the changelog wants PRIMARY KEY (name), the database has ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line FROM pg_catalog.pg_constraint k WHERE k.conrelid = to_regclass('app.settings') AND k.contype = 'p' AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('app.settings') AND attname = 'name' AND attnum > 0 AND NOT attisdropped) AND NOT (ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord) = ARRAY['name']::text[])) AS differences) IS NOT NULL THEN
    RAISE EXCEPTION '%', 'table app.settings differs from the changelog:
    - ' || (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'primary key: the changelog wants PRIMARY KEY (name), the database has ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line FROM pg_catalog.pg_constraint k WHERE k.conrelid = to_regclass('app.settings') AND k.contype = 'p' AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('app.settings') AND attname = 'name' AND attnum > 0 AND NOT attisdropped) AND NOT (ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord) = ARRAY['name']::text[])) AS differences);
  ELSE
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass('app.settings') AND attname = 'name' AND attnum > 0 AND NOT attisdropped) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conrelid = to_regclass('app.settings') AND k.contype = 'p') THEN
      EXECUTE 'ALTER TABLE app.settings ADD PRIMARY KEY (name)';
    END IF;
  END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'create-app-schema', 'golden', 'createSchema.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:9a8361888215b840c028a4b68fdb6061', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 2 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
