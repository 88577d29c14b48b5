"""Ends a user's API tokens when their web session ends or the account is deactivated.

A password change needs no signal: each token is bound to the password it was issued
under (ApiToken.auth_hash), so a new password ends them all by itself.
"""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from pendamping.web import SessionRefreshMiddleware

from .models import ApiToken, User


@receiver(user_logged_out, dispatch_uid="accounts.tokens_end_on_logout")
def tokens_end_on_logout(sender, request, user, **kwargs):
    if user is not None:
        ApiToken.revoke_all(user)


@receiver(post_save, sender=User, dispatch_uid="accounts.tokens_end_on_deactivation")
def tokens_end_on_deactivation(sender, instance, **kwargs):
    if not instance.is_active:
        ApiToken.revoke_all(instance)


@receiver(user_logged_in, dispatch_uid="accounts.session_slid_at_login")
def session_slid_at_login(sender, request, user, **kwargs):
    # a login saves the session with a fresh expiry: the next slide is due a
    # SESSION_REFRESH_SECONDS later (pendamping.web.SessionRefreshMiddleware)
    request.session[SessionRefreshMiddleware.KEY] = int(time.time())
