package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void findsTheMetricsNotTheFunctionsLabelsOrKeywords() {
        assertEquals(Set.of("http_server_requests_seconds_count", "ops_api:public_read_errors:ratio_rate1h"),
                PromQlNames.of("sum by (uri, status) (rate(http_server_requests_seconds_count{uri=~\"/api/v1/posts|x\","
                        + "status=~\"5..\"}[$__rate_interval])) / ignoring(status) group_left "
                        + "ops_api:public_read_errors:ratio_rate1h > (14.4 * 0.001) and on() vector(1)"));
        assertEquals(Set.of("mirror_last_success_seconds", "push_time_seconds"),
                PromQlNames.of("time() - max(mirror_last_success_seconds) > 3900 or absent(push_time_seconds"
                        + "{job=\"mirror-service\"}) unless histogram_quantile(0.99, 1e3)"));
    }
}
