"""Permission-matrix entries of the privacy app: the processing log and the settings
are the agency's data protection officer's and admins' ("officer_page": each sees
their own agency's; every other role gets 403)."""

HTML = {
    "access_log": ("get", lambda f: {}, lambda f: {"client_id": f.client.pk}, "officer_page", None),
    "access_log_csv": ("get", lambda f: {}, None, "officer_page", None),
    "privacy_settings": ("post", lambda f: {}, lambda f: {"unusual_reading_margin": 30},
                         "officer_page", None),
}  # fmt: skip

API = {
    ("GET", "/access-log"): (lambda f: {}, None, "officer_page", None),
}
