from django.urls import include, path

urlpatterns = [
    path("", include("cadre.core.urls")),
    path("", include("cadre.accounts.urls")),
    path("accounts/", include("cadre.accounts.urls_admin")),
    path("units/", include("cadre.org.urls")),
    path("cadres/", include("cadre.people.urls")),
    path("audit/", include("cadre.core.audit_urls")),
    path("interchange/", include("cadre.interchange.urls")),
    path("analytics/", include("cadre.analytics.urls")),
    path("policy/", include("cadre.core.urls_policy")),
]

handler400 = "cadre.core.views.bad_request"
handler403 = "cadre.core.views.permission_denied"
handler404 = "cadre.core.views.page_not_found"
handler500 = "cadre.core.views.server_error"
