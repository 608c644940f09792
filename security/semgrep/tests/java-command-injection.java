import java.io.IOException;
import java.util.List;

class CommandInjectionSamples {
  void run(String branch, String file) throws IOException {
    // ruleid: java-command-injection
    Runtime.getRuntime().exec("git checkout " + branch);

    // ruleid: java-command-injection
    Runtime.getRuntime().exec(String.format("cat %s", file));

    // ruleid: java-command-injection
    new ProcessBuilder("sh", "-c", "tar xf " + file).start();

    // ok: java-command-injection
    new ProcessBuilder("sh", "-c", "uname -a").start();

    // ok: java-command-injection
    new ProcessBuilder(List.of("git", "checkout", branch)).start();

    // ok: java-command-injection
    Runtime.getRuntime().exec(new String[] {"git", "checkout", branch});
  }
}
