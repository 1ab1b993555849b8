"""The intent families, one module each. Importing this package registers every intent."""

from bot.core.answering.intents import (  # noqa: F401 - imported to register
    categories,
    ceremonies,
    compare,
    dates,
    derived,
    editions,
    members,
    nominees,
    profiles,
    records,
    results,
    songs,
    statements,
    when,
    winners,
    wins,
)
