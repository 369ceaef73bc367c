"""Officer training on Telegram: the guided tour after /link, /help, /practice, /readiness.

Tour:      /link succeeds -> the guide in the officer's language: what a notification looks like,
           time limits per level, the actions, how to start. /help [en|hi] shows it again, with
           buttons [Start practice] [other language].
/practice: start or continue a round of practice tickets, each shown as a card with the real
           buttons and a tip; after every action on one, a tip on how it went (from telegram/officer.py).
/practice clear: archive them.   /readiness: the district's roster (DM and helpline in-charge only).
Unlinked chats get nothing here: the citizen handlers answer them.
"""
from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler,
                          ContextTypes, filters)

from bot.cards import ticket_card
from bot.channel import Button, Reply, render
from bot.telegram.adapter import TelegramChannel
from helpline import clock, reference, service
from helpline import texts as messages
from helpline.training import guide as onboarding
from helpline.training import practice
from helpline.training import readiness
from helpline.errors import HelplineError

log = logging.getLogger(__name__)
GUIDE_PREFIX = "g:"


def _other(lang: str) -> str:
    return "en" if lang == "hi" else "hi"


def _officers(chat_id: int) -> list:
    return service.officers_for_telegram(chat_id)


async def _me(update: Update):
    found = await asyncio.to_thread(_officers, update.effective_chat.id)
    return found[0] if found else None


async def _send(bot, chat_id: int, replies: list[Reply]) -> None:
    await TelegramChannel(bot).send(chat_id, replies)


# ---- the tour ----------------------------------------------------------------------------------

def guide_reply(officer, lang: str) -> Reply:
    """The whole guide in `lang`, with buttons for the other language and (officers) a practice round."""
    buttons = []
    if officer.role == "officer":
        buttons.append(Button(render("training.start_practice", lang), f"{GUIDE_PREFIX}practice:{lang}"))
    buttons.append(Button(render("training.other_language", lang), f"{GUIDE_PREFIX}help:{_other(lang)}"))
    return Reply(onboarding.guide(officer, lang), tuple(buttons))


async def send_tour(bot, chat_id: int, officer, intro: str | None = None) -> None:
    """The guided tour after `intro` (the /link confirmation), in one message without buttons
    (a card with buttons is always a ticket's); it ends with how to read it in the other language."""
    lang = messages.language(officer.language)
    text = "\n\n".join(x for x in (intro, onboarding.guide(officer, lang),
                                     render("training.help_other_language", _other(lang))) if x)
    try:
        await _send(bot, chat_id, [Reply(text)])
    except TelegramError as err:
        log.warning("could not send the tour to chat %s: %r", chat_id, err)
        if intro:
            await bot.send_message(chat_id, intro)


async def on_guide_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """g:help:<lang> (the guide in that language) and g:practice:<lang> (start or continue practice)."""
    query = update.callback_query
    await query.answer()
    me = await _me(update)
    if me is None:
        raise ApplicationHandlerStop
    parts = (query.data or "").split(":")
    lang = messages.language(parts[2] if len(parts) > 2 else me.language)
    if len(parts) > 1 and parts[1] == "practice":
        await _practice(context.bot, update.effective_chat.id, me, lang)
    elif len(parts) > 1 and parts[1] == "help":
        await _send(context.bot, update.effective_chat.id, [guide_reply(me, lang)])
    raise ApplicationHandlerStop


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help for officers (`/help en`, `/help hi` for a language): the whole guide at once."""
    me = await _me(update)
    if me is None:
        return   # citizens get their own help
    lang = messages.language(context.args[0] if context.args else me.language)
    await _send(context.bot, update.effective_chat.id, [guide_reply(me, lang)])
    raise ApplicationHandlerStop


# ---- practice ----------------------------------------------------------------------------------

def practice_cards(officer_id: int, items: list, lang: str) -> list[Reply]:
    """Each practice ticket still to do as an officer's card (real buttons), marked, with its tip."""
    cards = []
    for item in items:
        view = service.get_ticket(item.number, officer=officer_id)
        card = ticket_card(view, lang)
        text = f"[{render('training.practice_label', lang)}]\n{card.text}\n\n{practice.tip_before(item, lang)}"
        cards.append(Reply(text, card.buttons))
    return cards


async def _practice(bot, chat_id: int, me, lang: str) -> None:
    if me.role != "officer" or not me.level:
        await bot.send_message(chat_id, render("training.practice_not_for_dm", lang))
        return
    try:
        progress = await asyncio.to_thread(practice.start_or_continue, me.id)
    except HelplineError as err:
        await bot.send_message(chat_id, err.text(lang))
        return
    intro = (render("training.practice_intro", lang, round=progress.round_no, count=len(progress.items))
             if progress.started_now else
             render("training.practice_continue", lang, round=progress.round_no, left=len(progress.left)))
    cards = await asyncio.to_thread(practice_cards, me.id, progress.left, lang)
    await _send(bot, chat_id, [Reply(intro)] + cards)


async def practice_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/practice: start or continue a round; /practice clear: archive the practice tickets."""
    me = await _me(update)
    if me is None:
        return
    lang = messages.language(me.language)
    if context.args and context.args[0].strip().lower() in ("clear", "हटाएँ", "हटाएं"):
        count = await asyncio.to_thread(practice.clear, me.id)
        await update.effective_message.reply_text(render("training.practice_cleared", lang, count=count))
    else:
        await _practice(context.bot, update.effective_chat.id, me, lang)
    raise ApplicationHandlerStop


async def practice_tips(bot, chat_id: int, officer_id: int, lang: str, number: str, action: str,
                        details: dict) -> None:
    """After an action on a practice ticket: how it went, and what is left of the round."""
    tips = await asyncio.to_thread(practice.tip_after, number, action, officer_id, lang=lang,
                                   note=details.get("note"), reason=details.get("reason"),
                                   to_department=details.get("to_department"))
    if tips:
        await bot.send_message(chat_id, "\n\n".join(tips))


# ---- readiness ---------------------------------------------------------------------------------

def readiness_text(view: readiness.Readiness, lang: str) -> str:
    """The district's readiness: the header, the posts not ready, the officers idle for 30 days."""
    d = reference.district(view.district)
    date = view.as_of.astimezone(clock.local_zone()).date().isoformat()
    lines = [render("training.readiness_header", lang, district=d.name(lang) if d else view.district, date=date,
                    posts=len(view.posts), linked=view.linked, practised=view.practised)]
    if view.not_ready:
        lines.append("\n" + render("training.readiness_not_ready", lang, count=len(view.not_ready)))
        for p in view.not_ready:
            code = "training.readiness_vacant" if p.officer_id is None else "training.readiness_unlinked"
            lines.append(render(code, lang, post=p.post, name=p.name))
    else:
        lines.append("\n" + render("training.readiness_all_linked", lang))
    if view.idle:
        lines.append("\n" + render("training.readiness_idle", lang, days=readiness.IDLE_DAYS, count=len(view.idle)))
        for p in view.idle:
            last = (p.last_activity.astimezone(clock.local_zone()).date().isoformat() if p.last_activity
                    else render("training.never", lang))
            lines.append(render("training.readiness_idle_line", lang, post=p.post, name=p.name, last=last))
    return "\n".join(lines)


async def readiness_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/readiness: only the DM and the district helpline in-charge."""
    me = await _me(update)
    if me is None:
        return
    lang = messages.language(me.language)
    try:
        view = await asyncio.to_thread(readiness.readiness_for, me.id)
    except HelplineError as err:
        await update.effective_message.reply_text(err.text(lang))
        raise ApplicationHandlerStop
    await _send(context.bot, update.effective_chat.id, [Reply(readiness_text(view, lang))])
    raise ApplicationHandlerStop


def register(app: Application) -> None:
    """Group 0, beside the officer handlers; each stops the update once it is an officer's."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("help", help_command, filters=private), 0)
    app.add_handler(CommandHandler("practice", practice_command, filters=private), 0)
    app.add_handler(CommandHandler("readiness", readiness_command, filters=private), 0)
    app.add_handler(CallbackQueryHandler(on_guide_button, pattern=r"^g:"), 0)
