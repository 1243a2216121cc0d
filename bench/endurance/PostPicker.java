package bench.endurance;

import java.util.Random;

/** Which seeded post a change touches: one seeded sequence, so that every drive changes the same posts. */
final class PostPicker {
    private final int posts;
    private final Random random = new Random(20260701);

    PostPicker(int posts) {
        this.posts = posts;
    }

    /** A post older than a week: its day is rewritten only by moderation. */
    long oldPost() {
        return posts / 5 + 1 + random.nextInt(posts - posts / 5);
    }

    /** A post of the newest day, where engagement and edits land. */
    long recentPost() {
        return 1 + random.nextInt(Math.max(1, posts / 35));
    }
}
