package com.summitlakehouse.mirror.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Payloads of V13 (hours and days) and of V12 (days only), and what no trigger sends. */
class ChangeNoticeTest {

    @Test
    void hoursAreTakenWhenThePayloadNamesThem() {
        ChangeNotice notice = ChangeNotice.parse("{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", "
                + "\"days\": [\"2026-05-04\"], \"hours\": [\"2026-05-04T13\", \"2026-05-04T09\"], "
                + "\"withdrawn\": true}");
        assertEquals(new ChangeNotice("mirror.social_posts", "posted_at",
                Optional.of(Set.of("2026-05-04T09", "2026-05-04T13")), true), notice);
    }

    @Test
    void aPayloadOfThePreviousTriggerNamesEachDaysTwentyFourHours() {
        ChangeNotice notice = ChangeNotice.parse("{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", "
                + "\"days\": [\"2026-05-04\", \"2026-05-05\"], \"withdrawn\": false}");
        Set<String> hours = IntStream.range(0, 48).mapToObj(h -> String.format("2026-05-0%dT%02d", 4 + h / 24, h % 24))
                .collect(Collectors.toSet());
        assertEquals(Optional.of(hours), notice.hours());
    }

    @Test
    void hoursOverTheCapFallBackToTheDaysAndNeitherMeansAnyHour() {
        ChangeNotice days = ChangeNotice.parse("{\"view\": \"v\", \"column\": \"c\", \"days\": [\"2026-05-04\"], "
                + "\"hours\": null, \"withdrawn\": false}");
        assertEquals(24, days.hours().orElseThrow().size());
        ChangeNotice any = ChangeNotice.parse("{\"view\": \"v\", \"column\": \"c\", \"days\": null, \"hours\": null, "
                + "\"withdrawn\": true}");
        assertEquals(Optional.empty(), any.hours());
    }

    @Test
    void aGarbledHourOrDayIsRejectedNamingTheFieldAndIndex() {
        assertEquals("hours[1] is not a UTC hour (2026-05-04T13)", rejected("\"hours\": [\"2026-05-04T13\", "
                + "\"2026-05-04T24\"], \"days\": [\"2026-05-04\"]"));
        assertEquals("hours[0] is not a UTC hour (2026-05-04T13)", rejected("\"hours\": [\"2026-05-04T13:30\"]"));
        assertEquals("hours[0] is not a UTC hour (2026-05-04T13)", rejected("\"hours\": [13]"));
        assertEquals("hours is neither an array nor null", rejected("\"hours\": \"2026-05-04T13\""));
        assertEquals("days[0] is not an ISO date", rejected("\"days\": [\"2026-13-45\"]"));
        assertEquals("days[0] is not an ISO date",
                rejected("\"hours\": [\"2026-05-04T13\"], \"days\": [\"2026-13-45\"]"));
    }

    private static String rejected(String fields) {
        return assertThrows(IllegalArgumentException.class, () -> ChangeNotice.parse(
                "{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", " + fields + "}")).getMessage();
    }
}
