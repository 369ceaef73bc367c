"""Officers and the District Administrator on Telegram: link, list, act, district picture, digest.

An officer links their chat once with `/link CODE` (from `helpline officer invite POST`); every
other officer command first looks the chat up, so an unlinked user sees nothing of it and
simply gets the citizen experience. Every action goes through `helpline.service`.
Flows:  button Resolve -> reply with the action-taken note (a photo may carry it as caption);
        Reject -> reasons keyboard; Transfer -> departments keyboard; Special close -> reason.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re

from telegram import ForceReply, Update
from telegram.error import TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler,
                          ContextTypes, MessageHandler, filters)

from bot.cards import (action_buttons, department_buttons, department_name,
                       reason_buttons, ticket_card, ticket_line)
from bot.channel import Reply, guess_language, render
from bot.telegram.adapter import TelegramChannel, keyboard, save_photo
from bot.telegram.commands import officer_commands_for
from bot.telegram.training import practice_tips, send_tour
from helpline import clock, reference, service, settings
from helpline.reports import overview
from helpline.errors import HelplineError, PermissionDenied

log = logging.getLogger(__name__)

NUMBER_IN_TEXT = re.compile(r"\b([A-Z]{2,6}-\d{4}-\d{3,9})\b")
CODE = re.compile(r"^[A-Za-z0-9-]{4,64}$")


def officers_for_chat(chat_id: int) -> list:
    """The active officers (one per post held) linked to this Telegram chat."""
    return service.officers_for_telegram(chat_id)


async def _officers(update: Update) -> list:
    return await asyncio.to_thread(officers_for_chat, update.effective_chat.id)


async def _officer(update: Update):
    """The chat's officer (its first post), or None for everyone else."""
    found = await _officers(update)
    return found[0] if found else None


async def _send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply]) -> None:
    await TelegramChannel(context.bot).send(chat_id, replies)


# ---- linking ---------------------------------------------------------------------------------

async def link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/link CODE: the only way a chat becomes an officer's."""
    user = update.effective_user
    lang = guess_language(None, user.language_code if user else None)
    code = context.args[0].strip() if context.args else ""
    if not CODE.match(code):
        await update.effective_message.reply_text(render("officer.link_usage", lang))
        raise ApplicationHandlerStop
    try:
        await asyncio.to_thread(service.link_officer_telegram, code, str(update.effective_chat.id))
    except HelplineError as err:
        log.info("failed link attempt from chat %s: %s", update.effective_chat.id, err.code)
        await update.effective_message.reply_text(err.text(lang))
        raise ApplicationHandlerStop
    me = await _officer(update)
    if me is not None:
        # The officer menu is in place before the confirmation arrives.
        try:
            await officer_commands_for(context.bot, update.effective_chat.id, me.role == "district_admin")
        except TelegramError as err:
            log.warning("could not set officer commands for chat %s: %r", update.effective_chat.id, err)
    linked = render("officer.linked", me.language if me else lang, post=me.post if me else "")
    if me is None:
        await update.effective_message.reply_text(linked)
    else:   # the confirmation opens the guided tour (bot/telegram/training.py)
        await send_tour(context.bot, update.effective_chat.id, me, intro=linked)
    raise ApplicationHandlerStop


# ---- lists and cards -------------------------------------------------------------------------

async def my_tickets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mytickets: pending tickets of the officer's post, earliest due first."""
    posts = await _officers(update)
    if not posts:
        return   # not an officer: the citizen handlers answer
    me = posts[0]
    tickets: dict[str, object] = {}
    for post in posts:
        for t in await asyncio.to_thread(service.officer_tickets, post.id):
            tickets.setdefault(t.number, t)
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    tickets = sorted(tickets.values(), key=lambda t: (t.due_at or far, t.number))
    if not tickets:
        await update.effective_message.reply_text(render("officer.no_tickets", me.language))
        raise ApplicationHandlerStop
    lines = [render("officer.tickets_header", me.language, count=len(tickets))]
    lines += [ticket_line(t, me.language) for t in tickets]
    await _send(context, update.effective_chat.id, [Reply("\n".join(lines))])
    raise ApplicationHandlerStop


async def show_ticket(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ticket NUMBER: the card with the next legal actions, within the officer's jurisdiction."""
    me = await _officer(update)
    if me is None:
        return
    number = (context.args[0] if context.args else "").strip().upper()
    if not NUMBER_IN_TEXT.fullmatch(number):
        await update.effective_message.reply_text(render("officer.ticket_usage", me.language))
        raise ApplicationHandlerStop
    try:
        ticket = await asyncio.to_thread(service.get_ticket, number, officer=me.id)
    except HelplineError as err:
        await update.effective_message.reply_text(err.text(me.language))
        raise ApplicationHandlerStop
    await _send(context, update.effective_chat.id, [ticket_card(ticket, me.language)])
    raise ApplicationHandlerStop


# ---- actions from buttons ----------------------------------------------------------------------

async def on_officer_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """o:<action>:<number>[:<arg>] buttons on notifications and ticket cards."""
    query = update.callback_query
    me = await _officer(update)
    if me is None:
        await query.answer()
        raise ApplicationHandlerStop
    parts = (query.data or "").split(":")
    if len(parts) < 3 or not NUMBER_IN_TEXT.fullmatch(parts[2]):
        await query.answer()
        raise ApplicationHandlerStop
    action, number, arg = parts[1], parts[2], (parts[3] if len(parts) > 3 else None)
    lang = me.language
    await query.answer()
    if action == "rj":
        await _swap_keyboard(query, reason_buttons(number, lang))
    elif action == "tr":
        ticket = await _ticket_or_none(number, me)
        await _swap_keyboard(query, department_buttons(number, ticket.department if ticket else None, lang))
    elif action == "x":
        ticket = await _ticket_or_none(number, me)
        await _swap_keyboard(query, action_buttons(number, ticket.next_actions, lang) if ticket else ())
    elif action in ("rs", "sc"):
        context.chat_data["awaiting"] = ("resolve" if action == "rs" else "special_close", number)
        prompt = "officer.ask_note" if action == "rs" else "officer.ask_reason"
        await context.bot.send_message(update.effective_chat.id, render(prompt, lang, number=number),
                                       reply_markup=ForceReply(selective=True))
    elif action in ("st", "rr", "td", "ap"):
        service_action = {"st": "start", "rr": "reject", "td": "transfer", "ap": "approve"}[action]
        kwargs = {"reason": arg} if action == "rr" else {"to_department": arg} if action == "td" else {}
        await _act(update, context, me, number, service_action, **kwargs)
        await _swap_keyboard(query, ())
    raise ApplicationHandlerStop


async def _swap_keyboard(query, buttons) -> None:
    try:
        await query.edit_message_reply_markup(reply_markup=keyboard(buttons))
    except TelegramError:
        pass   # "message is not modified" or too old to edit: the action itself is what counts


async def _ticket_or_none(number: str, me):
    try:
        return await asyncio.to_thread(service.get_ticket, number, officer=me.id)
    except HelplineError:
        return None


async def _act(update: Update, context: ContextTypes.DEFAULT_TYPE, me, number: str,
               action: str, **kwargs) -> None:
    """One officer action through the core (as each post this chat holds, until one may act)."""

    chat_id = update.effective_chat.id
    posts = [me] + [p for p in await _officers(update) if p.id != me.id]
    for post in posts:
        try:
            ticket = await asyncio.to_thread(service.officer_action, number, action, officer=post.id, **kwargs)
            break
        except PermissionDenied as err:
            refusal = err
        except HelplineError as err:
            refusal = err
            break
    else:
        ticket = None
    if ticket is None:
        log.info("officer %s %s on %s refused: %s", me.id, action, number, refusal.code)
        await context.bot.send_message(chat_id, refusal.text(me.language))
        return
    await context.bot.send_message(chat_id, render("officer.done", me.language, number=ticket.number,
                                                   state=render(f"state.{ticket.state}", me.language)))
    if ticket.number.startswith("PRC-"):   # a practice ticket: a tip on the step just taken (issue 9)
        await practice_tips(context.bot, chat_id, post.id, me.language, ticket.number, action, kwargs)


# ---- the note (and photo) that resolves ------------------------------------------------------

def _awaited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, str] | None:
    """What this message answers: a ForceReply prompt (any replica) or this chat's pending step."""
    replied = update.effective_message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id and replied.text:
        match = NUMBER_IN_TEXT.search(replied.text)
        if match:
            number = match.group(1)
            for lang in ("hi", "en"):
                if replied.text == render("officer.ask_reason", lang, number=number):
                    return "special_close", number
            return "resolve", number
    return context.chat_data.get("awaiting")


async def on_officer_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The action-taken note (text, or a photo's caption) or the special-close reason."""
    awaited = _awaited(update, context)
    if awaited is None:
        return
    me = await _officer(update)
    if me is None:
        return
    kind, number = awaited
    msg = update.effective_message
    note = (msg.text or msg.caption or "").strip()
    if not note:
        await msg.reply_text(render("officer.photo_needs_note", me.language))
        raise ApplicationHandlerStop
    context.chat_data.pop("awaiting", None)
    if kind == "special_close":
        await _act(update, context, me, number, "special_close", note=note)
        raise ApplicationHandlerStop
    photo = None
    if msg.photo:
        saved = await save_photo(context.bot, msg.photo[-1].file_id, msg.photo[-1].file_unique_id)
        photo = saved.get("path") or saved["file_id"]
    await _act(update, context, me, number, "resolve", note=note, photo=photo)
    raise ApplicationHandlerStop


# ---- the District Administrator --------------------------------------------------------------

def district_text(picture: dict, lang: str) -> str:
    d = reference.district(picture["district"])
    name = (d.name_hi if lang == "hi" else d.name_en) if d else picture["district"]
    lines = [render("dm.district_header", lang, district=name, date=picture["date"],
                    received=picture["received"], pending=picture["pending"], beyond=picture["beyond"])]
    lines += [render("dm.pending_line", lang, department=department_name(p["department"], lang),
                     level=p["level"], pending=p["pending"], beyond=p["beyond"])
              for p in picture["by_department"]]
    return "\n".join(lines)


async def district(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/district: only the DM (district_admin post) of that district sees it."""
    me = await _officer(update)
    if me is None:
        return
    if me.role != "district_admin" or not me.district:
        await update.effective_message.reply_text(render("dm.not_dm", me.language))
        raise ApplicationHandlerStop
    picture = await asyncio.to_thread(overview.district_today, me.district)
    await _send(context, update.effective_chat.id, [Reply(district_text(picture, me.language))])
    raise ApplicationHandlerStop


def linked_district_admins() -> list:
    """Every District Administrator whose Telegram chat is linked."""
    return [o for o in service.officers() if o.role == "district_admin" and o.telegram_chat_id]


async def daily_digest(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue's daily digest to every linked DM."""
    for me in await asyncio.to_thread(linked_district_admins):
        chat_id = int(me.telegram_chat_id)
        picture = await asyncio.to_thread(overview.district_today, me.district)
        text = render("dm.digest_title", me.language) + "\n" + district_text(picture, me.language)
        try:
            await _send(context, chat_id, [Reply(text)])
        except TelegramError as err:
            log.warning("digest to DM chat %s failed: %r", chat_id, err)


def register(app: Application) -> None:
    """Officer handlers (group 0); each stops the update once it is an officer's."""
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("link", link, filters=private & filters.UpdateType.MESSAGE), 0)
    app.add_handler(CommandHandler("mytickets", my_tickets, filters=private & filters.UpdateType.MESSAGE), 0)
    app.add_handler(CommandHandler("ticket", show_ticket, filters=private & filters.UpdateType.MESSAGE), 0)
    app.add_handler(CommandHandler("district", district, filters=private & filters.UpdateType.MESSAGE), 0)
    app.add_handler(CallbackQueryHandler(on_officer_button, pattern=r"^o:"), 0)
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE & (filters.TEXT | filters.PHOTO)
                                   & ~filters.COMMAND, on_officer_reply), 0)
    if app.job_queue is not None:
        app.job_queue.run_daily(daily_digest, time=dt.time(hour=settings.DM_DIGEST_HOUR, tzinfo=clock.local_zone()),
                                name="dm-daily-digest")
