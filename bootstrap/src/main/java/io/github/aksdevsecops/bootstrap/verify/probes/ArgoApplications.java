package io.github.aksdevsecops.bootstrap.verify.probes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Argo CD's Application resource, addressed without discovery. */
final class ArgoApplications {
  static final ResourceDefinitionContext CONTEXT =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("Application")
          .withPlural("applications")
          .withNamespaced(true)
          .build();

  private ArgoApplications() {}
}
