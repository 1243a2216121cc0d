package bench.endurance;

import com.summitlakehouse.delta.StoreRequests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One committed run of the posts mirror, as its summary line says: its version, duration, groups rewritten. */
record MirrorRun(long version, long millis, int groups, StoreRequests requests) {
    static final Pattern LINE = Pattern.compile("mirror social_posts: mirrored rows=\\d+ version=(\\d+) "
            + "duration=(\\d+)ms(.*) store\\[lists=(\\d+) reads=(\\d+) writes=(\\d+) deletes=(\\d+)]$");
    static final Pattern REWROTE = Pattern.compile("rewrote (\\d+) of");

    /** The committed runs in the mirror's log, in order. */
    static List<MirrorRun> parse(Path log) throws IOException {
        List<MirrorRun> runs = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                Matcher rewrote = REWROTE.matcher(m.group(3));
                runs.add(new MirrorRun(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        rewrote.find() ? Integer.parseInt(rewrote.group(1)) : -1, new StoreRequests(
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                        Long.parseLong(m.group(7)))));
            }
        }
        return runs;
    }
}
