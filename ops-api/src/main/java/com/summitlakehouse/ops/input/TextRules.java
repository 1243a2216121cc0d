package com.summitlakehouse.ops.input;

import com.summitlakehouse.ops.problems.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The checks every text field shares. PostgreSQL text cannot hold NUL, and no field of ours has a use for other
 * control characters or unpaired surrogates (which cannot be encoded as UTF-8); multi-line fields keep tab and newline.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Trims and checks a text; adds an error and answers null when it breaks a rule. */
    public static String text(List<FieldError> errors, String field, String value, boolean required, int maxLength,
            boolean multiline) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "must not be blank"));
            }
            return null;
        }
        if (trimmed.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        String bad = forbiddenCharacter(trimmed, multiline);
        if (bad != null) {
            errors.add(new FieldError(field, "contains " + bad));
            return null;
        }
        return trimmed;
    }

    /** An absolute http(s) URL, or null when absent. */
    public static String url(List<FieldError> errors, String field, String value) {
        String text = text(errors, field, value, false, 2048, false);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                errors.add(new FieldError(field, "must be an absolute http or https URL"));
                return null;
            }
            return text;
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "is not a valid URL"));
            return null;
        }
    }

    private static String forbiddenCharacter(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "a NUL character at position " + i;
            }
            boolean allowedWhitespace = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedWhitespace) {
                return String.format("a control character (U+%04X) at position %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an unpaired UTF-16 surrogate at position " + i;
            }
        }
        return null;
    }
}
