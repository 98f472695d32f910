# migrate as a container: docker run --rm -v "$PWD:/work" -e MIGRATE_URL=… IMAGE upgrade
# Built by .github/workflows/release.yml; the build needs only Docker.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml LICENSE README.md ./
COPY bin bin
COPY docs docs
COPY changelogs/examples changelogs/examples
COPY src/main src/main
COPY src/assembly src/assembly
RUN mvn -B -q package -Dmaven.test.skip=true && mkdir /dist && tar xzf target/migrate-*-dist.tar.gz -C /dist --strip-components=1

FROM eclipse-temurin:17-jre
COPY --from=build /dist /opt/migrate
RUN ln -s /opt/migrate/bin/migrate /usr/local/bin/migrate \
 && useradd --create-home --uid 10001 migrate
# Not root: nothing here needs it.
USER migrate
WORKDIR /work
ENTRYPOINT ["migrate"]
CMD ["--help"]
