"""``rahai referrals_check_sla``: alert once per overdue referral (run it from cron)."""

from django.core.management.base import BaseCommand

from rahai.committees.overdue import check_overdue_actions
from rahai.justice.reminders import remind_hearings
from rahai.referrals.sla import check_sla


class Command(BaseCommand):
    help = (
        "Notify (in the app and by email) about referrals waiting too long for an answer or "
        "past their due date. Idempotent: one alert per overdue referral. Run every 5-15 "
        "minutes from cron."
    )

    def handle(self, *args, **options):
        result = check_sla()
        self.stdout.write(
            f"{result.overdue_answers} referral(s) overdue for an answer, "
            f"{result.overdue_services} past their due date: alerted."
        )
        self.stdout.write(f"{check_overdue_actions()} committee action item(s) overdue: alerted.")
        self.stdout.write(f"{remind_hearings()} court hearing(s) tomorrow: reminded.")
