from django.db import models


class RateCounter(models.Model):
    """A fixed-window counter for rate limits, shared by every server process.

    The key is a keyed digest (never a raw IP address or phone number).
    """

    key = models.CharField(max_length=64, primary_key=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)
