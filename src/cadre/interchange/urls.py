from django.urls import path

from cadre.interchange import views, views_adform, views_lrmx

app_name = "interchange"
urlpatterns = [
    path("roster/import/", views.roster_import, name="roster_import"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/status.json", views.batch_status, name="batch_status"),
    path("batches/<int:pk>/problems.xlsx", views.batch_problems, name="batch_problems"),
    path("batches/<int:pk>/commit/", views.batch_commit, name="batch_commit"),
    path("batches/<int:pk>/headers/", views.batch_headers, name="batch_headers"),
    path("batches/<int:pk>/discard/", views.batch_discard, name="batch_discard"),
    path("roster/export/", views.roster_export, name="roster_export"),
    path("lrmx/export/<int:cadre_id>/", views.lrmx_export, name="lrmx_export"),
    path("lrmx/export/", views_lrmx.lrmx_export_selection, name="lrmx_export_selection"),
    path("lrmx/import/", views_lrmx.lrmx_import, name="lrmx_import"),
    path("lrmx/batches/<int:pk>/", views_lrmx.lrmx_batch, name="lrmx_batch"),
    path("lrmx/batches/<int:pk>/commit/", views_lrmx.lrmx_commit, name="lrmx_commit"),
    path("lrmx/batches/<int:pk>/discard/", views_lrmx.lrmx_discard, name="lrmx_discard"),
    path("adform/<int:cadre_id>.docx", views_adform.adform_docx, name="adform_docx"),
    path("adform/<int:cadre_id>.pdf", views_adform.adform_pdf, name="adform_pdf"),
]
