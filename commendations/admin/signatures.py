from django.contrib import admin

from commendations.signatures.models import SignerCertificate, TrustRoot


@admin.register(TrustRoot)
class TrustRootAdmin(admin.ModelAdmin):
    list_display = ("name", "subject", "valid_to", "active")
    list_filter = ("active",)
    readonly_fields = ("subject", "fingerprint_sha256", "valid_from", "valid_to", "added_by")
    fields = ("name", "certificate_pem", "active", *readonly_fields)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SignerCertificate)
class SignerCertificateAdmin(admin.ModelAdmin):
    list_display = ("signer_name", "serial", "issuer", "valid_to", "active")
    list_filter = ("active",)
    search_fields = ("signer_name", "serial", "subject")
    readonly_fields = ("subject", "serial", "issuer", "fingerprint_sha256", "valid_to", "added_by")
    fields = ("signer_name", "certificate_pem", "active", *readonly_fields)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)
