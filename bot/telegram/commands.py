"""The command menus Telegram shows: citizens everywhere; officers and the DM in their own chats."""
from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat

CITIZEN_COMMANDS = [("start", "शुरू करें / Start"), ("help", "सहायता / Help"),
                    ("status", "शिकायत की स्थिति / Complaint status"),
                    ("mycomplaints", "मेरी शिकायतें / My complaints"), ("language", "भाषा / Language")]
OFFICER_COMMANDS = [("mytickets", "मेरी लंबित शिकायतें / My pending tickets"),
                    ("ticket", "शिकायत देखें / Show a ticket"),
                    ("practice", "अभ्यास / Practice round")]
DM_COMMANDS = [("district", "ज़िले की स्थिति / District picture"),
               ("readiness", "पदों की तैयारी / Readiness of posts")]


async def citizen_commands(bot: Bot) -> None:
    """The default menu: the citizen commands."""
    await bot.set_my_commands([BotCommand(c, d) for c, d in CITIZEN_COMMANDS])


async def officer_commands_for(bot: Bot, chat_id: int, is_dm: bool) -> None:
    """Show officer commands in this chat only; everyone else sees the citizen list."""
    commands = CITIZEN_COMMANDS + OFFICER_COMMANDS + (DM_COMMANDS if is_dm else [])
    await bot.set_my_commands([BotCommand(c, d) for c, d in commands], scope=BotCommandScopeChat(chat_id))
