package io.github.aksdevsecops.bootstrap.execute;

import io.github.aksdevsecops.bootstrap.adapters.AzureGateway;
import io.github.aksdevsecops.bootstrap.adapters.ChartSource;
import io.github.aksdevsecops.bootstrap.adapters.HelmGateway;
import io.github.aksdevsecops.bootstrap.adapters.ManifestApplier;
import java.util.List;

/** Test doubles of this package, opened to the CLI tests. */
public final class ExecTestSupport {
  private ExecTestSupport() {}

  /** A handle on {@link FakeHelm}. */
  public static final class Helm {
    private final FakeHelm fake = new FakeHelm();

    public HelmGateway gateway() {
      return fake;
    }

    public void failRelease(String release) {
      fake.failRelease = release;
    }

    public int installCount() {
      return fake.installs.size();
    }

    public List<String> uninstalls() {
      return List.copyOf(fake.uninstalls);
    }
  }

  public static Helm helm() {
    return new Helm();
  }

  /** A handle on {@link FakeAzure}. */
  public static final class Azure {
    private final FakeAzure fake = new FakeAzure();

    public AzureGateway gateway() {
      return fake;
    }

    public List<String> credentialRequests() {
      return List.copyOf(fake.credentialRequests);
    }

    public static String kubeconfig() {
      return FakeAzure.KUBECONFIG;
    }
  }

  public static Azure azure() {
    return new Azure();
  }

  /** Charts that are never read: the fake Helm installs by name. */
  public static ChartSource charts() {
    return chart -> java.nio.file.Path.of("/fake-charts", ChartSource.fileName(chart));
  }

  public static ManifestApplier crudApplier() {
    return new CrudFixtures.RecordingApplier();
  }
}
