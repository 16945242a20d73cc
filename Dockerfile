# The strimzi-gateway-webhook image: built on Debian bookworm with Debian's libraries (the same
# packages as a development machine), run on bookworm-slim with only their runtime packages, as a
# non-root user.
#
#   docker build -t ghcr.io/strimzi-gateway-webhook/strimzi-gateway-webhook:0.1.0 .
#
# The tag is the project version (CMakeLists.txt), which is also the chart's appVersion and so the
# image the chart runs by default.

FROM debian:bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        cmake g++ make pkg-config \
        libcpp-httplib-dev nlohmann-json3-dev libsimdjson-dev libspdlog-dev libyaml-cpp-dev libcli11-dev \
        libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSGW_BUILD_TESTS=OFF \
    && cmake --build build --target strimzi-gateway-webhook -j "$(nproc)" \
    && strip build/strimzi-gateway-webhook

FROM debian:bookworm-slim
# The packages of the shared libraries the binary links (ldd, then dpkg -S): cpp-httplib (with
# brotli and zlib), simdjson, spdlog (with fmt), yaml-cpp and OpenSSL. libc6, libgcc-s1 and libstdc++6 come
# with the base image; nlohmann/json and CLI11 are header-only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libcpp-httplib0.11 libbrotli1 zlib1g libsimdjson14 libspdlog1.10 libfmt9 libyaml-cpp0.7 libssl3 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/strimzi-gateway-webhook /usr/local/bin/strimzi-gateway-webhook
# Fails the build when a library is missing, rather than the Pod at start.
RUN ! ldd /usr/local/bin/strimzi-gateway-webhook | grep 'not found' \
    && /usr/local/bin/strimzi-gateway-webhook --help > /dev/null
LABEL org.opencontainers.image.title="strimzi-gateway-webhook" \
      org.opencontainers.image.description="Admission webhook keeping Strimzi Kafka clusters and Gateway API TLSRoutes consistent"
# Numeric, so Kubernetes can verify runAsNonRoot; the chart runs the Pod as the same user.
USER 65532:65532
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/strimzi-gateway-webhook"]
CMD ["--help"]
