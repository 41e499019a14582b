package dev.agentmemory.daemon.viewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping and the page frame: every page is server-rendered HTML with its style inline. */
final class Html {
  private static final String STYLE = """
      body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
      nav{background:#243b53;padding:8px 16px}nav a{color:#fff;margin-right:16px;text-decoration:none}
      main{max-width:980px;margin:16px auto;padding:0 16px}h1{font-size:20px}
      table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
      .meta{color:#666;font-size:12px}mark{background:#ffe066}pre{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:8px}
      details{margin:4px 0}.user{border-left:3px solid #2f80ed;padding-left:8px}.assistant{border-left:3px solid #27ae60;padding-left:8px}
      .tool{border-left:3px solid #999;padding-left:8px}.empty{color:#a00}form input{padding:4px;width:60%}
      .calendar{width:auto}.calendar td{width:28px;height:22px;text-align:center;border:2px solid #fafafa;font-size:11px}
      .calendar a{color:inherit;text-decoration:none;display:block}.heat0{background:#eee}.heat1{background:#c6e48b}
      .heat2{background:#7bc96f}.heat3{background:#239a3b;color:#fff}.heat4{background:#196127;color:#fff}
      """;

  private Html() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A search snippet, escaped, with its {@code **matches**} marked. */
  static String marked(String snippet) {
    return escape(snippet).replaceAll("\\*\\*(.+?)\\*\\*", "<mark>$1</mark>");
  }

  static String url(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A whole page: title, the navigation (keeping the project), the body. */
  static String page(String title, String project, String body) {
    String p = project.isEmpty() ? "" : "?project=" + url(project);
    String and = project.isEmpty() ? "?" : p + "&amp;";
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + " - agent-memory</title><style>" + STYLE + "</style></head><body><nav>"
        + "<a href=\"/timeline" + p + "\">Timeline</a><a href=\"/browse" + p + "\">Browse</a>"
        + "<a href=\"/search" + p + "\">Search</a>"
        + "<a href=\"/next" + p + "\">Next session</a><a href=\"/sessions" + and + "days=7\">Sessions</a>"
        + "<a href=\"/" + p + "\">Health</a>"
        + "</nav><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
  }
}
