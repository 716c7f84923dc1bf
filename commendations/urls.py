from django.urls import path

from . import verification_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "xac-minh/<str:token>/",
        verification_views.certificate_verify,
        name="certificate_verify",
    ),
]
