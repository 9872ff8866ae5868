"""Every login, whatever the path (login form, admin, tests), is tied to its session so that
deactivating a user or resetting her second factor can end it."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .models import LoginSession
from .services import login_session_record


@receiver(user_logged_in, dispatch_uid="accounts_record_session")
def record_session(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    login_session_record(user=user, session_key=request.session.session_key)


@receiver(user_logged_out, dispatch_uid="accounts_forget_session")
def forget_session(sender, request, user, **kwargs) -> None:
    if request is not None and getattr(request, "session", None) is not None:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()
