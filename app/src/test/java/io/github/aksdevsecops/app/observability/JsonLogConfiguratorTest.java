package io.github.aksdevsecops.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JsonLogConfiguratorTest {

  @Test
  void configuresOneJsonAppenderOnStdoutAndStopsLogbackLookingFurther() {
    LoggerContext context = new LoggerContext();
    JsonLogConfigurator configurator = new JsonLogConfigurator();
    configurator.setContext(context);

    assertThat(configurator.configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    assertWritesJsonToStdout(context.getLogger(Logger.ROOT_LOGGER_NAME));
  }

  @Test
  void theRunningServiceIsConfiguredByItWithoutAnXmlFile() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .contains(JsonLogConfigurator.class);
    assertThat(getClass().getResource("/logback.xml")).isNull();
    LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertWritesJsonToStdout(running.getLogger(Logger.ROOT_LOGGER_NAME));
  }

  @Test
  void rootLevelComesFromTheSettingAndFallsBackToInfo() {
    assertThat(JsonLogConfigurator.rootLevel("debug")).isEqualTo(Level.DEBUG);
    assertThat(JsonLogConfigurator.rootLevel("WARN")).isEqualTo(Level.WARN);
    assertThat(JsonLogConfigurator.rootLevel(null)).isEqualTo(Level.INFO);
    assertThat(JsonLogConfigurator.rootLevel("loud")).isEqualTo(Level.INFO);
  }

  private static void assertWritesJsonToStdout(Logger root) {
    Appender<ILoggingEvent> appender = root.getAppender("STDOUT");
    assertThat(appender).isInstanceOf(ConsoleAppender.class);
    assertThat(appender.isStarted()).isTrue();
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
    assertThat(console.getTarget()).isEqualTo("System.out");
    assertThat(console.getEncoder()).isInstanceOf(LayoutWrappingEncoder.class);
    assertThat(((LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder()).getLayout())
        .isInstanceOf(JsonLayout.class);
  }
}
