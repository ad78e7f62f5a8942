# newsalert: a slim, non-root image. The gazetteer and KATOTTG indexes are built while the
# image builds, so a container starts in about a second.
#
#   docker build -t newsalert .
#   docker run --rm -e TELEGRAM_BOT_TOKEN=... -v newsalert-data:/var/lib/newsalert newsalert
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --prefix=/install ".[postgres]"

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    XDG_CACHE_HOME=/opt/newsalert/cache \
    NEWSALERT_CONFIG=/etc/newsalert/newsalert.yaml \
    NEWSALERT_OPS=true \
    NEWSALERT_OPS_LISTEN=0.0.0.0
COPY --from=build /install /usr/local
COPY config /etc/newsalert
# Indexes and message catalogs built once, read-only at run time; the store lives in the
# data volume.
RUN python -m bot.i18n.catalog compile \
    && python -c "from pathlib import Path; from bot.app import Parts; from bot.config import load_settings; Parts(load_settings('/etc/newsalert/newsalert.yaml'), Path('/etc/newsalert')).resolver" \
    && useradd --system --uid 10001 --home-dir /var/lib/newsalert --create-home newsalert \
    && chmod -R a+rX /opt/newsalert/cache
USER newsalert
WORKDIR /var/lib/newsalert
VOLUME ["/var/lib/newsalert"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["newsalert"]
CMD ["run"]
