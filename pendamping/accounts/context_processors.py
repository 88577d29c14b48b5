from . import access


def membership(request):
    m = access.membership_of(getattr(request, "user", None))
    return {
        "membership": m,
        "role": m.role if m else None,
        "can_write": access.can_write(request.user) if m else False,
    }
