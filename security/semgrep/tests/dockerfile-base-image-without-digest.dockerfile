# ruleid: dockerfile-base-image-without-digest
FROM eclipse-temurin:17-jdk AS build
RUN mkdir /out

# ok: dockerfile-base-image-without-digest
FROM gcr.io/distroless/java17-debian12@sha256:4f8a1c2e9b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19
COPY --from=build /out /app
USER 65532:65532

# ok: dockerfile-base-image-without-digest
FROM scratch
