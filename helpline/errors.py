"""Errors of the helpline core: each carries a message `code` and params for `messages.render`."""
from __future__ import annotations

from helpline.texts import render


class HelplineError(Exception):
    """Base of every error a person may see; `render(code, lang, **params)` gives the text."""

    code = "error.generic"

    def __init__(self, code: str | None = None, **params: object) -> None:
        self.code = code or type(self).code
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The polite one-line text of this error in `lang` ("hi" or "en")."""
        return render(self.code, lang, **self.params)


class InvalidInput(HelplineError):
    """Input that fails validation (unknown department, district, malformed phone...)."""

    code = "error.invalid_input"


class NotFound(HelplineError):
    """A ticket, officer or post that does not exist (or that the asker may not see)."""

    code = "error.ticket_not_found"


class PermissionDenied(HelplineError):
    """The officer may not read or act on this ticket."""

    code = "error.permission_denied"


class IllegalTransition(HelplineError):
    """The action is not allowed in the ticket's current state or level."""

    code = "error.illegal_transition"


class DailyLimitExceeded(HelplineError):
    """The citizen already filed the day's maximum of new complaints."""

    code = "error.daily_limit"


class OfficerLeft(PermissionDenied, NotFound):
    """An officer who no longer holds the post (a roster change): access is refused at once."""

    code = "error.officer_left"
