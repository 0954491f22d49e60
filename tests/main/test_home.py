from tests.conftest import sign_in_as


def test_home_lists_areas(app, area):
    page = app.test_client().get("/").get_data(as_text=True)
    assert "Boden" in page
    assert '<html lang="sv" dir="ltr">' in page


def test_account_requires_sign_in(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_account_page_for_signed_in(client, resident):
    sign_in_as(client, resident)
    assert client.get("/account").status_code == 200
