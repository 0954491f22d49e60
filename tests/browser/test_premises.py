"""Booking the meeting room on a phone: a verified resident in Boden opens the premises from
the area page, books an hour next week and sees it confirmed. Every page passes axe-core,
fits a 360 px phone and is clean under the CSP."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_page, choose_language, sign_in_from_try

pytestmark = pytest.mark.browser

RESIDENT = "Amina Hassan"
ROOM = "Mötesplatsen, möteslokalen"
HOLIDAYS = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1), (1, 6)}


def free_weekday() -> date:
    """A weekday at least two days ahead that is not a holiday (the room is open 09–21)."""
    day = date.today() + timedelta(days=2)
    while day.weekday() > 4 or (day.month, day.day) in HOLIDAYS:
        day += timedelta(days=1)
    return day


def test_resident_books_the_meeting_room_and_sees_it_confirmed(watched):
    page, watcher = watched
    sign_in_from_try(page, RESIDENT)
    choose_language(page, "Svenska", "sv")
    check_page(page, watcher, "/areas/boden", "sv")
    page.locator('a[href="/areas/boden/premises"]').click()
    expect(page).to_have_url(re.compile(r"/areas/boden/premises$"))
    check_page(page, watcher, "/areas/boden/premises", "sv")
    page.get_by_role("link", name=ROOM).click()
    expect(page.locator("h1")).to_have_text(ROOM)
    room_path = re.sub(r"^https?://[^/]+", "", page.url)
    check_page(page, watcher, room_path, "sv")
    expect(page.locator(".week .day")).to_have_count(7)

    page.locator(f'a[href="{room_path}/book"]').click()
    check_page(page, watcher, f"{room_path}/book", "sv")
    day = free_weekday()
    page.locator("#purpose").fill("Föräldramöte")
    page.locator("#day").fill(day.isoformat())
    page.locator("#start").fill("10:00")
    page.locator("#end").fill("11:30")
    page.locator("#people").fill("8")
    page.locator("form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/bookings/mine$"))
    expect(page.locator(".flash")).to_have_count(1)
    card = page.locator("li").filter(has_text="Föräldramöte")
    expect(card.locator(".badge.ok")).to_have_count(1)
    check_page(page, watcher, "/bookings/mine", "sv")

    # The week calendar shows the time as the resident's own booking.
    check_page(page, watcher, f"{room_path}?week={day.isoformat()}", "sv")
    expect(page.locator(".slot.taken").filter(has_text="10:00")).to_have_count(1)

    # The same pages read right to left in Arabic and still fit the phone.
    choose_language(page, "العربية", "ar")
    for path in ("/areas/boden/premises", f"{room_path}?week={day.isoformat()}", "/bookings/mine"):
        check_page(page, watcher, path, "ar")
