package dev.agentmemory.bench;

import com.github.f4b6a3.ulid.Ulid;
import dev.agentmemory.event.Event;
import dev.agentmemory.event.EventRole;
import dev.agentmemory.event.EventType;
import dev.agentmemory.storage.EventKey;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Deterministic synthetic coding sessions (fixed seed): three sessions at a time on working days,
 * prompts of a sentence or two, longer answers, and tool results from half a kilobyte to several,
 * in time order.
 */
final class SyntheticSessions {
  private static final String[] COMPONENTS = {"InvoiceService", "CheckoutController", "PaymentGateway", "OrderRepository",
    "UserSessionCache", "ReportExporter", "RateLimiter", "SearchIndexer", "NotificationQueue", "AuthFilter",
    "ShippingCalculator", "TaxRules", "AuditLog", "FeatureFlags", "MetricsReporter", "BillingScheduler"};
  private static final String[] FILES = {"src/main/java/shop/billing/InvoiceService.java", "src/api/checkout.ts",
    "build.gradle.kts", "docker-compose.yml", "src/main/resources/application.yaml", "migrations/V42__orders.sql",
    "src/test/java/shop/PaymentGatewayTest.java", "web/src/components/Cart.tsx", "pom.xml", "README.md"};
  private static final String[] PROBLEMS = {"a NullPointerException when the cart is empty",
    "rounding errors in invoice totals", "a flaky test that times out on CI", "slow queries on the orders table",
    "a race condition in the session cache", "missing translations in the checkout page",
    "a memory leak in the report exporter", "duplicate notifications after a retry", "a broken OAuth redirect",
    "wrong tax rates for EU customers"};
  private static final String[] ACTIONS = {"Please fix", "Can you look into", "Investigate", "Let's refactor",
    "Add tests for", "Explain", "Find the cause of", "Write a migration for"};
  private static final String[] FINDINGS = {"The root cause is that the value is read before it is initialised.",
    "I changed the code to use BigDecimal with HALF_UP rounding.", "The test now passes locally and on CI.",
    "I added an index on orders(customer_id, created_at) and the query dropped from 900 ms to 12 ms.",
    "The cache entry was shared between threads without synchronisation; I switched to ConcurrentHashMap.",
    "We should keep the old endpoint for one release and log a deprecation warning.",
    "I updated the configuration and documented the new setting in the README."};

  private final Random random;

  SyntheticSessions(long seed) {
    this.random = new Random(seed);
  }

  List<Event> generate(int count) {
    List<Event> events = new ArrayList<>(count);
    generate(count, events::add);
    return events;
  }

  /** Hands {@code count} events to {@code sink}, a day at a time, in time order. */
  void generate(long count, Consumer<Event> sink) {
    LocalDate day = LocalDate.parse("2025-01-06");
    int session = 0;
    long made = 0;
    while (made < count) {
      if (day.getDayOfWeek().getValue() <= 5) {
        List<Event> today = new ArrayList<>();
        for (int lane = 0; lane < 3 && made + today.size() < count; lane++) {
          long t = day.atTime(9 + lane * 2, random.nextInt(60)).toInstant(ZoneOffset.UTC).toEpochMilli();
          int length = 30 + random.nextInt(120);
          String component = pick(COMPONENTS);
          for (int i = 0; i < length && made + today.size() < count; i++) {
            today.add(event("session-" + session, t, i, component));
            t += 5_000 + random.nextInt(85_000);
          }
          session++;
        }
        today.sort((a, b) -> EventKey.of(a).compareTo(EventKey.of(b)));
        today.forEach(sink);
        made += today.size();
      }
      day = day.plusDays(1);
    }
  }

  private Event event(String session, long ts, int step, String component) {
    EventRole role;
    EventType type;
    String text;
    if (step % 3 == 0) {
      role = EventRole.USER;
      type = EventType.USER_MESSAGE;
      text = pick(ACTIONS) + " " + pick(PROBLEMS) + " in " + component + "? It started after the last deploy of "
          + pick(FILES) + ".";
    } else if (step % 3 == 1) {
      role = EventRole.TOOL;
      type = EventType.TOOL_RESULT;
      text = toolOutput(component);
    } else {
      role = EventRole.ASSISTANT;
      type = EventType.ASSISTANT_MESSAGE;
      StringBuilder answer = new StringBuilder("I looked at " + component + " and " + pick(FILES) + ". ");
      for (int i = 0; i < 2 + random.nextInt(5); i++) {
        answer.append(pick(FINDINGS)).append(' ');
      }
      text = answer.toString().strip();
    }
    byte[] entropy = new byte[10];
    random.nextBytes(entropy);
    return new Event(new Ulid(ts, entropy).toString(), session, ts, type.number(), role.number(), text,
        Map.of("cwd", "/home/dev/shop", "tool_name", role == EventRole.TOOL ? "Bash" : ""), "claude");
  }

  private String toolOutput(String component) {
    StringBuilder out = new StringBuilder("$ ./gradlew test --tests " + component + "Test\n");
    int lines = 10 + random.nextInt(150);
    for (int i = 0; i < lines; i++) {
      switch (random.nextInt(4)) {
        case 0 -> out.append("    at shop.").append(component).append(".process(").append(component).append(".java:")
            .append(random.nextInt(400)).append(")\n");
        case 1 -> out.append("INFO  [main] ").append(component).append(" - handled request ").append(random.nextInt(100000))
            .append(" in ").append(random.nextInt(900)).append(" ms\n");
        case 2 -> out.append(pick(FILES)).append(": line ").append(random.nextInt(300)).append(": ").append(pick(PROBLEMS)).append('\n');
        default -> out.append("BUILD ").append(random.nextBoolean() ? "SUCCESSFUL" : "FAILED").append(" in ")
            .append(random.nextInt(60)).append("s\n");
      }
    }
    return out.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
