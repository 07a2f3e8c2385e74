from django.contrib.auth import views as auth_views
from django.urls import path

from contracts import account_views, clause_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/", account_views.account, name="account"),
    path("accounts/email/", account_views.account_email, name="account_email"),
    path("accounts/delete/", account_views.account_delete, name="account_delete"),
    path("accounts/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("drafts/", views.draft_list, name="draft_list"),
    path("drafts/new/", views.draft_new, name="draft_new"),
    path("drafts/<int:pk>/step/<slug:step>/", views.draft_step, name="draft_step"),
    path("drafts/<int:pk>/review/", views.draft_review, name="draft_review"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("drafts/<int:pk>/rename/", views.draft_rename, name="draft_rename"),
    path("drafts/<int:pk>/duplicate/", views.draft_duplicate, name="draft_duplicate"),
    path("drafts/<int:pk>/export/", views.draft_export, name="draft_export"),
    path("drafts/<int:pk>/preview/", views.draft_preview, name="draft_preview"),
    path("drafts/import/", views.draft_import, name="draft_import"),
    path("drafts/<int:pk>/key-dates.ics", views.draft_key_dates, name="draft_key_dates"),
    path("drafts/<int:pk>/risk-review.pdf", views.draft_risk_pdf, name="draft_risk_pdf"),
    path("drafts/<int:pk>/hints/", views.draft_hints, name="draft_hints"),
    path("drafts/<int:pk>/positions/", views.draft_positions, name="draft_positions"),
    path("drafts/<int:pk>/stance/", views.draft_stance, name="draft_stance"),
    path("drafts/<int:pk>/generate/", views.draft_generate, name="draft_generate"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("vendors/", views.vendor_list, name="vendor_list"),
    path("compare/", views.offer_compare, name="offer_compare"),
    path("compare/choose/<int:pk>/", views.offer_choose, name="offer_choose"),
    path("contracts/<int:pk>/download/", views.contract_download, name="contract_download"),
    path("contracts/<int:pk>/changes/", clause_views.contract_changes, name="contract_changes"),
]
