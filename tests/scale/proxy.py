"""A tiny HTTP load balancer for the scale-out test: each request goes to a random copy.

    .venv/bin/python -m tests.scale.proxy --pair 9000=127.0.0.1:9001,127.0.0.1:9002 [--pair ...]

Like nginx's proxy_next_upstream for a POST, it tries the other copy only when nothing was sent
(the connection was refused or could not be made in time). `GET /__proxy__/stats` answers, per listener, how many requests each copy took
and how many conversations (Rasa sender, action tracker, Telegram chat) were served by more than
one copy: the proof that "every message of a conversation lands on a random copy".
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
from collections import Counter, defaultdict

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

# Hop-by-hop headers (RFC 9110 7.6.1) and those httpx recomputes.
_DROP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
         "proxy-connection", "host", "content-length", "content-encoding"}
STATS_PATH = "/__proxy__/stats"


def conversation_of(body: bytes) -> str | None:
    """The conversation a request belongs to: Rasa's sender, an action call's sender_id, a Telegram chat."""
    if not body or body[:1] != b"{":
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    for key in ("sender", "sender_id"):
        if isinstance(data.get(key), str):
            return data[key]
    for kind in ("message", "edited_message", "callback_query"):
        item = data.get(kind)
        if isinstance(item, dict):
            chat = (item.get("message") or {}).get("chat") if kind == "callback_query" else item.get("chat")
            chat_id = (chat or {}).get("id") or (item.get("from") or {}).get("id")
            if chat_id is not None:
                return f"telegram:{chat_id}"
    return None


class Balancer:
    """One listener in front of several copies of one process."""

    def __init__(self, upstreams: list[str], timeout: float = 180.0):
        self.upstreams = [u if u.startswith("http") else f"http://{u}" for u in upstreams]
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=3.0),
                                        limits=httpx.Limits(max_connections=400, max_keepalive_connections=100))
        self.requests: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self.copies_of: dict[str, set[str]] = defaultdict(set)

    async def handle(self, request: Request) -> Response:
        if request.url.path == STATS_PATH:
            return JSONResponse(self.stats())
        body = await request.body()
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in _DROP]
        order = random.sample(self.upstreams, len(self.upstreams))
        for upstream in order:
            url = upstream + request.url.path + (f"?{request.url.query}" if request.url.query else "")
            try:
                answer = await self.client.request(request.method, url, content=body, headers=headers)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
                self.refused[upstream] += 1
                continue   # nothing reached this copy: the next one may take it
            except httpx.HTTPError as err:
                return Response(f"upstream {upstream} failed: {err!r}", status_code=502)
            self.requests[upstream] += 1
            conversation = conversation_of(body)
            if conversation is not None:
                self.copies_of[conversation].add(upstream)
            out = [(k, v) for k, v in answer.headers.items() if k.lower() not in _DROP]
            return Response(answer.content, status_code=answer.status_code, headers=dict(out))
        return Response("no upstream answered", status_code=502)

    def stats(self) -> dict:
        spread = Counter(len(c) for c in self.copies_of.values())
        return {"requests": dict(self.requests), "refused": dict(self.refused),
                "conversations": len(self.copies_of),
                "conversations_on_several_copies": sum(n for k, n in spread.items() if k > 1)}


def app_for(balancer: Balancer) -> Starlette:
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
    return Starlette(routes=[Route("/{path:path}", balancer.handle, methods=methods)])


async def serve(pairs: list[tuple[int, list[str]]], host: str = "127.0.0.1") -> None:
    servers = [uvicorn.Server(uvicorn.Config(app_for(Balancer(ups)), host=host, port=port, log_level="warning",
                                             lifespan="off", timeout_keep_alive=30, backlog=1024))
               for port, ups in pairs]
    await asyncio.gather(*(s.serve() for s in servers))


def parse_pair(text: str) -> tuple[int, list[str]]:
    """'9000=127.0.0.1:9001,127.0.0.1:9002' -> (9000, [...])."""
    port, _, ups = text.partition("=")
    upstreams = [u for u in ups.split(",") if u]
    if not port.isdigit() or not upstreams:
        raise argparse.ArgumentTypeError(f"expected PORT=HOST:PORT[,HOST:PORT...], got {text!r}")
    return int(port), upstreams


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.scale.proxy", description=__doc__.splitlines()[0])
    parser.add_argument("--pair", type=parse_pair, action="append", required=True,
                        help="PORT=UPSTREAM[,UPSTREAM...]; repeat for each listener")
    args = parser.parse_args()
    asyncio.run(serve(args.pair))


if __name__ == "__main__":
    main()
