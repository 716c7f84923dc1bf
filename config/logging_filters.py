"""Keep verification tokens out of every log. A certificate's verification link is a bearer
secret (whoever holds it sees the certificate's status): gunicorn's error log wrote it on a
worker timeout ("Error handling request /xac-minh/<token>/"), Django's "Not Found: …" too.
The filter rewrites the path's token to "[đã ẩn]" in the message, its arguments and the
formatted traceback; used by Django's LOGGING and by gunicorn's (config/gunicorn.conf.py)."""

import logging
import re

TOKEN_PATH = re.compile(r"(/(?:api/v1/verify|xac-minh)/)[^/\s?#\"']+")
REDACTED = r"\1[đã ẩn]"


def redact(text: str) -> str:
    return TOKEN_PATH.sub(REDACTED, text)


class RedactVerificationTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record: leave it to the handler to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
