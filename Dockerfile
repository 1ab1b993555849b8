# The award-trivia bot. Build: docker build -t award-trivia-bot .
# Facts and data are volumes: mount your facts at /app/facts, keep /data (SQLite, heartbeat).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
RUN pip install ".[postgres]" \
    && useradd --create-home --uid 10001 bot \
    && mkdir -p /data \
    && chown bot:bot /data
COPY facts ./facts

USER bot
ENV FACTS_DIR=/app/facts \
    DATABASE_URL=sqlite+aiosqlite:////data/bot.sqlite3 \
    HEALTH_FILE=/data/heartbeat.json \
    BOT_ENV_FILE=/data/.env
VOLUME ["/data"]

# `run` stops gracefully on SIGTERM (docker stop): it saves quiz rounds in progress first.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["python", "-m", "bot", "health"]
CMD ["python", "-m", "bot", "run"]
