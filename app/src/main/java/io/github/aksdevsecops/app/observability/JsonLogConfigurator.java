package io.github.aksdevsecops.app.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration in code: one JSON object per line on stdout ({@link JsonLayout}), root
 * level from {@code LOG_LEVEL} (system property, then environment; {@code info} when unset or not a
 * level). Found by Logback through {@code META-INF/services}, it runs instead of an XML file, so
 * the service does not load Logback's XML configurator and the JDK's XML parser at every start
 * (about 460 classes fewer to the first request, app/README.md).
 */
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {

  static final String LEVEL_SETTING = "LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    JsonLayout layout = new JsonLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("STDOUT");
    stdout.setEncoder(encoder);
    stdout.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel(System.getProperty(LEVEL_SETTING, System.getenv(LEVEL_SETTING))));
    root.addAppender(stdout);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The root level a setting asks for; {@code info} when it is unset or names no level. */
  static Level rootLevel(String setting) {
    return Level.toLevel(setting, Level.INFO);
  }
}
