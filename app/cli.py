"""Command-line tasks: ``flask --app app create-admin | seed-demo | login-link | send-outbox |
send-reminders | expire-offers | count-results | worker`` and the others below."""

import click
from flask import current_app, url_for

from app.auth import services as auth
from app.demo.loader import seed_demo
from app.extensions import db


def register_cli(app) -> None:
    @app.cli.command("create-admin")
    @click.option("--name", prompt="Display name")
    @click.option("--address", prompt="Email or mobile number")
    def create_admin(name: str, address: str) -> None:
        """Create an admin (or make an existing person admin)."""
        try:
            normalized = auth.normalize_address(address)
        except auth.InvalidAddress as error:
            raise click.BadParameter(str(error), param_hint="--address") from error
        person = auth.find_person(normalized)
        if person is None:
            person = auth.create_person(normalized, name.strip()[:60], "sv", None)
        person.is_admin = True
        db.session.commit()
        click.echo(f"Admin: {person.display_name} <{normalized}>")

    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load the demo areas and people (idempotent)."""
        seed_demo()
        click.echo("Demo data loaded.")

    @app.cli.command("page-weight")
    @click.argument("paths", nargs=-1)
    def page_weight_command(paths: tuple[str, ...]) -> None:
        """Print gzip bytes of HTML + CSS for each path (default: home and sign-in)."""
        from app.budgets import PAGE_BUDGET, page_weight

        for path in paths or ("/", "/sign-in"):
            weight = page_weight(current_app, path)
            click.echo(
                f"{path}: HTML {weight['html']} B + CSS {weight['css']} B = "
                f"{weight['total']} B gzip (budget {PAGE_BUDGET} B)"
            )

    @app.cli.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False))
    def backup_command(target: str) -> None:
        """Write the database and the uploaded images to one .tar.gz file."""
        from pathlib import Path

        from app import backups
        from app.extensions import db

        db.session.remove()
        click.echo(f"Backup written: {backups.backup(Path(target))}")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    def restore_command(source: str) -> None:
        """Restore a backup into an empty database, and its images."""
        from pathlib import Path

        from app import backups

        backups.restore(Path(source))
        click.echo(f"Restored from {source}")

    @app.cli.command("worker")
    def worker_command() -> None:
        """Run the background worker: the outbox continuously, every other task on its
        schedule (reminders, offers, guardian holds, follow-ups, retention), until SIGTERM."""
        import logging

        from app import worker

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        # Our own line per task run says what APScheduler's two per run would, and more.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        worker.run(current_app._get_current_object())

    @app.cli.command("send-outbox")
    @click.option("--batch-size", default=100, show_default=True, help="Notices per batch.")
    def send_outbox_command(batch_size: int) -> None:
        """Deliver queued notices by email or SMS, each in the person's language."""
        from app.notifications.outbox import deliver_outbox

        click.echo(deliver_outbox(batch_size).summary())

    @app.cli.command("expire-offers")
    def expire_offers_command() -> None:
        """Pass offers not confirmed in time (activities and shifts) on to the next in line."""
        from app.activities.offers import expire_all_offers
        from app.shifts.services import expire_offers as expire_shift_offers

        click.echo(f"Expired offers: {expire_all_offers() + expire_shift_offers()}")

    @app.cli.command("expire-guardian-holds")
    def expire_guardian_holds_command() -> None:
        """Cancel shift sign-ups whose guardian did not answer within 72 hours."""
        from app.shifts.guardians import expire_holds

        click.echo(f"Expired holds: {expire_holds()}")

    @app.cli.command("delete-expired-enrolments")
    def delete_expired_enrolments_command() -> None:
        """Delete programme outcomes and unlink participants once the retention period ends."""
        from app.programmes.services import delete_expired

        click.echo(f"Enrolments past their retention period: {delete_expired()}")

    @app.cli.command("send-reminders")
    def send_reminders_command() -> None:
        """Queue a reminder for everyone confirmed for an activity or a shift starting tomorrow."""
        from app.activities.reminders import queue_reminders
        from app.shifts.services import queue_reminders as queue_shift_reminders

        click.echo(f"Reminders queued: {queue_reminders() + queue_shift_reminders()}")

    @app.cli.command("send-agreement-follow-ups")
    def send_agreement_follow_ups_command() -> None:
        """Remind leaders and partners of indicators without a measurement for a period."""
        from app.agreements.services import queue_follow_ups

        click.echo(f"Follow-up notices queued: {queue_follow_ups()}")

    @app.cli.command("count-results")
    def count_results_command() -> None:
        """Count every results page afresh (activities, participants, computed indicators)."""
        from app.results.services import refresh_summaries

        click.echo(f"Results pages counted: {refresh_summaries()}")

    @app.cli.command("login-link")
    @click.argument("address")
    def login_link(address: str) -> None:
        """Print a single-use sign-in link, valid 15 minutes."""
        try:
            person = auth.find_person(auth.normalize_address(address))
        except auth.InvalidAddress as error:
            raise click.BadParameter(str(error), param_hint="ADDRESS") from error
        if person is None or not person.is_active:
            raise click.ClickException(f"No account for {address}.")
        token = auth.create_login_link(person)
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            click.echo(url_for("auth.sign_in_link", token=token, _external=True))
