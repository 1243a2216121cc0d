package com.summitlakehouse.ops.posts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerSecondBudgetTest {

    @Test
    void atMostTheBudgetInOneSecondThenAFreshOne() {
        AtomicLong millis = new AtomicLong(5_000);
        TopPostsCache.PerSecondBudget budget = new TopPostsCache.PerSecondBudget(3, millis::get);
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.tryTake(), "take " + i);
        }
        millis.addAndGet(999);
        assertFalse(budget.tryTake(), "spent within the second");
        millis.addAndGet(1);
        assertTrue(budget.tryTake(), "the next second has its own");
    }
}
