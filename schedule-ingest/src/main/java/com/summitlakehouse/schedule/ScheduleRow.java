package com.summitlakehouse.schedule;

import java.time.LocalDate;

/** One stop of the journey, clean: the shape of a journey_schedule row. */
record ScheduleRow(int week, Integer day, LocalDate stopDate, String city, String state, String venue,
        boolean isOvernight, Integer miles, String notes, int sourceRow) {

    String eventType() {
        return isOvernight ? "overnight" : "pit_stop";
    }

    Object[] values() {
        return new Object[] {week, day, stopDate, city, state, venue, isOvernight, eventType(), miles, notes,
            sourceRow};
    }
}
