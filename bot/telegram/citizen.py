"""Citizens on Telegram: every message goes to Rasa through the relay; replies come back as chats.

Text and button presses are relayed as they are; a location, photo (its caption, if any) or the
citizen's own contact (phone and name, from the "share contact" button the name question shows) is
relayed as an empty message carrying the data in the metadata, which is how the complaint form
(actions/) reads them.
Stickers, voice notes, documents and edited messages get a short polite answer.
"""
from __future__ import annotations

import asyncio
import re

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler,
                          ContextTypes, MessageHandler, TypeHandler, filters)

from bot import inbound
from bot.channel import Reply, guess_language, render
from bot.relay import SHARED_ITEM_TEXT, Relay
from bot.telegram.adapter import CHANNEL, TelegramChannel, save_photo, tokens
from helpline import reference, service

SHARE_LOCATION = SHARE_PHOTO = SHARE_CONTACT = SHARED_ITEM_TEXT
TICKET_NUMBER = re.compile(r"^[A-Za-z]{2,6}-\d{4}-\d{1,9}$")


def _relay(context: ContextTypes.DEFAULT_TYPE) -> Relay:
    return context.application.bot_data["relay"]


def _lang(update: Update) -> str:
    msg = update.effective_message
    user = update.effective_user
    text = (msg.text or msg.caption) if msg else None
    return guess_language(text, user.language_code if user else None)


async def drop_duplicates(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop any update whose update_id was already handled (by this or another replica)."""
    if not await asyncio.to_thread(inbound.claim, CHANNEL, update.update_id):
        raise ApplicationHandlerStop


async def relay_and_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str,
                           **metadata) -> None:
    """Relay one message for this chat and send Rasa's replies back."""
    chat_id = update.effective_chat.id
    user = update.effective_user
    metadata.setdefault("language", guess_language(text, user.language_code if user else None))
    channel = TelegramChannel(context.bot)

    async def please_wait(reply: Reply) -> None:
        await channel.send(chat_id, [reply])

    replies = await _relay(context).relay(CHANNEL, str(chat_id), text, metadata, on_slow=please_wait)
    await channel.send(chat_id, replies)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A citizen's typed message."""
    await relay_and_answer(update, context, update.effective_message.text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed button of a Rasa reply: its payload goes back to Rasa."""
    query = update.callback_query
    payload = tokens.payload_for(query)
    await query.answer()
    try:   # the choice is made: take the keyboard away so it is not pressed twice
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError:
        pass
    if payload:
        await relay_and_answer(update, context, payload)


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    loc = update.effective_message.location
    if not (-90 <= loc.latitude <= 90 and -180 <= loc.longitude <= 180):
        await update.effective_message.reply_text(render("error.invalid_location", _lang(update)))
        return
    await relay_and_answer(update, context, SHARE_LOCATION,
                           location={"lat": loc.latitude, "lon": loc.longitude})


async def on_photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    msg = update.effective_message
    largest = msg.photo[-1]
    photo = await save_photo(context.bot, largest.file_id, largest.file_unique_id)
    await relay_and_answer(update, context, msg.caption or SHARE_PHOTO, photo=photo)


async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Only the sender's own contact is a verified phone number."""
    contact = update.effective_message.contact
    if contact.user_id is None or contact.user_id != update.effective_user.id:
        await update.effective_message.reply_text(render("bot.contact_not_own", _lang(update)))
        return
    name = " ".join(n.strip() for n in (contact.first_name, contact.last_name) if n and n.strip())
    await relay_and_answer(update, context, SHARE_CONTACT, phone=contact.phone_number, name=name)


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, voice notes, documents, videos: a polite note on what we can read."""
    await update.effective_message.reply_text(render("bot.unsupported", _lang(update)))


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(update.effective_chat.id, render("bot.edited", _lang(update)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other command (officer commands from a non-officer included): the citizen's help."""
    await update.effective_message.reply_text(render("bot.help", _lang(update)))


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: Rasa greets the citizen (and may ask for a language)."""
    await relay_and_answer(update, context, "/greet")


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(render("bot.help", _lang(update)))


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await relay_and_answer(update, context, "/change_language")


def _status_line(ticket, lang: str) -> str:
    dept = reference.department(ticket.department)
    name = (dept.name_hi if lang == "hi" else dept.name_en) if dept else ticket.department
    return render("bot.status", lang, number=ticket.number, department=name,
                  state=render(f"state.{ticket.state}", lang), level=f" ({ticket.level})")


async def status_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/status NUMBER: the citizen's own ticket only; another's number reads as not found."""
    lang = _lang(update)
    number = (context.args[0] if context.args else "").strip().upper()
    if not TICKET_NUMBER.match(number):
        await update.effective_message.reply_text(render("bot.status_usage", lang))
        return
    ticket = await asyncio.to_thread(service.citizen_ticket, number, channel=CHANNEL,
                                     channel_user_id=str(update.effective_chat.id))
    if ticket is None:
        await update.effective_message.reply_text(render("error.ticket_not_found", lang, number=number))
        return
    await update.effective_message.reply_text(_status_line(ticket, lang))


async def my_complaints(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = _lang(update)
    tickets = await asyncio.to_thread(service.citizen_tickets, channel=CHANNEL,
                                      channel_user_id=str(update.effective_chat.id))
    if not tickets:
        await update.effective_message.reply_text(render("bot.no_complaints", lang))
        return
    lines = [render("bot.my_complaints", lang)] + [_status_line(t, lang) for t in tickets]
    await TelegramChannel(context.bot).send(update.effective_chat.id, [Reply("\n".join(lines))])


def register(app: Application, dedupe: bool = True) -> None:
    """Citizen handlers (group 1, after the officer handlers of group 0).

    `dedupe=False` in webhook mode: the durable intake (bot/inbound.IntakeLoop) already de-duplicated
    the update when it was accepted, and a retry after a crash must not be dropped as a repeat.
    """
    private = filters.ChatType.PRIVATE
    if dedupe:
        app.add_handler(TypeHandler(Update, drop_duplicates), group=-1)
    group = 1
    app.add_handler(MessageHandler(private & filters.UpdateType.EDITED, on_edited), group)
    app.add_handler(CommandHandler("start", start, filters=private), group)
    app.add_handler(CommandHandler("help", help_command, filters=private), group)
    app.add_handler(CommandHandler("status", status_command, filters=private), group)
    app.add_handler(CommandHandler("mycomplaints", my_complaints, filters=private), group)
    app.add_handler(CommandHandler("language", language_command, filters=private), group)
    app.add_handler(CallbackQueryHandler(on_button), group)
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_text), group)
    app.add_handler(MessageHandler(private & filters.LOCATION, on_location), group)
    app.add_handler(MessageHandler(private & filters.PHOTO, on_photo), group)
    app.add_handler(MessageHandler(private & filters.CONTACT, on_contact), group)
    app.add_handler(MessageHandler(private & filters.COMMAND, unknown_command), group)
    app.add_handler(MessageHandler(private & ~filters.UpdateType.EDITED, on_unsupported), group)
