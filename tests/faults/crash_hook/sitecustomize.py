"""Put on PYTHONPATH of the action server by the fault tests only: filing stops half-way until the test kills it.

When the file named by HELPLINE_FAULT_TRIGGER exists, the first INSERT of a notification outbox row
(the ticket and its "filed" event are already written in the open transaction) writes
"<trigger>.reached" and waits, transaction open, for the test to kill the whole server with SIGKILL.
The trigger is removed first, so it fires once.
"""
import os
import sys
import time

_TRIGGER = os.environ.get("HELPLINE_FAULT_TRIGGER")

if _TRIGGER and sys.version_info >= (3, 12):   # the app runtime only, never the Rasa server
    try:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
    except ImportError:
        pass
    else:
        @event.listens_for(Engine, "before_cursor_execute")
        def _stop_in_the_middle_of_filing(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().upper().startswith("INSERT INTO NOTIFICATION_OUTBOX") and os.path.exists(_TRIGGER):
                os.remove(_TRIGGER)
                with open(_TRIGGER + ".reached", "w") as marker:
                    marker.write(str(os.getpid()))
                time.sleep(300)   # the test kills the process long before this ends
