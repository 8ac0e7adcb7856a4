from django.urls import path

from cadre.analytics.views import query, report, structure, warnings

app_name = "analytics"
urlpatterns = [
    path("", structure.index, name="index"),
    path("query/", query.builder, name="query"),
    path("query/fields.json", query.fields_json, name="query_fields"),
    path("query/results/", query.results, name="results"),
    path("query/saved/", query.saved_list, name="saved_list"),
    path("query/saved/new/", query.saved_create, name="saved_create"),
    path("query/saved/<int:pk>/", query.saved_run, name="saved_run"),
    path("query/saved/<int:pk>/edit/", query.saved_edit, name="saved_edit"),
    path("query/saved/<int:pk>/share/", query.saved_share, name="saved_share"),
    path("query/saved/<int:pk>/delete/", query.saved_delete, name="saved_delete"),
    path("structure/", structure.dashboard, name="structure"),
    path("teams/", structure.teams_page, name="teams"),
    path("report/", report.report, name="report"),
    path("report.xlsx", report.report_xlsx, name="report_xlsx"),
    path("warnings/", warnings.centre, name="warnings"),
    path("warnings/summary/", warnings.summary, name="warnings_summary"),
    path("warnings/rescan/", warnings.rescan, name="warnings_rescan"),
]
