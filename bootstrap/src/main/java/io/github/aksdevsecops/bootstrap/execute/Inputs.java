package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.model.Component;
import io.github.aksdevsecops.bootstrap.model.OutputRef;
import io.github.aksdevsecops.bootstrap.model.StepFailedException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Earlier steps' outputs in a chart's values files or a kustomization's objects: a component lists
 * them under {@code inputs} (NAME: component.output) and its files write {@code ${NAME}}. Apply
 * replaces each with the recorded output and fails if one is missing; render, which has no outputs,
 * leaves the token as written. Only declared names are touched: other {@code ${...}} text (Fluent
 * Bit's environment variables) passes through.
 */
public final class Inputs {
  /** Output values are names, ids and URLs: anything else could change the YAML around them. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/@+=-]{1,512}");

  public static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

  private Inputs() {}

  /** What a step may read: recorded outputs at apply, nothing at render. */
  public interface Resolver extends Function<OutputRef, Optional<String>> {
    /** Render: outputs are not known offline, tokens stay. */
    Resolver NONE = ref -> Optional.empty();

    /** Whether a token without a value is an error (apply) or stays as written (render). */
    default boolean strict() {
      return false;
    }

    static Resolver of(ExecutionContext ctx) {
      return new Resolver() {
        @Override
        public Optional<String> apply(OutputRef ref) {
          return ctx.output(ref.component(), ref.output());
        }

        @Override
        public boolean strict() {
          return true;
        }
      };
    }
  }

  /** {@code text} with the component's declared inputs replaced; {@code where} names the file. */
  public static String substitute(
      String text, Component component, Resolver resolver, String where) {
    if (component.inputs().isEmpty() || !text.contains("${")) {
      return text;
    }
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      OutputRef ref = component.inputs().get(m.group(1));
      String replacement = m.group();
      if (ref != null) {
        Optional<String> value = resolver.apply(ref);
        if (value.isPresent()) {
          if (!SAFE.matcher(value.get()).matches()) {
            throw new StepFailedException(
                where + ": output " + ref + " for ${" + m.group(1) + "} is not a plain value");
          }
          replacement = value.get();
        } else if (resolver.strict()) {
          throw new StepFailedException(
              where
                  + ": ${"
                  + m.group(1)
                  + "} needs output "
                  + ref
                  + ", which no earlier step of this run recorded");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
