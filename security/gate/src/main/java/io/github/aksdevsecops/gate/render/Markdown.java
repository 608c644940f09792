package io.github.aksdevsecops.gate.render;

/** Escaping for text that scanners wrote and Markdown would otherwise interpret. */
final class Markdown {
  private Markdown() {}

  /** Text inside a table cell: pipes escaped, line breaks flattened. */
  static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }

  /** A paragraph: HTML and mentions defused so scanner text cannot ping people or inject markup. */
  static String text(String text) {
    String flat = text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
    return flat.replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200b");
  }
}
