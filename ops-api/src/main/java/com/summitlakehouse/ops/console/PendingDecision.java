package com.summitlakehouse.ops.console;

import io.quarkus.qute.TemplateData;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A console form that arrived after the sign-in session had expired: where it posts and its fields (never its CSRF
 * token). It waits in a signed, compressed cookie, on no server, so that any replica can offer it again after the
 * moderator has signed in again; it is carried out only when they confirm it with a token of the new session.
 */
@TemplateData
public record PendingDecision(String action, List<Field> fields) {

    /** The console's actions a pending form may name: nothing else is ever kept or offered. */
    static final Pattern ACTIONS = Pattern.compile(
            "/console/posts/(decide|visibility|undo)"
            + "|/console/questions/(undo|([1-9][0-9]{0,17})/(answer|publish|unpublish|reject))");
    /** A cookie must stay under the browsers' 4 KB; a form larger than this is not kept. */
    static final int MAX_COOKIE = 3800;

    @TemplateData
    public record Field(String name, String value) {
    }

    public PendingDecision {
        if (!ACTIONS.matcher(action).matches()) {
            throw new IllegalArgumentException("not a console action: " + action);
        }
        fields = List.copyOf(fields);
    }

    /** The fields of an url-encoded form body; broken percent-encoding throws IllegalArgumentException. */
    static List<Field> parse(String body) {
        List<Field> fields = new ArrayList<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                fields.add(new Field(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            }
        }
        return fields;
    }

    public String value(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst().orElse(null);
    }

    public List<String> values(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).toList();
    }

    /** The posts a queue decision names, by id (none for other actions, or ids that are not numbers). */
    public List<Long> postIds() {
        if (!action.equals("/console/posts/decide")) {
            return List.of();
        }
        String one = value("one");
        List<String> ids = one != null && one.contains(":") ? List.of(one.substring(one.indexOf(':') + 1))
                : values("post");
        return ids.stream().filter(id -> id.matches("[1-9][0-9]{0,17}")).map(Long::valueOf).toList();
    }

    /** The decision in a moderator's words, posts named "#id". */
    public String says() {
        return says(Map.of());
    }

    /** The decision in a moderator's words, from the fields as the console's own forms send them. */
    public String says(Map<Long, String> postKeys) {
        Matcher question = ACTIONS.matcher(action);
        question.matches();
        String id = question.group(3);
        String verb = question.group(4);
        if (id != null) {
            String reason = value("reason");
            return switch (verb) {
                case "answer" -> "Save an answer to question " + id + ": \u201c" + value("answer_text") + "\u201d";
                case "reject" -> "Reject question " + id + (reason == null ? "" : " (" + reason + ")");
                default -> Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " question " + id;
            };
        }
        return switch (action) {
            case "/console/posts/decide" -> decide(postKeys);
            case "/console/posts/visibility" -> ("true".equals(value("is_visible")) ? "Show post " : "Hide post ")
                    + value("platform") + "/" + value("external_id")
                    + (value("reason") == null ? "" : " (" + value("reason") + ")");
            case "/console/posts/undo" -> "Undo your hide";
            default -> "Undo your rejection";
        };
    }

    private String decide(Map<Long, String> postKeys) {
        String one = value("one");
        boolean single = one != null && one.contains(":");
        String verb = single ? one.substring(0, one.indexOf(':')) : value("decision");
        boolean approve = "approve".equals(verb);
        String reason = value(approve ? "approve_reason" : "hide_reason");
        List<String> posts = single ? List.of(one.substring(one.indexOf(':') + 1)) : values("post");
        return (approve ? "Approve " : "Hide ") + (posts.size() == 1 ? "post " : posts.size() + " posts: ")
                + String.join(", ", posts.stream().map(p -> name(p, postKeys)).toList())
                + (reason == null ? "" : " (" + reason + ")");
    }

    private static String name(String id, Map<Long, String> postKeys) {
        String key = id.matches("[1-9][0-9]{0,17}") ? postKeys.get(Long.valueOf(id)) : null;
        return key == null ? "#" + id : key;
    }

    /** The page the form came from, for a moderator who does not want it carried out. */
    public String returnPath() {
        if (action.startsWith("/console/questions")) {
            return "/console/questions";
        }
        return "queue".equals(value("from")) || action.endsWith("/decide") ? "/console/posts/queue" : "/console/posts";
    }

    /** The cookie value: compressed, then signed; empty when the form is too large to keep. */
    Optional<String> seal(ConsoleSession session) {
        // The action, then the fields as a form body: the same encoding the browser used.
        StringBuilder text = new StringBuilder(action).append('\n');
        for (Field field : fields) {
            text.append(text.charAt(text.length() - 1) == '\n' ? "" : "&").append(ConsoleForm.encode(field.name()))
                    .append('=').append(ConsoleForm.encode(field.value()));
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(text.toString().getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished() && out.size() <= MAX_COOKIE) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        String payload = ConsoleSession.encode(out.toByteArray());
        String sealed = payload + "." + session.sign("pending", "", payload);
        return sealed.length() > MAX_COOKIE ? Optional.empty() : Optional.of(sealed);
    }

    /** The decision a cookie holds, if its signature is ours and it names a console action. */
    static Optional<PendingDecision> open(ConsoleSession session, String sealed) {
        int dot = sealed.indexOf('.');
        if (dot < 1 || !ConsoleSession.equal(sealed.substring(dot + 1), session.sign("pending", "",
                sealed.substring(0, dot)))) {
            return Optional.empty();
        }
        try {
            Inflater inflater = new Inflater();
            inflater.setInput(Base64.getUrlDecoder().decode(sealed.substring(0, dot)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished() && out.size() < 64 * 1024) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            inflater.end();
            String text = out.toString(StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return Optional.of(new PendingDecision(text.substring(0, newline), parse(text.substring(newline + 1))));
        } catch (DataFormatException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
