# fireworks-mock container image: a static release binary in an otherwise empty image.
#
# Build stage: the same script CI runs (scripts/build-release.sh), so the binary CI smoke-tests is built
# with the same flags as the one the image ships.
FROM swift:6.3-noble AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY scripts/build-release.sh ./scripts/
RUN scripts/build-release.sh /staging

# Runtime stage: the binary, the C libraries it loads, and the shipped scripts. No shell, no package manager.
FROM scratch
COPY --from=build /staging/ /
COPY responses /srv/responses
WORKDIR /srv
ENV FIREWORKS_MOCK_HOST=0.0.0.0 \
    FIREWORKS_MOCK_PORT=8080
# 8443 is the usual choice for FIREWORKS_MOCK_TLS_PORT; HTTPS is off unless it is set.
EXPOSE 8080 8443
# Numeric ids: the empty image has no /etc/passwd, and the binary needs no home directory.
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=3s --start-period=2s --retries=3 \
    CMD ["/usr/local/bin/fireworks-mock", "healthcheck"]
# Exec form: the binary is PID 1 and receives SIGTERM itself, so `docker stop` ends it at once.
ENTRYPOINT ["/usr/local/bin/fireworks-mock"]
CMD ["serve"]
