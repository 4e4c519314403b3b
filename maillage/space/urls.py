"""Mounted at the root: the person's pages under /space/, the case manager's under
/cases/<case_id>/space/, and a team lead's read with a purpose at /cases/purpose/."""

from django.urls import path

from . import views

app_name = "space"
urlpatterns = [
    # The person (or their legal representative)
    path("space/", views.home, name="home"),
    path("space/code/", views.code, name="code"),
    path("space/invitation/<str:token>/", views.invitation, name="invitation"),
    path("space/activate/", views.activate, name="activate"),
    path("space/access/", views.access_log, name="access_log"),
    path("space/export/", views.export, name="export"),
    path("space/export.json", views.export_json, name="export_json"),
    path("space/export.pdf", views.export_pdf, name="export_pdf"),
    path("space/<uuid:case_id>/goals/", views.goals, name="goals"),
    path("space/<uuid:case_id>/plan/", views.plan, name="plan"),
    path("space/<uuid:case_id>/crisis/", views.crisis, name="crisis"),
    path("space/<uuid:case_id>/network/", views.network, name="network"),
    path("space/<uuid:case_id>/sharing/", views.sharing, name="sharing"),
    path("space/<uuid:case_id>/sharing/change/", views.wish, name="wish"),
    # The case manager
    path("cases/purpose/", views.purpose, name="purpose"),
    path("cases/<uuid:case_id>/space/", views.manage, name="manage"),
    path("cases/<uuid:case_id>/space/print/", views.print_space, name="print"),
    path("cases/<uuid:case_id>/space/print.pdf", views.print_space_pdf, name="print_pdf"),
    path(
        "cases/<uuid:case_id>/space/wishes/<uuid:wish_id>/", views.answer_wish, name="answer_wish"
    ),
    path(
        "cases/<uuid:case_id>/space/accounts/<int:account_id>/end/",
        views.end_account,
        name="end_account",
    ),
]
