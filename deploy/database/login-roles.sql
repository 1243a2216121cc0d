-- Login roles for each service, as members of the group roles that migration V3 creates and grants to.
-- Run once per environment by a database administrator, after the migrations:
--   psql "host=... dbname=summit user=<admin>" -v api_password="$API_PW" -v mirror_password="$MIRROR_PW" \
--        -f deploy/database/login-roles.sql
-- Managed services that hand out short-lived tokens create their identities themselves: grant those the group
-- roles instead (GRANT summit_api TO "<identity>").
\set ON_ERROR_STOP on
CREATE ROLE ops_api_login LOGIN PASSWORD :'api_password' IN ROLE summit_api;
CREATE ROLE mirror_login LOGIN PASSWORD :'mirror_password' IN ROLE summit_mirror;
-- A runaway statement of either service cannot hold the database.
ALTER ROLE ops_api_login SET statement_timeout = '5s';
ALTER ROLE mirror_login SET statement_timeout = '30min';
