package com.summitlakehouse.delta;

import java.time.Instant;
import java.util.Optional;

/**
 * What one pass of vacuum and purge deleted: {@code vacuumed}, files no retained version needs; {@code purged},
 * files commits removed that had to go within the purge delay; {@code nextPurgeDue}, when files removed by a commit
 * still too recent fall due (empty: nothing is waiting).
 */
public record Sweep(int vacuumed, int purged, Optional<Instant> nextPurgeDue) {

    static final Sweep NOTHING = new Sweep(0, 0, Optional.empty());

    /** A pass that deleted nothing and left nothing waiting. */
    public static Sweep none() {
        return NOTHING;
    }
}
