# syntax=docker/dockerfile:1
# Glapp as a container image: a static binary (no cgo) on a distroless base that holds
# nothing else, running as a non-root user. docker-compose.yml runs it next to Neo4j.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that a change to the code does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w -X github.com/glapp/glapp/internal/buildinfo.Version=${VERSION}" -o /out/glapp ./cmd/glapp
# The data directory, made here because the final image has no shell: a volume mounted
# on it starts with its owner, so that the non-root user can write the store.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/glapp /usr/local/bin/glapp
COPY --from=build --chown=65532:65532 /out/data /home/nonroot/data
USER nonroot:nonroot
# Listen on every interface inside the container; publish the port to choose who reaches
# it. The data directory is only used by the embedded store (when NEO4J_URI is unset):
# mount a volume there to keep it.
ENV GLAPP_ADDR=0.0.0.0:8080 \
    GLAPP_DATA_DIR=/home/nonroot/data
EXPOSE 8080
# No shell, wget or curl here: glapp probe asks /readyz on GLAPP_ADDR and exits 0 or 1.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/glapp", "probe", "--timeout", "4s"]
# docker stop sends SIGTERM; Glapp then lets requests in flight finish for up to
# GLAPP_SHUTDOWN_TIMEOUT (20s), so give it longer than that: docker stop -t 30.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/glapp"]
CMD ["serve"]
