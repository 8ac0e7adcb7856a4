"""/cadres/…: the roster, the profile, editing each part, and correction requests."""

from cadre.people import urls_corrections, urls_edit, urls_profile, urls_roster

app_name = "people"
urlpatterns = (
    urls_roster.urlpatterns
    + urls_profile.urlpatterns
    + urls_edit.urlpatterns
    + urls_corrections.urlpatterns
)
