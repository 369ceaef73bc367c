"""A local stand-in for the Telegram Bot API, speaking Telegram's HTTP protocol on loopback.

Tests start it, point the bot's `base_url` at it, inject what a user does (messages,
button presses, photos, locations, contacts, stickers, voice, edited messages) and read
what the bot sent to each chat. Usage:

    with FakeTelegram() as tg:
        app = ApplicationBuilder().token(tg.token).base_url(tg.base_url) ...
        tg.send_text(1001, "बिजली नहीं है")
        tg.wait_for_message(1001, lambda m: "CMH-" in m["text"])
"""
from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import parse_qs

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import LoopbackServer

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
# Parameters Telegram receives JSON-encoded inside form fields.
WEBHOOK_ATTEMPTS = 8        # Telegram repeats a failed webhook call a few times, then gives up
WEBHOOK_TIMEOUT = 10.0
_JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "scope", "entities", "link_preview_options"}


def _public(message: dict) -> dict:
    """A message as Telegram shows it to the bot (without the fake's own notes)."""
    return {k: v for k, v in message.items() if not k.startswith("_")}


def _accepted(outcome: int | str) -> bool:
    """A webhook attempt's outcome (HTTP status, or the error's name) that Telegram counts as delivered."""
    return isinstance(outcome, int) and 200 <= outcome < 300


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    count: int


class FakeTelegram(LoopbackServer):
    """One fake bot account; thread-safe; serves in a background thread on a free port."""

    thread_name = "fake-telegram"

    def __init__(self, token: str = "123456:TEST-TOKEN", username: str = "helpline_test_bot",
                 first_update_id: int = 1000):
        super().__init__()
        self.token = token
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "CM Helpline",
                         "username": username, "can_join_groups": False,
                         "can_read_all_group_messages": False, "supports_inline_queries": False}
        self._lock = threading.Condition()
        self._updates: list[dict] = []          # not yet confirmed by an offset
        self._update_ids = itertools.count(first_update_id)
        self._message_ids: dict[int, itertools.count] = {}
        self._file_ids = itertools.count(1)
        self.files: dict[str, tuple[str, bytes]] = {}   # file_id -> (file_path, content)
        self.sent: dict[int, list[dict]] = {}            # chat id -> messages the bot sent (latest state)
        self.calls: list[tuple[str, dict]] = []          # every API call: (method, params)
        self.callback_answers: list[dict] = []
        self.commands: list[dict] = []
        self.webhook: dict[str, Any] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._delivered: list[dict] = []                 # updates handed out, for redeliver()
        self._redeliveries: list[dict] = []
        self.webhook_log: list[tuple[int, int, int | str]] = []   # (update_id, attempt, status or error)

    # ---- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What the bot passes to python-telegram-bot as base_url (the token is appended)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/bot{token}/{method}", self._api, methods=["GET", "POST"]),
            Route("/file/bot{token}/{path:path}", self._download, methods=["GET"]),
        ])

    def on_stop(self) -> None:
        with self._lock:
            self._lock.notify_all()

    # ---- what a test makes a user do ------------------------------------------------------

    def user(self, user_id: int, first_name: str = "Ramesh", language_code: str = "hi") -> dict:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}

    def _chat(self, chat_id: int, first_name: str = "Ramesh") -> dict:
        return {"id": chat_id, "type": "private", "first_name": first_name}

    def _user_message(self, chat_id: int, language_code: str = "hi", **fields) -> dict:
        msg = {"message_id": self._next_message_id(chat_id), "date": int(time.time()),
               "chat": self._chat(chat_id), "from": self.user(chat_id, language_code=language_code)}
        msg.update(fields)
        return msg

    def inject(self, update_fields: dict, update_id: int | None = None) -> int:
        """Queue a raw update (fields besides update_id); returns its update_id."""
        with self._lock:
            uid = next(self._update_ids) if update_id is None else update_id
            update = {"update_id": uid, **update_fields}
            self._updates.append(update)
            self._lock.notify_all()
        self._push_to_webhook(update)
        return uid

    def redeliver(self, update_id: int) -> None:
        """Deliver an update again, as Telegram does after a failed webhook call or a lost offset."""
        with self._lock:
            original = next((u for u in self._delivered + self._updates if u["update_id"] == update_id), None)
        if original is None:
            raise KeyError(update_id)
        if self.webhook.get("url"):
            self._push_to_webhook(dict(original))
            return
        with self._lock:
            self._redeliveries.append(dict(original))   # handed out whatever the offset says
            self._lock.notify_all()

    def _reply_to(self, chat_id: int, message_id: int | None) -> dict:
        if message_id is None:
            return {}
        with self._lock:
            original = next((m for m in self.sent.get(chat_id, []) if m["message_id"] == message_id), None)
        return {"reply_to_message": _public(original)} if original else {}

    def send_text(self, chat_id: int, text: str, language_code: str = "hi", reply_to: int | None = None) -> int:
        """A typed message; reply_to = the id of a bot message it answers (Telegram's reply)."""
        entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] \
            if text.startswith("/") else None
        msg = self._user_message(chat_id, language_code, text=text, **self._reply_to(chat_id, reply_to))
        if entities:
            msg["entities"] = entities
        return self.inject({"message": msg})

    def press_button(self, chat_id: int, data: str, message_id: int | None = None,
                     language_code: str = "hi") -> int:
        """Press an inline button; message_id defaults to the last bot message with a keyboard."""
        with self._lock:
            if message_id is None:
                keyboards = [m for m in self.sent.get(chat_id, []) if m.get("reply_markup")]
                message_id = keyboards[-1]["message_id"] if keyboards else 1
            message = next((m for m in self.sent.get(chat_id, []) if m["message_id"] == message_id),
                           {"message_id": message_id, "date": int(time.time()), "chat": self._chat(chat_id)})
        query = {"id": f"cb{next(self._file_ids)}", "from": self.user(chat_id, language_code=language_code),
                 "message": _public(message), "chat_instance": str(chat_id), "data": data}
        return self.inject({"callback_query": query})

    def press_button_titled(self, chat_id: int, title_part: str) -> int:
        """Press the button whose title contains title_part on the latest keyboard that has one."""
        for msg in reversed(self.messages(chat_id)):
            for row in (msg.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if title_part.lower() in button["text"].lower():
                        return self.press_button(chat_id, button["callback_data"], msg["message_id"])
        raise AssertionError(f"no button with {title_part!r} in chat {chat_id}")

    def add_file(self, content: bytes, path_prefix: str = "photos", ext: str = "jpg") -> dict:
        n = next(self._file_ids)
        file_id = f"AgACAgUAAx{n:06d}"
        with self._lock:
            self.files[file_id] = (f"{path_prefix}/file_{n}.{ext}", content)
        return {"file_id": file_id, "file_unique_id": f"uniq{n}", "file_size": len(content)}

    def send_photo(self, chat_id: int, content: bytes = b"\xff\xd8\xff fake jpeg", caption: str | None = None,
                   reply_to: int | None = None) -> int:
        f = self.add_file(content)
        sizes = [{**f, "width": 90, "height": 90}, {**f, "width": 1280, "height": 960}]
        fields = {"photo": sizes, **self._reply_to(chat_id, reply_to)}
        if caption:
            fields["caption"] = caption
        return self.inject({"message": self._user_message(chat_id, **fields)})

    def send_location(self, chat_id: int, lat: float, lon: float) -> int:
        return self.inject({"message": self._user_message(
            chat_id, location={"latitude": lat, "longitude": lon})})

    def send_contact(self, chat_id: int, phone: str, own: bool = True, first_name: str = "Ramesh",
                     last_name: str | None = None) -> int:
        """A shared contact (own = the "share contact" button: the sender's own, with user_id)."""
        contact = {"phone_number": phone, "first_name": first_name}
        if last_name:
            contact["last_name"] = last_name
        if own:
            contact["user_id"] = chat_id
        return self.inject({"message": self._user_message(chat_id, contact=contact)})

    def send_sticker(self, chat_id: int) -> int:
        f = self.add_file(b"webp", "stickers", "webp")
        sticker = {**f, "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False}
        return self.inject({"message": self._user_message(chat_id, sticker=sticker)})

    def send_voice(self, chat_id: int) -> int:
        f = self.add_file(b"ogg", "voice", "oga")
        return self.inject({"message": self._user_message(chat_id, voice={**f, "duration": 3})})

    def send_document(self, chat_id: int) -> int:
        f = self.add_file(b"%PDF", "documents", "pdf")
        return self.inject({"message": self._user_message(chat_id, document={**f, "file_name": "a.pdf"})})

    def edit_message(self, chat_id: int, message_id: int, text: str) -> int:
        msg = {"message_id": message_id, "date": int(time.time()) - 60, "edit_date": int(time.time()),
               "chat": self._chat(chat_id), "from": self.user(chat_id), "text": text}
        return self.inject({"edited_message": msg})

    def fail_next(self, method: str, status: int = 429, retry_after: int | None = 1, count: int = 1) -> None:
        """Make the next `count` calls of `method` fail as Telegram does (429 with retry_after, 5xx)."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(status, retry_after, count))

    # ---- what a test reads ---------------------------------------------------------------

    def messages(self, chat_id: int) -> list[dict]:
        with self._lock:
            return [dict(m) for m in self.sent.get(chat_id, [])]

    def texts(self, chat_id: int) -> list[str]:
        return [m.get("text") or m.get("caption") or "" for m in self.messages(chat_id)]

    def wait_for_message(self, chat_id: int, predicate: Callable[[dict], bool] = lambda m: True,
                         timeout: float = 10.0, after: int = 0) -> dict:
        """Wait until the bot has sent chat_id a message (at index >= after) matching predicate."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for m in self.sent.get(chat_id, [])[after:]:
                    if predicate(m):
                        return dict(m)
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [m.get("text") for m in self.sent.get(chat_id, [])]
                    raise AssertionError(f"no matching message to {chat_id} in {timeout}s; got {seen}")
                self._lock.wait(min(left, 0.2))

    def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until the bot has fetched every queued update."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._updates and time.monotonic() < deadline:
                self._lock.wait(0.05)

    def calls_of(self, method: str) -> list[dict]:
        with self._lock:
            return [p for m, p in self.calls if m == method]

    # ---- the HTTP side -------------------------------------------------------------------

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    async def _params(self, request: Request) -> dict:
        ctype = request.headers.get("content-type", "")
        body = await request.body()
        params: dict[str, Any] = {}
        if request.query_params:
            params.update(request.query_params)
        if ctype.startswith("application/json") and body:
            params.update(json.loads(body))
            return params
        if ctype.startswith("multipart/form-data"):
            parser = email.parser.BytesParser(policy=email.policy.HTTP)
            msg = parser.parsebytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
            for part in msg.iter_parts():
                name = part.get_param("name", header="content-disposition")
                filename = part.get_filename()
                payload = part.get_payload(decode=True)
                params[name] = {"upload": payload, "filename": filename} if filename else payload.decode()
        elif body:
            params.update({k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()})
        for key in _JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                params[key] = json.loads(params[key])
        # attach://name references in multipart uploads
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                params[key] = params.get(value[len("attach://"):], value)
        return params

    @staticmethod
    def _ok(result: Any) -> JSONResponse:
        return JSONResponse({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str, retry_after: int | None = None) -> JSONResponse:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return JSONResponse(body, status_code=code)

    def _take_failure(self, method: str) -> _Failure | None:
        with self._lock:
            queue = self._failures.get(method) or []
            if not queue:
                return None
            failure = queue[0]
            failure.count -= 1
            if failure.count <= 0:
                queue.pop(0)
            return failure

    async def _api(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.path_params["method"]
        try:
            params = await self._params(request)
        except (ValueError, UnicodeDecodeError):
            return self._error(400, "Bad Request: can't parse request")
        with self._lock:
            self.calls.append((method, params))
        failure = self._take_failure(method)
        if failure:
            if failure.status == 429:
                return self._error(429, f"Too Many Requests: retry after {failure.retry_after}",
                                   failure.retry_after)
            return self._error(failure.status, "Internal Server Error" if failure.status >= 500 else "Bad Request")
        handler = getattr(self, "_m_" + method.lower(), None)
        if handler is None:
            return self._error(404, "Not Found")
        if method.lower() == "getupdates":
            return await handler(params)
        return handler(params)

    async def _download(self, request: Request) -> Response:
        if request.path_params["token"] != self.token:
            return self._error(401, "Unauthorized")
        path = request.path_params["path"]
        with self._lock:
            for file_path, content in self.files.values():
                if file_path == path:
                    return Response(content, media_type="application/octet-stream")
        return self._error(404, "Not Found")

    def _record_bot_message(self, chat_id: int, **fields) -> dict:
        with self._lock:
            msg = {"message_id": self._next_message_id(chat_id), "from": self.bot_user,
                   "chat": self._chat(chat_id), "date": int(time.time()), **fields}
            self.sent.setdefault(chat_id, []).append(msg)
            self._lock.notify_all()
            return dict(msg)

    @staticmethod
    def _check_markup(markup: dict | None) -> str | None:
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not (1 <= len(data.encode()) <= MAX_CALLBACK_DATA):
                    return "Bad Request: BUTTON_DATA_INVALID"
                if not button.get("text"):
                    return "Bad Request: text buttons are unallowed in the inline keyboard"
        return None

    def _chat_id(self, params: dict) -> int | None:
        try:
            return int(params["chat_id"])
        except (KeyError, ValueError, TypeError):
            return None

    # Methods, named _m_<lower-case method>.

    def _m_getme(self, params: dict) -> Response:
        return self._ok(self.bot_user)

    async def _m_getupdates(self, params: dict) -> Response:
        if self.webhook.get("url"):
            return self._error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                    self._lock.notify_all()
                ready = (self._redeliveries + self._updates)[:limit]
                self._redeliveries = []
                if ready:
                    self._delivered_add(ready)
                    return self._ok(ready)
            if time.monotonic() >= deadline or self.stopping:
                return self._ok([])
            await asyncio.sleep(0.02)

    def _delivered_add(self, updates: list[dict]) -> None:
        known = {u["update_id"] for u in self._delivered}
        self._delivered.extend(u for u in updates if u["update_id"] not in known)

    def _m_sendmessage(self, params: dict) -> Response:
        chat_id = self._chat_id(params)
        text = params.get("text") or ""
        if chat_id is None:
            return self._error(400, "Bad Request: chat not found")
        if not text.strip():
            return self._error(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT:
            return self._error(400, "Bad Request: message is too long")
        problem = self._check_markup(params.get("reply_markup"))
        if problem:
            return self._error(400, problem)
        fields = {"text": text}
        markup = params.get("reply_markup")
        if markup and "inline_keyboard" in markup:
            fields["reply_markup"] = markup
        elif markup and "keyboard" in markup:
            fields["_reply_keyboard"] = markup   # Telegram does not echo reply keyboards; tests may read it
        elif markup and markup.get("force_reply"):
            fields["_force_reply"] = True   # Telegram does not echo it; tests may read it
        return self._ok(_public(self._record_bot_message(chat_id, **fields)))

    def _m_sendphoto(self, params: dict) -> Response:
        chat_id = self._chat_id(params)
        photo = params.get("photo")
        if chat_id is None or not photo:
            return self._error(400, "Bad Request: wrong photo")
        if isinstance(photo, dict):   # an upload
            f = self.add_file(photo["upload"])
        else:
            f = {"file_id": str(photo), "file_unique_id": "u" + str(abs(hash(photo))), "file_size": 1}
        fields: dict[str, Any] = {"photo": [{**f, "width": 800, "height": 600}]}
        if params.get("caption"):
            fields["caption"] = params["caption"]
        if params.get("reply_markup"):
            problem = self._check_markup(params["reply_markup"])
            if problem:
                return self._error(400, problem)
            fields["reply_markup"] = params["reply_markup"]
        return self._ok(_public(self._record_bot_message(chat_id, **fields)))

    def _find_sent(self, params: dict) -> dict | None:
        chat_id = self._chat_id(params)
        try:
            message_id = int(params.get("message_id"))
        except (TypeError, ValueError):
            return None
        for m in self.sent.get(chat_id, []):
            if m["message_id"] == message_id:
                return m
        return None

    def _m_editmessagetext(self, params: dict) -> Response:
        with self._lock:
            msg = self._find_sent(params)
            if msg is None:
                return self._error(400, "Bad Request: message to edit not found")
            text = params.get("text") or ""
            if not text.strip() or len(text) > MAX_TEXT:
                return self._error(400, "Bad Request: message text is empty or too long")
            if text == msg.get("text") and params.get("reply_markup") == msg.get("reply_markup"):
                return self._error(400, "Bad Request: message is not modified")
            msg["text"] = text
            msg["edit_date"] = int(time.time())
            if params.get("reply_markup"):
                msg["reply_markup"] = params["reply_markup"]
            else:
                msg.pop("reply_markup", None)
            self._lock.notify_all()
            return self._ok(_public(msg))

    def _m_editmessagereplymarkup(self, params: dict) -> Response:
        with self._lock:
            msg = self._find_sent(params)
            if msg is None:
                return self._error(400, "Bad Request: message to edit not found")
            if params.get("reply_markup"):
                msg["reply_markup"] = params["reply_markup"]
            else:
                msg.pop("reply_markup", None)
            self._lock.notify_all()
            return self._ok(_public(msg))

    def _m_answercallbackquery(self, params: dict) -> Response:
        with self._lock:
            self.callback_answers.append(params)
            self._lock.notify_all()
        return self._ok(True)

    def _m_getfile(self, params: dict) -> Response:
        file_id = params.get("file_id")
        with self._lock:
            if file_id not in self.files:
                return self._error(400, "Bad Request: invalid file_id")
            path, content = self.files[file_id]
        return self._ok({"file_id": file_id, "file_unique_id": "u" + file_id[-6:],
                         "file_size": len(content), "file_path": path})

    def _m_setwebhook(self, params: dict) -> Response:
        self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token")}
        return self._ok(True)

    def _m_deletewebhook(self, params: dict) -> Response:
        self.webhook = {}
        return self._ok(True)

    def _m_getwebhookinfo(self, params: dict) -> Response:
        return self._ok({"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                         "pending_update_count": len(self._updates)})

    def _m_setmycommands(self, params: dict) -> Response:
        self.commands = params.get("commands") or []
        return self._ok(True)

    def _m_getmycommands(self, params: dict) -> Response:
        return self._ok(self.commands)

    def _m_sendchataction(self, params: dict) -> Response:
        return self._ok(True)

    def _push_to_webhook(self, update: dict) -> None:
        """In webhook mode Telegram POSTs each update to the bot with the secret header.

        Like Telegram, an attempt that fails (no connection, a timeout, any answer but 2xx) is
        repeated with a growing pause, and given up only after WEBHOOK_ATTEMPTS; every attempt is
        written to `webhook_log` as (update_id, attempt, HTTP status or error).
        """
        url = self.webhook.get("url")
        if not url:
            return
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]

        def post() -> None:
            pause = 0.5
            for attempt in range(1, WEBHOOK_ATTEMPTS + 1):
                try:
                    outcome: int | str = httpx.post(url, json=update, headers=headers,
                                                    timeout=WEBHOOK_TIMEOUT).status_code
                except httpx.HTTPError as err:
                    outcome = type(err).__name__
                with self._lock:
                    self.webhook_log.append((update["update_id"], attempt, outcome))
                    if _accepted(outcome):
                        self._delivered_add([update])
                        return
                if self.stopping:
                    return
                time.sleep(pause)
                pause = min(pause * 2, 8.0)

        threading.Thread(target=post, daemon=True).start()

    def webhook_failures(self) -> list[tuple[int, int, int | str]]:
        """Webhook attempts that did not get a 2xx (each was repeated, as Telegram does)."""
        with self._lock:
            return [entry for entry in self.webhook_log if not _accepted(entry[2])]

