from django.urls import path

from cadre.interchange import views

app_name = "interchange"
urlpatterns = [
    path("roster/import/", views.roster_import, name="roster_import"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/problems.xlsx", views.batch_problems, name="batch_problems"),
    path("batches/<int:pk>/commit/", views.batch_commit, name="batch_commit"),
    path("batches/<int:pk>/discard/", views.batch_discard, name="batch_discard"),
    path("roster/export/", views.roster_export, name="roster_export"),
    path("lrmx/export/<int:cadre_id>/", views.lrmx_export, name="lrmx_export"),
    path("adform/<int:cadre_id>.docx", views.adform_docx, name="adform_docx"),
]
