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

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/glapp /usr/local/bin/glapp
USER nonroot:nonroot
# Listen on every interface inside the container; publish the port to choose who reaches
# it. The data directory is only used by the embedded store (when NEO4J_URI is unset):
# mount a volume there to keep it.
ENV GLAPP_ADDR=0.0.0.0:8080 \
    GLAPP_DATA_DIR=/home/nonroot/data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/glapp"]
CMD ["serve"]
