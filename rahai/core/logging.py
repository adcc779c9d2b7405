"""A logging filter that keeps request data and arguments out of log records."""

import logging
import re

_DIGITS = re.compile(r"\d{7,}")


class ScrubPersonalData(logging.Filter):
    """Drop the request object and mask long digit runs (CNICs, phones) in messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        if record.args:
            record.msg = _DIGITS.sub("[number]", str(record.msg) % record.args)
            record.args = None
        else:
            record.msg = _DIGITS.sub("[number]", str(record.msg))
        return True
