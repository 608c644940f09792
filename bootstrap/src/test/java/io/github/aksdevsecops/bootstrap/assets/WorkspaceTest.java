package io.github.aksdevsecops.bootstrap.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog comes from the given checkout or the git work tree root, never from a parent. */
class WorkspaceTest {
  @TempDir Path dir;

  void catalogIn(Path root) throws Exception {
    Files.createDirectories(root.resolve("bootstrap"));
    Files.writeString(root.resolve(Workspace.CATALOG), "components: []\n");
  }

  @Test
  void aCatalogPlantedAboveTheGitRootIsIgnored() throws Exception {
    catalogIn(dir);
    Path checkout = dir.resolve("checkout");
    Files.createDirectories(checkout.resolve(".git"));
    Files.createDirectories(checkout.resolve("app/src"));
    assertThat(Workspace.findRoot(checkout.resolve("app/src"))).isEmpty();
  }

  @Test
  void theGitRootsCatalogIsFoundFromASubdirectory() throws Exception {
    Path checkout = dir.resolve("checkout");
    Files.createDirectories(checkout.resolve(".git"));
    catalogIn(checkout);
    Files.createDirectories(checkout.resolve("app/src"));
    assertThat(Workspace.findRoot(checkout.resolve("app/src"))).contains(checkout);
  }

  @Test
  void aWorktreeWithAGitFileCounts() throws Exception {
    Path checkout = dir.resolve("worktree");
    Files.createDirectories(checkout);
    Files.writeString(checkout.resolve(".git"), "gitdir: /elsewhere\n");
    catalogIn(checkout);
    assertThat(Workspace.findRoot(checkout.resolve("."))).contains(checkout);
  }

  @Test
  void withoutGitOnlyTheWorkingDirectoryItselfIsConsidered() throws Exception {
    catalogIn(dir);
    Files.createDirectories(dir.resolve("sub"));
    assertThat(Workspace.findRoot(dir)).contains(dir);
    assertThat(Workspace.findRoot(dir.resolve("sub"))).isEmpty();
  }
}
