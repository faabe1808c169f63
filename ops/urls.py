from django.urls import path

from ops import views

app_name = "ops"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("staff/status/", views.status_page, name="status"),
    path("staff/login/verify/", views.verify, name="verify"),
    path("staff/security/", views.security, name="security"),
    path("staff/security/authenticator/", views.enrol, name="enrol"),
    path("staff/security/authenticator/qr.png", views.enrol_qr, name="enrol_qr"),
    path("staff/security/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("staff/security/password/", views.password_change, name="password_change"),
    path("staff/users/", views.accounts, name="accounts"),
    path("staff/users/<int:pk>/reset-2fa/", views.account_reset_two_factor, name="account_reset_two_factor"),
    path("staff/audit/", views.audit_list, name="audit"),
    path("staff/audit/export.csv", views.audit_export, name="audit_export"),
]
