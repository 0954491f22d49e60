"""Residents' texts translated on demand: offered honestly, cached, invalidated, forgotten,
failing harmlessly, within the area's and the server's choices."""

import re

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.ideas import services as ideas
from app.models import AuditEntry, Category, Comment, HideReason, Idea, IdeaStatus, Role
from app.models.translations import Translation
from app.moderation import services as moderation
from app.translations import services
from tests.conftest import give_role, make_person, post, sign_in_as
from tests.translation_server import KEY, SLOW, TranslationServer

TITLE = "ملعب للأطفال"
TEXT = "نريد ملعبًا قرب المدرسة.\n\nيمكن للجيران المساعدة في البناء."
HTMX = {"HX-Request": "true"}


@pytest.fixture
def service(app):
    with TranslationServer("libretranslate") as server:
        app.config.update(
            TRANSLATE_BACKEND="libretranslate",
            TRANSLATE_URL=server.url,
            TRANSLATE_API_KEY=KEY,
            TRANSLATE_TIMEOUT=SLOW / 2,  # ample for a loaded 2-core CI machine
        )
        yield server


@pytest.fixture
def idea(area, resident):
    area.translation = True
    made = ideas.propose(area, resident, TITLE, TEXT, Category.CULTURE_LEISURE, "ar")
    ideas.change_status(made, IdeaStatus.PUBLISHED)
    db.session.commit()
    return made


def rows():
    return db.session.scalars(sa.select(Translation).order_by(Translation.field)).all()


def test_with_nothing_set_nothing_is_offered_or_sent(app, client, idea):
    app.config["TRANSLATE_BACKEND"] = "none"
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Translate to" not in page
    assert client.get(f"/translations/idea/{idea.id}?to=en").status_code == 404
    assert rows() == []


def test_translated_in_place_with_htmx_and_said_to_be_machine_translated(client, idea, service):
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Translate to English" in page
    response = client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert f'id="words-idea-{idea.id}"' in fragment
    assert re.search(
        r'<div class="text" id="words-idea-\d+-text" lang="en" dir="ltr">\[en\] نريد', fragment
    )
    assert (
        f'<h1 id="idea-{idea.id}-title" hx-swap-oob="true" lang="en" dir="ltr">[en] {TITLE}'
        in fragment
    )
    assert "Machine translated from Arabic" in fragment and "Show original" in fragment
    assert f'hx-get="/translations/idea/{idea.id}?to=ar"' in fragment
    # the original, one tap away
    back = client.get(f"/translations/idea/{idea.id}?to=ar", headers=HTMX).get_data(as_text=True)
    assert 'lang="ar" dir="auto"' in back and "Translate to English" in back
    # only the text and its languages were sent
    assert [body for _, _, body in service.requests] == [
        {"q": TITLE, "source": "ar", "target": "en", "format": "text", "api_key": KEY},
        {"q": TEXT, "source": "ar", "target": "en", "format": "text", "api_key": KEY},
    ]


def test_without_javascript_the_link_opens_a_page_with_the_way_back(client, idea, service):
    response = client.get(f"/translations/idea/{idea.id}?to=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"[en] {TITLE}" in page and "<!doctype html>" in page.lower()
    assert f'href="/ideas/{idea.id}"' in page and "Show original" in page


def test_made_once_then_kept_and_made_anew_when_the_text_changes(client, idea, service):
    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert len(service.requests) == 2  # title and text, once
    assert [(r.field, r.language, r.source_language) for r in rows()] == [
        ("text", "en", "ar"),
        ("title", "en", "ar"),
    ]
    db.session.get(Idea, idea.id).text = "نص جديد"
    db.session.commit()
    fragment = client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX).get_data(
        as_text=True
    )
    assert "[en] نص جديد" in fragment
    assert len(service.requests) == 3  # only the changed field
    assert [r.text for r in rows()] == ["[en] نص جديد", f"[en] {TITLE}"]


@pytest.mark.parametrize("mode", ["error", "garbage", "empty", "slow"])
def test_a_failing_service_leaves_the_original_and_keeps_nothing(client, idea, service, mode):
    service.mode = mode
    for headers in (HTMX, {}):
        response = client.get(f"/translations/idea/{idea.id}?to=en", headers=headers)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "The translation is not available now. Here is the original." in page
        assert TEXT.split("\n")[0] in page
    assert rows() == []


def test_bad_requests_are_clear_4xx(client, idea, service, area, resident):
    response = client.get(f"/translations/idea/{idea.id}?to=xx")
    assert response.status_code == 400
    assert "Choose one of the languages" in response.get_data(as_text=True)
    assert client.get(f"/translations/idea/{idea.id}").status_code == 400
    assert client.get(f"/translations/poll/{idea.id}?to=en").status_code == 404
    assert client.get("/translations/idea/999999?to=en").status_code == 404
    waiting = ideas.propose(area, resident, "Väntar", "Granskas", Category.CULTURE_LEISURE, "sv")
    assert client.get(f"/translations/idea/{waiting.id}?to=en").status_code == 404
    assert service.requests == []


def test_an_area_that_has_not_switched_it_on_offers_nothing(client, idea, service, area):
    area.translation = False
    db.session.commit()
    assert "Translate to" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert client.get(f"/translations/idea/{idea.id}?to=en").status_code == 404
    assert service.requests == []


def test_texts_by_minors_only_when_the_area_allows_it(client, area, service):
    area.translation = True
    young = make_person("Ung Skribent", birth_year=2013)
    give_role(young, area, Role.RESIDENT, verified=True)
    made = ideas.propose(area, young, TITLE, TEXT, Category.CULTURE_LEISURE, "ar")
    ideas.change_status(made, IdeaStatus.PUBLISHED)
    db.session.commit()
    assert "Translate to" not in client.get(f"/ideas/{made.id}").get_data(as_text=True)
    assert client.get(f"/translations/idea/{made.id}?to=en").status_code == 404
    area.translate_minors = True
    db.session.commit()
    assert "Translate to English" in client.get(f"/ideas/{made.id}").get_data(as_text=True)
    assert client.get(f"/translations/idea/{made.id}?to=en").status_code == 200


def test_comments_translate_and_hidden_ones_are_forgotten(client, idea, service, leader):
    writer = make_person("Hodan", locale="so")
    comment = ideas.add_comment(idea, writer, "Waa fikrad wanaagsan.")
    assert comment.language == "so"  # the writer's own language by default
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'hx-get="/translations/comment/{comment.id}?to=en"' in page
    fragment = client.get(f"/translations/comment/{comment.id}?to=en", headers=HTMX).get_data(
        as_text=True
    )
    assert 'lang="en" dir="ltr">[en] Waa fikrad wanaagsan.</p>' in fragment
    assert "Machine translated from Somali" in fragment
    assert len(rows()) == 1
    moderation.hide_comment(comment, leader, HideReason.OFFENSIVE, "")
    assert rows() == []
    assert client.get(f"/translations/comment/{comment.id}?to=en").status_code == 404


def test_hiding_or_deleting_the_idea_deletes_its_translations(client, idea, service):
    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert len(rows()) == 2
    ideas.change_status(db.session.get(Idea, idea.id), IdeaStatus.HIDDEN, "Personuppgifter")
    db.session.commit()
    assert rows() == []
    ideas.change_status(db.session.get(Idea, idea.id), IdeaStatus.PUBLISHED)
    db.session.commit()
    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert len(rows()) == 2
    db.session.delete(db.session.get(Idea, idea.id))
    db.session.commit()
    assert rows() == []


def test_a_simultaneous_translation_of_the_same_text_is_stored_once(
    client, idea, service, monkeypatch
):
    """Someone else stores the translation while ours is being made: theirs is kept."""
    made = services.translation.translate

    def slow_and_overtaken(text, source, target):
        result = made(text, source, target)
        if not rows():
            with db.engine.begin() as other:
                for field, value in (("title", "theirs"), ("text", "theirs too")):
                    other.execute(
                        sa.insert(Translation).values(
                            subject=f"idea:{idea.id}",
                            field=field,
                            language=target,
                            source_language=source,
                            text=value,
                            idea_id=idea.id,
                            source_hash=services.source_hash(
                                source, TITLE if field == "title" else TEXT
                            ),
                            created_at=sa.func.now(),
                        )
                    )
        return result

    monkeypatch.setattr(services.translation, "translate", slow_and_overtaken)
    response = client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert response.status_code == 200
    assert "theirs too" in response.get_data(as_text=True)
    assert len(rows()) == 2


def test_translate_requests_are_limited_per_person(make_app, idea, service, resident):
    limited = make_app(
        RATELIMIT_ENABLED=True,
        LIMIT_TRANSLATE="2 per hour",
        **{
            "TRANSLATE_BACKEND": "libretranslate",
            "TRANSLATE_URL": service.url,
            "TRANSLATE_API_KEY": KEY,
        },
    )
    browser = limited.test_client()
    sign_in_as(browser, resident)
    path = f"/translations/idea/{idea.id}?to=en"
    assert [browser.get(path).status_code for _ in range(3)] == [200, 200, 429]
    other = limited.test_client()
    sign_in_as(other, make_person("Someone else"))
    assert other.get(path).status_code == 200


def test_only_the_areas_leaders_switch_translation(client, area, other_area, leader, resident):
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/translation").status_code == 403
    assert post(client, f"/areas/{area.slug}/translation", {"translation": "y"}).status_code == 403
    stranger = make_person("Leader elsewhere")
    give_role(stranger, other_area, Role.LEADER)
    sign_in_as(client, stranger)
    assert post(client, f"/areas/{area.slug}/translation", {"translation": "y"}).status_code == 403
    assert db.session.get(type(area), area.id).translation is False
    sign_in_as(client, leader)
    page = client.get(f"/areas/{area.slug}/translation").get_data(as_text=True)
    assert "no translation service set up" in page
    response = post(
        client, f"/areas/{area.slug}/translation", {"translation": "y", "translate_minors": "y"}
    )
    assert response.status_code == 302
    saved = db.session.get(type(area), area.id)
    assert (saved.translation, saved.translate_minors) == (True, True)
    post(client, f"/areas/{area.slug}/translation", {"translate_minors": "y"})
    saved = db.session.get(type(area), area.id)
    assert (saved.translation, saved.translate_minors) == (False, False)  # minors need it on
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert actions.count("area_translation") == 2


def test_the_writer_chooses_and_corrects_a_comments_language(client, idea, resident):
    sign_in_as(client, resident)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Written in English" in page  # the writer's own language, changeable
    post(client, f"/ideas/{idea.id}/comments", {"text": "Bra idé", "language": "sv"})
    comment = db.session.scalar(sa.select(Comment))
    assert comment.language == "sv"
    response = post(client, f"/ideas/{idea.id}/comments", {"text": "x", "language": "xx"})
    assert response.status_code == 422
    post(client, f"/comments/{comment.id}/edit", {"text": "Bra idé!", "language": "en"})
    assert db.session.get(Comment, comment.id).language == "en"


def test_the_privacy_page_says_what_is_sent_where(app, client, service):
    page = client.get("/privacy").get_data(as_text=True)
    assert "LibreTranslate (127.0.0.1)" in page and "the text alone" in page
    app.config["TRANSLATE_BACKEND"] = "none"
    page = client.get("/privacy").get_data(as_text=True)
    assert "Machine translation is switched off on this server" in page


def _correct(client, idea, data, to="en"):
    return post(client, f"/translations/idea/{idea.id}/correct?to={to}", data)


def test_a_leader_corrects_a_translation_and_the_writer_is_told(
    client, idea, service, leader, resident
):
    from app.models import Notification, NotificationKind

    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    sign_in_as(client, leader)
    fragment = client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX).get_data(
        as_text=True
    )
    assert f'href="/translations/idea/{idea.id}/correct?to=en"' in fragment
    form = client.get(f"/translations/idea/{idea.id}/correct?to=en").get_data(as_text=True)
    assert f"[en] {TITLE}" in form and 'lang="en"' in form
    response = _correct(client, idea, {"title": "A playground", "text": "We want a playground."})
    assert response.status_code == 302
    shown = client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX).get_data(as_text=True)
    assert "We want a playground." in shown
    assert "Translated from Arabic, corrected by a process leader" in shown
    assert len(service.requests) == 2  # the correction is kept over the machine's
    (notice,) = db.session.scalars(
        sa.select(Notification).where(Notification.kind == NotificationKind.TRANSLATION_CORRECTED)
    ).all()
    assert notice.person_id == resident.id
    assert notice.kind is NotificationKind.TRANSLATION_CORRECTED and notice.detail == "idea:en"
    # once the text changes, the correction no longer matches it and the machine's comes back
    db.session.get(Idea, idea.id).text = "نص جديد"
    db.session.commit()
    shown = client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX).get_data(as_text=True)
    assert "[en] نص جديد" in shown and "Machine translated from Arabic" not in shown
    assert "corrected by a process leader" in shown  # the title's correction still stands


def test_the_writer_corrects_their_own_and_nobody_else_can(
    client, idea, service, resident, other_area
):
    from app.models import Notification, NotificationKind

    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    for someone in (make_person("A neighbour"), make_person("Leader elsewhere")):
        if someone.display_name == "Leader elsewhere":
            give_role(someone, other_area, Role.LEADER)
        sign_in_as(client, someone)
        assert client.get(f"/translations/idea/{idea.id}/correct?to=en").status_code == 403
        assert _correct(client, idea, {"title": "x", "text": "y"}).status_code == 403
    sign_in_as(client, resident)
    assert _correct(client, idea, {"title": "Playground", "text": ""}).status_code == 422
    assert (
        _correct(client, idea, {"title": "Playground", "text": "By the school."}).status_code == 302
    )
    shown = client.get(f"/translations/idea/{idea.id}?to=en").get_data(as_text=True)
    assert "By the school." in shown and "corrected by the writer" in shown
    corrected = Notification.kind == NotificationKind.TRANSLATION_CORRECTED
    assert db.session.scalars(sa.select(Notification).where(corrected)).all() == []
    assert {r.corrected_by_role for r in rows()} == {"writer"}


def test_nothing_to_correct_when_the_service_is_down(client, idea, service, resident):
    service.mode = "error"
    sign_in_as(client, resident)
    assert client.get(f"/translations/idea/{idea.id}/correct?to=en").status_code == 409
    assert client.get(f"/translations/idea/{idea.id}/correct?to=ar").status_code == 404


def test_an_activitys_description_knows_its_language_and_translates(client, area, leader, service):
    from app.models import Activity
    from tests.activities.factories import form_data

    area.translation = True
    db.session.commit()
    sign_in_as(client, leader)
    form = client.get("/areas/boden/activities/new").get_data(as_text=True)
    assert re.search(
        r'<option lang="en" selected value="en">|<option[^>]*value="en"[^>]*selected', form
    )
    assert (
        post(
            client,
            "/areas/boden/activities/new",
            form_data(description="Fika och spel", language="xx"),
        ).status_code
        == 422
    )
    response = post(
        client, "/areas/boden/activities/new", form_data(description="Fika och spel", language="sv")
    )
    assert response.status_code == 302
    activity = db.session.scalar(sa.select(Activity))
    assert activity.language == "sv"
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert f'hx-get="/translations/activity/{activity.id}?to=en"' in page
    assert 'lang="sv" dir="auto">Fika och spel</p>' in page
    fragment = client.get(f"/translations/activity/{activity.id}?to=en", headers=HTMX).get_data(
        as_text=True
    )
    assert 'lang="en" dir="ltr">[en] Fika och spel</p>' in fragment
    assert "Machine translated from Swedish" in fragment
    page = client.get(f"/translations/activity/{activity.id}?to=en").get_data(as_text=True)
    assert "Back to the activity" in page and f'href="/activities/{activity.id}"' in page
    db.session.delete(db.session.get(Activity, activity.id))
    db.session.commit()
    assert rows() == []


def test_an_associations_purpose_and_description_translate(client, area, resident, service):
    from app.associations import description, founding
    from app.models.associations import Association, AssociationKind

    area.translation = True
    db.session.commit()
    sign_in_as(client, resident)
    association = founding.start(
        area,
        resident,
        founding.Start(kind=AssociationKind.NONPROFIT, name="Gårdsföreningen", purpose="Odla ihop"),
    )
    assert association.language == resident.locale  # the founder's own language: "en"
    description.describe(association, resident, "Vi ses på gården.", "sv")
    assert db.session.get(Association, association.id).language == "sv"
    page = client.get(f"/associations/{association.id}").get_data(as_text=True)
    assert f'hx-get="/translations/association/{association.id}?to=en"' in page
    fragment = client.get(
        f"/translations/association/{association.id}?to=en", headers=HTMX
    ).get_data(as_text=True)
    assert "[en] Vi ses på gården." in fragment and "[en] Odla ihop" in fragment
    assert "Purpose" in fragment and "Machine translated from Swedish" in fragment
    response = post(
        client,
        f"/associations/{association.id}/description",
        {"description": "Ny text", "language": "xx"},
    )
    assert response.status_code == 422


def test_a_leader_or_the_writer_corrects_the_language_and_translations_follow(
    client, idea, service, leader, resident, other_area
):
    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert len(service.requests) == 2
    page = client.get(f"/ideas/{idea.id}/moderate")
    assert page.status_code in (302, 401, 403)  # not for visitors
    sign_in_as(client, leader)
    page = client.get(f"/ideas/{idea.id}/moderate").get_data(as_text=True)
    assert f'action="/translations/idea/{idea.id}/language"' in page and "Written in Arabic" in page
    response = post(client, f"/translations/idea/{idea.id}/language", {"language": "fa"})
    assert response.status_code == 302
    assert db.session.get(Idea, idea.id).language == "fa"
    client.get(f"/translations/idea/{idea.id}?to=en", headers=HTMX)
    assert service.requests[-1][2]["source"] == "fa"  # made anew from the right language
    assert (
        post(client, f"/translations/idea/{idea.id}/language", {"language": "xx"}).status_code
        == 422
    )
    stranger = make_person("Leader elsewhere")
    give_role(stranger, other_area, Role.LEADER)
    for someone in (stranger, make_person("A neighbour")):
        sign_in_as(client, someone)
        assert (
            post(client, f"/translations/idea/{idea.id}/language", {"language": "so"}).status_code
            == 403
        )
    sign_in_as(client, resident)  # the writer
    assert (
        post(client, f"/translations/idea/{idea.id}/language", {"language": "ar"}).status_code
        == 302
    )
    assert db.session.get(Idea, idea.id).language == "ar"


def test_a_partners_profile_knows_its_language_and_its_representatives_correct_it(
    client, area, service
):
    from app.models import Partner
    from tests.partners.factories import make_partner, make_rep

    area.translation = True
    partner = make_partner("Röda Korset", areas=[area])
    rep = make_rep(partner, "Rep Röda")
    sign_in_as(client, rep)
    form = {"description": "Läxhjälp", "offers": "Språkcafé på tisdagar", "language": "sv"}
    assert post(client, f"/partners/{partner.id}/profile", form).status_code == 302
    assert db.session.get(Partner, partner.id).language == "sv"
    bad = post(client, f"/partners/{partner.id}/profile", {**form, "language": "xx"})
    assert bad.status_code == 422
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert f'hx-get="/translations/partner/{partner.id}?to=en"' in page
    fragment = client.get(f"/translations/partner/{partner.id}?to=en", headers=HTMX).get_data(
        as_text=True
    )
    assert "[en] Läxhjälp" in fragment and "[en] Språkcafé på tisdagar" in fragment
    assert f"/translations/partner/{partner.id}/correct?to=en" in fragment  # the rep may correct
    form = client.get(f"/translations/partner/{partner.id}/correct?to=en").get_data(as_text=True)
    assert 'name="description"' in form and 'name="offers"' in form
    response = post(
        client,
        f"/translations/partner/{partner.id}/correct?to=en",
        {"description": "Homework help", "offers": ""},
    )
    assert response.status_code == 422
    response = post(
        client,
        f"/translations/partner/{partner.id}/correct?to=en",
        {"description": "Homework help", "offers": "Language café on Tuesdays"},
    )
    assert response.status_code == 302
    shown = client.get(f"/translations/partner/{partner.id}?to=en").get_data(as_text=True)
    assert "Language café on Tuesdays" in shown and "corrected by the writer" in shown


def test_the_language_form_is_where_the_writer_or_a_leader_looks(client, idea, resident, leader):
    sign_in_as(client, resident)  # the writer, on the idea page
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'action="/translations/idea/{idea.id}/language"' in page
    sign_in_as(client, make_person("A neighbour"))
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'action="/translations/idea/{idea.id}/language"' not in page
