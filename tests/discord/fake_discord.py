"""A fake Discord (REST + gateway) on 127.0.0.1 for end-to-end tests of the real discord.py client.

The test starts it, points discord.py at it (`Route.BASE`, `DEFAULT_GATEWAY`), and then
drives the bot with gateway events (interactions, messages) while recording every REST
call the bot makes, so tests can check the payloads it sends back.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import discord
import yarl
from aiohttp import WSMsgType, web

APP_ID = 900000000000000001
BOT_ID = 900000000000000002
GUILD_ID = 910000000000000001
CHANNEL_ID = 920000000000000001
OTHER_CHANNEL_ID = 920000000000000002
TIMESTAMP = "2026-11-22T09:00:00.000000+00:00"
ALL_PERMISSIONS = str((1 << 50) - 1)
MEMBER_PERMISSIONS = str(
    discord.Permissions(send_messages=True, view_channel=True, use_application_commands=True).value
)
MODERATOR_PERMISSIONS = str(
    discord.Permissions(
        send_messages=True, view_channel=True, manage_messages=True, manage_guild=True, use_application_commands=True
    ).value
)

_ids = itertools.count(930000000000000001)


def snowflake() -> str:
    """Return a new unique id."""
    return str(next(_ids))


def option_type(value: object) -> int:
    """Return Discord's option type for a Python value: boolean 5, integer 4, string 3."""
    if isinstance(value, bool):
        return 5
    return 4 if isinstance(value, int) else 3


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    """Return a user object."""
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


def member(user_id: int, name: str, permissions: str = MEMBER_PERMISSIONS) -> dict[str, Any]:
    """Return a guild member object as sent with interactions."""
    return {
        "user": user(user_id, name),
        "roles": [],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "permissions": permissions,
        "nick": None,
        "avatar": None,
    }


def channel(channel_id: int, name: str) -> dict[str, Any]:
    """Return a guild text channel object."""
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


@dataclass
class Call:
    """One REST request the bot made."""

    method: str
    path: str
    body: Any
    query: dict[str, str]


@dataclass
class Failure:
    """A REST failure to inject: matching requests get `status` until `times` runs out."""

    method: str
    pattern: re.Pattern[str]
    status: int
    times: int


@dataclass
class FakeDiscord:
    """The fake server. Start it, then `connect_bot`, then drive it."""

    calls: list[Call] = field(default_factory=list)
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    originals: dict[str, str] = field(default_factory=dict)  # interaction token -> original response message id
    component_messages: dict[str, str] = field(default_factory=dict)  # component interaction id -> message id
    disconnected: asyncio.Event = field(default_factory=asyncio.Event)  # set when a bot closes its gateway

    def __post_init__(self) -> None:
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Condition()
        self.port = 0

    # --- lifecycle ----------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        """Return the REST base URL (for a bot in another process: DISCORD_API_URL)."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Return the gateway URL (for a bot in another process: DISCORD_GATEWAY_URL)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Serve on a free port of 127.0.0.1 and point discord.py at it."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        discord.http.Route.BASE = f"http://127.0.0.1:{self.port}/api/v10"
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(f"ws://127.0.0.1:{self.port}/gateway")

    async def stop(self) -> None:
        """Close the gateway and stop serving."""
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- gateway ------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45000}})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if data["op"] == 1:
                await ws.send_json({"op": 11})
            elif data["op"] == 2:
                await self.dispatch(
                    "READY",
                    {
                        "v": 10,
                        "user": user(BOT_ID, "TriviaBot", bot=True),
                        "session_id": "fake-session",
                        "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway",
                        "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
                        "application": {"id": str(APP_ID), "flags": 0},
                        "private_channels": [],
                        "relationships": [],
                    },
                )
                await self.dispatch("GUILD_CREATE", self.guild())
                self.identified.set()
        self.disconnected.set()
        return ws

    def guild(self) -> dict[str, Any]:
        """Return the one guild of the fake, with two text channels."""
        return {
            "id": str(GUILD_ID),
            "name": "ARMY Fan Server",
            "icon": None,
            "owner_id": "1",
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "member_count": 3,
            "large": False,
            "unavailable": False,
            "emojis": [],
            "stickers": [],
            "roles": [
                {
                    "id": str(GUILD_ID),
                    "name": "@everyone",
                    "permissions": MEMBER_PERMISSIONS,
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "channels": [channel(CHANNEL_ID, "kpop-history"), channel(OTHER_CHANNEL_ID, "quiz-room")],
            "members": [{**member(BOT_ID, "TriviaBot", ALL_PERMISSIONS), "user": user(BOT_ID, "TriviaBot", bot=True)}],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "joined_at": TIMESTAMP,
        }

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to the bot."""
        assert self._ws is not None, "the bot is not connected"
        self._seq += 1
        await self._ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    # --- REST ---------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "multipart/form-data":
                body = {"multipart": raw.decode("utf-8", "replace")}
            elif raw:
                body = json.loads(raw)
        call = Call(request.method, path, body, dict(request.query))
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        for failure in self.failures:
            if failure.times and failure.method == request.method and failure.pattern.fullmatch(path):
                failure.times -= 1
                return self._json({"message": "Missing Permissions", "code": 50013}, status=failure.status)
        status, payload = self._route(call)
        if status == 204:
            return web.Response(status=204)
        return self._json(payload, status=status)

    @staticmethod
    def _json(payload: Any, status: int = 200) -> web.Response:
        return web.Response(
            status=status, body=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
        )

    def _route(self, call: Call) -> tuple[int, Any]:
        m, p, body = call.method, call.path, call.body or {}
        if (m, p) == ("GET", "/users/@me"):
            return 200, user(BOT_ID, "TriviaBot", bot=True)
        if (m, p) == ("GET", "/oauth2/applications/@me"):
            return 200, {
                "id": str(APP_ID),
                "name": "TriviaBot",
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": user(1, "owner"),
                "verify_key": "00",
                "flags": 0,
                "team": None,
                "summary": "",
            }
        if m == "PUT" and re.fullmatch(rf"/applications/{APP_ID}(/guilds/\d+)?/commands", p):
            self.commands = [
                {
                    **c,
                    "id": snowflake(),
                    "application_id": str(APP_ID),
                    "version": "1",
                    "default_member_permissions": c.get("default_member_permissions"),
                }
                for c in body
            ]
            return 200, self.commands
        if m == "GET" and re.fullmatch(rf"/applications/{APP_ID}(/guilds/\d+)?/commands", p):
            return 200, self.commands
        if match := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", p):
            return 200, self._callback(match.group(1), match.group(2), body)
        if match := re.fullmatch(rf"/webhooks/{APP_ID}/([^/]+)/messages/@original", p):
            return self._webhook_original(m, match.group(1), body)
        if (match := re.fullmatch(rf"/webhooks/{APP_ID}/([^/]+)", p)) and m == "POST":
            return 200, self._store_message(CHANNEL_ID, body)
        if (match := re.fullmatch(r"/channels/(\d+)/messages", p)) and m == "POST":
            return 200, self._store_message(int(match.group(1)), body)
        if match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", p):
            message = self.messages.get(match.group(2))
            if message is None:
                return 404, {"message": "Unknown Message", "code": 10008}
            if m == "PATCH":
                message.update({k: v for k, v in body.items() if k in ("content", "embeds", "components", "flags")})
            return 200, message
        if match := re.fullmatch(r"/channels/(\d+)", p):
            cid = int(match.group(1))
            if cid in (CHANNEL_ID, OTHER_CHANNEL_ID):
                return 200, channel(cid, "kpop-history")
            return 404, {"message": "Unknown Channel", "code": 10003}
        if re.fullmatch(r"/channels/(\d+)/typing", p):
            return 204, None
        return 404, {"message": f"fake Discord has no route {m} {p}", "code": 0}

    def _store_message(
        self, channel_id: int, body: dict[str, Any], *, message_id: str | None = None, flags: int | None = None
    ) -> dict[str, Any]:
        message = {
            "id": message_id or snowflake(),
            "channel_id": str(channel_id),
            "guild_id": str(GUILD_ID),
            "author": user(BOT_ID, "TriviaBot", bot=True),
            "content": body.get("content") or "",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": flags if flags is not None else body.get("flags", 0),
            "components": body.get("components") or [],
        }
        if body.get("message_reference"):
            message["message_reference"] = body["message_reference"]
        self.messages[message["id"]] = message
        return message

    def _callback(self, interaction_id: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
        kind = body["type"]
        data = body.get("data") or {}
        interaction = {
            "id": interaction_id,
            "type": kind,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & 64),
        }
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 5):
            message = self._store_message(CHANNEL_ID, data)
            self.originals[token] = message["id"]
            interaction["response_message_id"] = message["id"]
            resource["message"] = message
        elif kind == 7:
            message_id = self.component_messages.get(interaction_id)
            if message_id and message_id in self.messages:
                self.messages[message_id].update(
                    {k: v for k, v in data.items() if k in ("content", "embeds", "components")}
                )
                resource["message"] = self.messages[message_id]
                interaction["response_message_id"] = message_id
        return {"interaction": interaction, "resource": resource}

    def _webhook_original(self, method: str, token: str, body: dict[str, Any] | None) -> tuple[int, Any]:
        message_id = self.originals.get(token)
        if message_id is None:
            return 404, {"message": "Unknown Message", "code": 10008}
        if method == "PATCH" and body:
            self.messages[message_id].update(
                {k: v for k, v in body.items() if k in ("content", "embeds", "components")}
            )
        return 200, self.messages[message_id]

    # --- driving the bot ------------------------------------------------------------------
    def fail(self, method: str, path_regex: str, status: int = 403, times: int = 1_000_000) -> None:
        """Make matching REST calls fail with `status`."""
        self.failures.append(Failure(method, re.compile(path_regex), status, times))

    async def wait_for_call(self, predicate: Callable[[Call], bool], *, after: int = 0, timeout: float = 5.0) -> Call:
        """Wait for a REST call matching `predicate`, among calls made after index `after`."""

        async def find() -> Call:
            async with self._changed:
                while True:
                    for call in self.calls[after:]:
                        if predicate(call):
                            return call
                    await self._changed.wait()

        return await asyncio.wait_for(find(), timeout)

    def command_id(self, name: str) -> str:
        """Return the id the fake gave a synced command (or a stable made-up one)."""
        for c in self.commands:
            if c["name"] == name:
                return c["id"]
        return "1"

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user_id: int,
        name: str,
        channel_id: int,
        permissions: str,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        payload = {
            "id": snowflake(),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(channel_id),
            "channel": channel(channel_id, "kpop-history"),
            "member": member(user_id, name, permissions),
            "token": f"token-{snowflake()}",
            "version": 1,
            "app_permissions": ALL_PERMISSIONS,
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": 8388608,
        }
        if message is not None:
            payload["message"] = message
        return payload

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
        user_options: dict[str, int] | None = None,
        channel_options: dict[str, int] | None = None,
        user_id: int = 1001,
        user_name: str = "fan",
        channel_id: int = CHANNEL_ID,
        permissions: str = MEMBER_PERMISSIONS,
    ) -> tuple[int, dict[str, Any]]:
        """Run a slash command (`user_options`, `channel_options` by id); return the call index and the payload."""
        opts = [{"name": k, "type": option_type(v), "value": v} for k, v in (options or {}).items()]
        resolved: dict[str, Any] = {"users": {}, "members": {}, "channels": {}}
        for option, cid in (channel_options or {}).items():
            opts.append({"name": option, "type": 7, "value": str(cid)})
            resolved["channels"][str(cid)] = {**channel(cid, "kpop-history"), "permissions": ALL_PERMISSIONS}
        for option, uid in (user_options or {}).items():
            opts.append({"name": option, "type": 6, "value": str(uid)})
            resolved["users"][str(uid)] = user(uid, f"fan{uid}")
            resolved["members"][str(uid)] = {k: v for k, v in member(uid, f"fan{uid}").items() if k != "user"}
        if subcommand:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        data = {"id": self.command_id(name), "name": name, "type": 1, "options": opts, "resolved": resolved}
        return await self._send(
            self._interaction(2, data, user_id=user_id, name=user_name, channel_id=channel_id, permissions=permissions)
        )

    async def autocomplete(
        self,
        name: str,
        focused: str,
        value: str,
        others: dict[str, Any] | None = None,
        *,
        subcommand: str | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Ask the bot for autocomplete choices."""
        opts = [{"name": k, "type": 3, "value": v} for k, v in (others or {}).items()]
        opts.append({"name": focused, "type": 3, "value": value, "focused": True})
        if subcommand:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        data = {"id": self.command_id(name), "name": name, "type": 1, "options": opts}
        return await self._send(
            self._interaction(4, data, user_id=1001, name="fan", channel_id=CHANNEL_ID, permissions=MEMBER_PERMISSIONS)
        )

    async def click(
        self,
        message_id: str,
        custom_id: str,
        *,
        user_id: int = 1001,
        user_name: str = "fan",
        permissions: str = MEMBER_PERMISSIONS,
        stale: dict[str, Any] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Click a button on a message the bot sent (as shown in `stale`, for a client that missed an edit)."""
        message = stale or self.messages[message_id]
        payload = self._interaction(
            3,
            {"custom_id": custom_id, "component_type": 2},
            user_id=user_id,
            name=user_name,
            channel_id=int(message["channel_id"]),
            permissions=permissions,
            message=message,
        )
        self.component_messages[payload["id"]] = message_id
        return await self._send(payload)

    async def submit_modal(
        self,
        custom_id: str,
        values: dict[str, str],
        *,
        message_id: str | None = None,
        user_id: int = 1001,
        user_name: str = "fan",
    ) -> tuple[int, dict[str, Any]]:
        """Submit a modal the bot opened."""
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()]
        payload = self._interaction(
            5,
            {"custom_id": custom_id, "components": rows},
            user_id=user_id,
            name=user_name,
            channel_id=CHANNEL_ID,
            permissions=MEMBER_PERMISSIONS,
            message=self.messages.get(message_id) if message_id else None,
        )
        return await self._send(payload)

    async def post_message(
        self,
        content: str,
        *,
        mentions: list[dict[str, Any]] | None = None,
        author_id: int = 1001,
        mention_everyone: bool = False,
    ) -> tuple[int, dict[str, Any]]:
        """A member posts a message in the channel."""
        payload = {
            "id": snowflake(),
            "channel_id": str(CHANNEL_ID),
            "guild_id": str(GUILD_ID),
            "author": user(author_id, "fan"),
            "member": {k: v for k, v in member(author_id, "fan").items() if k != "user"},
            "content": content,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": mention_everyone,
            "mentions": mentions or [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        index = len(self.calls)
        await self.dispatch("MESSAGE_CREATE", payload)
        return index, payload

    async def _send(self, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        index = len(self.calls)
        await self.dispatch("INTERACTION_CREATE", payload)
        return index, payload

    async def response(self, index: int, payload: dict[str, Any], *, timeout: float = 5.0) -> Call:
        """Wait for the bot's callback to an interaction."""
        return await self.wait_for_call(
            lambda c: c.path.startswith(f"/interactions/{payload['id']}/"), after=index, timeout=timeout
        )
