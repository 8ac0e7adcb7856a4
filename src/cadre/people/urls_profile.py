"""/cadres/<id>/…: the profile (任免审批表), its tabs, the photo and the ID number."""

from django.urls import path

from cadre.people.views import profile

urlpatterns = [
    path("<int:pk>/", profile.profile, name="profile"),
    path("<int:pk>/tab/<slug:name>/", profile.tab, name="profile_tab"),
    path("<int:pk>/photo/", profile.photo, name="photo"),
    path("<int:pk>/id-number/", profile.id_number, name="id_number"),
]
