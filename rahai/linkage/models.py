"""Linkage results kept in the database: runs, candidate pairs, review decisions, identities.

Nothing here holds a name or an identifier in clear: candidates and decisions point at persons,
evidence is a list of comparison names, level labels and weights.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from rahai.people.models import Person


class LinkRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    progress = models.PositiveSmallIntegerField(default=0, help_text=_("percent done"))
    message = models.CharField(max_length=200, blank=True)
    model_version = models.CharField(max_length=40)
    threshold = models.FloatField()
    persons = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    clusters = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("linkage run")


class MatchCandidate(models.Model):
    """Two persons the model thinks may be one, waiting for review (person_a.id < person_b.id)."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    evidence = models.JSONField(default=list)
    run = models.ForeignKey(
        LinkRun, on_delete=models.SET_NULL, null=True, related_name="candidates"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="unique_match_candidate"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="match_candidate_ordered"
            ),
        ]
        ordering = ["-probability"]
        verbose_name = _("possible match")


class Verdict(models.TextChoices):
    SAME = "same", _("Same person")
    DIFFERENT = "different", _("Different people")


class MatchDecision(models.Model):
    """A reviewer's word on two persons; every later run keeps to it."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="unique_match_decision"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="match_decision_ordered"
            ),
        ]
        verbose_name = _("match decision")


class PersonIdentity(models.Model):
    """The identity (cluster) a person belongs to after the last run: persons with one
    ``identity`` value are taken to be one human being."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    identity = models.BigIntegerField(
        db_index=True, help_text=_("smallest person id in the cluster")
    )
    run = models.ForeignKey(LinkRun, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("linked identity")


class NameFrequency(models.Model):
    """How many persons carried a name value at the last run, for the term-frequency
    adjustment of the check at entry. ``digest`` is a keyed digest of the value (never the
    name itself); ``frequencies.TOTAL`` holds the column's total."""

    column = models.CharField(max_length=32)
    digest = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["column", "digest"], name="unique_name_frequency")
        ]
        verbose_name = _("name frequency")
