package com.summitlakehouse.mirror.support;

/**
 * The numbered posts a mirror suite starts from, written by one INSERT ... SELECT over generate_series. Post i is
 * {@code ('instagram', 'p' || i, '@a' || i, 'caption ' || i, ARRAY['trip'], like_count i, visible)}, posted at a
 * start time plus an interval of i; a suite changes only what its case is about (when posts fall, which are hidden,
 * a caption), so the seeding reads the same in every suite and each difference stands out.
 */
public final class SeededPosts {

    private final int first;
    private final int last;
    private String platform = "'instagram'";
    private String externalId = "'p' || i";
    private String author = "'@a' || i";
    private String caption = "'caption ' || i";
    private String hashtags = "ARRAY['trip']";
    private String likes = "i";
    private String visible = "true";
    private String start = "2026-07-01 00:30:00+00";
    private String interval = "hours => i";

    private SeededPosts(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** Posts i = first..last, both included. */
    public static SeededPosts numbered(int first, int last) {
        return new SeededPosts(first, last);
    }

    /** Post i is posted at {@code start + make_interval(<interval>)}, e.g. {@code "hours => 7 * i"}. */
    public SeededPosts postedFrom(String start, String interval) {
        this.start = start;
        this.interval = interval;
        return this;
    }

    /** A SQL condition on i; the other posts are stored hidden, e.g. {@code "i % 4 <> 0"}. */
    public SeededPosts visibleWhere(String condition) {
        this.visible = condition;
        return this;
    }

    /** SQL expressions of i for the text columns. */
    public SeededPosts named(String platform, String externalId, String author) {
        this.platform = platform;
        this.externalId = externalId;
        this.author = author;
        return this;
    }

    public SeededPosts caption(String expression) {
        this.caption = expression;
        return this;
    }

    public SeededPosts hashtags(String expression) {
        this.hashtags = expression;
        return this;
    }

    public SeededPosts likes(String expression) {
        this.likes = expression;
        return this;
    }

    public String sql() {
        return """
                INSERT INTO social_posts (platform, external_id, author_handle, caption, hashtags, posted_at,
                                          like_count, is_visible)
                SELECT %s, %s, %s, %s, %s, timestamptz '%s' + make_interval(%s), %s, %s
                  FROM generate_series(%d, %d) AS i;
                """.formatted(platform, externalId, author, caption, hashtags, start, interval, likes, visible,
                first, last);
    }

    /** Inserts the posts into the suite's database. */
    public void insert() {
        SourceDatabase.execute(sql());
    }

    /** Empties the tables the cases write to, then inserts the posts: a case starts from these posts alone. */
    public void replaceAll() {
        SourceDatabase.execute("TRUNCATE social_posts, qa_questions, qa_submission_keys;\n" + sql());
    }
}
