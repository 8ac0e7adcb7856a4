"""/audit/: the audit log (审计管理员 only)."""

from django.urls import path

from cadre.core import views_audit

app_name = "audit"
urlpatterns = [
    path("", views_audit.audit_list, name="list"),
    path("<int:pk>/", views_audit.audit_detail, name="detail"),
]
