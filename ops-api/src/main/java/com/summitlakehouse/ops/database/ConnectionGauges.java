package com.summitlakehouse.ops.database;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Vert.x opens client metrics per database connection, and each asks for gauges (pending queue, requests in
 * flight) under one shared name and tags: only the first connection's could ever be registered (every later one
 * was refused with a warning at start-up), so they showed one connection out of five. The pool's own metrics
 * ({@code sql_pool_*}) say what they meant to; these gauges are not registered at all. The per-client timers and
 * counters add up across connections and stay.
 */
@Singleton
class ConnectionGauges {

    @Produces
    @Singleton
    MeterFilter withoutPerConnectionGauges() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && "sql".equals(id.getTag("clientType")));
    }
}
