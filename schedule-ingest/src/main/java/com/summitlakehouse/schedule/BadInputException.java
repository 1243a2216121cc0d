package com.summitlakehouse.schedule;

import java.util.List;

/** The workbook or the command line is wrong in ways the person who made it can fix; exit code 2. */
public class BadInputException extends RuntimeException {

    private final List<String> problems;

    public BadInputException(String summary, List<String> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public BadInputException(String message) {
        this(message, List.of());
    }

    public List<String> problems() {
        return problems;
    }
}
