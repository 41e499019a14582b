package dev.agentmemory.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Drives a call from N client threads and measures rate and per-call latency. */
final class Load {
  private Load() {}

  /** One call: client number, call number. */
  interface Call {
    void run(int client, int index) throws Exception;
  }

  record Result(double perSecond, double p50Ms, double p95Ms, double p99Ms) {
    void put(ObjectNode report, String name) {
      report.putObject(name).put("per_s", perSecond).put("p50_ms", p50Ms).put("p95_ms", p95Ms).put("p99_ms", p99Ms);
    }
  }

  /** Makes {@code count} calls, client {@code c} making calls c, c + clients, ... */
  static Result drive(int clients, int count, Call call) throws InterruptedException {
    long[] nanos = new long[count];
    List<Thread> threads = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        try {
          for (int i = client; i < count; i += clients) {
            long t0 = System.nanoTime();
            call.run(client, i);
            nanos[i] = System.nanoTime() - t0;
          }
        } catch (Exception | Error e) {
          synchronized (failure) {
            failure[0] = e;
          }
        }
      }, "bench-client-" + c);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure[0] != null) {
      throw new IllegalStateException("Expected every call to succeed, but one failed: " + failure[0], failure[0]);
    }
    Latencies latencies = new Latencies(count);
    for (long value : nanos) {
      latencies.add(value);
    }
    return new Result(count / seconds, latencies.percentileMs(50), latencies.percentileMs(95), latencies.percentileMs(99));
  }
}
