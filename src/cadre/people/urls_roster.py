"""/cadres/ (the roster) and /cadres/search/ (quick search for the top bar)."""

from django.urls import path

from cadre.people.views import roster

urlpatterns = [
    path("", roster.roster, name="roster"),
    path("search/", roster.quick_search, name="quick_search"),
]
