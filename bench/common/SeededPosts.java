package bench.common;

/**
 * The posts the scripts' SQL seeds: post i is {@code bench-i} on platform i % 6 of these, the posts spread evenly
 * over the 35 days before the seeding, post 1 the newest.
 */
public final class SeededPosts {

    private static final String[] PLATFORMS = {"instagram", "tiktok", "x", "facebook", "youtube", "threads"};

    private SeededPosts() {
    }

    public static String platform(long i) {
        return PLATFORMS[(int) (i % 6)];
    }

    public static String externalId(long i) {
        return "bench-" + i;
    }
}
