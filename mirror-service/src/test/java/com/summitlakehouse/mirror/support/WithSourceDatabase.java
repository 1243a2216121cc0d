package com.summitlakehouse.mirror.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link SourceDatabase} for every test of the module: one database per suite run. */
@QuarkusTestResource(SourceDatabase.class)
public final class WithSourceDatabase {
    private WithSourceDatabase() {
    }
}
