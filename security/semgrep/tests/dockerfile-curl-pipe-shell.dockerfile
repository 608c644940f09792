FROM debian@sha256:4f8a1c2e9b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19
# ruleid: dockerfile-curl-pipe-shell
RUN curl -sSfL https://example.com/install.sh | sh
# ruleid: dockerfile-curl-pipe-shell
RUN wget -qO- https://example.com/setup | sudo bash -s -- --yes
# ok: dockerfile-curl-pipe-shell
RUN curl -sSfLo /tmp/install.sh https://example.com/install.sh && echo "0000000000000000000000000000000000000000000000000000000000000000  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh
USER 65532:65532
