package kr.axhub.funding.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.benchmark.PipelineThroughput.Engine;
import kr.axhub.funding.benchmark.ThroughputEngine.EngineRun;

/**
 * The engines of one round measured programme by programme in turn ({@code bench.throughput.interleaved=true}), at
 * one thread. Each engine still runs in a JVM of its own on a fresh database; all of them are started and warmed
 * up one after the other, then every cycle walks one programme on each engine, the engine that goes first moving
 * on by one each cycle, and only one JVM works at a time.
 *
 * <p>Why: on this machine the same memory-bound work takes up to 1.7 times as much CPU from one stretch of
 * seconds to the next while the machine is otherwise idle (a fixed loop over a 32 MiB array, CPU time per pass from
 * 0.84 to 1.46 s over a minute; a loop within the cache varies by 2 %). Engines measured one after the other each
 * get their own stretch of the machine; engines measured in turn share every stretch, and the programmes of one
 * cycle, seconds apart, can be compared pair by pair ({@link PipelineThroughput}).
 */
final class InterleavedThroughput {

  private static final long START_MINUTES = 10;
  private static final long WARM_UP_MINUTES = 60;
  private static final long WALK_MINUTES = 5;

  private InterleavedThroughput() {}

  /** Runs the engines, each on its database, and returns what each measured. */
  static Map<Engine, EngineRun> run(Map<Engine, Database> databases, int programmes) throws Exception {
    List<Engine> engines = new ArrayList<>(databases.keySet());
    List<Controlled> started = new ArrayList<>();
    try {
      for (Engine engine : engines) {
        Controlled controlled = Controlled.start(databases.get(engine), engine);
        started.add(controlled);
        controlled.expect("ready", START_MINUTES);
        controlled.tell("warm-up");
        controlled.expect("warmed", WARM_UP_MINUTES);
      }
      for (int cycle = 0; cycle < programmes; cycle++) {
        for (int k = 0; k < started.size(); k++) {
          Controlled controlled = started.get((cycle + k) % started.size());
          controlled.tell("walk");
          controlled.expect("walked", WALK_MINUTES);
        }
      }
      Map<Engine, EngineRun> runs = new EnumMap<>(Engine.class);
      for (int e = 0; e < engines.size(); e++) {
        runs.put(engines.get(e), started.get(e).end());
      }
      return runs;
    } finally {
      started.forEach(Controlled::stop);
    }
  }

  /** An engine's JVM and the connection it takes its commands on. */
  private static final class Controlled {

    private final ThroughputEngine.Started jvm;
    private final Socket socket;
    private final BufferedReader answers;
    private final PrintWriter commands;

    private Controlled(ThroughputEngine.Started jvm, Socket socket) throws IOException {
      this.jvm = jvm;
      this.socket = socket;
      this.answers = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.commands = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    static Controlled start(Database database, Engine engine) throws IOException, InterruptedException {
      try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ThroughputEngine.Started jvm = ThroughputEngine.start(database, engine, server.getLocalPort());
        server.setSoTimeout(1000);
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_MINUTES);
        while (true) {
          try {
            return new Controlled(jvm, server.accept());
          } catch (SocketTimeoutException e) {
            if (!jvm.process().isAlive()) {
              throw new IllegalStateException("The " + jvm.name() + " engine ended before it connected (exit "
                  + jvm.process().exitValue() + "); see " + jvm.log());
            }
            if (System.nanoTime() > until) {
              jvm.process().destroyForcibly();
              throw new IllegalStateException("The " + jvm.name() + " engine did not connect in " + START_MINUTES
                  + " min; see " + jvm.log());
            }
          }
        }
      }
    }

    void tell(String command) {
      commands.println(command);
    }

    /** Waits for an answer that starts with {@code word}; an engine that ends or answers otherwise fails the run. */
    void expect(String word, long minutes) throws IOException {
      socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(minutes));
      String answer;
      try {
        answer = answers.readLine();
      } catch (SocketTimeoutException e) {
        throw new IllegalStateException("The " + jvm.name() + " engine did not answer '" + word + "' in " + minutes
            + " min; see " + jvm.log(), e);
      }
      if (answer == null || !(answer.equals(word) || answer.startsWith(word + " "))) {
        throw new IllegalStateException("The " + jvm.name() + " engine answered " + (answer == null
            ? "nothing (it closed the connection)" : "'" + answer + "'") + " instead of '" + word + "'; see "
            + jvm.log());
      }
    }

    /** Ends the engine: it measures its file, sends its outbox and writes its run, which is read back. */
    EngineRun end() throws IOException, InterruptedException {
      tell("end");
      socket.close();
      return jvm.awaitRun();
    }

    void stop() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a connection that failed already.
      }
      if (jvm.process().isAlive()) {
        jvm.process().destroyForcibly();
      }
    }
  }
}
