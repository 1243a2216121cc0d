'use strict';
// ops-api's public routes as a typical Fastify + node-postgres app would serve them, the peer bench/ops-api.sh
// measures ops-api against: the same SQL on the same database, one process, no cache, no submission limit, no
// idempotency keys. The connection comes from the standard PG* variables (PGHOST, PGDATABASE, PGSSLMODE...).
const fastify = require('fastify')();
const pg = require('pg');

// Ids as numbers, and timestamps as ops-api writes them (RFC 3339 in UTC, to the microsecond): the session runs in
// UTC, so PostgreSQL's text ends in "+00".
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (text) => `${text.slice(0, 10)}T${text.slice(11, -3)}Z`);

// The size and idle timeout of ops-api's pool (quarkus.datasource.reactive.max-size, idle-timeout).
const pool = new pg.Pool({
    max: Number(process.env.PEER_POOL_MAX || 5),
    idleTimeoutMillis: 5 * 60 * 1000,
    options: '-c TimeZone=UTC',
});

const POST_COLUMNS = 'id, platform, external_id, author_handle, caption, permalink, media_url, hashtags, posted_at, '
    + 'like_count, comment_count, share_count';

// A first page is the keyset page after a position past every row, as ops-api asks it; limit + 1 rows tell whether
// there is a next page.
const FEED = {
    name: 'feed',
    text: `SELECT ${POST_COLUMNS} FROM social_posts WHERE is_visible AND (posted_at, id) < ($1, $2)
           ORDER BY posted_at DESC, id DESC LIMIT $3`,
};
const TOP = {
    name: 'top',
    text: `SELECT ${POST_COLUMNS} FROM social_posts
            WHERE is_visible
              AND posted_at > $1::timestamptz - make_interval(days => $2) AND posted_at <= $1::timestamptz
            ORDER BY like_count + comment_count + share_count DESC, posted_at DESC, id DESC LIMIT $3`,
};
const PUBLISHED = {
    name: 'published',
    text: `SELECT id, asker_name, question_text, answer_text, answered_at, published_at FROM qa_questions
            WHERE status = 'published' AND (published_at, id) < ($1, $2)
            ORDER BY published_at DESC, id DESC LIMIT $3`,
};
const SUBMIT = {
    name: 'submit',
    text: 'INSERT INTO qa_questions (question_text, asker_name) VALUES ($1, $2) RETURNING id, status',
};
const START = ['9999-12-31T00:00:00Z', '9223372036854775807'];

function badRequest(message) {
    const error = new Error(message);
    error.statusCode = 400;
    return error;
}

function intParam(query, name, fallback, min, max) {
    const raw = query[name];
    if (raw === undefined || raw === '') {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw badRequest(`${name} must be an integer in ${min}..${max}`);
    }
    return value;
}

// ops-api's cursor: base64url of "<microseconds since the epoch>:<id>".
function cursor(at, id) {
    const dot = at.indexOf('.');
    const fraction = dot < 0 ? '' : at.slice(dot + 1, -1);
    const micros = BigInt(Date.parse(`${at.slice(0, 19)}Z`)) * 1000n + BigInt(fraction.padEnd(6, '0'));
    return Buffer.from(`${micros}:${id}`).toString('base64url');
}

async function page(statement, limit, at) {
    const { rows } = await pool.query({ ...statement, values: [...START, limit + 1] });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit ? cursor(last[at], last.id) : null };
}

fastify.get('/api/v1/posts', async (request) => {
    const { items, next } = await page(FEED, intParam(request.query, 'limit', 50, 1, 100), 'posted_at');
    return { items: items.map(({ id, ...post }) => post), next };
});

fastify.get('/api/v1/posts/top', async (request) => {
    const days = intParam(request.query, 'days', 7, 1, 365);
    const limit = intParam(request.query, 'limit', 10, 1, 100);
    const { rows } = await pool.query({ ...TOP, values: [new Date().toISOString(), days, limit] });
    return { items: rows.map(({ id, ...post }) => post) };
});

fastify.get('/api/v1/questions', async (request) =>
    page(PUBLISHED, intParam(request.query, 'limit', 50, 1, 100), 'published_at'));

// The checks ops-api makes on a submission: texts are trimmed, the question is required.
function text(body, name, required, max) {
    const value = body[name];
    if (value === undefined || value === null) {
        if (required) {
            throw badRequest(`${name} is required`);
        }
        return null;
    }
    if (typeof value !== 'string') {
        throw badRequest(`${name} must be a string`);
    }
    const trimmed = value.trim();
    if (trimmed === '') {
        if (required) {
            throw badRequest(`${name} must not be blank`);
        }
        return null;
    }
    if (trimmed.length > max) {
        throw badRequest(`${name} must be at most ${max} characters`);
    }
    return trimmed;
}

fastify.post('/api/v1/questions', async (request, reply) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw badRequest('the body must be a JSON object');
    }
    const values = [text(body, 'question_text', true, 1000), text(body, 'asker_name', false, 80)];
    const { rows } = await pool.query({ ...SUBMIT, values });
    reply.code(201);
    return rows[0];
});

fastify.listen({ host: '127.0.0.1', port: Number(process.env.PORT || 18090) }).catch((error) => {
    console.error(error);
    process.exit(1);
});
