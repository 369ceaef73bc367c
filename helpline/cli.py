"""The `helpline` command: init, file, similar, show, act, feedback, sweep, officer invite|list, report, nlu corrections.

Prints JSON on stdout; bad input exits 1 (2 for usage) with one clear line on stderr.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from helpline import service, setup
from helpline.democlock import clock_command
from helpline.errors import HelplineError
from helpline.officers.login import read_password, set_password
from helpline.officers.roster import roster_command
from helpline.reports import corrections
from helpline.reports.review_files import report_command
from helpline.store import db
from helpline.text_hygiene import strip_unsafe


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage block
        print(f"helpline: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="helpline", description="CM Helpline ticket core")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    init = sub.add_parser("init", help="create or upgrade the schema; load reference data and demo roster")
    init.add_argument("--no-demo", action="store_true", help="do not load the demo roster")
    f = sub.add_parser("file", help="file a complaint")
    f.add_argument("--text", required=True)
    f.add_argument("--department", required=True)
    f.add_argument("--district", required=True)
    f.add_argument("--block")
    f.add_argument("--name")
    f.add_argument("--phone")
    f.add_argument("--channel", default="phone")
    f.add_argument("--user-id", dest="channel_user_id")
    f.add_argument("--key")
    f.add_argument("--language", default="hi")
    f.add_argument("--lat", type=float)
    f.add_argument("--lon", type=float)
    f.add_argument("--photo", action="append", default=[])
    f.add_argument("--join", metavar="NUMBER", help="file the citizen's own ticket linked to this known problem")
    sim = sub.add_parser("similar", help="open tickets a complaint may join (\"me too\"), best first")
    sim.add_argument("--text", required=True)
    sim.add_argument("--department", required=True)
    sim.add_argument("--district", required=True)
    sim.add_argument("--block")
    sim.add_argument("--lat", type=float)
    sim.add_argument("--lon", type=float)
    s = sub.add_parser("show", help="a ticket with its full history")
    s.add_argument("number")
    a = sub.add_parser("act", help="an officer's action on a ticket")
    a.add_argument("number")
    a.add_argument("action")
    a.add_argument("--as", dest="officer", required=True, help="officer id or post code")
    a.add_argument("--note")
    a.add_argument("--reason")
    a.add_argument("--to", dest="to_department")
    a.add_argument("--photo")
    a.add_argument("--parent", help="link: the number of the known problem")
    fb = sub.add_parser("feedback", help="the citizen's feedback on a resolved ticket")
    fb.add_argument("number")
    fb.add_argument("verdict", choices=["satisfied", "unsatisfied"])
    fb.add_argument("--rating", type=int)
    sw = sub.add_parser("sweep", help="escalate, remind and close as if at --at")
    sw.add_argument("--at", help="ISO-8601 moment (default: now)")
    o = sub.add_parser("officer", help="officers: invite (Telegram link code) or list")
    osub = o.add_subparsers(dest="officer_command", required=True, parser_class=_Parser)
    inv = osub.add_parser("invite", help="one-time code for the post's holder to link Telegram")
    inv.add_argument("post")
    ls = osub.add_parser("list", help="active officers")
    ls.add_argument("--district")
    pw = osub.add_parser("password", help="set the dashboard password of the post's holder (read from stdin)")
    pw.add_argument("post")
    asg = osub.add_parser("assign", help="put a new person on the post (the old holder leaves at once)")
    asg.add_argument("post")
    asg.add_argument("--name", required=True)
    asg.add_argument("--phone")
    asg.add_argument("--language", default="hi", choices=["hi", "en"])
    asg.add_argument("--note")
    vac = osub.add_parser("vacate", help="the post's holder leaves and nobody takes the post yet")
    vac.add_argument("post")
    vac.add_argument("--note")
    ck = sub.add_parser("clock", help="the demo clock: show, advance --days N, reset")
    ck.add_argument("clock_command", choices=["show", "advance", "reset"])
    ck.add_argument("--days", type=float, default=0.0, help="days to move the clock forward (advance)")
    rep = sub.add_parser("report", help="the monthly review: HTML, CSV and PNG charts into --out")
    rep.add_argument("--month", required=True, help="YYYY-MM")
    rep.add_argument("--district", help="district code or name (default: the whole state)")
    rep.add_argument("--state", action="store_true", help="state-wide ranking of districts, departments, posts")
    rep.add_argument("--out", required=True, help="directory for review.html, *.csv, *.png")
    nlu = sub.add_parser("nlu", help="NLU upkeep: corrections (officers' transfers as training candidates)")
    nsub = nlu.add_subparsers(dest="nlu_command", required=True, parser_class=_Parser)
    cor = nsub.add_parser("corrections", help="JSON lines: texts of transferred tickets, personal data masked")
    cor.add_argument("--since", type=_since, help="only transfers on or after this day (YYYY-MM-DD)")
    return p


def _since(text: str) -> str:
    try:
        corrections.parse_since(text)
    except HelplineError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    return text


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise HelplineError("error.invalid_input", detail=f"--at {text!r} is not an ISO-8601 moment") from None


def _location(args: argparse.Namespace) -> tuple[float, float] | None:
    """--lat and --lon together, or neither."""
    if (args.lat is None) != (args.lon is None):
        raise HelplineError("error.invalid_input", detail="give both --lat and --lon, or neither")
    return (args.lat, args.lon) if args.lat is not None else None


def _print(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, default=str))


def _ensure_schema() -> None:
    """Create the schema on first use so a fresh database works without `helpline init`."""
    from sqlalchemy import inspect

    if not inspect(db.engine()).has_table("ticket"):
        setup.init_database()


def _run(args: argparse.Namespace) -> None:
    if args.command != "init":
        _ensure_schema()
    if args.command == "init":
        setup.init_database(load_demo_roster=not args.no_demo)
        _print({"status": "ok", "database": db.engine().url.render_as_string(hide_password=True)})
    elif args.command == "file":
        if args.join is not None and not args.join.strip():
            raise HelplineError("error.parent_required")
        view = service.file_ticket(text=args.text, department=args.department, district=args.district,
                                   block=args.block, name=args.name, phone=args.phone, channel=args.channel,
                                   channel_user_id=args.channel_user_id, key=args.key, location=_location(args),
                                   photos=args.photo, language=args.language, join=args.join)
        _print(view.as_json())
    elif args.command == "similar":
        found = service.similar(text=args.text, department=args.department, district=args.district,
                                block=args.block, location=_location(args))
        _print([k.as_json() for k in found])
    elif args.command == "show":
        _print(service.get_ticket(args.number).as_json(with_events=True))
    elif args.command == "act":
        view = service.officer_action(args.number, args.action, officer=args.officer, note=args.note,
                                      reason=args.reason, to_department=args.to_department, photo=args.photo,
                                      parent=args.parent)
        _print(view.as_json())
    elif args.command == "feedback":
        view = service.give_feedback(args.number, satisfied=args.verdict == "satisfied", rating=args.rating)
        _print(view.as_json())
    elif args.command == "sweep":
        _print(service.sweep(now=_moment(args.at)))
    elif args.command == "officer" and args.officer_command in ("assign", "vacate"):
        _print(roster_command(args))
    elif args.command == "officer" and args.officer_command == "password":
        who = set_password(args.post, read_password())
        _print({"status": "ok", "post": who.post, "officer_id": who.id, "name": who.name})
    elif args.command == "clock":
        _print(clock_command(args.clock_command, args.days))
    elif args.command == "officer" and args.officer_command == "invite":
        invite = service.invite_officer(args.post)
        _print({"code": invite.code, "expires_at": invite.expires_at.isoformat(),
                "officer_id": invite.officer.id, "post": invite.officer.post, "name": invite.officer.name})
    elif args.command == "officer":
        _print([o.as_json() for o in service.officers(district=args.district)])
    elif args.command == "report":
        _print(report_command(month=args.month, district=args.district, state=args.state, out=args.out))
    elif args.command == "nlu" and args.nlu_command == "corrections":
        for line in corrections.corrections_command(args.since):   # JSON lines, one per example
            print(line)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `helpline` console script."""
    from helpline import log_privacy

    log_privacy.install()
    args = _parser().parse_args(argv)
    for name, value in vars(args).items():   # text typed or scripted: no control characters
        if isinstance(value, str):
            setattr(args, name, strip_unsafe(value))
        elif isinstance(value, list):
            setattr(args, name, [strip_unsafe(v) if isinstance(v, str) else v for v in value])
    try:
        _run(args)
    except HelplineError as exc:
        print(f"helpline: {exc.text('en')}", file=sys.stderr)
        return 1
    except Exception as exc:  # a clear line, never a traceback, for anything unexpected
        print(f"helpline: unexpected error: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
