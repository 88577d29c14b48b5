"""The interface language: Bahasa Indonesia for everyone until a user chooses English,
and then English wherever that user logs in (DESIGN.md: Language).

The browser's Accept-Language is never consulted: an office computer set to English
does not make the interface English for a social worker who did not ask for it."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

LANGUAGES = dict(settings.LANGUAGES)


def language_for(request) -> str:
    """The user's own choice, else the choice kept in the cookie, else Indonesian."""
    user = getattr(request, "user", None)
    chosen = getattr(user, "language", "") if getattr(user, "is_authenticated", False) else ""
    chosen = chosen or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in LANGUAGES else settings.LANGUAGE_CODE


def activate_for(request) -> str:
    """Activate `language_for(request)` for the rest of the request (the middleware, and
    the API once its bearer token has named the user)."""
    language = language_for(request)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


class LanguageMiddleware:
    """Activates `language_for(request)`; replaces Django's LocaleMiddleware (which
    falls back to Accept-Language). Sits after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_for(request)
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        # the language in force at the end (a bearer token may have named the user since)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


@require_POST
def set_language(request):
    """The header's language switch: kept in a cookie and, for a logged-in user, on the
    user, so the choice follows them to another browser."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in LANGUAGES:
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )  # fmt: skip
    return response
