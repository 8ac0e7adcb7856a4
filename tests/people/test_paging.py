import datetime as dt

from tests.factories import make_cadre


def test_given_more_matches_than_the_cap_when_listing_then_count_says_over(
    county, client, settings
):
    settings.ROSTER_COUNT_CAP = 2
    make_cadre(county.town_a, "王小明", birth=dt.date(1990, 1, 2))
    client.force_login(county.users["zzb"])
    html = client.get("/cadres/").content.decode()
    assert "超过 <strong>2</strong> 人" in html


def test_given_fewer_matches_than_the_cap_when_listing_then_exact_count(county, client):
    client.force_login(county.users["zzb"])
    html = client.get("/cadres/").content.decode()
    assert "共 <strong>2</strong> 人" in html
