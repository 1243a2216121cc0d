import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load and the faults of bench/outage.sh, in one process: a TCP proxy in front of PostgreSQL that can reset
 * every connection (RST, new ones refused) or stall them (bytes stop, nothing closes), and clients that read and
 * write through ops-api while the proxy breaks. Prints, per phase, answers by status, median and max latency, and
 * the seconds from the end of a fault to the first success; writes the ids of acknowledged questions to a file.
 *
 * <p>Usage: {@code java bench/OutageLoad.java proxy <listen-port> <pg-host> <pg-port> <control-file>} runs the
 * proxy, which follows the mode written in the control file (flowing, reset, stalled);
 * {@code java bench/OutageLoad.java load <api-url> <connections> <control-file> <acknowledged-file> <phase>=<seconds>...}
 * runs the load through the phases, switching the proxy's mode at each.
 */
public class OutageLoad {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("proxy")) {
            new Proxy(Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), Path.of(args[4])).run();
        } else {
            List<String[]> phases = new ArrayList<>();
            for (int i = 5; i < args.length; i++) {
                phases.add(args[i].split("="));
            }
            new Load(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Path.of(args[4]), phases).run();
        }
    }

    /** A proxy that reads its mode from a file every 20 ms, so that a script (or the load) can break it. */
    static final class Proxy {
        private final int port;
        private final String targetHost;
        private final int targetPort;
        private final Path control;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final Object flowing = new Object();
        private volatile String mode = "flowing";
        private ServerSocket server;

        Proxy(int port, String targetHost, int targetPort, Path control) {
            this.port = port;
            this.targetHost = targetHost;
            this.targetPort = targetPort;
            this.control = control;
        }

        void run() throws Exception {
            listen();
            while (true) {
                String wanted = Files.exists(control) ? Files.readString(control).strip() : "flowing";
                if (!wanted.equals(mode)) {
                    switchTo(wanted);
                }
                Thread.sleep(20);
            }
        }

        private synchronized void switchTo(String wanted) throws IOException {
            if (wanted.equals("reset")) {
                server.close();
                for (Socket socket : open) {
                    try {
                        socket.setSoLinger(true, 0); // close with RST instead of FIN
                        socket.close();
                    } catch (IOException alreadyClosed) {
                        // its pipe closed it meanwhile
                    }
                }
                open.clear();
            }
            synchronized (flowing) {
                mode = wanted;
                flowing.notifyAll();
            }
            if (wanted.equals("flowing") && server.isClosed()) {
                listen();
            }
        }

        private void listen() throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            ServerSocket listening = server;
            Thread acceptor = new Thread(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket client = listening.accept();
                        Socket upstream = new Socket(targetHost, targetPort);
                        open.add(client);
                        open.add(upstream);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException e) {
                        // closed by a reset, or the database refused
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pipe(Socket from, Socket to) {
            Thread copier = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        synchronized (flowing) {
                            while (mode.equals("stalled")) {
                                flowing.wait();
                            }
                        }
                        out.write(buffer, 0, read);
                    }
                } catch (IOException | InterruptedException e) {
                    // either side went away
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                    open.remove(from);
                    open.remove(to);
                }
            });
            copier.setDaemon(true);
            copier.start();
        }
    }

    record Answer(int phase, int status, long startedNanos, long endedNanos) {
    }

    static final class Load {
        private final String api;
        private final int connections;
        private final Path control;
        private final Path acknowledgedFile;
        private final List<String[]> phases;
        private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        private final AtomicLong sequence = new AtomicLong();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private volatile int phase;

        Load(String api, int connections, Path control, Path acknowledgedFile, List<String[]> phases) {
            this.api = api;
            this.connections = connections;
            this.control = control;
            this.acknowledgedFile = acknowledgedFile;
            this.phases = phases;
        }

        void run() throws Exception {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                boolean writer = c % 4 == 0;
                Thread client = new Thread(() -> {
                    while (running.get()) {
                        request(writer);
                    }
                });
                client.start();
                clients.add(client);
            }
            long[] phaseStart = new long[phases.size()];
            for (int p = 0; p < phases.size(); p++) {
                String name = phases.get(p)[0];
                setMode(name.equals("reset") ? "reset" : name.equals("silent") ? "stalled" : "flowing");
                phaseStart[p] = System.nanoTime();
                phase = p;
                Thread.sleep(Long.parseLong(phases.get(p)[1]) * 1000);
            }
            setMode("flowing");
            running.set(false);
            for (Thread client : clients) {
                client.join(60_000);
            }
            Files.write(acknowledgedFile, acknowledged);
            report(phaseStart);
        }

        /** Written whole and moved into place, so that the proxy never reads half a mode. */
        private void setMode(String mode) throws IOException {
            Path next = control.resolveSibling(control.getFileName() + ".next");
            Files.writeString(next, mode);
            Files.move(next, control, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        private void request(boolean writer) {
            int startedIn = phase;
            long started = System.nanoTime();
            int status;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
                if (writer) {
                    long n = sequence.incrementAndGet();
                    request.uri(URI.create(api + "/api/v1/questions"))
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "outage-bench-" + ProcessHandle.current().pid() + "-" + n)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"question_text\": \"outage bench question " + n + "\"}"));
                } else {
                    request.uri(URI.create(api + (java.util.concurrent.ThreadLocalRandom.current().nextBoolean() ? "/api/v1/posts?limit=20"
                            : "/api/v1/questions?limit=20"))).GET();
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status == 201) {
                    String body = response.body();
                    int at = body.indexOf("\"id\":") + 5;
                    acknowledged.add(body.substring(at, body.indexOf(',', at)).strip());
                }
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answers.add(new Answer(startedIn, status, started, System.nanoTime()));
        }

        private void report(long[] phaseStart) {
            System.out.printf("%-8s %5s %-34s %10s %10s %12s%n", "phase", "secs", "answers by status",
                    "median ms", "max ms", "recovered s");
            for (int p = 0; p < phases.size(); p++) {
                int current = p;
                List<Answer> in = answers.stream().filter(a -> a.phase() == current).toList();
                Map<Integer, Integer> byStatus = new TreeMap<>();
                in.forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
                long[] latencies = in.stream().mapToLong(a -> (a.endedNanos() - a.startedNanos()) / 1_000_000)
                        .sorted().toArray();
                String recovered = "";
                boolean afterFault = p > 0 && !phases.get(p)[0].equals("reset") && !phases.get(p)[0].equals("silent")
                        && (phases.get(p - 1)[0].equals("reset") || phases.get(p - 1)[0].equals("silent"));
                if (afterFault) {
                    recovered = answers.stream()
                            .filter(a -> a.startedNanos() >= phaseStart[current] && a.status() / 100 == 2)
                            .mapToLong(Answer::endedNanos).min()
                            .stream().mapToObj(end -> String.format("%.2f", (end - phaseStart[current]) / 1e9))
                            .findFirst().orElse("never");
                }
                System.out.printf("%-8s %5s %-34s %10d %10d %12s%n", phases.get(p)[0], phases.get(p)[1],
                        byStatus.toString().replace("-1=", "io-error="),
                        latencies.length == 0 ? 0 : latencies[latencies.length / 2],
                        latencies.length == 0 ? 0 : latencies[latencies.length - 1], recovered);
            }
        }
    }
}
