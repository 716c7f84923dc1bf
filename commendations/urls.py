from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("nominations/", views.nomination_list, name="nomination_list"),
    path("nominations/new/", views.nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", views.nomination_edit, name="nomination_edit"),
    path(
        "nominations/<int:pk>/do/<slug:name>/",
        views.nomination_transition,
        name="nomination_transition",
    ),
    path("nominations/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/recommend/", views.review_bulk_recommend, name="review_bulk_recommend"),
    path("forward/", views.forward_queue, name="forward_queue"),
    path("forward/send/", views.forward_bulk, name="forward_bulk"),
    path("director/", views.director_queue, name="director_queue"),
    path("ministry/", views.ministry_queue, name="ministry_queue"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/issue/", views.decision_issue, name="decision_issue"),
]
