"""The sign-in backend: Django's ModelBackend, whose user comes with its membership.

`get_user` runs on every request (the session names the user): selecting the
membership and its agency in the same query saves the query `membership_of` made on
nearly every page. It replaces ModelBackend in the settings: a session signed in
through that one is no longer read, so whoever was signed in signs in once again.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MembershipBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("membership__agency").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
