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

-- changeset addDefaultValue.yaml::create-tickets::golden (addDefaultValue.yaml:3:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'create-tickets' AND author = 'golden' AND filename = 'addDefaultValue.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  IF position('|relation:public.seq_ticket|' IN current_setting('migrate.made', true)) = 0 THEN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'seq_ticket') THEN
    PERFORM set_config('migrate.ahead', 'on', false);
    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('migrate.ran', 'on', false);
      PERFORM set_config('migrate.past', 'on', false);
    END IF;
  ELSE
  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || 'relation:public.seq_ticket|', false);
  PERFORM set_config('migrate.written', current_setting('migrate.written', true) || 'public.seq_ticket|', false);
  END IF;
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'seq_ticket') THEN
  EXECUTE 'CREATE SEQUENCE public.seq_ticket';
ELSIF (SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass('public.seq_ticket')) NOT IN ('S') THEN
  RAISE EXCEPTION '%', 'public.seq_ticket exists but is not a sequence (relkind ' || (SELECT relkind::text FROM pg_catalog.pg_class WHERE oid = to_regclass('public.seq_ticket')) || ')';
END IF;
  IF position('|relation:public.tickets|' IN current_setting('migrate.made', true)) = 0 THEN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'tickets') THEN
    PERFORM set_config('migrate.ahead', 'on', false);
    IF current_setting('migrate.partial', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('migrate.ran', 'on', false);
      PERFORM set_config('migrate.past', 'on', false);
    END IF;
  ELSE
  PERFORM set_config('migrate.made', current_setting('migrate.made', true) || 'relation:public.tickets|', false);
  PERFORM set_config('migrate.written', current_setting('migrate.written', true) || 'public.tickets|', false);
  END IF;
END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'tickets') THEN
    EXECUTE 'CREATE TABLE public.tickets (number BIGINT, status CHARACTER VARYING(20))';
  ELSIF (SELECT c.relpersistence::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'tickets') = 'u' AND (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'tickets') IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'table public.tickets differs from the changelog: the changelog wants a logged table, the database has an UNLOGGED one';
  ELSIF (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'tickets') NOT IN ('r', 'p') THEN
    RAISE EXCEPTION '%', 'public.tickets exists but is not a table (relkind ' || (SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'tickets') || '); the changelog creates a table';
  ELSIF (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column number: the changelog wants bigint NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'number' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'number' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'bigint' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'bigint') OR (a.attnotnull <> false) OR false OR false))
UNION ALL SELECT 1 AS n, 'column status: the changelog wants character varying(20) NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'status' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'status' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'character varying(20)' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'character varying(20)') OR (a.attnotnull <> false) OR false OR false))
UNION ALL SELECT 2 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('number', 'status')) AS differences) IS NOT NULL THEN
    RAISE EXCEPTION '%', 'table public.tickets differs from the changelog:
    - ' || (SELECT string_agg(line, E'\n    - ' ORDER BY n) FROM (SELECT 0 AS n, 'column number: the changelog wants bigint NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'number' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'number' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'bigint' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'bigint') OR (a.attnotnull <> false) OR false OR false))
UNION ALL SELECT 1 AS n, 'column status: the changelog wants character varying(20) NULL, the database has ' || COALESCE((SELECT format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'status' AND a.attnum > 0 AND NOT a.attisdropped), 'no such column') AS line WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attname = 'status' AND a.attnum > 0 AND NOT a.attisdropped AND NOT (NOT (format_type(a.atttypid, a.atttypmod) = 'character varying(20)' OR regexp_replace(replace(format_type(a.atttypid, a.atttypmod), '"', ''), '^[^(]*\.', '') = 'character varying(20)') OR (a.attnotnull <> false) OR false OR false))
UNION ALL SELECT 2 + a.attnum AS n, 'column ' || a.attname || ': not in the changelog, the database has ' || (format_type(a.atttypid, a.atttypmod) || CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END) AS line FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = to_regclass('public.tickets') AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT IN ('number', 'status')) AS differences);
  END IF;
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'create-tickets', 'golden', 'addDefaultValue.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:a2cd7a8980fedb60776dec73a3bb787f', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 2 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;

-- changeset addDefaultValue.yaml::ticket-defaults::golden (addDefaultValue.yaml:18:7)
BEGIN;
DO $migrate_do$
BEGIN
  IF EXISTS (SELECT 1 FROM public.migrate_revisions WHERE id = 'ticket-defaults' AND author = 'golden' AND filename = 'addDefaultValue.yaml') THEN
    RETURN;
  END IF;
  PERFORM set_config('migrate.asked', 'off', false);
  PERFORM set_config('migrate.ran', 'off', false);
  PERFORM set_config('migrate.partial', CASE WHEN true OR current_setting('migrate.started', true) = 'on' THEN 'off' ELSE 'on' END, false);
  PERFORM set_config('migrate.started', 'on', false);
  PERFORM set_config('migrate.wrote', 'off', false);
  EXECUTE 'ALTER TABLE public.tickets ALTER COLUMN number SET DEFAULT nextval(''public.seq_ticket''::regclass)';
  EXECUTE 'ALTER SEQUENCE public.seq_ticket OWNED BY public.tickets.number';
  EXECUTE 'ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT ''open''';
  PERFORM set_config('migrate.found', CASE WHEN pg_catalog.pg_current_xact_id_if_assigned() IS NULL THEN 'on' ELSE 'off' END, true);
INSERT INTO public.migrate_revisions (id, author, filename, seq, checksum, status, deployment_id, tool_version, description, tag, steps_skipped) SELECT 'ticket-defaults', 'golden', 'addDefaultValue.yaml', COALESCE(MAX(seq), 0) + 1, 'm1:cbd6c2eaff74dc20b206e99fdb9f945c', 'applied', 'script-20261205172828', '0.1.0', NULL, NULL, CASE WHEN current_setting('migrate.found', true) = 'on' THEN 2 ELSE 0 END FROM public.migrate_revisions ON CONFLICT (id, author, filename) DO NOTHING;
END
$migrate_do$;
COMMIT;
