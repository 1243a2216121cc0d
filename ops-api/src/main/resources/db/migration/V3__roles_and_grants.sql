-- Least privilege: one group role per job, created here if missing, granted exactly what the job needs.
-- Role names are Flyway placeholders (quarkus.flyway.placeholders.*); login roles for each service are members of
-- these groups (deploy/database/login-roles.sql). Migrations themselves run as the schema owner and nobody else.
-- No wildcard grants, no ALL PRIVILEGES.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${api_role}') THEN
        CREATE ROLE ${api_role} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${mirror_role}') THEN
        CREATE ROLE ${mirror_role} NOLOGIN;
    END IF;
    -- Only the roles named here may connect to this database at all.
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${api_role}, ${mirror_role}', current_database());
END
$$;

-- Nobody but the owner creates objects; PostgreSQL before 15 let every role create in public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA mirror FROM PUBLIC;

-- ops-api: read and write the two operational tables. No DELETE, TRUNCATE or DDL, no other schema.
GRANT USAGE ON SCHEMA public TO ${api_role};
GRANT SELECT, INSERT, UPDATE ON TABLE public.social_posts, public.qa_questions TO ${api_role};
GRANT USAGE ON SEQUENCE public.social_posts_id_seq, public.qa_questions_id_seq TO ${api_role};

-- mirror-service: only the public projections in schema mirror, never the base tables (the views read them with
-- their owner's rights, filtered to visible posts and published questions).
GRANT USAGE ON SCHEMA mirror TO ${mirror_role};
GRANT SELECT ON TABLE mirror.social_posts, mirror.qa_published TO ${mirror_role};
