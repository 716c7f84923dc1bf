from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("commendations.api.urls")),
    path("", include("commendations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "commendations.web.views.bad_request"
handler403 = "commendations.web.views.permission_denied"
handler404 = "commendations.web.views.page_not_found"
handler500 = "commendations.web.views.server_error"
