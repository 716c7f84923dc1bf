from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("commendations.api.urls")),
    path("", include("commendations.urls")),
]
# MEDIA_ROOT is never served by URL, not even in DEBUG: files leave only through the views that
# check who may have them (commendations.web.http.stored_file_response).

handler400 = "commendations.web.views.bad_request"
handler403 = "commendations.web.views.permission_denied"
handler404 = "commendations.web.views.page_not_found"
handler500 = "commendations.web.views.server_error"
