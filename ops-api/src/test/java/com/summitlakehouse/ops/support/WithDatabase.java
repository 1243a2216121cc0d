package com.summitlakehouse.ops.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestDatabase} for every test of the module: one database per suite run. */
@QuarkusTestResource(TestDatabase.class)
public final class WithDatabase {
    private WithDatabase() {
    }
}
