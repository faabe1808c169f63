from django.urls import path

from inspection import views

app_name = "inspection"

urlpatterns = [
    path("staff/inspection/", views.dashboard, name="dashboard"),
    path("staff/inspection/marks/<slug:code>/", views.mark, name="mark"),
    path("staff/inspection/units/<int:pk>/", views.unit, name="unit"),
    path("staff/inspection/columns/", views.columns, name="columns"),
    path("staff/inspection/columns/<int:pk>/", views.column, name="column"),
    path("staff/inspection/columns/<int:pk>/rule/", views.column_rule, name="column_rule"),
    path("staff/inspection/runs/", views.runs, name="runs"),
    path("staff/inspection/runs/new/", views.run_now, name="run_now"),
    path("staff/inspection/runs/<int:pk>/report.pdf", views.run_report, name="run_report"),
]
